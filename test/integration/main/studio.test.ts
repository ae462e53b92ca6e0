// The Image Studio's host side inside a real extension host: messages go through the same entry point the webview
// uses (the extension API's `studio().receive`), so these tests show what any webview message can and cannot do —
// malformed ones never reach the core or the proxy, runs save files and report results, masks are checked against
// their reference, and failures carry the same message and actions as the commands.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readProvenanceFromFile } from '../../../src/core/provenance';
import type { StudioState } from '../../../src/shared/studio/protocol';
import type { StudioProbe } from '../../../src/extension/studio/studioPanel';
import { Commands, STUDIO_VIEW_TYPE } from '../../../src/extension/ids';
import { encodePng } from '../../fixtures/png';
import { readPng, readPngSize } from '../../fixtures/readPng';
import {
  closeAllEditors,
  extensionApi,
  freshFolder,
  imagePosts,
  generate,
  setSettings,
  waitFor,
  withFakeProxy,
  workspaceFolder,
} from '../support';

/** A mask PNG: opaque everywhere except a transparent square in the middle (the area to change). */
function maskPng(width: number, height: number): Buffer {
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const inside = Math.abs(x - width / 2) < width / 4 && Math.abs(y - height / 2) < height / 4;
      rgba.writeUInt32BE(inside ? 0x00000000 : 0x000000ff, (y * width + x) * 4);
    }
  return encodePng(width, height, rgba);
}

function studioTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes(STUDIO_VIEW_TYPE));
}

function describeTabs(): string {
  return JSON.stringify(
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .map((t) => [t.label, t.input instanceof vscode.TabInputWebview ? t.input.viewType : typeof t.input]),
  );
}

describe('Image Studio (host)', () => {
  const proxy = withFakeProxy();
  let studio: StudioProbe;
  let folder: string;
  const state = (): StudioState => studio.state();
  const draft = (prompt: string, options = {}) => ({ prompt, model: '', options });

  beforeEach(async () => {
    folder = await freshFolder('studio');
    await setSettings({ 'image.outputFolder': path.relative(workspaceFolder(), folder) });
    await vscode.commands.executeCommand(Commands.openStudio);
    const api = await extensionApi();
    studio = await waitFor('the Studio panel', () => api.studio());
    await studio.receive({ type: 'dismissError' });
  });

  it('is one panel: opening it again reveals the same one', async () => {
    await vscode.commands.executeCommand(Commands.openStudio);
    await vscode.commands.executeCommand(Commands.openStudio);
    // The tab model reaches the extension host asynchronously.
    await waitFor('the Studio tab', () => studioTabs().length > 0, 5_000).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(studioTabs().length, 1, describeTabs());
  });

  it('drops hundreds of malformed or hostile messages without a change of state or a request', async () => {
    // What a message could change (models and the link target also change on their own, in the background).
    const visible = () => {
      const { draft, references, results, error, notice, job, composerRevision } = state();
      return JSON.stringify({ draft, references, results, error, notice, job, composerRevision });
    };
    const before = visible();
    const valid = { type: 'run', draft: draft('a cat') };
    const bad: unknown[] = [
      null,
      undefined,
      42,
      'run',
      [],
      {},
      { type: 'run' },
      { ...valid, extra: true },
      { type: 'run', draft: { ...draft('a cat'), options: { size: '1x1x1' } } },
      { type: 'run', draft: { ...draft('a cat'), options: { n: 0 } } },
      { type: 'run', draft: { ...draft('a cat'), options: { evil: 1 } } },
      { type: 'run', draft: draft('x'.repeat(40_000)) },
      { type: 'imageAction', action: 'open', id: '../../etc/passwd' },
      { type: 'imageAction', action: 'delete', id: 'abc' },
      { type: 'errorAction', action: 'run_shell' },
      { type: 'dropReferences', uris: [] },
      {
        type: 'run',
        draft: draft('a cat'),
        mask: { referenceId: 'a', width: 0, height: 1, pngBase64: 'AAAA' },
      },
      JSON.parse('{"type":"ready","__proto__":{"polluted":true}}'),
    ];
    // Seeded variations of a valid run: a wrong type somewhere, a missing field, a foreign field.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let i = 0; i < 300; i++) {
      const m: Record<string, unknown> = { type: 'run', draft: { ...draft(`p${i}`) } };
      const d = m.draft as Record<string, unknown>;
      switch (next() % 5) {
        case 0:
          d.prompt = next();
          break;
        case 1:
          delete d.model;
          break;
        case 2:
          d[`k${next() % 100}`] = 'x';
          break;
        case 3:
          m.type = ['Run', 'RUN', 'run ', 'generate'][next() % 4];
          break;
        default:
          d.options = { n: -(next() % 5) };
      }
      bad.push(m);
    }
    for (const m of bad) await studio.receive(m);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype is untouched');
    assert.equal(visible(), before, 'the state did not change');
    assert.deepEqual(imagePosts(proxy()), [], 'nothing reached the proxy');
    assert.deepEqual(await fs.readdir(folder), [], 'nothing was saved');
  });

  it('a run generates into the output folder, with a result card carrying model, size and provenance', async () => {
    await studio.receive({ type: 'run', draft: draft('a lighthouse at dusk', { size: '1536x1024', n: 2 }) });
    const results = state().results;
    assert.equal(results.length >= 2, true, JSON.stringify(state().error));
    const files = (await fs.readdir(folder)).filter((f) => f.endsWith('.png')).sort();
    assert.equal(files.length, 2);
    const card = results[0]!;
    assert.ok(files.includes(card.name));
    assert.equal(card.details?.prompt, 'a lighthouse at dusk');
    assert.equal(card.details?.model, 'gpt-image-2');
    assert.equal(card.details?.usedFallback, false);
    assert.equal(card.details?.size, '1536x1024');
    assert.match(
      card.src,
      /^https?:|^vscode-/,
      'the thumbnail is a webview resource URI, not a path or data',
    );
    assert.equal(state().job, undefined, 'no job is left running');
    const sent = imagePosts(proxy());
    assert.equal(sent.length, 1);
    assert.equal((sent[0]!.json as { n?: number }).n, 2);
    const info = await readProvenanceFromFile(path.join(folder, card.name));
    assert.equal(info?.prompt, 'a lighthouse at dusk');
  });

  it('a newly opened panel lists the folder it read while loading, and an image saved meanwhile too', async () => {
    // The panel starts reading the history as it opens (before its webview is ready); a file saved in between must
    // still show, through the folder's watcher, without the user pressing Refresh.
    const reopen = async () => {
      await closeAllEditors();
      await waitFor('the Studio to close', async () => !(await extensionApi()).studio(), 5_000);
      await vscode.commands.executeCommand(Commands.openStudio);
      return waitFor('the new Studio panel', async () => (await extensionApi()).studio());
    };
    const png = encodePng(2, 2, Buffer.alloc(16, 0xff));
    const names = () => (studio.history()?.items ?? []).map((c) => c.name).sort();
    await fs.writeFile(path.join(folder, 'before.png'), png);
    studio = await reopen();
    await fs.writeFile(path.join(folder, 'meanwhile.png'), png);
    await studio.receive({ type: 'ready' });
    await waitFor('both images in the history', () =>
      names().join() === 'before.png,meanwhile.png' ? true : undefined,
    );

    // Refresh pressed before the webview's first request lists the folder again: the early read may be stale.
    studio = await reopen();
    await fs.writeFile(path.join(folder, 'pressed.png'), png);
    await studio.receive({ type: 'refreshHistory' });
    assert.deepEqual(names(), ['before.png', 'meanwhile.png', 'pressed.png']);
  });

  it('refuses an empty prompt in place, with nothing sent', async () => {
    await studio.receive({ type: 'run', draft: draft('   ') });
    assert.match(state().error?.message ?? '', /prompt is empty/);
    assert.deepEqual(imagePosts(proxy()), []);
  });

  it('edits with a painted mask only when the mask is a PNG of the reference size', async () => {
    await studio.receive({ type: 'run', draft: draft('a quiet harbour') });
    const result = state().results[0]!;
    await studio.receive({ type: 'imageAction', action: 'useAsReference', id: result.id });
    const ref = state().references[0]!;
    assert.equal(ref.id, result.id);
    const refBytes = await fs.readFile(path.join(folder, result.name));
    const size = readPngSize(refBytes)!;
    assert.deepEqual({ width: ref.width, height: ref.height }, size);
    proxy().reset();

    // A mask of another size is refused by name before anything is sent.
    const wrong = maskPng(16, 16).toString('base64');
    await studio.receive({
      type: 'run',
      draft: draft('add a boat'),
      mask: { referenceId: ref.id, width: 16, height: 16, pngBase64: wrong },
    });
    assert.match(state().error?.message ?? '', /mask cannot be used.*16×16/);
    assert.deepEqual(imagePosts(proxy()), []);

    // A mask that lies about its size is refused too.
    await studio.receive({ type: 'dismissError' });
    await studio.receive({
      type: 'run',
      draft: draft('add a boat'),
      mask: { referenceId: ref.id, width: size.width, height: size.height, pngBase64: wrong },
    });
    assert.match(state().error?.message ?? '', /not the .* it claims/);
    assert.deepEqual(imagePosts(proxy()), []);

    await studio.receive({ type: 'dismissError' });
    const mask = maskPng(size.width, size.height);
    await studio.receive({
      type: 'run',
      draft: draft('add a boat'),
      mask: {
        referenceId: ref.id,
        width: size.width,
        height: size.height,
        pngBase64: mask.toString('base64'),
      },
    });
    assert.equal(state().error, undefined, state().error?.message);
    const edits = imagePosts(proxy());
    assert.equal(edits.length, 1);
    assert.match(edits[0]!.path, /\/images\/edits$/);
    const sentMask = edits[0]!.files?.find((f) => f.field === 'mask');
    assert.ok(sentMask);
    assert.ok(sentMask.data.equals(mask), 'the mask sent is the one painted');
    const decoded = readPng(sentMask.data);
    assert.deepEqual({ width: decoded.width, height: decoded.height }, size);
    const edited = state().results[0]!;
    assert.equal(edited.details?.operation, 'edit');
    // Re-run uses the same reference and mask.
    proxy().reset();
    await studio.receive({ type: 'imageAction', action: 'rerun', id: edited.id });
    const again = imagePosts(proxy());
    assert.equal(again.length, 1);
    assert.ok(
      again[0]!.files?.find((f) => f.field === 'mask')?.data.equals(mask),
      're-run sends the same mask',
    );
    await studio.receive({ type: 'removeReference', id: ref.id });
    assert.deepEqual(state().references, []);
  });

  it('loads a result’s settings into the composer and bumps the revision so the webview replaces its fields', async () => {
    await studio.receive({ type: 'run', draft: draft('a red kite', { quality: 'low' }) });
    const card = state().results[0]!;
    await studio.receive({ type: 'draft', draft: draft('something else') });
    const revision = state().composerRevision;
    await studio.receive({ type: 'imageAction', action: 'loadSettings', id: card.id });
    assert.equal(state().composerRevision, revision + 1);
    assert.equal(state().draft.prompt, 'a red kite');
    assert.equal(state().draft.options.quality, 'low');
  });

  it('shows a failure with the same message and actions as the Generate command', async () => {
    proxy().failNext({ kind: 'status', status: 429 }, { route: 'generations', times: 6 });
    await studio.receive({ type: 'run', draft: draft('a teapot') });
    const shown = state().error;
    assert.ok(shown, 'an error is shown');
    const command = await generate({ prompt: 'a teapot' });
    assert.equal(command.status, 'failed');
    assert.equal(shown.message, command.error?.message);
    assert.deepEqual(
      shown.actions.map((a) => a.action),
      command.error?.actions,
    );
    assert.ok(shown.actions.some((a) => a.action === 'retry' && a.label === 'Retry'));
    assert.equal(state().job, undefined, 'the panel is not left spinning');
    // Retry from the panel repeats the request.
    proxy().clearFaults();
    proxy().reset();
    await studio.receive({ type: 'errorAction', action: 'retry' });
    await waitFor('the retried image', () => state().results.some((c) => c.details?.prompt === 'a teapot'));
    assert.equal(imagePosts(proxy()).length, 1);
  });

  it('Cancel stops a running request: the job ends, nothing is saved, and the panel says so', async () => {
    proxy().failNext({ kind: 'delay', ms: 20_000 }, { route: 'generations' });
    const run = studio.receive({ type: 'run', draft: draft('a slow painting') });
    await waitFor('the job to show', () => state().job, 10_000);
    assert.equal(state().job?.operation, 'generate');
    assert.match(state().job?.detail ?? '', /gpt-image-2|Connecting/);
    await studio.receive({ type: 'cancel' });
    await run;
    assert.equal(state().job, undefined, 'the panel is not left spinning');
    assert.equal(state().error, undefined, 'a cancellation is not an error');
    assert.match(state().notice ?? '', /Cancelled/);
    assert.deepEqual(await fs.readdir(folder), []);
  });

  it('takes dropped workspace images as references and refuses other schemes and files outside the workspace', async () => {
    const image = path.join(folder, 'dropped.png');
    await fs.writeFile(image, encodePng(8, 6, Buffer.alloc(8 * 6 * 4, 0x80)));
    await studio.receive({ type: 'dropReferences', uris: [vscode.Uri.file(image).toString()] });
    assert.deepEqual(
      state().references.map((r) => [r.name, r.width, r.height]),
      [['dropped.png', 8, 6]],
    );
    await studio.receive({ type: 'dropReferences', uris: ['https://example.invalid/cat.png'] });
    assert.match(state().error?.message ?? '', /not a file on disk/);
    await studio.receive({ type: 'dismissError' });
    const outside = path.join(path.dirname(workspaceFolder()), `outside-${Date.now()}.png`);
    await fs.writeFile(outside, encodePng(4, 4, Buffer.alloc(64, 0xff)));
    try {
      await studio.receive({ type: 'dropReferences', uris: [vscode.Uri.file(outside).toString()] });
      assert.match(state().error?.message ?? '', /outside the workspace/);
    } finally {
      await fs.rm(outside, { force: true });
    }
    const text = path.join(folder, 'notes.txt');
    await fs.writeFile(text, 'not an image');
    await studio.receive({ type: 'dismissError' });
    await studio.receive({ type: 'dropReferences', uris: [vscode.Uri.file(text).toString()] });
    assert.match(state().error?.message ?? '', /notes\.txt/);
    assert.equal(state().references.length, 1, 'only the image was taken');
    await studio.receive({ type: 'removeReference', id: state().references[0]!.id });
  });

  it('inserts a link into the last text editor and copies a path', async () => {
    await studio.receive({ type: 'run', draft: draft('a small icon') });
    const card = state().results[0]!;
    const doc = path.join(folder, 'page.md');
    await fs.writeFile(doc, '# Page\n\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(doc));
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    // Back to the panel, as when the user clicks the card's button.
    await vscode.commands.executeCommand(Commands.openStudio);
    await waitFor('the link target', () => state().linkTarget === 'page.md');
    await studio.receive({ type: 'imageAction', action: 'insertLink', id: card.id });
    assert.equal(editor.document.getText(), `# Page\n\n![a small icon](${card.name})`);
    assert.match(state().notice ?? '', /page\.md/);

    await studio.receive({ type: 'imageAction', action: 'copyPath', id: card.id });
    assert.equal(await vscode.env.clipboard.readText(), path.join(folder, card.name));
  });

  it('refuses a 17th reference, a mask for a reference that is no longer first, and re-running an image with no settings', async () => {
    const files: string[] = [];
    for (let i = 0; i < 17; i++) {
      const f = path.join(folder, `ref-${i}.png`);
      await fs.writeFile(f, encodePng(4, 4, Buffer.alloc(64, i)));
      files.push(f);
    }
    await studio.receive({ type: 'dropReferences', uris: files.map((f) => vscode.Uri.file(f).toString()) });
    assert.match(state().error?.message ?? '', /At most 16 references/);
    assert.equal(state().references.length, 16, 'the first 16 were kept');

    await studio.receive({ type: 'dismissError' });
    const mask = maskPng(4, 4).toString('base64');
    const second = state().references[1]!;
    await studio.receive({
      type: 'run',
      draft: draft('swap the colours'),
      mask: { referenceId: second.id, width: 4, height: 4, pngBase64: mask },
    });
    assert.match(state().error?.message ?? '', /no longer the first reference/);
    assert.deepEqual(imagePosts(proxy()), [], 'nothing was sent');

    // A reference made elsewhere has no recorded prompt or model to run again.
    await studio.receive({ type: 'dismissError' });
    await studio.receive({ type: 'imageAction', action: 'rerun', id: second.id });
    assert.match(state().error?.message ?? '', /ref-1\.png has no recorded settings/);
    assert.deepEqual(imagePosts(proxy()), []);
    for (const r of state().references) await studio.receive({ type: 'removeReference', id: r.id });
    assert.deepEqual(state().references, []);
    assert.equal((await fs.readdir(folder)).length, 17, 'no file was added or removed');
  });
});
