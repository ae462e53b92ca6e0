// The cost estimate before a call: prices read from a real /model/info answer (the fake proxy over HTTP, and a
// hostile one), priced by image, by pixel and by image token, ranges where the model chooses, and no estimate where
// the prices cannot price the request.
import { strict as assert } from 'node:assert';
import {
  capabilitiesFor,
  estimateCost,
  estimateForModel,
  LiteLLMClient,
  parseSettings,
  pricesFromModelInfo,
} from '../../src/core';
import { FakeLitellm } from '../fixtures/fakeLitellm';

const KEY = 'sk-test-estimate';

describe('cost estimate', () => {
  describe('prices from /model/info', () => {
    let fake: FakeLitellm;
    let client: LiteLLMClient;
    before(async () => {
      fake = new FakeLitellm({
        masterKey: KEY,
        models: [
          { id: 'gpt-image-2', mode: 'image_generation', prices: { output_cost_per_image_token: 0 } },
          {
            id: 'gpt-image-1',
            mode: 'image_generation',
            prices: { input_cost_per_token: 5e-6, output_cost_per_image_token: 4e-5 },
          },
          {
            id: 'dall-e-3',
            mode: 'image_generation',
            prices: { input_cost_per_pixel: 3.81469e-8, output_cost_per_pixel: 0 },
          },
          {
            id: 'imagen-4',
            mode: 'image_generation',
            providerModel: 'vertex_ai/imagen-4.0-generate-001',
            prices: { output_cost_per_image: 0.04 },
          },
          // A hostile or broken proxy: absurd, negative and null prices are no prices.
          {
            id: 'gpt-image-1-odd',
            mode: 'image_generation',
            providerModel: 'openai/gpt-image-1',
            prices: {
              output_cost_per_image: 5000,
              input_cost_per_pixel: -1,
              output_cost_per_image_token: null,
            },
          },
        ],
      });
      await fake.start();
      client = new LiteLLMClient(parseSettings({ baseUrl: fake.baseUrl }), { apiKey: KEY });
    });
    after(async () => {
      await client.dispose();
      await fake.stop();
    });

    it('keeps each model’s positive image prices, and none for zero, null, negative or absurd ones', async () => {
      const models = await client.listImageModels();
      const prices = Object.fromEntries(models.map((m) => [m.id, m.prices]));
      assert.deepEqual(prices, {
        'gpt-image-2': undefined,
        'gpt-image-1': { perOutputImageToken: 4e-5 },
        'dall-e-3': { perPixel: 3.81469e-8 },
        'imagen-4': { perImage: 0.04 },
        'gpt-image-1-odd': undefined,
      });
    });

    it('prices what would be sent, from the model the proxy routes to', async () => {
      const models = await client.listImageModels();
      const of = (id: string) => {
        const m = models.find((x) => x.id === id)!;
        return { prices: m.prices, caps: capabilitiesFor(id, { providerModel: m.providerModel }) };
      };
      const imagen = of('imagen-4');
      assert.deepEqual(estimateCost(imagen.prices, imagen.caps, { n: 3 }), {
        estimate: { low: 0.12, high: 0.12, images: 3, basis: 'perImage' },
      });
      const gpt2 = of('gpt-image-2');
      assert.deepEqual(estimateCost(gpt2.prices, gpt2.caps, { size: '1024x1024' }), { none: 'noPrices' });
    });

    it('estimates a request to a listed model as the front ends ask for it', async () => {
      const models = await client.listImageModels();
      const dalle = estimateForModel(models, 'dall-e-3', {}, { size: '1024x1792', quality: 'hd', n: 2 });
      assert.ok('estimate' in dalle);
      assert.ok(Math.abs(dalle.estimate.low - 2 * 1024 * 1792 * 3.81469e-8) < 1e-12);
      // An aspect ratio has no pixel size: the range over the model's sizes, never the ratio's table size.
      const ratio = estimateForModel(models, 'dall-e-3', {}, { size: '1024x1792', aspectRatio: '16:9' });
      assert.ok('estimate' in ratio && ratio.estimate.low < ratio.estimate.high);
      assert.deepEqual(estimateForModel(models, 'not-listed', {}, {}), { none: 'noPrices' });
      assert.deepEqual(estimateForModel(models, 'gpt-image-2', {}, {}), { none: 'noPrices' });
    });
  });

  describe('arithmetic', () => {
    const gpt1 = capabilitiesFor('gpt-image-1');
    const dalle3 = capabilitiesFor('dall-e-3');
    const tokens = { perOutputImageToken: 4e-5 };

    it('by image token: the size and quality asked, times the count', () => {
      const r = estimateCost(tokens, gpt1, { size: '1536x1024', quality: 'medium', n: 2 });
      assert.ok('estimate' in r);
      assert.equal(r.estimate.basis, 'imageTokens');
      assert.ok(Math.abs(r.estimate.low - 2 * 1568 * 4e-5) < 1e-12);
      assert.equal(r.estimate.low, r.estimate.high);
    });

    it('a size or quality left to the model is the range over what it may choose', () => {
      const r = estimateCost(tokens, gpt1, { size: 'auto' });
      assert.ok('estimate' in r);
      assert.ok(Math.abs(r.estimate.low - 272 * 4e-5) < 1e-12, String(r.estimate.low));
      assert.ok(Math.abs(r.estimate.high - 6240 * 4e-5) < 1e-12, String(r.estimate.high));
      const q = estimateCost(tokens, gpt1, { size: '1024x1024', quality: 'auto' });
      assert.ok('estimate' in q);
      assert.ok(Math.abs(q.estimate.high - 4160 * 4e-5) < 1e-12);
    });

    it('a token-priced size the table does not list is not guessed', () => {
      assert.deepEqual(estimateCost(tokens, gpt1, { size: '2048x2048' }), { none: 'sizeNotPriced' });
      // A model the catalog does not know has no token table either.
      assert.deepEqual(estimateCost(tokens, undefined, { size: '1024x1024' }), { none: 'sizeNotPriced' });
    });

    it('by pixel: width × height × price, and every listed size when none is chosen', () => {
      const one = estimateCost({ perPixel: 3.81469e-8 }, dalle3, { size: '1024x1792', n: 1 });
      assert.ok('estimate' in one);
      assert.ok(Math.abs(one.estimate.low - 1024 * 1792 * 3.81469e-8) < 1e-12);
      const any = estimateCost({ perPixel: 3.81469e-8 }, dalle3, {});
      assert.ok('estimate' in any && any.estimate.low < any.estimate.high);
      // No size chosen and none listed (a model nobody knows, or an aspect ratio instead of a size): no estimate.
      assert.deepEqual(estimateCost({ perPixel: 1e-8 }, undefined, {}), { none: 'sizeNotPriced' });
    });

    it('a flat price per image wins over the others, and no prices is no estimate', () => {
      const r = estimateCost({ perImage: 0.039, perOutputImageToken: 3e-5 }, gpt1, { n: 4 });
      assert.ok('estimate' in r);
      assert.equal(r.estimate.basis, 'perImage');
      assert.ok(Math.abs(r.estimate.high - 0.156) < 1e-12);
      assert.deepEqual(estimateCost(undefined, gpt1, {}), { none: 'noPrices' });
    });

    it('reads only plausible positive numbers from model_info', () => {
      assert.equal(pricesFromModelInfo(null), undefined);
      assert.equal(pricesFromModelInfo(['output_cost_per_image']), undefined);
      assert.equal(pricesFromModelInfo({ output_cost_per_image: '0.04' }), undefined);
      assert.deepEqual(pricesFromModelInfo({ input_cost_per_pixel: 1e-8, output_cost_per_pixel: 1e-8 }), {
        perPixel: 2e-8,
      });
    });
  });
});
