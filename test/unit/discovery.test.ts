import { strict as assert } from 'node:assert';
import { keyInfoFrom, modelsFromModelInfo, modelsFromModelList } from '../../src/core';

const row = (
  model_name: string,
  model_info: Record<string, unknown> | null,
  provider = `openai/${model_name}`,
) => ({
  model_name,
  litellm_params: { model: provider, api_base: 'http://upstream' },
  model_info,
});

describe('model discovery', () => {
  it('takes image models from mode, either spelling of edit, and supported_endpoints', () => {
    const models = modelsFromModelInfo({
      data: [
        row('gpt-image-2', { mode: 'image_generation' }),
        row('my-editor', { mode: 'image_edits' }, 'openai/gpt-image-1'),
        row('other-editor', { mode: 'image_edit' }, 'vertex_ai/some-model'),
        row('flux', { mode: null, supported_endpoints: ['/v1/images/generations'] }, 'fal/flux-pro'),
        row('chatty', { mode: 'chat' }),
        row('embedder', { mode: 'embedding' }),
      ],
    })!;
    assert.deepEqual(
      models.map((m) => [m.id, m.canGenerate, m.canEdit, m.evidence, m.providerModel]),
      [
        ['gpt-image-2', true, true, 'mode', 'openai/gpt-image-2'],
        ['my-editor', false, true, 'mode', 'openai/gpt-image-1'],
        ['other-editor', false, true, 'mode', 'vertex_ai/some-model'],
        ['flux', true, true, 'endpoints', 'fal/flux-pro'],
      ],
    );
    assert.equal(
      models[1]!.capabilities?.family,
      'gpt-image-1',
      'capabilities come from the provider model behind an alias',
    );
  });

  it('recognises image models by name when a lenient proxy reports mode null (FACTS §7)', () => {
    const models = modelsFromModelInfo({
      data: [row('gpt-image-2', { mode: null }), row('dall-e-3', null), row('gpt-4o', { mode: null })],
    })!;
    assert.deepEqual(
      models.map((m) => [m.id, m.evidence, m.canEdit]),
      [
        ['gpt-image-2', 'name', true],
        ['dall-e-3', 'name', false],
      ],
    );
  });

  it('filters /v1/models by name and refuses shapes it does not know', () => {
    assert.deepEqual(
      modelsFromModelList({
        data: [{ id: 'gpt-image-1' }, { id: 'gpt-4o-mini' }, { id: 'imagen-4' }, { id: 'flux-1.1-pro' }],
      })!.map((m) => m.id),
      ['gpt-image-1', 'imagen-4', 'flux-1.1-pro'],
    );
    assert.equal(modelsFromModelList({ models: [] }), undefined);
    assert.equal(modelsFromModelInfo('nope'), undefined);
  });

  it('reads key spend and budget, leaving out what the proxy does not say', () => {
    assert.deepEqual(keyInfoFrom({ key: 'x', info: { spend: 0.5, max_budget: null, key_alias: 'ci' } }), {
      alias: 'ci',
      spend: 0.5,
    });
    assert.equal(keyInfoFrom({ error: 'x' }), undefined);
  });
});
