/**
 * Helpers shared by the integration suites: a fake LiteLLM proxy started inside this extension host, settings written
 * to the throwaway user profile, commands called with argument objects, and polling for what VS Code does
 * asynchronously. Every wait is bounded.
 */
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LiteLLMImagesApi } from '../../src/extension/extension';
import type { ImageCommandResult } from '../../src/extension/imageJob';
import { Commands, EXTENSION_ID, SECTION } from '../../src/extension/ids';
import { FakeLitellm, FakeLitellmOptions } from '../fixtures/fakeLitellm';

export const MASTER_KEY = 'sk-master-test';

export async function startFake(opts: FakeLitellmOptions = {}): Promise<FakeLitellm> {
  const fake = new FakeLitellm(opts);
  await fake.start();
  return fake;
}

const TOUCHED = new Set<string>();

/** Sets `litellm.*` settings in the user settings (keys relative to `litellm`). */
/** A 127.0.0.1 port nothing listens on (it was free a moment ago and is closed again). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function setSettings(values: Record<string, unknown>): Promise<void> {
  const c = vscode.workspace.getConfiguration(SECTION);
  for (const [key, value] of Object.entries(values)) {
    TOUCHED.add(key);
    if (c.inspect(key)?.globalValue !== value) await c.update(key, value, vscode.ConfigurationTarget.Global);
  }
}

/** The settings `useFake` writes: kept between the tests of a suite (each settings write costs a save). */
const FAKE_SETTINGS = ['baseUrl', 'image.openAfterSave', 'image.timeoutMs'];

/**
 * Removes the settings a test set, from the user and workspace settings. `all: false` (between tests) keeps the
 * connection settings of `useFake`, which the next test's `useFake` would write again anyway.
 */
export async function resetSettings(opts: { all?: boolean } = { all: true }): Promise<void> {
  const c = vscode.workspace.getConfiguration(SECTION);
  for (const key of TOUCHED) {
    if (!opts.all && FAKE_SETTINGS.includes(key)) continue;
    const where = c.inspect(key);
    if (where?.globalValue !== undefined) await c.update(key, undefined, vscode.ConfigurationTarget.Global);
    if (where?.workspaceValue !== undefined)
      await c.update(key, undefined, vscode.ConfigurationTarget.Workspace);
  }
  if (opts.all) TOUCHED.clear();
  else for (const key of [...TOUCHED]) if (!FAKE_SETTINGS.includes(key)) TOUCHED.delete(key);
}

/** Points the extension at `fake` (any local proxy) with a stored key (or none), files opened off unless a test wants them. */
export async function useFake(fake: { baseUrl: string }, key: string | null = MASTER_KEY): Promise<void> {
  await setSettings({ baseUrl: fake.baseUrl, 'image.openAfterSave': false, 'image.timeoutMs': 20_000 });
  // setSettings writes only what differs, so a test that changed one of these (a short timeout, another proxy)
  // gets it put back here.
  await vscode.commands.executeCommand(Commands.clearApiKey);
  if (key) {
    const r = await vscode.commands.executeCommand<{ stored?: boolean }>(Commands.setApiKey, { key });
    assert.equal(r?.stored, true, 'the key was stored');
  }
}

/** The image requests (generations and edits) a fake proxy received: what "nothing was sent" counts. */
export function imagePosts(fake: FakeLitellm): FakeLitellm['requests'] {
  return fake.requests.filter((q) => q.method === 'POST' && /\/images\//.test(q.path));
}

export function generate(args: Record<string, unknown>): Thenable<ImageCommandResult> {
  return vscode.commands.executeCommand<ImageCommandResult>(Commands.generateImage, args);
}

export function edit(args: Record<string, unknown>): Thenable<ImageCommandResult> {
  return vscode.commands.executeCommand<ImageCommandResult>(Commands.editImage, args);
}

export async function extensionApi(): Promise<LiteLLMImagesApi> {
  const ext = vscode.extensions.getExtension<LiteLLMImagesApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  return ext.activate();
}

export function workspaceFolder(index = 0): string {
  const f = vscode.workspace.workspaceFolders?.[index];
  assert.ok(f, `workspace folder ${index} is open`);
  return f.uri.fsPath;
}

/** A fresh, empty folder inside the workspace for one test's output. */
export async function freshFolder(name: string, root = workspaceFolder()): Promise<string> {
  const dir = path.join(root, 'out', `${name}-${Date.now().toString(36)}`);
  await fs.mkdir(dir, { recursive: true });
  return dir;
}

export async function listFiles(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).sort();
  } catch {
    return [];
  }
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function openDocument(
  file: string,
  content: string,
  language?: string,
): Promise<vscode.TextEditor> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, content);
  const doc = await vscode.workspace.openTextDocument(file);
  const typed = language ? await vscode.languages.setTextDocumentLanguage(doc, language) : doc;
  return vscode.window.showTextDocument(typed);
}

/** Closes every editor; documents the tests changed are saved first, so no "Save changes?" dialog can block. */
export async function closeAllEditors(): Promise<void> {
  await vscode.workspace.saveAll(false);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The URIs of every open tab (text and custom editors such as the image preview). */
export function openTabUris(): string[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .map((t) => t.input)
    .map((i) =>
      i instanceof vscode.TabInputText || i instanceof vscode.TabInputCustom ? i.uri.fsPath : undefined,
    )
    .filter((u): u is string => Boolean(u));
}

/**
 * The usual suite setup: one fake proxy for the describe block, pointed at (with the master key) before each test,
 * editors closed and settings reset after each. Returns a getter for the fake.
 */
export function withFakeProxy(opts: FakeLitellmOptions = {}): () => FakeLitellm {
  let fake: FakeLitellm | undefined;
  before(async () => {
    fake = await startFake(opts);
  });
  beforeEach(async () => {
    fake!.reset();
    await useFake(fake!);
  });
  afterEach(async () => {
    await closeAllEditors();
    await resetSettings({ all: false });
  });
  after(async () => {
    await resetSettings();
    await fake?.stop();
  });
  return () => fake!;
}
