import { strict as assert } from 'node:assert';
import {
  capabilitiesFor,
  flexibleSizeProblem,
  LiteLLMError,
  modelFamily,
  requestBatches,
  validateForModel,
} from '../../src/core';
import type { ImageOptions } from '../../src/core';
import { englishSurface, textOf } from '../support/messageText';
import { sizeProblemText } from '../../src/shared/messages';

function refusal(model: string, o: ImageOptions, op: 'generate' | 'edit' = 'generate'): string {
  try {
    validateForModel(model, o, op);
  } catch (e) {
    assert.ok(e instanceof LiteLLMError);
    assert.equal(e.kind, 'invalid_request');
    return textOf(e);
  }
  assert.fail(`expected ${model} to refuse ${JSON.stringify(o)}`);
}

describe('model capabilities', () => {
  it('recognises families by the last path segment', () => {
    assert.equal(modelFamily('openai/gpt-image-2'), 'gpt-image-2');
    assert.equal(modelFamily('gpt-image-1.5'), 'gpt-image-1');
    assert.equal(modelFamily('azure/gpt-image-1-mini'), 'gpt-image-1');
    assert.equal(modelFamily('dall-e-3'), 'dall-e-3');
    assert.equal(modelFamily('dall-e-2'), 'dall-e-2');
    assert.equal(modelFamily('my-flux-alias'), undefined);
    assert.equal(capabilitiesFor('vertex_ai/imagen-4')?.family, 'imagen');
  });

  it('accepts gpt-image-2 flexible sizes and the listed 2K/4K sizes', () => {
    for (const size of ['3840x2160', '2160x3840', '2048x2048', '1024x1024', '1280x720', '2880x960', 'auto'])
      assert.doesNotThrow(() => validateForModel('gpt-image-2', { size }, 'generate'), size);
  });

  const gptImage2Bad: Array<[string, RegExp]> = [
    ['1000x1000', /multiples of 16/],
    ['4096x2048', /longest side must be at most 3840/],
    ['512x512', /between 655,360 and 8,294,400 pixels \(got 262,144\)/],
    ['3200x960', /aspect ratio must be at most 3:1/],
  ];
  for (const [size, why] of gptImage2Bad) {
    it(`refuses gpt-image-2 size ${size} with the rule it breaks and what it accepts`, () => {
      const msg = refusal('gpt-image-2', { size });
      assert.match(msg, why);
      assert.match(msg, /"3840x2160"/);
      assert.match(msg, /any WxH with both sides multiples of 16/);
    });
  }

  it('limits gpt-image-1 to its three sizes and lists them', () => {
    const msg = refusal('gpt-image-1', { size: '2048x2048' });
    assert.match(
      msg,
      /gpt-image-1 cannot make size "2048x2048"\. It accepts "auto", "1024x1024", "1536x1024", "1024x1536"\./,
    );
    assert.doesNotThrow(() =>
      validateForModel(
        'gpt-image-1-mini',
        {
          size: '1536x1024',
          quality: 'high',
          background: 'transparent',
          outputFormat: 'webp',
          outputCompression: 50,
          moderation: 'low',
        },
        'generate',
      ),
    );
  });

  it('knows dall-e-3 sizes, qualities and styles', () => {
    assert.doesNotThrow(() =>
      validateForModel('dall-e-3', { size: '1792x1024', quality: 'hd', style: 'natural' }, 'generate'),
    );
    assert.match(refusal('dall-e-3', { quality: 'high' }), /accepts "standard", "hd"/);
    assert.match(refusal('dall-e-3', { size: '1024x1536' }), /"1024x1792"/);
    assert.match(refusal('dall-e-3', { background: 'transparent' }), /does not take the "background" option/);
    assert.match(refusal('dall-e-3', { prompt: 'x' } as ImageOptions, 'edit'), /cannot edit images/);
  });

  it('knows dall-e-2 squares', () => {
    assert.doesNotThrow(() => validateForModel('dall-e-2', { size: '256x256' }, 'edit'));
    assert.match(refusal('dall-e-2', { size: '1024x1536' }), /"256x256", "512x512", "1024x1024"/);
  });

  it('refuses contradictions between options', () => {
    assert.match(refusal('gpt-image-1', { outputCompression: 50 }), /only for the "jpeg" and "webp"/);
    assert.match(
      refusal('gpt-image-1', { background: 'transparent', outputFormat: 'jpeg' }),
      /transparent background in JPEG/,
    );
    assert.match(refusal('gpt-image-2', { style: 'vivid' }), /does not take the "style" option/);
  });

  it('passes unknown models through without client-side limits', () => {
    assert.doesNotThrow(() =>
      validateForModel('flux-pro', { size: '77x33', quality: 'hd', style: 'vivid' }, 'edit'),
    );
  });

  it('splits dall-e-3 counts into single-image requests', () => {
    assert.deepEqual(requestBatches('dall-e-3', 3), [1, 1, 1]);
    assert.deepEqual(requestBatches('gpt-image-1', 4), [4]);
    assert.deepEqual(requestBatches('unknown-model', 2), [2]);
  });

  it('explains flexible-size problems', () => {
    const rule = capabilitiesFor('gpt-image-2')!.flexibleSize!;
    assert.equal(flexibleSizeProblem('1024x1024', rule), undefined);
    assert.deepEqual(flexibleSizeProblem('nope', rule), { rule: 'shape' });
    assert.match(sizeProblemText(flexibleSizeProblem('nope', rule)!, englishSurface), /not WIDTHxHEIGHT/);
  });
});
