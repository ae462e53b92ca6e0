/**
 * The extension-host half of `npm run bench:activation` (bench/activation.mjs): VS Code loads this bundle
 * (out/bench/activationHost.js) as `extensionTestsPath` in a fresh window and calls `run()`. It measures once per
 * window, so every figure is taken in an extension host process that has never loaded the extension or its core:
 *
 * - every window: `getExtension(...).activate()` (the extension must not be active before), then checks that
 *   activation left dist/core.js unloaded;
 * - window kind `eager`: a `require` of the extension's dist/core.js right after activation, which is what
 *   activation would also pay if the core were loaded eagerly;
 * - window kind `command`: the first `litellm.generateImage` against the fake proxy, then a second one (everything
 *   loaded) for comparison. The first is the window's first command (the key comes from LITELLM_API_KEY, not from
 *   Set API Key), so it pays for everything a user's first Generate Image loads: dist/commands.js and dist/core.js. The fake proxy (dist/demo-server.js) runs in the runner's
 *   process tree, not in this host: started here, it would load node:http, node:net and node:crypto into the host
 *   before the first command and so make that command's core load look cheaper than a user's.
 *
 * The figures go to the JSON file named by LITELLM_BENCH_RESULT; a failed check throws (the window exits with 1).
 */
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as inspector from 'node:inspector';
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { LiteLLMImagesApi } from '../src/extension/extension';
import { Commands, EXTENSION_ID, SECTION } from '../src/extension/ids';
import type { ImageCommandResult } from '../src/extension/imageJob';

export type WindowKind = 'eager' | 'command';

export interface WindowResult {
  kind: WindowKind;
  vscodeVersion: string;
  node: string;
  pid: number;
  /** Node's module compile cache folder in this host, if one is enabled (it would make `require` warm). */
  compileCacheDir: string | null;
  /** Idle wait between the window's start and the measurements (the workbench is still loading before it). */
  settleMs: number;
  activationMs: number;
  /** Of activationMs: compiling and running dist/extension.js (Node's loader, timed by a hook). */
  extensionModuleMs?: number;
  /** kind `eager`: the time to `require` dist/core.js right after activation. */
  coreRequireMs?: number;
  /** kind `command`: the first generateImage (includes loading the core), and the next one. */
  firstCommandMs?: number;
  secondCommandMs?: number;
  /** Of firstCommandMs: compiling and running dist/core.js when the extension loads it. */
  coreModuleInCommandMs?: number;
  /** Of firstCommandMs: compiling and running dist/commands.js (Generate, Edit, the prompt box, the image job). */
  commandsModuleInCommandMs?: number;
}

/** Bounds every awaited step: a window that hangs fails instead of waiting for the runner's timeout. */
const STEP_TIMEOUT_MS = 30_000;

function bounded<T>(what: string, p: Thenable<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} took more than ${STEP_TIMEOUT_MS} ms`)),
      STEP_TIMEOUT_MS,
    );
  });
  return Promise.race([Promise.resolve(p), timeout]).finally(() => clearTimeout(timer));
}

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run through bench/activation.mjs)`);
  return v;
}

type JsLoader = (this: unknown, module: unknown, filename: string) => unknown;

/**
 * Times Node's CommonJS `.js` loader (read, compile, run) for the given files while installed: the part of
 * `activate()` and of the first command that is the bundle itself rather than VS Code's own work around it.
 */
function timeModuleLoads(files: string[]): { times: Map<string, number>; uninstall: () => void } {
  const extensions = (nodeModule as unknown as { _extensions: Record<string, JsLoader> })._extensions;
  const original = extensions['.js'];
  const times = new Map<string, number>();
  extensions['.js'] = function (this: unknown, module: unknown, filename: string) {
    if (!files.includes(filename)) return original.call(this, module, filename);
    const t = performance.now();
    try {
      return original.call(this, module, filename);
    } finally {
      times.set(filename, performance.now() - t);
    }
  };
  return { times, uninstall: () => void (extensions['.js'] = original) };
}

/**
 * `--profile`: a CPU profile of `activate()` from V8's sampling profiler in this very host (an in-process inspector
 * session), to see which part is the extension's own code and which is VS Code's around it. Sampling slows the
 * activation down, so a profiled run's timings are not the bench's figures.
 */
async function startProfile(): Promise<{ stop: () => Promise<object> }> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<Record<string, unknown>>((resolve, reject) =>
      session.post(method, params, (err, result) =>
        err ? reject(err) : resolve(result as Record<string, unknown>),
      ),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await post('Profiler.stop');
      session.disconnect();
      return profile as object;
    },
  };
}

async function timeGenerate(prompt: string, folder: string): Promise<number> {
  const started = performance.now();
  const r = await bounded(
    Commands.generateImage,
    vscode.commands.executeCommand<ImageCommandResult>(Commands.generateImage, {
      prompt,
      folder,
      open: false,
    }),
  );
  const ms = performance.now() - started;
  assert.equal(r?.status, 'done', `generateImage finished: ${JSON.stringify(r)}`);
  assert.equal(r.files.length, 1, 'one image was saved');
  return ms;
}

export async function run(): Promise<void> {
  const kind = env('LITELLM_BENCH_KIND') as WindowKind;
  assert.ok(kind === 'eager' || kind === 'command', `unknown window kind ${kind}`);
  const resultFile = env('LITELLM_BENCH_RESULT');
  const settleMs = Number(process.env.LITELLM_BENCH_SETTLE_MS ?? 0);
  if (settleMs > 0) await new Promise((r) => setTimeout(r, settleMs));

  const ext = vscode.extensions.getExtension<LiteLLMImagesApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this window`);
  assert.equal(ext.isActive, false, 'the extension is not active before the benchmark activates it');
  const corePath = path.join(ext.extensionPath, 'dist', 'core.js');
  const commandsPath = path.join(ext.extensionPath, 'dist', 'commands.js');
  const extensionPath = path.join(ext.extensionPath, 'dist', 'extension.js');
  for (const file of [extensionPath, commandsPath, corePath])
    assert.equal(require.cache[file], undefined, `${path.basename(file)} was not loaded yet`);

  const loads = timeModuleLoads([extensionPath, commandsPath, corePath]);
  const profile = process.env.LITELLM_BENCH_PROFILE ? await startProfile() : undefined;
  const started = performance.now();
  const api = await bounded('activate()', ext.activate());
  const activationMs = performance.now() - started;
  if (profile) await fs.writeFile(env('LITELLM_BENCH_PROFILE'), JSON.stringify(await profile.stop()));
  assert.equal(api.isCoreLoaded(), false, 'activation does not load dist/core.js');
  assert.equal(require.cache[commandsPath], undefined, 'activation does not load dist/commands.js');

  // Node 22.1+ (the host runs Node 24); @types/node here is 20.
  const { getCompileCacheDir } = nodeModule as { getCompileCacheDir?: () => string | undefined };
  const result: WindowResult = {
    kind,
    vscodeVersion: vscode.version,
    node: process.version,
    pid: process.pid,
    compileCacheDir: getCompileCacheDir?.() || null,
    settleMs,
    activationMs,
    extensionModuleMs: loads.times.get(extensionPath),
  };
  try {
    await measure(kind, api, { core: corePath, commands: commandsPath }, result);
    if (kind === 'command') {
      result.coreModuleInCommandMs = loads.times.get(corePath);
      result.commandsModuleInCommandMs = loads.times.get(commandsPath);
    }
  } finally {
    loads.uninstall();
  }
  await fs.writeFile(resultFile, JSON.stringify(result, null, 2) + '\n');
}

async function measure(
  kind: WindowKind,
  api: LiteLLMImagesApi,
  bundles: { core: string; commands: string },
  result: WindowResult,
): Promise<void> {
  if (kind === 'eager') {
    // The extension's own loader has not run, and no other module required this file: a cold require of the very
    // file the extension would load (a fresh process per window, so nothing is cached).
    const requireFromHere = nodeModule.createRequire(__filename);
    const t = performance.now();
    const core = requireFromHere(bundles.core) as Record<string, unknown>;
    result.coreRequireMs = performance.now() - t;
    assert.ok(Object.keys(core).length > 0, 'dist/core.js exports something');
  } else {
    const folder = path.join(env('LITELLM_BENCH_WORKSPACE'), 'bench-out');
    await fs.mkdir(folder, { recursive: true });
    const c = vscode.workspace.getConfiguration(SECTION);
    await c.update('baseUrl', env('LITELLM_BENCH_PROXY'), vscode.ConfigurationTarget.Global);
    await c.update('image.openAfterSave', false, vscode.ConfigurationTarget.Global);
    await c.update('image.timeoutMs', 20_000, vscode.ConfigurationTarget.Global);
    assert.ok(
      process.env.LITELLM_API_KEY,
      'the key is in the environment (no command runs before the first one)',
    );
    assert.equal(api.isCoreLoaded(), false, 'the settings do not load the core');
    assert.equal(require.cache[bundles.commands], undefined, 'the settings do not load dist/commands.js');
    result.firstCommandMs = await timeGenerate('a lighthouse at dusk', folder);
    assert.equal(api.isCoreLoaded(), true, 'the first image command loaded the core');
    assert.ok(require.cache[bundles.commands], 'the first image command loaded dist/commands.js');
    result.secondCommandMs = await timeGenerate('a lighthouse at dawn', folder);
  }
}
