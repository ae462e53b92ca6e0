// Hostile repositories (issue 9, items 1, 2 and 14) inside a real extension host: a cloned repository controls the
// files in the workspace (provenance inside PNGs, symbolic links) and its .vscode/settings.json. It must not be able
// to make the extension upload a file from outside the workspace, write outside it, or spend on images the user did
// not see the count of. The fake proxy records every request, so "nothing was sent" is checked, not assumed.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { embedPngProvenance, type Provenance } from '../../../src/core/provenance';
import type { StudioState } from '../../../src/shared/studio/protocol';
import { Commands, SECTION } from '../../../src/extension/ids';
import type { ImageCommandResult } from '../../../src/extension/imageJob';
import { imageId } from '../../../src/extension/studio/studioImages';
import type { StudioProbe } from '../../../src/extension/studio/studioPanel';
import { integrationEnv } from '../env';
import { encodePng } from '../../fixtures/png';
import {
  edit,
  extensionApi,
  freshFolder,
  imagePosts,
  generate,
  listFiles,
  setSettings,
  waitFor,
  withFakeProxy,
  workspaceFolder,
} from '../support';

const png = (shade: number) => encodePng(8, 8, Buffer.alloc(8 * 8 * 4, shade));

/** A PNG whose embedded provenance says whatever a repository wants it to. */
function crafted(p: Partial<Provenance>): Buffer {
  return embedPngProvenance(png(0x40), {
    tool: 'litellm-images',
    operation: 'edit',
    prompt: 'a harmless looking edit',
    model: 'gpt-image-1',
    parameters: {},
    createdAt: new Date().toISOString(),
    ...p,
  });
}

/** A fresh folder outside the workspace, with a "private" image in it. */
async function outsideFolder(name: string): Promise<{ dir: string; secret: string }> {
  const dir = path.join(integrationEnv().scratch, `${name}-${Date.now().toString(36)}`);
  await fs.mkdir(dir, { recursive: true });
  const secret = path.join(dir, 'passport.png');
  await fs.writeFile(secret, png(0xee));
  return { dir, secret };
}

async function setWorkspaceOutputFolder(value: string | undefined): Promise<void> {
  await vscode.workspace
    .getConfiguration(SECTION)
    .update('image.outputFolder', value, vscode.ConfigurationTarget.Workspace);
}

describe('hostile repositories: item 1, paths from provenance, messages, drops and arguments', () => {
  const proxy = withFakeProxy();
  let studio: StudioProbe;
  let folder: string;
  let outside: { dir: string; secret: string };
  const state = (): StudioState => studio.state();

  beforeEach(async () => {
    folder = await freshFolder('paths');
    outside = await outsideFolder('item1');
    await setSettings({ 'image.outputFolder': path.relative(workspaceFolder(), folder) });
    await vscode.commands.executeCommand(Commands.openStudio);
    const api = await extensionApi();
    studio = await waitFor('the Studio panel', () => api.studio());
    await studio.receive({ type: 'dismissError' });
    for (const r of state().references) await studio.receive({ type: 'removeReference', id: r.id });
  });

  /** Writes a crafted image into the history folder, lists the history, and re-runs it from its card. */
  async function rerun(name: string, p: Partial<Provenance>): Promise<string> {
    const file = path.join(folder, name);
    await fs.writeFile(file, crafted(p));
    await studio.receive({ type: 'refreshHistory' });
    await studio.receive({ type: 'dismissError' });
    await studio.receive({ type: 'imageAction', action: 'rerun', id: imageId(file) });
    return state().error?.message ?? '';
  }

  it('re-running an image whose provenance names ../, absolute or linked references (or mask) outside sends nothing and writes nothing', async () => {
    await fs.writeFile(path.join(folder, 'good.png'), png(0x80));
    await fs.symlink(outside.secret, path.join(folder, 'innocent.png'));
    const cases: { name: string; p: Partial<Provenance>; named: string; why: RegExp }[] = [
      {
        name: 'dotdot.png',
        p: { references: [path.relative(folder, outside.secret)] },
        named: outside.secret,
        why: /outside the workspace folders/,
      },
      {
        name: 'absolute.png',
        p: { references: [outside.secret] },
        named: outside.secret,
        why: /outside the workspace folders/,
      },
      {
        name: 'linked.png',
        p: { references: ['innocent.png'] },
        named: path.join(folder, 'innocent.png'),
        why: /symbolic link \(to .*passport\.png\)/,
      },
      {
        name: 'mask-outside.png',
        p: { references: ['good.png'], mask: path.relative(folder, outside.secret) },
        named: outside.secret,
        why: /outside the workspace folders/,
      },
      {
        name: 'mask-linked.png',
        p: { references: ['good.png'], mask: 'innocent.png' },
        named: path.join(folder, 'innocent.png'),
        why: /symbolic link/,
      },
    ];
    const before = await listFiles(outside.dir);
    for (const c of cases) {
      const message = await rerun(c.name, c.p);
      assert.ok(message.includes(c.named), `${c.name}: the message names ${c.named}: ${message}`);
      assert.match(message, c.why, c.name);
      assert.deepEqual(imagePosts(proxy()), [], `${c.name}: nothing reached the proxy`);
    }
    assert.deepEqual(await listFiles(outside.dir), before, 'nothing was written outside');
    assert.equal(state().job, undefined);

    // The same re-run with a reference inside the workspace does go out (the refusals above are not vacuous).
    const message = await rerun('fine.png', { references: ['good.png'] });
    assert.equal(message, '');
    assert.equal(imagePosts(proxy()).length, 1);
    assert.deepEqual(await listFiles(outside.dir), before);
  });

  it('Load settings, a drop and "use as reference" refuse a workspace file that links outside', async () => {
    const link = path.join(folder, 'innocent.png');
    await fs.symlink(outside.secret, link);
    const image = path.join(folder, 'settings.png');
    await fs.writeFile(image, crafted({ references: ['innocent.png'] }));
    // The history lists no link that leads out, so a card to "use as reference" is a file swapped for one later.
    const swapped = path.join(folder, 'swapped.png');
    await fs.writeFile(swapped, png(0x20));
    await studio.receive({ type: 'refreshHistory' });
    await fs.rm(swapped);
    await fs.symlink(outside.secret, swapped);
    await studio.receive({ type: 'imageAction', action: 'loadSettings', id: imageId(image) });
    await waitFor('the refusal', () => state().error);
    assert.ok(state().error!.message.includes(link), state().error!.message);
    assert.deepEqual(state().references, []);

    await studio.receive({ type: 'dismissError' });
    await studio.receive({ type: 'dropReferences', uris: [vscode.Uri.file(link).toString()] });
    assert.match(state().error?.message ?? '', /symbolic link \(to .*passport\.png\)/);
    assert.deepEqual(state().references, []);

    await studio.receive({ type: 'dismissError' });
    await studio.receive({ type: 'imageAction', action: 'useAsReference', id: imageId(swapped) });
    assert.match(state().error?.message ?? '', /symbolic link/);
    assert.deepEqual(state().references, []);
    assert.deepEqual(imagePosts(proxy()), []);
  });

  it('the history leaves out a planted link to an image outside the workspace and never reads its provenance', async () => {
    await fs.writeFile(path.join(folder, 'good.png'), crafted({ prompt: 'made in the workspace' }));
    // The outside image carries provenance of its own: if the host read it through the link, Load settings would
    // bring its prompt into the composer.
    const secret = path.join(outside.dir, 'private.png');
    await fs.writeFile(secret, crafted({ prompt: 'a private prompt from outside' }));
    const link = path.join(folder, 'passport.png');
    await fs.symlink(secret, link);
    // A link that stays inside the workspace is an image like any other.
    await fs.symlink(path.join(folder, 'good.png'), path.join(folder, 'alias.png'));

    await studio.receive({ type: 'refreshHistory' });
    const history = studio.history();
    assert.equal(history?.status, 'ready', JSON.stringify(history));
    assert.deepEqual(history.items.map((c) => c.name).sort(), ['alias.png', 'good.png']);
    assert.ok(!history.items.some((c) => c.id === imageId(link)), 'no card for the link');

    await studio.receive({ type: 'draft', draft: { prompt: 'my own draft', model: '', options: {} } });
    await studio.receive({ type: 'imageAction', action: 'loadSettings', id: imageId(link) });
    assert.equal(state().draft.prompt, 'my own draft', 'the outside file’s provenance was not read');
    await studio.receive({
      type: 'imageAction',
      action: 'loadSettings',
      id: imageId(path.join(folder, 'alias.png')),
    });
    assert.equal(
      state().draft.prompt,
      'made in the workspace',
      'the link inside was read (the check is not vacuous)',
    );
    assert.deepEqual(imagePosts(proxy()), []);
  });

  it('Edit Image refuses images/mask arguments and a menu resource that lead outside, by name, before anything is sent', async () => {
    const good = path.join(folder, 'good.png');
    await fs.writeFile(good, png(0x80));
    const link = path.join(folder, 'innocent.png');
    await fs.symlink(outside.secret, link);
    const attempts: [Record<string, unknown>, string][] = [
      [{ images: [outside.secret], prompt: 'x' }, outside.secret],
      // Not normalized: the argument as a task or keybinding would pass it.
      [{ images: [`${folder}/${path.relative(folder, outside.secret)}`], prompt: 'x' }, 'passport.png'],
      [{ images: [vscode.Uri.file(link).toString()], prompt: 'x' }, link],
      [{ images: [good], mask: outside.secret, prompt: 'x' }, outside.secret],
      [{ images: [good], mask: link, prompt: 'x' }, link],
    ];
    for (const [args, named] of attempts) {
      const r = await edit(args);
      assert.equal(r.status, 'failed', JSON.stringify(args));
      assert.equal(r.error?.kind, 'input');
      assert.ok(r.error!.message.includes(named), r.error!.message);
    }
    // As the Explorer passes it: refused before the mask picker or the prompt box would open.
    const fromMenu = await vscode.commands.executeCommand<ImageCommandResult>(
      Commands.editImage,
      vscode.Uri.file(link),
      [vscode.Uri.file(link)],
    );
    assert.equal(fromMenu.status, 'failed');
    assert.match(fromMenu.error?.message ?? '', /symbolic link/);
    assert.deepEqual(imagePosts(proxy()), []);
    assert.deepEqual((await listFiles(folder)).sort(), ['good.png', 'innocent.png']);
  });
});

describe('hostile repositories: item 2, output folder', () => {
  const proxy = withFakeProxy();
  let outside: { dir: string; secret: string };

  beforeEach(async () => {
    outside = await outsideFolder('item2');
  });
  afterEach(async () => {
    await setWorkspaceOutputFolder(undefined);
  });

  async function refused(r: ImageCommandResult, named: string, why: RegExp): Promise<void> {
    assert.equal(r.status, 'failed');
    assert.equal(r.error?.kind, 'input');
    assert.ok(r.error!.message.includes(named), r.error!.message);
    assert.match(r.error!.message, why);
    assert.deepEqual(imagePosts(proxy()), [], 'nothing reached the proxy');
  }

  it('refuses a workspace-level ../x, an absolute path and a folder through a linked images/ before sending', async () => {
    const escaped = `escaped-${Date.now().toString(36)}`;
    const linkName = `images-${Date.now().toString(36)}`;
    await fs.symlink(outside.dir, path.join(workspaceFolder(), linkName));
    const cases: [string, string, RegExp][] = [
      [`../${escaped}`, path.resolve(workspaceFolder(), '..', escaped), /outside the workspace folder/],
      [outside.dir, outside.dir, /outside the workspace folder/],
      [`${linkName}/generated`, path.join(workspaceFolder(), linkName, 'generated'), /symbolic link/],
    ];
    for (const [value, named, why] of cases) {
      await setWorkspaceOutputFolder(value);
      await refused(await generate({ prompt: 'a cat' }), named, why);
    }
    await fs.rm(path.join(workspaceFolder(), linkName));
    assert.deepEqual(await listFiles(outside.dir), ['passport.png'], 'nothing was written outside');
    await assert.rejects(fs.stat(path.resolve(workspaceFolder(), '..', escaped)), 'no folder was created');
  });

  it('refuses the same in the Image Studio: no history from there, no run, nothing sent', async () => {
    await setWorkspaceOutputFolder(outside.dir);
    await vscode.commands.executeCommand(Commands.openStudio);
    const api = await extensionApi();
    const studio = await waitFor('the Studio panel', () => api.studio());
    await studio.receive({ type: 'dismissError' });
    for (const r of studio.state().references) await studio.receive({ type: 'removeReference', id: r.id });
    await studio.receive({ type: 'run', draft: { prompt: 'a cat', model: '', options: {} } });
    const message = studio.state().error?.message ?? '';
    assert.ok(message.includes(outside.dir), message);
    assert.deepEqual(imagePosts(proxy()), []);
    assert.deepEqual(await listFiles(outside.dir), ['passport.png']);
  });

  it('checks again right before saving: a folder swapped for a link during the request gets nothing', async () => {
    const name = `swap-${Date.now().toString(36)}`;
    const target = path.join(workspaceFolder(), name);
    await fs.mkdir(target);
    await setWorkspaceOutputFolder(name);
    proxy().failNext({ kind: 'delay', ms: 1_500 }, { route: 'generations' });
    const running = generate({ prompt: 'a slow cat' });
    await waitFor('the request to reach the proxy', () => imagePosts(proxy()).length === 1);
    await fs.rm(target, { recursive: true });
    await fs.symlink(outside.dir, target);
    const r = await running;
    await fs.rm(target);
    assert.equal(r.status, 'failed');
    assert.match(r.error?.message ?? '', /symbolic link/);
    assert.deepEqual(r.files, []);
    assert.deepEqual(await listFiles(outside.dir), ['passport.png'], 'nothing was written outside');
  });

  it('lets the user’s own settings and an explicit folder argument point anywhere', async () => {
    await setSettings({ 'image.outputFolder': outside.dir });
    const fromUser = await generate({ prompt: 'a user choice' });
    assert.equal(fromUser.status, 'done', fromUser.error?.message);
    assert.equal(path.dirname(fromUser.files[0]!), outside.dir);
    await setSettings({ 'image.outputFolder': 'images' });
    const other = (await outsideFolder('item2-arg')).dir;
    const fromArgument = await generate({ prompt: 'an argument', folder: other });
    assert.equal(fromArgument.status, 'done', fromArgument.error?.message);
    assert.equal(path.dirname(fromArgument.files[0]!), other);
  });
});

describe('hostile repositories: item 14, Generate Again confirms model, size and count', () => {
  const proxy = withFakeProxy();
  type Shown = { message: string; options: unknown; items: unknown[] };

  /**
   * Answers the Show Image Info notification with "Generate Again" and the confirmation with `answer`, recording
   * what the confirmation said. Notifications and modals cannot be clicked from an extension host test; the test
   * shares the extension's `vscode.window`, so it stands in for the user there, and puts the originals back.
   */
  async function withAnswers(
    answer: string | undefined,
    run: (shown: Shown[]) => Promise<void>,
  ): Promise<void> {
    const window = vscode.window as unknown as Record<string, unknown>;
    const info = window.showInformationMessage;
    const warning = window.showWarningMessage;
    const shown: Shown[] = [];
    window.showInformationMessage = (message: string, ...items: unknown[]) =>
      items.includes('Generate Again')
        ? Promise.resolve('Generate Again')
        : (info as (...a: unknown[]) => unknown)(message, ...items);
    window.showWarningMessage = (message: string, options: unknown, ...items: unknown[]) => {
      shown.push({ message, options, items });
      return Promise.resolve(answer);
    };
    try {
      await run(shown);
    } finally {
      window.showInformationMessage = info;
      window.showWarningMessage = warning;
    }
  }

  it('a crafted file asking for 10 images: a modal names model, size and count; cancelling sends nothing', async () => {
    const file = path.join(await freshFolder('again'), 'ten.png');
    await fs.writeFile(
      file,
      crafted({
        operation: 'generate',
        prompt: 'ten expensive cats',
        model: 'gpt-image-1',
        parameters: { n: 10, size: '1024x1536', quality: 'high' },
      }),
    );
    await withAnswers(undefined, async (shown) => {
      await vscode.commands.executeCommand(Commands.showImageInfo, vscode.Uri.file(file));
      await waitFor(
        'the confirmation or a request',
        () => shown.length > 0 || imagePosts(proxy()).length > 0,
      );
      assert.equal(shown.length, 1, 'a confirmation was shown');
      const { message, options, items } = shown[0]!;
      assert.equal((options as { modal?: boolean }).modal, true);
      const text = `${message}\n${(options as { detail?: string }).detail}`;
      for (const fact of ['gpt-image-1', '1024x1536', 'Count: 10', 'ten expensive cats'])
        assert.ok(text.includes(fact), `${fact} in ${text}`);
      assert.deepEqual(items, ['Generate']);
    });
    // Confirmed this time: exactly what was shown goes out, and only now (so the cancelled one sent nothing).
    await withAnswers('Generate', async (shown) => {
      await vscode.commands.executeCommand(Commands.showImageInfo, vscode.Uri.file(file));
      await waitFor('the confirmed request', () => imagePosts(proxy()).length > 0);
      assert.equal(shown.length, 1);
    });
    const sent = imagePosts(proxy());
    assert.equal(sent.length, 1, 'the cancelled confirmation sent nothing');
    const body = sent[0]!.json as { n?: number; size?: string; model?: string };
    assert.deepEqual([body.model, body.size, body.n], ['gpt-image-1', '1024x1536', 10]);
  });
});
