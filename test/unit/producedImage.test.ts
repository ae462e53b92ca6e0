// Requested vs. produced: the comparison itself, the header reads it rests on, and what the CLI prints and the
// provenance keeps when the fake proxy's "upstream" answers with another size or format than was asked for.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  askedShapeFor,
  callDifferences,
  capabilitiesFor,
  compareWithRequest,
  type ImageOptions,
  IMAGE_HEADER_BYTES,
  notAsRequestedMessage,
  ratioName,
  readProvenanceFromFile,
  sniffImage,
} from '../../src/core';
import type { Message } from '../../src/core/messages';
import { extensionSurface } from '../../src/extension/messageSurface';
import { englishL10n, renderMessage } from '../../src/shared/messages';
import type { L10nArgs } from '../../src/shared/messages/surface';
import { FAMILY_FAKE_MODELS } from '../fixtures/fakeFamilies';
import { DEFAULT_FAKE_MODELS, FakeLitellm } from '../fixtures/fakeLitellm';
import { runCli } from '../fixtures/cliProcess';
import { SAMPLE_JPEG, SAMPLE_WEBP_LOSSY } from '../fixtures/png';
import { textOf } from '../support/messageText';

const png = { format: 'png' as const, width: 1024, height: 1024 };

/** The message as the extension shows it in German or Japanese, from the shipped bundles. */
function textIn(lang: 'de' | 'ja', m: Message): string {
  const file = path.join(__dirname, '..', '..', 'l10n', `bundle.l10n.${lang}.json`);
  const bundle = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const l10n = { t: (text: string, args?: L10nArgs) => englishL10n.t(bundle[text] ?? text, args) };
  return renderMessage(m, extensionSurface(l10n, lang));
}

describe('requested vs. produced', () => {
  describe('the comparison', () => {
    it('names the size, the format and the model that differ, and nothing that agrees', () => {
      assert.equal(
        compareWithRequest({ model: 'gpt-image-1', options: { size: '1024x1024' } }, png, 'gpt-image-1'),
        undefined,
      );
      assert.deepEqual(
        compareWithRequest(
          { model: 'gpt-image-2', options: { size: '1536x1024', outputFormat: 'webp' } },
          png,
          'dall-e-3',
        ),
        {
          size: { asked: '1536x1024', got: '1024x1024' },
          format: { asked: 'webp', got: 'png' },
          model: { asked: 'gpt-image-2', got: 'dall-e-3' },
        },
      );
    });

    it('does not compare a size of auto, an unset size or format, or a size the header did not give', () => {
      for (const options of [{ size: 'auto' }, {}])
        assert.equal(compareWithRequest({ model: 'm', options }, png, 'm'), undefined);
      assert.equal(
        compareWithRequest({ model: 'm', options: { size: '1536x1024' } }, { format: 'png' }, 'm'),
        undefined,
      );
      assert.equal(
        compareWithRequest(
          { model: 'm', options: { outputFormat: 'jpeg' } },
          { format: 'jpeg', width: 1, height: 1 },
          'm',
        ),
        undefined,
        'jpeg asked, JPEG got',
      );
    });

    it('says it the way the notification does, and each distinct difference of a call once', () => {
      const d = { size: { asked: '1536x1024', got: '1024x1024' } };
      assert.equal(textOf(notAsRequestedMessage(d)), 'asked for 1536×1024, got 1024×1024');
      assert.equal(
        textOf(
          notAsRequestedMessage(
            { ...d, format: { asked: 'webp', got: 'png' }, model: { asked: 'gpt-image-2', got: 'dall-e-3' } },
            'fox.png',
          ),
        ),
        'fox.png: asked for 1536×1024, got 1024×1024; asked for WebP, got PNG; dall-e-3 answered instead of gpt-image-2',
      );
      assert.equal(callDifferences([d, undefined, { ...d }]).length, 1);
    });
  });

  describe('aspect ratios and resolutions', () => {
    const imagen = capabilitiesFor('imagen-4', { providerModel: 'vertex_ai/imagen-4.0-generate-001' })!;
    const vertexGemini = capabilitiesFor('nano', { providerModel: 'vertex_ai/gemini-3-pro-image-preview' })!;
    const gptImage = capabilitiesFor('gpt-image-1')!;
    const compare = (
      caps: Parameters<typeof askedShapeFor>[0],
      options: ImageOptions,
      width: number,
      height: number,
    ) =>
      compareWithRequest(
        { model: 'm', options, asked: askedShapeFor(caps, options, 'generate') },
        { format: 'png', width, height },
        'm',
      );

    it('a square for 16:9 is reported with the ratio and the pixels, in every language', () => {
      const d = compare(vertexGemini, { aspectRatio: '16:9' }, 1024, 1024);
      assert.deepEqual(d, { aspectRatio: { asked: '16:9', got: '1:1', pixels: '1024x1024' } });
      assert.equal(textOf(notAsRequestedMessage(d!)), 'asked for 16:9, got 1:1 (1024×1024)');
      assert.equal(textIn('de', notAsRequestedMessage(d!)), 'angefordert 16:9, erhalten 1:1 (1024×1024)');
      assert.equal(textIn('ja', notAsRequestedMessage(d!)), '要求は 16:9、結果は 1:1 (1024×1024)');
    });

    it('a size that travels as its ratio is compared as that ratio: Imagen’s 1408x768 is 16:9', () => {
      assert.deepEqual(askedShapeFor(imagen, { size: '1792x1024' }, 'generate'), {
        aspectRatio: '16:9',
        madeAs: '1408x768',
      });
      assert.equal(compare(imagen, { size: '1792x1024' }, 1408, 768), undefined);
      assert.equal(compare(imagen, { aspectRatio: '16:9' }, 1408, 768), undefined);
      // Imagen's own sizes are not always the ratio to 3 % (896x1280 is 7:10), and are still what was asked.
      assert.equal(compare(imagen, { aspectRatio: '3:4' }, 896, 1280), undefined);
      assert.equal(compare(imagen, { aspectRatio: '9:16', imageSize: '2K' }, 1536, 2816), undefined);
      // Rounded sides within 3 %: Gemini's 1344x768 for 16:9, 864x1184 for 3:4, 1536x672 for 21:9.
      assert.equal(compare(vertexGemini, { aspectRatio: '16:9' }, 1344, 768), undefined);
      assert.equal(compare(vertexGemini, { aspectRatio: '3:4' }, 864, 1184), undefined);
      assert.equal(compare(vertexGemini, { size: '1792x1024' }, 1344, 768), undefined);
      assert.equal(compare(vertexGemini, { aspectRatio: '21:9' }, 1536, 672), undefined);
      // The exact size is still the rule where the size is sent as it is.
      assert.deepEqual(compare(gptImage, { size: '1536x1024' }, 1408, 768), {
        size: { asked: '1536x1024', got: '1408x768' },
      });
    });

    it('names a ratio that is none of the offered ones in lowest terms, or as a decimal', () => {
      assert.equal(ratioName(1000, 700), '10:7');
      assert.equal(ratioName(1451, 500), '2.9:1');
      assert.equal(ratioName(500, 1451), '1:2.9');
      assert.equal(ratioName(896, 1152), '4:5');
      assert.deepEqual(compare(vertexGemini, { aspectRatio: '4:3' }, 1000, 700), {
        aspectRatio: { asked: '4:3', got: '10:7', pixels: '1000x700' },
      });
    });

    it('a resolution clearly off is reported (asked 2K, got about 1K); one in its class is not', () => {
      const d = compare(vertexGemini, { aspectRatio: '1:1', imageSize: '2K' }, 1024, 1024);
      assert.deepEqual(d, { imageSize: { asked: '2K', got: '1K', pixels: '1024x1024' } });
      assert.equal(textOf(notAsRequestedMessage(d!)), 'asked for 2K, got about 1K (1024×1024)');
      for (const [w, h] of [
        [2048, 2048],
        [2688, 1536],
        [2816, 1536],
      ] as const)
        assert.equal(compare(vertexGemini, { imageSize: '2K' }, w, h), undefined, `${w}x${h}`);
      assert.equal(compare(imagen, { imageSize: '1K', aspectRatio: '16:9' }, 1408, 768), undefined);
      assert.deepEqual(compare(vertexGemini, { aspectRatio: '16:9', imageSize: '4K' }, 1024, 1024), {
        aspectRatio: { asked: '16:9', got: '1:1', pixels: '1024x1024' },
        imageSize: { asked: '4K', got: '1K', pixels: '1024x1024' },
      });
      assert.equal(
        textOf(
          notAsRequestedMessage(compare(vertexGemini, { aspectRatio: '16:9', imageSize: '4K' }, 1024, 1024)!),
        ),
        'asked for 16:9, got 1:1 (1024×1024); asked for 4K, got about 1K',
        'the pixels once',
      );
    });

    it('a record without the route compares its options as they are; a route that carries no shape, nothing', () => {
      assert.deepEqual(compareWithRequest({ model: 'm', options: { aspectRatio: '16:9' } }, png, 'm'), {
        aspectRatio: { asked: '16:9', got: '1:1', pixels: '1024x1024' },
      });
      const studio = capabilitiesFor('nano', { providerModel: 'gemini/gemini-2.5-flash-image' })!;
      assert.equal(askedShapeFor(studio, { aspectRatio: '16:9' }, 'generate'), undefined);
      assert.equal(askedShapeFor(vertexGemini, { aspectRatio: '16:9' }, 'edit'), undefined);
    });
  });

  describe('header reads', () => {
    it('takes no size from a lossy WebP without its start code, or from a zero side', () => {
      const broken = Buffer.from(SAMPLE_WEBP_LOSSY);
      broken[23] = 0;
      assert.deepEqual(sniffImage(broken), { mimeType: 'image/webp', extension: 'webp' });
      const zero = Buffer.from(SAMPLE_JPEG);
      const sof = zero.indexOf(Buffer.from([0xff, 0xc0]));
      zero.writeUInt16BE(0, sof + 5);
      assert.deepEqual(sniffImage(zero), { mimeType: 'image/jpeg', extension: 'jpg' });
    });

    it('looks no further than IMAGE_HEADER_BYTES for a JPEG frame', () => {
      const app1 = Buffer.alloc(4 + IMAGE_HEADER_BYTES);
      app1.writeUInt16BE(0xffe1, 0);
      app1.writeUInt16BE(0xfff0, 2); // a segment length that walks past the bound
      const far = Buffer.concat([SAMPLE_JPEG.subarray(0, 2), app1, SAMPLE_JPEG.subarray(2)]);
      assert.deepEqual(sniffImage(far), { mimeType: 'image/jpeg', extension: 'jpg' });
    });
  });

  describe('through the CLI against the fake proxy', function () {
    this.timeout(60_000);
    const fake = new FakeLitellm({ models: [...DEFAULT_FAKE_MODELS, ...FAMILY_FAKE_MODELS] });
    let out: string;
    let env: Record<string, string>;
    before(async () => {
      await fake.start();
      env = { LITELLM_BASE_URL: fake.baseUrl, LITELLM_API_KEY: 'sk-master-test' };
    });
    beforeEach(async () => {
      fake.reset();
      fake.produce = {};
      out = await mkdtemp(path.join(tmpdir(), 'produced-'));
    });
    afterEach(() => rm(out, { recursive: true, force: true }));
    after(() => fake.stop());

    const lines = (stdout: string) =>
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);

    it('a square for a landscape request: width, height, format and a warning per file, both sizes in the provenance', async () => {
      fake.produce = { 'gpt-image-1': { size: '1024x1024' } };
      const r = await runCli(
        ['generate', 'a wide bay', '--model', 'gpt-image-1', '--size', '1536x1024', '--out', out],
        env,
      );
      assert.equal(r.code, 0, r.stderr);
      const [line] = lines(r.stdout);
      assert.equal(line!.width, 1024);
      assert.equal(line!.height, 1024);
      assert.equal(line!.format, 'png');
      assert.deepEqual(line!.requested, { model: 'gpt-image-1', size: '1536x1024' });
      assert.deepEqual(line!.notAsRequested, { size: { asked: '1536x1024', got: '1024x1024' } });
      assert.equal(line!.warning, 'a-wide-bay.png: asked for 1536×1024, got 1024×1024');
      assert.match(r.stderr, /a-wide-bay\.png: asked for 1536×1024, got 1024×1024/);
      const p = await readProvenanceFromFile(String(line!.path));
      assert.equal(p?.parameters.size, '1536x1024', 'the request');
      assert.deepEqual(p?.produced, { format: 'png', width: 1024, height: 1024 }, 'what came back');
    });

    it('a JPEG for a PNG request is named .jpg, reported, and its sidecar keeps both', async () => {
      fake.produce = { 'gpt-image-1': { format: 'jpeg', size: '64x48' } };
      const r = await runCli(
        [
          'generate',
          'a jar',
          '--model',
          'gpt-image-1',
          '--output-format',
          'png',
          '--size',
          '1024x1024',
          '--out',
          out,
        ],
        env,
      );
      assert.equal(r.code, 0, r.stderr);
      const [line] = lines(r.stdout);
      assert.equal(path.extname(String(line!.path)), '.jpg');
      assert.equal(line!.format, 'jpeg');
      assert.equal(line!.width, 64);
      assert.deepEqual(line!.notAsRequested, {
        size: { asked: '1024x1024', got: '64x48' },
        format: { asked: 'png', got: 'jpeg' },
      });
      const sidecar = JSON.parse(await readFile(`${String(line!.path)}.litellm.json`, 'utf8'));
      assert.equal(sidecar.parameters.outputFormat, 'png');
      assert.deepEqual(sidecar.produced, { format: 'jpeg', width: 64, height: 48 });
    });

    it('a square for a 16:9 Gemini request: the ratio and the pixels per file, the asked shape in the provenance', async () => {
      fake.produce = { 'nano-banana-vertex': { size: '1024x1024' } };
      const r = await runCli(
        ['generate', 'a wide bay', '--model', 'nano-banana-vertex', '--aspect-ratio', '16:9', '--out', out],
        env,
      );
      assert.equal(r.code, 0, r.stderr);
      const [line] = lines(r.stdout);
      assert.deepEqual(line!.requested, { model: 'nano-banana-vertex', aspectRatio: '16:9' });
      assert.deepEqual(line!.notAsRequested, {
        aspectRatio: { asked: '16:9', got: '1:1', pixels: '1024x1024' },
      });
      assert.equal(line!.warning, 'a-wide-bay.png: asked for 16:9, got 1:1 (1024×1024)');
      assert.match(r.stderr, /a-wide-bay\.png: asked for 16:9, got 1:1 \(1024×1024\)/);
      const p = await readProvenanceFromFile(String(line!.path));
      assert.equal(p?.parameters.aspectRatio, '16:9', 'the request');
      assert.deepEqual(p?.askedShape, { aspectRatio: '16:9' }, 'as the provider was asked');
      assert.deepEqual(p?.produced, { format: 'png', width: 1024, height: 1024 }, 'what came back');
    });

    it('Imagen’s 1408x768 for a 1792x1024 request is the 16:9 that size travels as: no warning', async () => {
      const r = await runCli(
        ['generate', 'a valley', '--model', 'imagen-4', '--size', '1792x1024', '--out', out],
        env,
      );
      assert.equal(r.code, 0, r.stderr);
      const [line] = lines(r.stdout);
      assert.deepEqual([line!.width, line!.height], [1408, 768]);
      assert.equal(line!.notAsRequested, undefined);
      assert.equal(r.stderr, '');
      const p = await readProvenanceFromFile(String(line!.path));
      assert.deepEqual(p?.askedShape, { aspectRatio: '16:9', madeAs: '1408x768' });
    });

    it('an image as asked carries no warning', async () => {
      const r = await runCli(['generate', 'as asked', '--size', '1024x1536', '--out', out], env);
      assert.equal(r.code, 0, r.stderr);
      const [line] = lines(r.stdout);
      assert.equal(line!.notAsRequested, undefined);
      assert.equal(line!.warning, undefined);
      assert.equal(r.stderr, '');
    });
  });
});
