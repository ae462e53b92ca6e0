// litellm.image.modelCapabilities in the real extension host: the one setting changes what the Studio offers for a
// model and what the checks before sending accept, and the family comes from the proxy's /model/info.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StudioProbe } from '../../../src/extension/studio/studioPanel';
import { Commands } from '../../../src/extension/ids';
import { DEFAULT_FAKE_MODELS } from '../../fixtures/fakeLitellm';
import {
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
