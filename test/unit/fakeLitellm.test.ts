// Tests of the fake LiteLLM proxy fixture itself (not of the project core): it must imitate LITELLM_FACTS.md.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { FakeLitellm, type RecordedRequest } from '../fixtures/fakeLitellm';
import { parseMultipart } from '../fixtures/multipart';
import {
  encodePng,
  padPng,
  renderPromptImage,
  SAMPLE_GIF_1x1,
  SAMPLE_JPEG,
  SAMPLE_WEBP_LOSSLESS,
  SAMPLE_WEBP_LOSSY,
} from '../fixtures/png';
import { readPng, readPngSize } from '../fixtures/readPng';

const KEY = 'sk-master-test';

/** Check every chunk's CRC and that IDAT inflates to exactly the scanlines IHDR announces. */
function checkPng(buf: Buffer): { width: number; height: number; colorType: number } {
  assert.deepEqual(
    [...buf.subarray(0, 8)],
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    'PNG signature',
  );
  let pos = 8;
  const types: string[] = [];
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    assert.equal(
      buf.readUInt32BE(pos + 8 + len),
      zlib.crc32(buf.subarray(pos + 4, pos + 8 + len)),
      `${type} CRC`,
    );
    if (type === 'IDAT') idat.push(buf.subarray(pos + 8, pos + 8 + len));
    types.push(type);
    pos += 12 + len;
  }
  assert.equal(types[0], 'IHDR');
  assert.equal(types.at(-1), 'IEND');
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const colorType = buf[25];
  const channels = colorType === 6 ? 4 : 3;
  assert.equal(
    zlib.inflateSync(Buffer.concat(idat)).length,
    (width * channels + 1) * height,
    'scanline bytes',
  );
  return { width, height, colorType };
}

function jpegSize(buf: Buffer): { width: number; height: number } {
  assert.equal(buf.readUInt16BE(0), 0xffd8, 'SOI');
  let pos = 2;
  while (pos < buf.length) {
    assert.equal(buf[pos], 0xff, 'marker');
    const marker = buf[pos + 1];
    if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2) {
      return { height: buf.readUInt16BE(pos + 5), width: buf.readUInt16BE(pos + 7) };
    }
    pos += 2 + buf.readUInt16BE(pos + 2);
  }
  throw new Error('no SOF marker');
}

function webpInfo(buf: Buffer): { chunk: string; width: number; height: number } {
  assert.equal(buf.toString('latin1', 0, 4), 'RIFF');
  assert.equal(buf.toString('latin1', 8, 12), 'WEBP');
  const chunk = buf.toString('latin1', 12, 16);
  if (chunk === 'VP8L') {
    assert.equal(buf[20], 0x2f, 'VP8L signature');
    const bits = buf.readUInt32LE(21);
    return { chunk, width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  assert.equal(chunk, 'VP8 ');
  assert.deepEqual([...buf.subarray(23, 26)], [0x9d, 0x01, 0x2a], 'VP8 start code');
  return { chunk, width: buf.readUInt16LE(26) & 0x3fff, height: buf.readUInt16LE(28) & 0x3fff };
}

describe('fixtures/png', () => {
  it('encodes valid RGBA and RGB PNGs', () => {
    const rgba = checkPng(encodePng(2, 3, Buffer.alloc(2 * 3 * 4, 200)));
    assert.deepEqual(rgba, { width: 2, height: 3, colorType: 6 });
    const rgb = checkPng(encodePng(3, 2, Buffer.alloc(3 * 2 * 3, 10)));
    assert.deepEqual(rgb, { width: 3, height: 2, colorType: 2 });
    // The pixels read back through an independent decoder (pngjs).
    const pixels = Buffer.from([1, 2, 3, 4, 250, 251, 252, 253]);
    assert.ok(readPng(encodePng(2, 1, pixels)).rgba.equals(pixels), 'RGBA pixels');
    assert.ok(
      readPng(encodePng(2, 1, Buffer.from([1, 2, 3, 250, 251, 252]))).rgba.equals(
        Buffer.from([1, 2, 3, 255, 250, 251, 252, 255]),
      ),
      'RGB pixels, opaque',
    );
    assert.throws(() => encodePng(2, 2, Buffer.alloc(5)), RangeError);
  });

  it('renders prompt-dependent pictures, cached', () => {
    const a = renderPromptImage('a lighthouse at dusk', 40, 30);
    const b = renderPromptImage('a red square', 40, 30);
    assert.deepEqual(checkPng(a), { width: 40, height: 30, colorType: 2 });
    assert.notDeepEqual(a, b);
    assert.equal(renderPromptImage('a lighthouse at dusk', 40, 30), a, 'same Buffer from the cache');
  });

  it('noise makes the PNG nearly incompressible', () => {
    const clean = renderPromptImage('noise test', 128, 128);
    const noisy = renderPromptImage('noise test', 128, 128, { noise: true });
    checkPng(noisy);
    const raw = 128 * 128 * 3;
    assert.ok(noisy.length > raw * 0.6, `noisy ${noisy.length} of ${raw} raw`);
    assert.ok(clean.length < raw * 0.4, `clean ${clean.length} of ${raw} raw`);
  });

  it('pads a PNG to an exact size and keeps it valid', () => {
    const padded = padPng(renderPromptImage('pad', 8, 8), 5000);
    assert.equal(padded.length, 5000);
    assert.deepEqual(readPngSize(padded), { width: 8, height: 8 });
    checkPng(padded);
  });

  it('ships real sample images of the announced sizes', () => {
    assert.equal(SAMPLE_GIF_1x1.toString('latin1', 0, 6), 'GIF89a');
    assert.deepEqual([SAMPLE_GIF_1x1.readUInt16LE(6), SAMPLE_GIF_1x1.readUInt16LE(8)], [1, 1]);
    assert.deepEqual(jpegSize(SAMPLE_JPEG), { width: 16, height: 8 });
    assert.equal(SAMPLE_JPEG.readUInt16BE(SAMPLE_JPEG.length - 2), 0xffd9, 'EOI');
    assert.deepEqual(webpInfo(SAMPLE_WEBP_LOSSLESS), { chunk: 'VP8L', width: 4, height: 3 });
    assert.deepEqual(webpInfo(SAMPLE_WEBP_LOSSY), { chunk: 'VP8 ', width: 16, height: 8 });
  });
});

describe('fixtures/multipart (busboy)', () => {
  it('parses fields, files, quoted names and a preamble, however the body is split', async () => {
    const body = Buffer.from(
      'preamble\r\n--XyZ\r\nContent-Disposition: form-data; name="prompt"\r\n\r\nhello\r\n' +
        '--XyZ\r\nContent-Disposition: form-data; name="image[]"; filename="a \\"b\\".png"\r\n' +
        'Content-Type: image/png\r\n\r\n\x00\x01\r\n--XyZ--\r\nepilogue',
      'latin1',
    );
    for (const chunkBytes of [body.length, 7, 1]) {
      const parts = await parseMultipart(body, 'multipart/form-data; boundary=XyZ', chunkBytes);
      assert.equal(parts.length, 2);
      assert.deepEqual(
        [parts[0].name, parts[0].filename, parts[0].data.toString()],
        ['prompt', undefined, 'hello'],
      );
      assert.deepEqual(
        [parts[1].name, parts[1].filename, parts[1].contentType],
        ['image[]', 'a "b".png', 'image/png'],
      );
      assert.deepEqual([...parts[1].data], [0, 1]);
    }
    await assert.rejects(
      parseMultipart(
        Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nx'),
        'multipart/form-data; boundary=XyZ',
      ),
    );
  });

  it("keeps file names as sent (UTF-8, directories) and fields larger than busboy's 1 MiB default", async () => {
    const big = 'x'.repeat(1024 * 1024 + 10);
    const body = Buffer.from(
      '--b\r\nContent-Disposition: form-data; name="image"; filename="dir/na\u00efve \u5199\u771f.png"\r\n' +
        'Content-Type: image/png\r\n\r\nPNG\r\n' +
        `--b\r\nContent-Disposition: form-data; name="prompt"\r\n\r\n${big}\r\n--b--\r\n`,
      'utf8',
    );
    const parts = await parseMultipart(body, 'multipart/form-data; boundary=b');
    assert.deepEqual(
      parts.map((p) => [p.name, p.filename, p.data.length]),
      [
        ['image', 'dir/na\u00efve \u5199\u771f.png', 3],
        ['prompt', undefined, big.length],
      ],
    );
  });
});

describe('FakeLitellm', function () {
  let fake: FakeLitellm;
  let base: string;

  before(async () => {
    fake = new FakeLitellm();
    await fake.start();
    base = fake.baseUrl;
  });
  after(() => fake.stop());
  beforeEach(() => fake.reset());

  function call(path: string, init: RequestInit = {}, key: string | null = KEY): Promise<Response> {
    const headers = new Headers(init.headers);
    if (key !== null && !headers.has('authorization')) headers.set('authorization', `Bearer ${key}`);
    return fetch(base + path, { ...init, headers });
  }
  function post(path: string, json: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return call(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(json),
    });
  }
  type ImagesBody = {
    data: { b64_json: string | null; revised_prompt: string | null; url: string | null }[];
    [k: string]: unknown;
  };
  async function images(res: Response): Promise<{ body: ImagesBody; pngs: Buffer[] }> {
    assert.equal(res.status, 200, await res.clone().text());
    const body = (await res.json()) as ImagesBody;
    const pngs = body.data.map((d) => Buffer.from(d.b64_json ?? '', 'base64'));
    return { body, pngs };
  }
  function lastRecord(): RecordedRequest {
    const r = fake.requests.at(-1);
    assert.ok(r, 'a recorded request');
    return r;
  }
  function editForm(entries: [string, string | [Buffer, string, string?]][]): FormData {
    const form = new FormData();
    for (const [name, value] of entries) {
      if (typeof value === 'string') form.append(name, value);
      else form.append(name, new Blob([value[0]], { type: value[2] ?? 'image/png' }), value[1]);
    }
    return form;
  }
  const errorOf = async (res: Response) => ((await res.json()) as { error: Record<string, unknown> }).error;
  const litellmHeaders = (res: Response) => [...res.headers.keys()].filter((k) => k.startsWith('x-litellm-'));

  describe('routes and auth', () => {
    it('serves the same routes with and without /v1', async () => {
      const plain = await (await call('/models')).json();
      const v1 = await (await call('/v1/models')).json();
      assert.deepEqual(plain, v1);
      assert.deepEqual(plain, {
        data: ['gpt-image-2', 'gpt-image-1', 'dall-e-3', 'dall-e-2', 'gpt-4o-mini'].map((id) => ({
          id,
          object: 'model',
          created: 1677610602,
          owned_by: 'openai',
        })),
        object: 'list',
      });
      const { pngs } = await images(
        await post('/images/generations', { model: 'gpt-image-1', prompt: 'x', size: '8x8' }),
      );
      assert.equal(pngs.length, 1);
    });

    it('answers /model/info like FACTS §7', async () => {
      const info = (await (await call('/v1/model/info')).json()) as {
        data: Record<string, Record<string, unknown>>[];
      };
      const gpt1 = info.data.find((d) => (d['model_name'] as unknown) === 'gpt-image-1');
      assert.ok(gpt1);
      assert.deepEqual(gpt1['litellm_params'], {
        api_base: 'https://api.openai.com/v1',
        model: 'openai/gpt-image-1',
      });
      assert.equal(gpt1['model_info']['id'], createHash('sha256').update('gpt-image-1').digest('hex'));
      assert.equal(gpt1['model_info']['mode'], 'image_generation');
      assert.equal(gpt1['model_info']['output_cost_per_image_token'], 4e-5);
      const chat = info.data.find((d) => (d['model_name'] as unknown) === 'gpt-4o-mini');
      assert.equal(chat?.['model_info']['mode'], 'chat');
      assert.equal((await call('/model_group/info')).status, 200);
    });

    it('health needs no key; unknown routes 404 before auth', async () => {
      const live = await call('/health/liveliness', {}, null);
      assert.equal(live.status, 200);
      assert.equal(await live.json(), "I'm alive!");
      const ready = (await (await call('/health/readiness', {}, null)).json()) as Record<string, unknown>;
      assert.equal(ready['status'], 'healthy');
      assert.equal(ready['litellm_version'], '1.81.0');
      const missing = await call('/nope', {}, null);
      assert.equal(missing.status, 404);
      assert.deepEqual(await missing.json(), { detail: 'Not Found' });
      assert.equal((await call('/images/generations')).status, 405);
    });

    it('rejects missing, malformed and wrong keys like a proxy without DB', async () => {
      const none = await call('/models', {}, null);
      assert.equal(none.status, 401);
      assert.deepEqual(await errorOf(none), {
        message: 'Authentication Error, No api key passed in.',
        type: 'auth_error',
        param: 'None',
        code: '401',
      });
      const malformed = await call('/models', { headers: { authorization: KEY } });
      assert.equal(malformed.status, 401);
      assert.match(String((await errorOf(malformed))['message']), /Malformed API Key/);
      const wrong = await post(
        '/v1/images/generations',
        { model: 'gpt-image-1', prompt: 'x' },
        { authorization: 'Bearer sk-nope' },
      );
      assert.equal(wrong.status, 400);
      assert.deepEqual(await errorOf(wrong), {
        message: 'No connected db.',
        type: 'no_db_connection',
        param: null,
        code: '400',
      });
      assert.equal(lastRecord().headers['authorization'], 'Bearer sk-nope', 'failed auth is recorded too');
      assert.equal(lastRecord().upstream, undefined);
      assert.equal(
        (await call('/models', { headers: { 'x-litellm-api-key': `Bearer ${KEY}` } }, null)).status,
        200,
      );
      assert.equal((await call('/models', { headers: { 'api-key': KEY } }, null)).status, 200);
    });

    it('key info: 500 without DB, or the configured body', async () => {
      const res = await call('/key/info?key=abc');
      assert.equal(res.status, 500);
      assert.match(String((await errorOf(res))['message']), /Database not connected/);
      assert.deepEqual(lastRecord().query, { key: 'abc' });
    });

    it('answers CORS preflights and echoes the origin', async () => {
      const res = await call(
        '/v1/images/generations',
        {
          method: 'OPTIONS',
          headers: { origin: 'vscode-webview://abc', 'access-control-request-method': 'POST' },
        },
        null,
      );
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), 'vscode-webview://abc');
      assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
      assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
    });
  });

  describe('generations', () => {
    it('returns n distinct valid PNGs of the requested size, with FACTS §2 shape and §4 headers', async () => {
      const res = await post(
        '/v1/images/generations',
        { model: 'gpt-image-1', prompt: 'a red square', n: 2, size: '64x48', quality: 'low' },
        { 'x-litellm-call-id': 'call-123' },
      );
      const { body, pngs } = await images(res);
      assert.deepEqual(Object.keys(body), [
        'created',
        'background',
        'data',
        'output_format',
        'quality',
        'size',
        'usage',
      ]);
      assert.equal(body['background'], null);
      assert.deepEqual([body['output_format'], body['quality'], body['size']], ['png', 'low', '64x48']);
      assert.deepEqual(Object.keys(body.data[0]), ['b64_json', 'revised_prompt', 'url']);
      assert.equal(pngs.length, 2);
      for (const png of pngs) assert.deepEqual(checkPng(png), { width: 64, height: 48, colorType: 2 });
      assert.notDeepEqual(pngs[0], pngs[1], 'images differ by index');

      assert.equal(res.headers.get('x-litellm-call-id'), 'call-123');
      assert.equal(
        res.headers.get('x-litellm-model-id'),
        createHash('sha256').update('gpt-image-1').digest('hex'),
      );
      assert.equal(res.headers.get('x-litellm-version'), '1.81.0');
      assert.equal(res.headers.get('x-litellm-response-cost'), '0.04372');
      assert.equal(res.headers.get('x-litellm-key-spend'), '0.04372');
      assert.ok(Number(res.headers.get('x-litellm-response-duration-ms')) >= 0);
      assert.ok(res.headers.get('x-litellm-model-api-base'));
      assert.equal(res.headers.get('x-litellm-model-group'), null, 'only edits carry the model group');
      assert.deepEqual(lastRecord().json, {
        model: 'gpt-image-1',
        prompt: 'a red square',
        n: 2,
        size: '64x48',
        quality: 'low',
      });
    });

    it('gives different pictures for different prompts, 1024x1024 by default, no cost for unpriced models', async () => {
      const a = await images(
        await post('/images/generations', { model: 'gpt-image-2', prompt: 'a cat', size: '16x16' }),
      );
      const res = await post('/images/generations', { model: 'gpt-image-2', prompt: 'a dog' });
      assert.equal(res.headers.get('x-litellm-response-cost'), null);
      assert.equal(res.headers.get('x-litellm-key-spend'), '0.0');
      const b = await images(res);
      assert.deepEqual(readPngSize(b.pngs[0]), { width: 1024, height: 1024 });
      assert.notDeepEqual(a.pngs[0], b.pngs[0]);
      const auto = await images(
        await post('/images/generations', { model: 'gpt-image-2', prompt: 'a cat', size: '16x16' }),
      );
      assert.deepEqual(auto.pngs[0], a.pngs[0], 'same prompt, same picture');
    });

    it('caps n at 10', async () => {
      const { pngs } = await images(
        await post('/images/generations', { model: 'gpt-image-1', prompt: 'many', n: 25, size: '4x4' }),
      );
      assert.equal(pngs.length, 10);
    });

    it('serves dall-e url items from its own origin', async () => {
      const { body } = await images(
        await post('/images/generations', { model: 'dall-e-3', prompt: 'a fox', size: '20x10' }),
      );
      const item = body.data[0];
      assert.equal(item.b64_json, null);
      assert.equal(item.revised_prompt, 'A detailed rendering of: a fox');
      const url = item.url ?? '';
      assert.ok(url.startsWith(`${base}/__fake/files/`), url);
      const file = await fetch(url);
      assert.equal(file.headers.get('content-type'), 'image/png');
      assert.equal(checkPng(Buffer.from(await file.arrayBuffer())).width, 20);

      const b64 = await images(
        await post('/images/generations', {
          model: 'dall-e-2',
          prompt: 'x',
          size: '8x8',
          response_format: 'b64_json',
        }),
      );
      assert.deepEqual(readPngSize(b64.pngs[0]), { width: 8, height: 8 });
      assert.equal(b64.body.data[0].url, null);

      const twice = await post('/images/generations', { model: 'dall-e-3', prompt: 'x', n: 2 });
      assert.equal(twice.status, 400);
      assert.match(String((await errorOf(twice))['message']), /dall-e-3 only supports n=1/);
    });

    it('rejects unknown models and malformed JSON without x-litellm headers', async () => {
      const unknown = await post('/images/generations', { model: 'no-such-model', prompt: 'x' });
      assert.equal(unknown.status, 400);
      assert.deepEqual(litellmHeaders(unknown), []);
      const err = await errorOf(unknown);
      assert.match(String(err['message']), /Invalid model name passed in model=no-such-model/);
      assert.deepEqual([err['type'], err['param'], err['code']], ['None', 'None', '400']);
      const noModel = await post('/images/generations', { prompt: 'x' });
      assert.match(String((await errorOf(noModel))['message']), /model=None/);

      const bad = await call('/images/generations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"model":',
      });
      assert.equal(bad.status, 400);
      const badErr = await errorOf(bad);
      assert.deepEqual([badErr['type'], badErr['param']], ['invalid_request_error', 'request_body']);
      assert.equal(lastRecord().json, undefined);

      const size = await post('/images/generations', { model: 'gpt-image-1', prompt: 'x', size: 'huge' });
      assert.equal(size.status, 400);
      assert.equal((await errorOf(size))['param'], 'size');
    });

    it('records what the proxy forwards upstream (FACTS §2 quirks)', async () => {
      await images(
        await post('/images/generations', {
          model: 'gpt-image-1',
          prompt: 'p',
          size: '8x8',
          background: 'transparent',
          output_format: 'webp',
          moderation: 'low',
          foo_unknown: 1,
          extra_body: { background: 'transparent', output_compression: 50 },
        }),
      );
      assert.deepEqual(lastRecord().upstream, {
        prompt: 'p',
        model: 'gpt-image-1',
        size: '8x8',
        foo_unknown: 1,
        background: 'transparent',
        output_compression: 50,
      });
    });

    it('strict: response_format / style on gpt-image → 400 UnsupportedParamsError, nothing forwarded', async () => {
      const rf = await post('/images/generations', {
        model: 'gpt-image-1',
        prompt: 'x',
        response_format: 'b64_json',
      });
      assert.equal(rf.status, 400);
      const err = await errorOf(rf);
      assert.match(
        String(err['message']),
        /^litellm\.UnsupportedParamsError: Setting `response_format` is not supported by openai, gpt-image-1/,
      );
      assert.deepEqual([err['type'], err['param']], ['None', null]);
      assert.equal(lastRecord().upstream, undefined);
      const style = await post('/images/generations', { model: 'gpt-image-2', prompt: 'x', style: 'vivid' });
      assert.equal(style.status, 400);
    });
  });

  describe('edits', () => {
    const first = encodePng(24, 20, Buffer.alloc(24 * 20 * 4, 90));
    const second = renderPromptImage('second reference', 10, 10);
    const mask = encodePng(24, 20, Buffer.alloc(24 * 20 * 4, 0));
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

    it('records two images and a mask, forwards them as image[]/mask, answers at the first image size', async () => {
      const form = editForm([
        ['model', 'gpt-image-1'],
        ['prompt', 'add a hat'],
        ['n', '2'],
        ['input_fidelity', 'high'],
        ['image', [first, 'first.png']],
        ['image', [second, 'second.bin', 'application/octet-stream']],
        ['mask', [mask, 'm.png']],
      ]);
      const res = await call('/v1/images/edits', { method: 'POST', body: form });
      const { body, pngs } = await images(res);
      assert.equal(pngs.length, 2);
      for (const png of pngs) assert.deepEqual(readPngSize(png), { width: 24, height: 20 });
      assert.notDeepEqual(pngs[0], pngs[1]);
      assert.equal(
        body['usage'] !== null &&
          typeof body['usage'] === 'object' &&
          'output_tokens_details' in body['usage'],
        false,
      );
      assert.equal(res.headers.get('x-litellm-model-group'), 'gpt-image-1');
      assert.equal(res.headers.get('x-litellm-attempted-retries'), '0');
      assert.equal(res.headers.get('x-litellm-attempted-fallbacks'), '0');
      assert.equal(res.headers.get('x-litellm-response-cost'), '0.04372');

      const rec = lastRecord();
      assert.deepEqual(rec.fields, {
        model: ['gpt-image-1'],
        prompt: ['add a hat'],
        n: ['2'],
        input_fidelity: ['high'],
      });
      assert.deepEqual(
        rec.files?.map((f) => [f.field, f.filename, f.contentType, f.bytes, f.sha256]),
        [
          ['image', 'first.png', 'image/png', first.length, sha(first)],
          ['image', 'second.bin', 'application/octet-stream', second.length, sha(second)],
          ['mask', 'm.png', 'image/png', mask.length, sha(mask)],
        ],
      );
      assert.deepEqual(rec.files?.[1].data, second);
      const png = { contentType: 'image/png' };
      assert.deepEqual(rec.upstream, {
        model: 'gpt-image-1',
        prompt: 'add a hat',
        n: '2',
        'image[]': [
          { filename: 'image.png', ...png, bytes: first.length, sha256: sha(first) },
          { filename: 'image.png', ...png, bytes: second.length, sha256: sha(second) },
        ],
        mask: { filename: 'mask.png', ...png, bytes: mask.length, sha256: sha(mask) },
      });
    });

    it('accepts image[] and an explicit size; output depends on the reference image', async () => {
      const edit = async (ref: Buffer) =>
        images(
          await call('/images/edits', {
            method: 'POST',
            body: editForm([
              ['model', 'gpt-image-2'],
              ['prompt', 'same prompt'],
              ['size', '12x8'],
              ['image[]', [ref, 'a.png']],
              ['image[]', [first, 'b.png']],
            ]),
          }),
        );
      const a = await edit(first);
      const b = await edit(second);
      assert.deepEqual(readPngSize(a.pngs[0]), { width: 12, height: 8 });
      assert.notDeepEqual(a.pngs[0], b.pngs[0]);
      assert.deepEqual(
        lastRecord().files?.map((f) => f.field),
        ['image[]', 'image[]'],
      );
    });

    it('422 without image or for JSON; 500 without prompt; 400 for unknown models (with edit error headers)', async () => {
      const noImage = await call('/images/edits', {
        method: 'POST',
        body: editForm([
          ['model', 'gpt-image-1'],
          ['prompt', 'x'],
        ]),
      });
      assert.equal(noImage.status, 422);
      assert.deepEqual(await noImage.json(), { detail: 'Field required: image' });
      const json = await post('/images/edits', { model: 'gpt-image-1', prompt: 'x' });
      assert.equal(json.status, 422);

      const noPrompt = await call('/images/edits', {
        method: 'POST',
        body: editForm([
          ['model', 'gpt-image-1'],
          ['image', [first, 'a.png']],
        ]),
      });
      assert.equal(noPrompt.status, 500);
      assert.match(
        String((await errorOf(noPrompt))['message']),
        /missing 1 required positional argument: 'prompt'/,
      );
      assert.equal(noPrompt.headers.get('x-litellm-response-cost'), '0');
      assert.equal(noPrompt.headers.get('x-litellm-key-spend'), '0.0');

      const unknown = await call('/images/edits', {
        method: 'POST',
        body: editForm([
          ['model', 'nope'],
          ['prompt', 'x'],
          ['image', [first, 'a.png']],
        ]),
      });
      assert.equal(unknown.status, 400);
      assert.match(
        String((await errorOf(unknown))['message']),
        /\/images\/edits: Invalid model name passed in model=nope/,
      );
      assert.ok(unknown.headers.get('x-litellm-call-id'));
    });
  });

  describe('faults', () => {
    const gen = (model = 'gpt-image-1') =>
      post('/images/generations', { model, prompt: 'fault', size: '8x8' });

    it('status: LiteLLM envelope by default, custom headers, times, route and model filters', async () => {
      fake.failNext({ kind: 'status', status: 429, headers: { 'retry-after': '1' } }, { times: 2 });
      for (let i = 0; i < 2; i++) {
        const res = await gen();
        assert.equal(res.status, 429);
        assert.equal(res.headers.get('retry-after'), '1');
        const err = await errorOf(res);
        assert.equal(err['type'], 'throttling_error');
        assert.match(String(err['message']), /^litellm\.RateLimitError: .*Received Model Group=gpt-image-1/s);
      }
      assert.equal((await gen()).status, 200);

      fake.failNext({ kind: 'status', status: 503 }, { model: 'dall-e-2' });
      fake.failNext({ kind: 'status', status: 500, body: { custom: true } }, { route: 'models' });
      assert.equal((await gen()).status, 200, 'model filter skips gpt-image-1');
      assert.equal((await gen('dall-e-2')).status, 503);
      const models = await call('/models');
      assert.equal(models.status, 500);
      assert.deepEqual(await models.json(), { custom: true });
      assert.deepEqual(lastRecord().path, '/models');
    });

    it('is evaluated after auth, and still records the upstream request', async () => {
      fake.failNext({ kind: 'status', status: 500 });
      assert.equal(
        (
          await post(
            '/images/generations',
            { model: 'gpt-image-1', prompt: 'x' },
            { authorization: 'Bearer bad' },
          )
        ).status,
        400,
      );
      assert.equal((await gen()).status, 500);
      assert.deepEqual(lastRecord().upstream, { prompt: 'fault', model: 'gpt-image-1', size: '8x8' });
    });

    it('edit faults carry the edit error headers', async () => {
      fake.failNext({ kind: 'status', status: 500 }, { route: 'edits' });
      const res = await call('/images/edits', {
        method: 'POST',
        body: editForm([
          ['model', 'gpt-image-1'],
          ['prompt', 'x'],
          ['image', [renderPromptImage('r', 4, 4), 'a.png']],
        ]),
      });
      assert.equal(res.status, 500);
      assert.equal(res.headers.get('x-litellm-key-spend'), '0.0');
      assert.match(String((await errorOf(res))['message']), /OpenAIException - \{"error":/);
    });

    it('detail, redirect, not-json, empty-data', async () => {
      fake.failNext({ kind: 'detail', status: 422, detail: [{ loc: ['body'], msg: 'x' }] });
      const detail = await gen();
      assert.equal(detail.status, 422);
      assert.deepEqual(await detail.json(), { detail: [{ loc: ['body'], msg: 'x' }] });

      fake.failNext({ kind: 'redirect', location: 'http://127.0.0.1:1/elsewhere' });
      const redirect = await gen().then(
        () => assert.fail('fetch must not follow this POST redirect to a closed port'),
        (e: unknown) => e,
      );
      assert.ok(redirect instanceof Error);
      fake.failNext({ kind: 'redirect', location: '/v1/models', status: 307 });
      const manual = await call('/images/generations', { method: 'POST', body: '{}', redirect: 'manual' });
      assert.equal(manual.status, 307);
      assert.equal(manual.headers.get('location'), '/v1/models');

      fake.failNext({ kind: 'not-json' });
      const html = await gen();
      assert.equal(html.status, 200);
      assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(await html.text(), '<html>Bad gateway</html>');

      fake.failNext({ kind: 'empty-data' });
      const empty = (await (await gen()).json()) as Record<string, unknown>;
      assert.deepEqual(empty['data'], []);
      assert.equal(typeof empty['created'], 'number');
    });

    it('bad-base64, not-image, oversized', async () => {
      fake.failNext({ kind: 'bad-base64' });
      assert.equal(((await (await gen()).json()) as ImagesBody).data[0].b64_json, '!!!not base64!!!');
      fake.failNext({ kind: 'not-image' });
      const { pngs: text } = await images(await gen());
      assert.equal(text[0].toString(), 'hello world, not an image');
      fake.failNext({ kind: 'oversized', bytes: 300_000 });
      const { pngs: big } = await images(await gen());
      assert.equal(big[0].length, 300_000);
      checkPng(big[0]);
    });

    it('delay answers normally after the wait; stall-body sends a prefix first', async () => {
      fake.failNext({ kind: 'delay', ms: 120 });
      let t = performance.now();
      await images(await gen());
      assert.ok(performance.now() - t >= 110);

      fake.failNext({ kind: 'stall-body', afterBytes: 10, ms: 150 });
      t = performance.now();
      const res = await gen();
      assert.ok(lastRecord().upstream, 'the record is complete when the answer starts');
      // Timing checks are lower bounds only: a slow CI machine can be late, never early.
      const reader = res.body!.getReader();
      const firstChunk = await reader.read();
      assert.equal(firstChunk.value?.length, 10, 'exactly the prefix arrives first');
      const rest: Uint8Array[] = [firstChunk.value!];
      for (let r = await reader.read(); !r.done; r = await reader.read()) rest.push(r.value);
      assert.ok(performance.now() - t >= 140, 'the rest waits for the stall');
      const body = JSON.parse(Buffer.concat(rest).toString()) as ImagesBody;
      assert.equal(body.data.length, 1);
    });

    it('delay is cancelled when the client goes away', async () => {
      const controller = new AbortController();
      fake.failNext({ kind: 'delay', ms: 10_000 });
      const pending = fetch(`${base}/images/generations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}` },
        body: JSON.stringify({ model: 'gpt-image-1', prompt: 'x', size: '4x4' }),
        signal: controller.signal,
      });
      while (fake.requests.length < 1) await new Promise((r) => setTimeout(r, 5));
      controller.abort();
      await assert.rejects(pending);
      const waiters = (fake as unknown as { waiters: Set<unknown> }).waiters;
      for (let i = 0; i < 50 && waiters.size > 0; i++) await new Promise((r) => setTimeout(r, 5));
      assert.equal(waiters.size, 0);
    });

    it('reset and truncate break the connection', async () => {
      fake.failNext({ kind: 'reset' });
      await assert.rejects(gen());
      assert.equal(lastRecord().path, '/images/generations');
      fake.failNext({ kind: 'truncate' });
      const res = await gen();
      assert.equal(res.status, 200);
      await assert.rejects(res.arrayBuffer());
      assert.equal((await gen()).status, 200, 'the next request works again');
    });
  });

  describe('robustness', () => {
    it('survives malformed input and keeps answering', async () => {
      const broken = await call('/images/edits', {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=abc' },
        body: '--abc\r\nContent-Disposition: form-data; name="prompt"\r\n\r\nno end',
      });
      assert.equal(broken.status, 400);
      const proto = await call('/images/edits', {
        method: 'POST',
        body: editForm([
          ['__proto__', 'x'],
          ['model', 'gpt-image-1'],
        ]),
      });
      assert.equal(proto.status, 422);
      assert.deepEqual(lastRecord().fields?.['__proto__'], ['x']);
      assert.equal((await post('/images/generations', [1, 2])).status, 400);
      assert.equal(
        (await post('/images/generations', { model: 'gpt-image-1', prompt: 'x', n: 'two' })).status,
        400,
      );
      assert.equal(
        (await post('/images/generations', { model: 'gpt-image-1', prompt: 'x', n: 0 })).status,
        400,
      );
      assert.equal((await post('/images/generations', { model: 'gpt-4o-mini', prompt: 'x' })).status, 400);
      assert.equal((await call('//images/generations')).status, 404);
      assert.equal((await call('/health/liveliness', {}, null)).status, 200);
    });
  });

  describe('other configurations', () => {
    it('keeps only the newest records when a record limit is set (the demo server keeps none)', async () => {
      const limited = new FakeLitellm({ recordLimit: 2 });
      await limited.start();
      try {
        for (const p of ['a', 'b', 'c']) await fetch(`${limited.baseUrl}/health/liveliness?p=${p}`);
        assert.deepEqual(
          limited.requests.map((r) => r.query.p),
          ['b', 'c'],
        );
      } finally {
        await limited.stop();
      }
    });

    it('lenient, no auth, no /model/info, key info body', async () => {
      const other = new FakeLitellm({
        strict: false,
        masterKey: null,
        modelInfo: false,
        keyInfo: { key: 'k', info: { spend: 1 } },
      });
      await other.start();
      try {
        const url = other.baseUrl;
        const res = await fetch(`${url}/images/generations`, {
          method: 'POST',
          body: JSON.stringify({
            model: 'gpt-image-1',
            prompt: 'x',
            size: '4x4',
            response_format: 'url',
            style: 'vivid',
          }),
        });
        assert.equal(res.status, 200);
        const body = (await res.json()) as ImagesBody;
        assert.ok(body.data[0].b64_json, 'dropped response_format: still b64');
        assert.deepEqual(other.requests[0].upstream, { prompt: 'x', model: 'gpt-image-1', size: '4x4' });
        assert.equal((await fetch(`${url}/model/info`)).status, 404);
        assert.equal((await fetch(`${url}/v1/models`)).status, 200);
        assert.deepEqual(await (await fetch(`${url}/key/info`)).json(), { key: 'k', info: { spend: 1 } });
      } finally {
        await other.stop();
      }
    });

    it('stop() closes in-flight connections and pending delays at once', async () => {
      const other = new FakeLitellm();
      await other.start();
      other.failNext({ kind: 'stall-body', afterBytes: 5, ms: 30_000 });
      const res = await fetch(`${other.baseUrl}/images/generations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}` },
        body: JSON.stringify({ model: 'gpt-image-1', prompt: 'x', size: '4x4' }),
      });
      const t = performance.now();
      await other.stop();
      assert.ok(performance.now() - t < 1000);
      await assert.rejects(res.arrayBuffer());
    });

    it('refuses to listen on a taken port', async () => {
      const port = Number(new URL(base).port);
      await assert.rejects(new FakeLitellm({ port }).start(), /EADDRINUSE/);
    });
  });
});
