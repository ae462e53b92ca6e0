// litellm.image.modelCapabilities in the real extension host: the one setting changes what the Studio offers for a
// model and what the checks before sending accept, and the family comes from the proxy's /model/info. Also the
// families' shapes end to end: a ratio that comes back otherwise is said in the notification, and an edit of a
// Google family (which carries no shape through LiteLLM) is refused before sending.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Provenance } from '../../../src/core/provenance';
import type { StudioProbe } from '../../../src/extension/studio/studioPanel';
import { Commands } from '../../../src/extension/ids';
import { DEFAULT_FAKE_MODELS } from '../../fixtures/fakeLitellm';
import { encodePng } from '../../fixtures/png';
import {
  edit,
  extensionApi,
  freshFolder,
  generate,
  imagePosts,
  setSettings,
  waitFor,
  withFakeProxy,
  workspaceFolder,
} from '../support';

describe('model capabilities setting', () => {
  const proxy = withFakeProxy({
    models: [
      ...DEFAULT_FAKE_MODELS,
      { id: 'banana-vertex', mode: 'image_generation', providerModel: 'vertex_ai/gemini-2.5-flash-image' },
    ],
  });

  beforeEach(async () => {
    const folder = await freshFolder('capabilities');
    await setSettings({ 'image.outputFolder': path.relative(workspaceFolder(), folder) });
  });

  it('narrows what validation accepts for a known model, and nothing is sent', async () => {
    const before = await generate({ prompt: 'a fox', model: 'gpt-image-1', size: '1536x1024', quiet: true });
    assert.equal(before.status, 'done', before.error?.message);

    proxy().reset();
    await setSettings({ 'image.modelCapabilities': { 'gpt-image-1': { sizes: ['1024x1024'] } } });
    const after = await generate({ prompt: 'a fox', model: 'gpt-image-1', size: '1536x1024', quiet: true });
    assert.equal(after.status, 'failed');
    assert.match(
      after.error?.message ?? '',
      /gpt-image-1 cannot make size "1536x1024"\. It accepts "1024x1024"/,
    );
    assert.equal(imagePosts(proxy()).length, 0, 'nothing was sent');
  });

  it('reports a bad entry naming the setting and the entry', async () => {
    await setSettings({ 'image.modelCapabilities': { 'gpt-image-1': { sizez: ['1024x1024'] } } });
    const r = await generate({ prompt: 'a fox', model: 'gpt-image-1', quiet: true });
    assert.equal(r.status, 'failed');
    assert.match(
      r.error?.message ?? '',
      /litellm\.image\.modelCapabilities \(gpt-image-1\) has keys .*"sizez"/,
    );
  });

  it('sends the aspect ratio a Vertex Gemini model takes, known from /model/info', async () => {
    const r = await generate({
      prompt: 'a lighthouse',
      model: 'banana-vertex',
      aspectRatio: '16:9',
      quiet: true,
    });
    assert.equal(r.status, 'done', r.error?.message);
    const post = imagePosts(proxy())[0]!;
    assert.equal((post.json as { aspectRatio?: string }).aspectRatio, '16:9');
    const up = post.upstream as { generationConfig: { imageConfig: unknown } };
    assert.deepEqual(up.generationConfig.imageConfig, { aspectRatio: '16:9' });
  });

  it('a square for a 16:9 request: the notification names the ratio and the pixels, Show Image Info both sides', async () => {
    proxy().produce = { 'banana-vertex': { size: '1024x1024' } };
    const window = vscode.window as unknown as Record<string, unknown>;
    const original = window.showWarningMessage;
    const shown: string[] = [];
    window.showWarningMessage = (message: string) => {
      shown.push(message);
      return Promise.resolve(undefined);
    };
    let r: Awaited<ReturnType<typeof generate>>;
    try {
      r = await generate({ prompt: 'a wide bay', model: 'banana-vertex', aspectRatio: '16:9' });
    } finally {
      window.showWarningMessage = original;
      proxy().produce = {};
    }
    assert.equal(r.status, 'done', r.error?.message);
    assert.deepEqual(shown, ['Saved 1 image: asked for 16:9, got 1:1 (1024×1024)']);
    const info = await vscode.commands.executeCommand<Provenance>(
      Commands.showImageInfo,
      vscode.Uri.file(r.files[0]!),
    );
    assert.equal(info?.parameters.aspectRatio, '16:9');
    assert.deepEqual(info?.askedShape, { aspectRatio: '16:9' });
    assert.deepEqual(info?.produced, { format: 'png', width: 1024, height: 1024 });
  });

  it('an edit with a Google family refuses a shape before sending; the Studio learns an edit carries none', async () => {
    const folder = await freshFolder('capabilities-edit');
    const photo = path.join(folder, 'photo.png');
    await fs.writeFile(photo, encodePng(32, 32, Buffer.alloc(32 * 32 * 4, 0x80)));
    proxy().reset();
    const r = await edit({ images: [photo], prompt: 'wider', model: 'banana-vertex', aspectRatio: '16:9' });
    assert.equal(r.status, 'failed');
    assert.match(
      r.error?.message ?? '',
      /banana-vertex takes no aspect ratio when editing through LiteLLM; leave size and aspect ratio unset/,
    );
    assert.equal(imagePosts(proxy()).length, 0, 'nothing was sent');

    await vscode.commands.executeCommand(Commands.openStudio);
    const api = await extensionApi();
    const studio: StudioProbe = await waitFor('the Studio panel', () => api.studio());
    await studio.receive({ type: 'draft', draft: { prompt: 'x', model: 'banana-vertex', options: {} } });
    const view = await waitFor('the options of the Vertex Gemini model', () => {
      const o = studio.state().modelOptions;
      return o?.known && o.aspectRatios.length ? o : undefined;
    });
    assert.equal(view.shape, 'imageConfig', 'a generate carries the ratio');
    assert.equal(view.editShape, 'dropped', 'an edit does not: the webview hides the fields and says why');
  });

  it('changes what the Studio offers for a model', async () => {
    await vscode.commands.executeCommand(Commands.openStudio);
    const api = await extensionApi();
    const studio: StudioProbe = await waitFor('the Studio panel', () => api.studio());
    const draft = { prompt: 'x', model: 'house-painter', options: {} };
    await studio.receive({ type: 'draft', draft });
    const unknown = await waitFor('the options of an unknown model', () => {
      const o = studio.state().modelOptions;
      return o && !o.known ? o : undefined;
    });
    assert.equal(unknown.anySize, true);
    assert.deepEqual([...unknown.aspectRatios], []);

    await setSettings({
      'image.modelCapabilities': { 'house-painter': { like: 'gemini/imagen-4.0-generate-001', maxCount: 2 } },
    });
    await studio.receive({ type: 'draft', draft: { ...draft, prompt: 'y' } });
    const described = await waitFor('the described options', () => {
      const o = studio.state().modelOptions;
      return o?.known ? o : undefined;
    });
    assert.deepEqual([...described.aspectRatios], ['1:1', '3:4', '4:3', '9:16', '16:9']);
    assert.equal(described.maxCount, 2);
    assert.equal(described.anySize, false);
    assert.ok(!described.sizes.includes('1536x1024'), 'no size LiteLLM would square');
  });
});
