// Generate Image through the real command, against a proxy() proxy on 127.0.0.1: files on disk with provenance, opened,
// links inserted where the command was started, no overwriting under concurrency, and refusals with clear messages.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readProvenanceFromFile } from '../../../src/core/provenance';
import { SECTION } from '../../../src/extension/ids';
import { readPngSize } from '../../fixtures/readPng';
import {
  extensionApi,
  freshFolder,
  generate,
  listFiles,
  openDocument,
  openTabUris,
  setSettings,
  waitFor,
  withFakeProxy,
  workspaceFolder,
} from '../support';

describe('Generate Image', () => {
  const proxy = withFakeProxy();

  it('saves into litellm.image.outputFolder with a readable name, provenance inside, and opens the image', async () => {
    await setSettings({ 'image.outputFolder': 'generated/art', 'image.openAfterSave': true });
    const r = await generate({ prompt: 'A lighthouse at dusk, oil painting', model: 'gpt-image-1' });
    assert.equal(r.status, 'done', r.error?.message);
    const expected = path.join(
      workspaceFolder(),
      'generated',
      'art',
      'a-lighthouse-at-dusk-oil-painting.png',
    );
    assert.deepEqual(r.files, [expected]);
    const bytes = await fs.readFile(expected);
    assert.deepEqual(readPngSize(bytes), { width: 1024, height: 1024 });
    const info = await readProvenanceFromFile(expected);
    assert.equal(info?.prompt, 'A lighthouse at dusk, oil painting');
    assert.equal(info?.model, 'gpt-image-1');
    assert.equal(info?.operation, 'generate');
    assert.equal(r.cost, 0.02186, 'the cost the proxy reported');
    await waitFor('the image to open in a tab', () => openTabUris().includes(expected));
    // What the proxy received: the Authorization of the stored key, the prompt, no response_format for gpt-image.
    const sent = proxy().requests.find((q) => q.path.endsWith('/images/generations'));
    assert.equal(sent?.headers.authorization, 'Bearer sk-master-test');
    assert.equal((sent?.json as { prompt?: string }).prompt, 'A lighthouse at dusk, oil painting');
    assert.equal((sent?.json as Record<string, unknown>).response_format, undefined);
  });

  it('shows the last call cost in the status bar', async () => {
    const folder = await freshFolder('cost');
    const r = await generate({ prompt: 'priced', model: 'dall-e-3', folder });
    assert.equal(r.status, 'done', r.error?.message);
    const api = await extensionApi();
    const state = api.costStatus();
    assert.equal(state.visible, true);
    assert.match(state.text, /\$0\.040/);
    assert.match(state.tooltip, /dall-e-3/);
  });

  it('hides the cost when the setting is off', async () => {
    await setSettings({ 'statusBar.showCost': false });
    const api = await extensionApi();
    await waitFor('the cost item to hide', () => !api.costStatus().visible);
  });

  const insertions: Array<[string, string, string, RegExp]> = [
    [
      'Markdown',
      'notes.md',
      'markdown',
      /^Intro\n!\[a red fox in snow\]\(images\/a-red-fox-in-snow(-\d+)?\.png\)\nOutro$/,
    ],
    [
      'HTML',
      'page.html',
      'html',
      /^Intro\n<img src="images\/a-red-fox-in-snow(-\d+)?\.png" alt="a red fox in snow">\nOutro$/,
    ],
    [
      'TSX',
      'App.tsx',
      'typescriptreact',
      /^Intro\n<img src="images\/a-red-fox-in-snow(-\d+)?\.png" alt="a red fox in snow" \/>\nOutro$/,
    ],
    ['plain text', 'todo.txt', 'plaintext', /^Intro\nimages\/a-red-fox-in-snow(-\d+)?\.png\nOutro$/],
  ];
  for (const [name, file, language, expected] of insertions) {
    it(`inserts a ${name} link at the cursor of the editor it was started from`, async () => {
      const editor = await openDocument(path.join(workspaceFolder(), file), 'Intro\n\nOutro', language);
      editor.selection = new vscode.Selection(1, 0, 1, 0);
      const r = await generate({ prompt: 'a red fox in snow' });
      assert.equal(r.status, 'done', r.error?.message);
      assert.ok(r.inserted, 'something was inserted');
      assert.match(editor.document.getText(), expected);
      assert.ok(r.files[0]!.startsWith(path.join(workspaceFolder(), 'images')));
    });
  }

  it('links from a document in a subfolder with a relative path', async () => {
    const editor = await openDocument(path.join(workspaceFolder(), 'docs', 'guide', 'g.md'), '', 'markdown');
    const r = await generate({ prompt: 'deep link' });
    assert.equal(r.status, 'done', r.error?.message);
    assert.match(editor.document.getText(), /^!\[deep link\]\(\.\.\/\.\.\/images\/deep-link(-\d+)?\.png\)$/);
  });

  it('links from an untitled document relative to the workspace folder', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    await vscode.window.showTextDocument(doc);
    try {
      const r = await generate({ prompt: 'untitled link' });
      assert.equal(r.status, 'done', r.error?.message);
      assert.match(doc.getText(), /^!\[untitled link\]\(images\/untitled-link(-\d+)?\.png\)$/);
    } finally {
      // An untitled document cannot be saved without a dialog: discard it.
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('inserts nothing when insertLink is false or "never", and one link per image for several images', async () => {
    const editor = await openDocument(path.join(workspaceFolder(), 'multi.md'), '', 'markdown');
    const none = await generate({ prompt: 'no link', insertLink: false });
    assert.equal(none.inserted, undefined);
    await setSettings({ 'image.insertLink': 'never' });
    const never = await generate({ prompt: 'no link either' });
    assert.equal(never.inserted, undefined);
    assert.equal(editor.document.getText(), '');
    await setSettings({ 'image.insertLink': 'auto' });
    const three = await generate({ prompt: 'three cats', n: 3 });
    assert.equal(three.files.length, 3);
    assert.equal(editor.document.getText().split('\n').length, 3);
  });

  it('follows a language-specific litellm.image.insertLink ("[markdown]": …)', async () => {
    const markdown = vscode.workspace.getConfiguration(SECTION, { languageId: 'markdown' });
    await markdown.update('image.insertLink', 'html', vscode.ConfigurationTarget.Global, true);
    try {
      const editor = await openDocument(path.join(workspaceFolder(), 'lang.md'), '', 'markdown');
      const r = await generate({ prompt: 'per language' });
      assert.equal(r.status, 'done', r.error?.message);
      assert.match(
        editor.document.getText(),
        /^<img src="images\/per-language(-\d+)?\.png" alt="per language">$/,
      );
    } finally {
      await markdown.update('image.insertLink', undefined, vscode.ConfigurationTarget.Global, true);
    }
  });

  it('never overwrites: an existing file is kept and 10 concurrent runs give 10 new files', async () => {
    const folder = await freshFolder('concurrent');
    const existing = path.join(folder, 'same-prompt.png');
    await fs.writeFile(existing, 'precious');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => generate({ prompt: 'same prompt', folder })),
    );
    for (const r of results) assert.equal(r.status, 'done', r.error?.message);
    const files = results.flatMap((r) => r.files);
    assert.equal(new Set(files).size, 10, 'ten distinct files');
    assert.equal(await fs.readFile(existing, 'utf8'), 'precious');
    const names = await listFiles(folder);
    assert.equal(names.length, 11, `only the images and the original: ${names.join(', ')}`);
    for (const f of files) assert.ok(readPngSize(await fs.readFile(f)), `${f} is a whole PNG`);
  });

  it('names files with the date when litellm.image.fileNames is date-prompt', async () => {
    await setSettings({ 'image.fileNames': 'date-prompt' });
    const folder = await freshFolder('dated');
    const r = await generate({ prompt: 'dated', folder });
    assert.match(path.basename(r.files[0]!), /^\d{4}-\d{2}-\d{2}-dated\.png$/);
  });

  it('refuses an empty prompt with a message and sends nothing', async () => {
    const r = await generate({ prompt: '   ' });
    assert.equal(r.status, 'failed');
    assert.equal(r.error?.kind, 'invalid_request');
    assert.match(r.error!.message, /prompt is empty/);
    assert.equal(proxy().requests.filter((q) => q.method === 'POST').length, 0);
  });

  it('names a mistyped argument instead of ignoring it', async () => {
    const r = await generate({ promt: 'typo' });
    assert.equal(r.status, 'failed');
    assert.match(r.error!.message, /unknown argument "promt"/);
  });

  it('refuses a size the model cannot make before sending anything', async () => {
    const r = await generate({ prompt: 'too wide', model: 'dall-e-3', size: '4096x4096' });
    assert.equal(r.status, 'failed');
    assert.equal(r.error?.kind, 'invalid_request');
    assert.match(r.error!.message, /dall-e-3/);
    assert.equal(proxy().requests.filter((q) => q.method === 'POST').length, 0);
  });

  it('falls back to the next model and says which one made the image', async () => {
    proxy().failNext({ kind: 'status', status: 503 }, { model: 'gpt-image-2' });
    const folder = await freshFolder('fallback');
    const r = await generate({
      prompt: 'fallback',
      model: 'gpt-image-2',
      fallbacks: ['gpt-image-1'],
      folder,
    });
    assert.equal(r.status, 'done', r.error?.message);
    assert.equal(r.model, 'gpt-image-1');
    assert.equal(r.usedFallback, true);
    const info = await readProvenanceFromFile(r.files[0]!);
    assert.equal(info?.requestedModel, 'gpt-image-2');
  });
});
