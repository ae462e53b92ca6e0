// Every model family behind LiteLLM, through the real client and the fake proxy on 127.0.0.1: the family is known
// from what /model/info reports (not the alias), each offered shape reaches the "upstream" in the form that route
// carries, the extension never sends a size LiteLLM would silently square (while the fake, like LiteLLM, does square
// one that is sent), a route that drops the shape is refused before sending, and litellm.image.modelCapabilities
// changes all of it.
import { strict as assert } from 'node:assert';
import {
  ASPECT_RATIOS,
  capabilitiesFor,
  LiteLLMClient,
  LiteLLMError,
  modelsFromModelInfo,
  parseSettings,
  RawCoreSettings,
} from '../../src/core';
import { DEFAULT_FAKE_MODELS, FakeLitellm, type FakeModel } from '../fixtures/fakeLitellm';
import { readPngSize } from '../fixtures/readPng';
import { textOf } from '../support/messageText';

const KEY = 'sk-master-test';

/** Aliases an operator might choose, behind the provider models LiteLLM serves. */
const FAMILY_MODELS: FakeModel[] = [
  { id: 'nano-banana', mode: 'image_generation', providerModel: 'gemini/gemini-2.5-flash-image' },
  { id: 'nano-vertex', mode: 'image_generation', providerModel: 'vertex_ai/gemini-2.5-flash-image' },
  { id: 'nano-pro', mode: 'image_generation', providerModel: 'vertex_ai/gemini-3-pro-image-preview' },
  { id: 'imagen-studio', mode: 'image_generation', providerModel: 'gemini/imagen-4.0-generate-001' },
  { id: 'imagen-vertex', mode: 'image_generation', providerModel: 'vertex_ai/imagen-4.0-generate-001' },
  { id: 'sd-large', mode: 'image_generation', providerModel: 'stability/sd3.5-large' },
  { id: 'recraft', mode: 'image_generation', providerModel: 'recraft/recraftv3' },
  // A name that says "gpt-image" but routes elsewhere: the proxy's word wins over the name.
  { id: 'house-model', mode: 'image_generation', providerModel: 'vertex_ai/imagen-4.0-fast-generate-001' },
];

function ratioOf(w: number, h: number): number {
  return w / h;
}
function ratioValue(r: string): number {
  const [a, b] = r.split(':').map(Number);
  return a! / b!;
}

describe('model families behind LiteLLM (fake proxy)', () => {
  const fake = new FakeLitellm({ models: [...DEFAULT_FAKE_MODELS, ...FAMILY_MODELS] });
  const clients: LiteLLMClient[] = [];

  function client(raw: RawCoreSettings = {}): LiteLLMClient {
    const c = new LiteLLMClient(parseSettings({ baseUrl: fake.baseUrl, ...raw }), { apiKey: KEY });
    clients.push(c);
    return c;
  }
  const generations = () => fake.requests.filter((r) => r.path.endsWith('/images/generations'));
  const upstreamOf = (i = 0) => generations()[i]!.upstream as Record<string, unknown>;

  async function refused(p: Promise<unknown>): Promise<LiteLLMError> {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof LiteLLMError, String(e));
      return e;
    }
    assert.fail('expected a refusal');
  }

  before(() => fake.start());
  beforeEach(() => fake.reset());
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  after(() => fake.stop());

  describe('Gemini on Vertex AI: aspectRatio and imageSize reach generationConfig.imageConfig', () => {
    it('sends every offered ratio as aspectRatio, and the image comes back in that shape', async () => {
      const c = client({ model: 'nano-vertex' });
      const caps = capabilitiesFor('nano-vertex', { providerModel: 'vertex_ai/gemini-2.5-flash-image' })!;
      assert.deepEqual([...caps.aspectRatios], ['1:1', '2:3', '3:2', '3:4', '4:3', '9:16', '16:9', '21:9']);
      for (const aspectRatio of caps.aspectRatios) {
        fake.reset();
        const r = await c.generate({
          prompt: 'a lighthouse',
          options: { aspectRatio: aspectRatio as (typeof ASPECT_RATIOS)[number] },
        });
        const body = generations()[0]!.json as Record<string, unknown>;
        assert.equal(body.aspectRatio, aspectRatio, 'sent as the passthrough parameter');
        assert.equal(body.size, undefined, 'no size that LiteLLM could square');
        const config = (upstreamOf().generationConfig as { imageConfig?: Record<string, string> })
          .imageConfig;
        assert.deepEqual(config, { aspectRatio }, aspectRatio);
        const img = readPngSize(r.images[0]!.bytes)!;
        assert.ok(Math.abs(ratioOf(img.width, img.height) - ratioValue(aspectRatio)) < 0.05, aspectRatio);
      }
    });

    it('asks /model/info once per client to learn the route, then sends', async () => {
      const c = client({ model: 'nano-vertex' });
      await c.generate({ prompt: 'a', options: { aspectRatio: '16:9' } });
      await c.generate({ prompt: 'b', options: { aspectRatio: '9:16' } });
      assert.deepEqual(
        fake.requests.map((r) => r.path),
        ['/model/info', '/images/generations', '/images/generations'],
      );
    });

    it('sends a size from LiteLLM’s table as its ratio, and imageSize for Gemini 3 Pro (2K doubles the pixels)', async () => {
      const r = await client({ model: 'nano-pro' }).generate({
        prompt: 'a map',
        options: { size: '1792x1024', imageSize: '2K' },
      });
      const config = (upstreamOf().generationConfig as { imageConfig?: Record<string, string> }).imageConfig;
      assert.deepEqual(config, { aspectRatio: '16:9', imageSize: '2K' });
      assert.deepEqual(readPngSize(r.images[0]!.bytes), { width: 2688, height: 1536 });
    });

    it('refuses imageSize on Gemini 2.5 Flash Image, which has one resolution', async () => {
      const e = await refused(
        client({ model: 'nano-vertex' }).generate({ prompt: 'x', options: { imageSize: '4K' } }),
      );
      assert.equal(e.reported.code, 'model.noOption');
      assert.equal(generations().length, 0, 'nothing was sent');
    });
  });

  describe('Gemini on Google AI Studio: the route drops size and aspect ratio', () => {
    it('refuses a ratio or a size before sending, naming the route and what to do', async () => {
      for (const options of [
        { aspectRatio: '16:9' as const },
        { size: '1792x1024' },
        { imageSize: '2K' as const },
      ]) {
        const e = await refused(client({ model: 'nano-banana' }).generate({ prompt: 'x', options }));
        assert.equal(e.reported.code, 'model.shapeDropped', textOf(e));
        assert.match(textOf(e), /nano-banana cannot take the chosen .* on the "gemini" route.*Vertex AI/);
      }
      assert.equal(generations().length, 0, 'nothing was sent');
    });

    it('generates without a shape (the square the model makes by default)', async () => {
      const r = await client({ model: 'nano-banana' }).generate({ prompt: 'a cat' });
      assert.deepEqual(upstreamOf().generationConfig, { response_modalities: ['IMAGE', 'TEXT'] });
      assert.deepEqual(readPngSize(r.images[0]!.bytes), { width: 1024, height: 1024 });
    });

    it('skips an AI Studio fallback that cannot carry the ratio and uses the Vertex one', async () => {
      fake.failNext({ kind: 'status', status: 503 }, { model: 'nano-pro' });
      const r = await client({ model: 'nano-pro', fallbacks: ['nano-banana', 'nano-vertex'] }).generate({
        prompt: 'x',
        options: { aspectRatio: '21:9' },
      });
      assert.equal(r.model, 'nano-vertex');
      assert.deepEqual(
        r.attempts.map((a) => [a.model, a.ok, a.skipped ?? false]),
        [
          ['nano-banana', false, true],
          ['nano-pro', false, false],
          ['nano-vertex', true, false],
        ],
      );
      assert.deepEqual(
        generations().map((g) => (g.json as { model: string }).model),
        ['nano-pro', 'nano-vertex'],
        'nothing was sent to the route that would drop the ratio',
      );
    });

    it('without the proxy’s word, a bare Gemini name gets no promise of a shape', async () => {
      const old = new FakeLitellm({
        modelInfo: false,
        models: [{ id: 'gemini-2.5-flash-image', mode: 'image_generation' }],
      });
      await old.start();
      try {
        const c = new LiteLLMClient(
          parseSettings({ baseUrl: old.baseUrl, model: 'gemini-2.5-flash-image' }),
          {
            apiKey: KEY,
          },
        );
        clients.push(c);
        const e = await refused(c.generate({ prompt: 'x', options: { aspectRatio: '16:9' } }));
        assert.equal(e.reported.code, 'model.shapeDropped');
        assert.equal((e.reported.params as { why: string }).why, 'unknownRoute');
        assert.equal(old.requests.filter((r) => r.path === '/images/generations').length, 0);
      } finally {
        await old.stop();
      }
    });
  });

  describe('Imagen (AI Studio and Vertex AI): ratios travel as LiteLLM’s table sizes', () => {
    for (const alias of ['imagen-studio', 'imagen-vertex']) {
      it(`${alias}: every offered ratio arrives as parameters.aspectRatio, never squared`, async () => {
        const c = client({ model: alias });
        for (const aspectRatio of ['1:1', '3:4', '4:3', '9:16', '16:9'] as const) {
          fake.reset();
          const r = await c.generate({ prompt: 'a valley', options: { aspectRatio, n: 2 } });
          const body = generations()[0]!.json as Record<string, unknown>;
          assert.equal(typeof body.size, 'string', 'sent as a size of the table');
          assert.equal(body.aspectRatio, undefined);
          const params = upstreamOf().parameters as Record<string, unknown>;
          assert.deepEqual(params, { sampleCount: 2, aspectRatio }, `${alias} ${aspectRatio}`);
          assert.equal(r.images.length, 2);
          const img = readPngSize(r.images[0]!.bytes)!;
          assert.ok(Math.abs(ratioOf(img.width, img.height) - ratioValue(aspectRatio)) < 0.1, aspectRatio);
        }
      });
    }

    it('refuses a size outside LiteLLM’s table (it would come back square) before sending', async () => {
      for (const size of ['1536x1024', '1024x1536', 'auto', '2048x2048']) {
        const e = await refused(
          client({ model: 'imagen-vertex' }).generate({ prompt: 'x', options: { size } }),
        );
        assert.equal(e.reported.code, 'model.sizeWouldBeSquare', size);
        assert.match(textOf(e), /silently turn size .* into a square/);
      }
      assert.equal(generations().length, 0, 'nothing was sent');
    });

    it('the fake, like LiteLLM, squares a size outside the table: the trap the client never walks into', async () => {
      const res = await fetch(`${fake.baseUrl}/v1/images/generations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'imagen-vertex', prompt: 'x', size: '1536x1024' }),
      });
      assert.equal(res.status, 200);
      await res.arrayBuffer();
      assert.deepEqual(upstreamOf().parameters, { sampleCount: 1, aspectRatio: '1:1' });
    });

    it('refuses a ratio Imagen does not have, and a size that disagrees with the ratio', async () => {
      const c = client({ model: 'imagen-studio' });
      assert.equal(
        (await refused(c.generate({ prompt: 'x', options: { aspectRatio: '21:9' } }))).reported.code,
        'model.optionValue',
      );
      const e = await refused(
        c.generate({ prompt: 'x', options: { size: '1024x1024', aspectRatio: '16:9' } }),
      );
      assert.equal(e.reported.code, 'model.sizeAndAspect');
      assert.equal(generations().length, 0);
    });

    it('an aspect ratio chosen now replaces a default size from the settings', async () => {
      await client({ model: 'imagen-vertex', defaults: { size: '1024x1024' } }).generate({
        prompt: 'x',
        options: { aspectRatio: '9:16' },
      });
      assert.equal((generations()[0]!.json as { size: string }).size, '1024x1792');
    });

    for (const alias of ['imagen-studio', 'imagen-vertex']) {
      it(`${alias}: Imagen 4's resolution travels as sampleImageSize and reaches parameters`, async () => {
        const r = await client({ model: alias }).generate({
          prompt: 'a valley',
          options: { aspectRatio: '16:9', imageSize: '2K' },
        });
        const body = generations()[0]!.json as Record<string, unknown>;
        assert.equal(body.sampleImageSize, '2K');
        assert.equal(body.imageSize, undefined, 'not under the Gemini name, which Imagen ignores');
        assert.deepEqual(upstreamOf().parameters, {
          sampleCount: 1,
          aspectRatio: '16:9',
          sampleImageSize: '2K',
        });
        assert.deepEqual(readPngSize(r.images[0]!.bytes), { width: 2816, height: 1536 });
        assert.equal(r.askedShape?.imageSize, '2K');
      });
    }

    it('Imagen 4 Ultra takes 1K and 2K; Imagen 4 Fast and Imagen 3 take no resolution, refused before sending', async () => {
      const ultra = capabilitiesFor('u', { providerModel: 'vertex_ai/imagen-4.0-ultra-generate-001' })!;
      assert.deepEqual([...ultra.imageSizes], ['1K', '2K']);
      for (const providerModel of [
        'vertex_ai/imagen-4.0-fast-generate-001',
        'gemini/imagen-3.0-generate-002',
      ])
        assert.deepEqual([...capabilitiesFor('m', { providerModel })!.imageSizes], [], providerModel);
      const fast = await refused(
        client({ model: 'house-model' }).generate({ prompt: 'x', options: { imageSize: '2K' } }),
      );
      assert.equal(fast.reported.code, 'model.noOption');
      const fourK = await refused(
        client({ model: 'imagen-vertex' }).generate({ prompt: 'x', options: { imageSize: '4K' } }),
      );
      assert.equal(fourK.reported.code, 'model.optionValue');
      assert.equal(generations().length, 0, 'nothing was sent');
    });

    it('the fake, like the provider, answers 400 to sampleImageSize on Imagen 4 Fast', async () => {
      const res = await fetch(`${fake.baseUrl}/v1/images/generations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'house-model', prompt: 'x', sampleImageSize: '2K' }),
      });
      assert.equal(res.status, 400);
      assert.match(await res.text(), /sampleImageSize 2K is not supported by imagen-4\.0-fast-generate-001/);
    });

    it('knows the family from the proxy even when the alias names another', async () => {
      const e = await refused(
        client({ model: 'house-model' }).generate({ prompt: 'x', options: { size: '1536x1024' } }),
      );
      assert.equal(e.reported.code, 'model.sizeWouldBeSquare');
    });
  });

  describe('Stability and Recraft', () => {
    it('stability/: a ratio arrives as aspect_ratio via its own table; one image per request', async () => {
      const r = await client({ model: 'sd-large' }).generate({
        prompt: 'x',
        options: { aspectRatio: '16:9', n: 2 },
      });
      assert.equal(generations().length, 2, 'two requests of one image');
      assert.deepEqual(upstreamOf(), { prompt: 'x', output_format: 'png', aspect_ratio: '16:9' });
      assert.deepEqual(readPngSize(r.images[1]!.bytes), { width: 1344, height: 768 });
      const e = await refused(
        client({ model: 'sd-large' }).generate({ prompt: 'x', options: { size: '1280x896' } }),
      );
      assert.equal(e.reported.code, 'model.sizeWouldBeSquare');
    });

    it('recraft/: Recraft’s own sizes are forwarded as they are', async () => {
      const r = await client({ model: 'recraft' }).generate({ prompt: 'x', options: { size: '1365x1024' } });
      assert.equal(upstreamOf().size, '1365x1024');
      assert.deepEqual(readPngSize(r.images[0]!.bytes), { width: 1365, height: 1024 });
      const e = await refused(
        client({ model: 'recraft' }).generate({ prompt: 'x', options: { size: '1000x1000' } }),
      );
      assert.equal(e.reported.code, 'model.size');
    });
  });

  describe('OpenAI families are unchanged', () => {
    it('gpt-image and dall-e take no aspect ratio, and are known by name without asking /model/info', async () => {
      for (const model of ['gpt-image-1', 'gpt-image-2', 'gpt-image-1.5-mini', 'dall-e-3', 'dall-e-2']) {
        const e = await refused(
          client({ model }).generate({ prompt: 'x', options: { aspectRatio: '16:9' } }),
        );
        assert.equal(e.reported.code, 'model.noOption', model);
      }
      await client({ model: 'gpt-image-1' }).generate({ prompt: 'x', options: { size: '1536x1024' } });
      assert.deepEqual(
        fake.requests.map((r) => r.path),
        ['/images/generations'],
      );
      assert.equal(upstreamOf().size, '1536x1024');
    });
  });

  describe('litellm.image.modelCapabilities', () => {
    it('describes a model the table does not know, by starting from a known one (no /model/info needed)', async () => {
      const c = client({
        model: 'nano-pro',
        modelCapabilities: { 'nano-pro': { like: 'vertex_ai/gemini-3-pro-image-preview' } },
      });
      await c.generate({ prompt: 'x', options: { aspectRatio: '3:2', imageSize: '2K' } });
      assert.deepEqual(
        fake.requests.map((r) => r.path),
        ['/images/generations'],
      );
      assert.deepEqual((generations()[0]!.json as Record<string, unknown>).imageSize, '2K');
    });

    it('narrows a known model: what it lists is all that is accepted', async () => {
      const c = client({
        model: 'gpt-image-1',
        modelCapabilities: { 'gpt-image-1': { sizes: ['1024x1024'], maxCount: 2 } },
      });
      assert.equal(
        (await refused(c.generate({ prompt: 'x', options: { size: '1536x1024' } }))).reported.code,
        'model.size',
      );
      assert.equal(
        (await refused(c.generate({ prompt: 'x', options: { n: 3 } }))).reported.code,
        'model.maxCount',
      );
      assert.equal(generations().length, 0);
    });

    it('reaches discovery: the pickers and the Studio see the described capabilities', () => {
      const info = {
        data: [
          {
            model_name: 'house-painter',
            litellm_params: { model: 'openai/house-painter' },
            model_info: { mode: null },
          },
        ],
      };
      assert.equal(modelsFromModelInfo(info)?.length, 0, 'not an image model by name');
      const models = modelsFromModelInfo(info, { 'house-painter': { sizes: ['1024x1024'], edits: false } })!;
      assert.equal(models[0]!.capabilities?.family, 'custom');
      assert.deepEqual(models[0]!.capabilities?.sizes, ['1024x1024']);
      assert.equal(models[0]!.canEdit, false);
    });

    it('refuses bad entries, naming the setting, the entry and the key', () => {
      const bad = (modelCapabilities: unknown) => {
        try {
          parseSettings({ modelCapabilities } as RawCoreSettings);
        } catch (e) {
          return textOf(e);
        }
        assert.fail('expected invalid settings');
      };
      assert.match(
        bad({ m: { sizez: ['1x1'] } }),
        /litellm\.image\.modelCapabilities \(m\) has keys .*"sizez"/,
      );
      assert.match(
        bad({ m: { like: 'no-such-model' } }),
        /\(m\.like\) names a model this extension does not know/,
      );
      assert.match(bad({ m: { aspectRatios: ['7:5'] } }), /\(m\.aspectRatios\[0\]\) must be one of/);
      assert.match(bad({ m: { sizes: ['big'] } }), /\(m\.sizes\[0\]\) must be "auto" or WIDTHxHEIGHT/);
      assert.match(bad({ m: { maxCount: 0 } }), /\(m\.maxCount\) must be at least 1/);
      assert.match(bad({ m: 'gpt-image-1' }), /\(m\) must be an object/);
      assert.match(bad([]), /litellm\.image\.modelCapabilities must be an object/);
    });
  });
});
