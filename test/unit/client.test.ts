// The core against the fake LiteLLM proxy over real sockets on 127.0.0.1: what is sent, what comes back, and every
// way it can fail. The fake records each request, so the tests check the wire, not the client's intentions.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LiteLLMClient, LiteLLMError, parseSettings, RawCoreSettings } from '../../src/core';
import { DEFAULT_FAKE_MODELS, FakeLitellm } from '../fixtures/fakeLitellm';
import { encodePng, SAMPLE_GIF_1x1, SAMPLE_JPEG } from '../fixtures/png';
import { textOf } from '../support/messageText';

const KEY = 'sk-master-test';

async function expectError(p: Promise<unknown>, kind: string): Promise<LiteLLMError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof LiteLLMError, `expected LiteLLMError, got ${String(e)}`);
    assert.equal(e.kind, kind, textOf(e));
    return e;
  }
  assert.fail(`expected a ${kind} error`);
}

describe('LiteLLM client against the fake proxy', () => {
  // An operator alias the core knows nothing about: passed through without client-side limits.
  const fake = new FakeLitellm({
    models: [...DEFAULT_FAKE_MODELS, { id: 'my-alias', mode: 'image_generation' }],
  });
  const clients: LiteLLMClient[] = [];
  let dir: string;

  function client(raw: RawCoreSettings = {}, apiKey: string | null = KEY): LiteLLMClient {
    const c = new LiteLLMClient(parseSettings({ baseUrl: fake.baseUrl, ...raw }), {
      apiKey: apiKey ?? undefined,
    });
    clients.push(c);
    return c;
  }

  before(async () => {
    await fake.start();
    dir = await mkdtemp(path.join(tmpdir(), 'client-'));
  });
  beforeEach(() => fake.reset());
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  after(async () => {
    await fake.stop();
    await rm(dir, { recursive: true, force: true });
  });

  describe('generate', () => {
    it('sends only the set fields as JSON, never response_format for gpt-image, and decodes real PNGs', async () => {
      const r = await client().generate({
        prompt: 'a red fox',
        options: { n: 2, size: '1536x1024', quality: 'low' },
      });
      assert.equal(fake.requests.length, 1);
      const req = fake.requests[0]!;
      assert.equal(req.path, '/images/generations');
      assert.equal(req.headers.authorization, `Bearer ${KEY}`);
      assert.deepEqual(req.json, {
        model: 'gpt-image-2',
        prompt: 'a red fox',
        n: 2,
        size: '1536x1024',
        quality: 'low',
      });
      assert.equal(r.images.length, 2);
      for (const img of r.images) {
        assert.equal(img.mimeType, 'image/png');
        assert.equal(img.extension, 'png');
        assert.equal(img.width, 1536);
        assert.equal(img.height, 1024);
      }
      assert.ok(!r.images[0]!.bytes.equals(r.images[1]!.bytes), 'two different images');
      assert.equal(r.model, 'gpt-image-2');
      assert.equal(r.usedFallback, false);
      assert.match(r.meta.callId ?? '', /^[0-9a-f-]{36}$/);
      assert.equal(r.meta.version, '1.81.0');
      assert.equal(r.meta.cost, undefined, 'gpt-image-2 is unpriced: no cost header, no invented cost');
    });

    it('nests the options 1.81.0 drops at the top level in extra_body too, so they reach the upstream', async () => {
      const r = await client({ model: 'litellm/gpt-image-1' }).generate({
        prompt: 'logo',
        options: {
          background: 'transparent',
          outputFormat: 'webp',
          outputCompression: 50,
          moderation: 'low',
        },
      });
      const req = fake.requests[0]!;
      const body = req.json as Record<string, unknown>;
      assert.equal(body.model, 'gpt-image-1');
      assert.equal(body.response_format, undefined);
      assert.deepEqual(body.extra_body, {
        background: 'transparent',
        output_format: 'webp',
        output_compression: 50,
        moderation: 'low',
      });
      assert.equal(body.background, 'transparent');
      assert.equal(
        req.upstream?.background,
        'transparent',
        'the upstream gets the background despite the proxy bug',
      );
      assert.equal(req.upstream?.output_format, 'webp');
      assert.equal(r.meta.cost, 0.02186);
    });

    it('asks dall-e for b64_json and turns a count of 3 on dall-e-3 into three requests, summing the cost', async () => {
      const events: string[] = [];
      const r = await client({ model: 'dall-e-3' }).generate(
        { prompt: 'a castle', options: { n: 3, quality: 'hd', style: 'natural' } },
        { onProgress: (e) => events.push(e.type === 'request' ? `request ${e.batch}/${e.batches}` : e.type) },
      );
      assert.equal(fake.requests.length, 3);
      for (const req of fake.requests) {
        assert.deepEqual(req.json, {
          model: 'dall-e-3',
          prompt: 'a castle',
          n: 1,
          quality: 'hd',
          style: 'natural',
          response_format: 'b64_json',
        });
      }
      assert.equal(r.images.length, 3);
      assert.equal(r.images[0]!.revisedPrompt, 'A detailed rendering of: a castle');
      assert.equal(r.meta.cost, 0.12);
      assert.deepEqual(events, ['attempt', 'request 1/3', 'request 2/3', 'request 3/3']);
    });

    it('keeps the images already received when a later dall-e-3 request fails', async () => {
      const c = client({ model: 'dall-e-3' });
      // The second of three requests fails: the first image is kept and the failure is reported beside it.
      const p = c.generate(
        { prompt: 'a castle', options: { n: 3 } },
        {
          onProgress: (e) => {
            if (e.type === 'request' && e.batch === 2) fake.failNext({ kind: 'status', status: 503 });
          },
        },
      );
      const r = await p;
      assert.equal(r.images.length, 1);
      assert.equal(r.incomplete?.kind, 'upstream');
      assert.equal(fake.requests.length, 2, 'no third request after the failure');
    });

    it('works with a proxy without auth and no key', async () => {
      const open = new FakeLitellm({ masterKey: null });
      await open.start();
      try {
        const c = new LiteLLMClient(parseSettings({ baseUrl: open.baseUrl }), {});
        clients.push(c);
        const r = await c.generate({ prompt: 'no key needed' });
        assert.equal(r.images.length, 1);
        assert.equal(open.requests[0]!.headers.authorization, undefined);
      } finally {
        await open.stop();
      }
    });

    it('accepts a base URL ending in /v1 and sends the configured extra headers', async () => {
      await client({
        baseUrl: `${fake.baseUrl}/v1/`,
        requestHeaders: { 'x-litellm-tags': 'docs,vscode' },
      }).generate({ prompt: 'x' });
      assert.equal(fake.requests[0]!.path, '/images/generations');
      assert.equal(fake.requests[0]!.headers['x-litellm-tags'], 'docs,vscode');
    });
  });

  describe('url items', () => {
    let other: http.Server;
    let otherUrl: string;
    const seen: Array<{ url?: string; auth?: string }> = [];
    const png = encodePng(8, 8, Buffer.alloc(8 * 8 * 4, 128));
    before(async () => {
      other = http.createServer((req, res) => {
        seen.push({ url: req.url, auth: req.headers.authorization });
        if (req.url === '/text') res.end('not an image');
        else res.end(png);
      });
      await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
      otherUrl = `http://localhost:${(other.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((r) => other.close(() => r())));
    beforeEach(() => (seen.length = 0));

    it('downloads url images from another origin without the key', async () => {
      fake.failNext({
        kind: 'status',
        status: 200,
        body: { created: 1, data: [{ url: `${otherUrl}/a.png`, b64_json: null, revised_prompt: 'rp' }] },
      });
      const r = await client().generate({ prompt: 'x' });
      assert.equal(r.images[0]!.source, 'url');
      assert.ok(r.images[0]!.bytes.equals(png));
      assert.equal(r.images[0]!.revisedPrompt, 'rp');
      assert.deepEqual(seen, [{ url: '/a.png', auth: undefined }]);
    });

    it("sends the key along when the url is on the proxy's own origin", async () => {
      // Ask the fake directly for a dall-e url item, so its file exists on the proxy's origin.
      const res = await fetch(`${fake.baseUrl}/v1/images/generations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'dall-e-2', prompt: 'own origin', size: '256x256' }),
      });
      const { data } = (await res.json()) as { data: Array<{ url: string }> };
      assert.ok(data[0]!.url.startsWith(fake.baseUrl));
      fake.reset();
      fake.failNext({ kind: 'status', status: 200, body: { data: [{ url: data[0]!.url }] } });
      const r = await client().generate({ prompt: 'x' });
      assert.equal(r.images[0]!.width, 256);
      const download = fake.requests.find((q) => q.method === 'GET')!;
      assert.equal(download.headers.authorization, `Bearer ${KEY}`);
    });

    it('keeps the good images when one item of the answer is broken', async () => {
      fake.failNext({
        kind: 'status',
        status: 200,
        body: {
          data: [
            { url: `${otherUrl}/text` },
            { b64_json: png.toString('base64') },
            { b64_json: null, url: null },
          ],
        },
      });
      // Three asked for, so all three items are read (an answer may not bring more than the count asked for).
      const r = await client().generate({ prompt: 'x', options: { n: 3 } });
      assert.equal(r.images.length, 1);
      assert.equal(r.incomplete?.kind, 'bad_response');
      assert.match(textOf(r.incomplete), /not an image \(plain text, 12 bytes\)/);
    });
  });

  describe('edit', () => {
    let ref1: string, ref2: string, mask: string;
    before(async () => {
      ref1 = path.join(dir, 'photo one.png');
      ref2 = path.join(dir, 'ref2.jpg');
      mask = path.join(dir, 'mask.png');
      await writeFile(ref1, encodePng(64, 32, Buffer.alloc(64 * 32 * 4, 90)));
      await writeFile(ref2, SAMPLE_JPEG);
      await writeFile(mask, encodePng(64, 32, Buffer.alloc(64 * 32 * 4, 0)));
    });

    it('sends repeated image parts with real names and types, the mask, and text fields', async () => {
      const r = await client({ model: 'gpt-image-1' }).edit({
        prompt: 'add a hat',
        images: [ref1, ref2],
        mask,
        options: { n: 2, size: '1024x1536', quality: 'high' },
      });
      const req = fake.requests[0]!;
      assert.equal(req.path, '/images/edits');
      assert.match(req.headers['content-type'] ?? '', /^multipart\/form-data; boundary=/);
      assert.deepEqual(
        req.files!.map((f) => [f.field, f.filename, f.contentType]),
        [
          ['image', 'photo one.png', 'image/png'],
          ['image', 'ref2.jpg', 'image/jpeg'],
          ['mask', 'mask.png', 'image/png'],
        ],
      );
      assert.ok(req.files![1]!.data.equals(SAMPLE_JPEG), 'bytes arrive unchanged');
      assert.deepEqual(req.fields, {
        model: ['gpt-image-1'],
        prompt: ['add a hat'],
        n: ['2'],
        size: ['1024x1536'],
        quality: ['high'],
      });
      assert.equal(r.images.length, 2);
      assert.equal(r.images[0]!.width, 1024);
      assert.equal(r.images[0]!.height, 1536);
    });

    const bad: Array<[string, () => { images: string[]; mask?: string; model?: string }, RegExp, string]> = [
      ['a missing file', () => ({ images: [path.join(dir, 'nope.png')] }), /does not exist/, 'input'],
      [
        'a text file',
        () => ({ images: [path.join(dir, 'notes.txt')] }),
        /notes\.txt" is plain text; edits take PNG, JPEG or WebP/,
        'input',
      ],
      ['a GIF', () => ({ images: [path.join(dir, 'anim.gif')] }), /is a GIF image/, 'input'],
      [
        'a JPEG mask',
        () => ({ images: [ref1], mask: ref2 }),
        /must be a PNG with transparent pixels/,
        'input',
      ],
      [
        'a mask of the wrong size',
        () => ({ images: [ref1], mask: path.join(dir, 'small-mask.png') }),
        /is 2x2 but the image "photo one\.png" is 64x32/,
        'input',
      ],
      ['no reference', () => ({ images: [] }), /at least one reference/, 'input'],
      [
        'a model that cannot edit',
        () => ({ images: [ref1], model: 'dall-e-3' }),
        /dall-e-3 cannot edit images/,
        'invalid_request',
      ],
    ];
    for (const [name, make, pattern, kind] of bad) {
      it(`refuses ${name} before sending anything`, async () => {
        await writeFile(path.join(dir, 'notes.txt'), 'hello there');
        await writeFile(path.join(dir, 'anim.gif'), SAMPLE_GIF_1x1);
        await writeFile(path.join(dir, 'small-mask.png'), encodePng(2, 2, Buffer.alloc(16)));
        const { images, mask: m, model } = make();
        const e = await expectError(
          client({ model: model ?? 'gpt-image-1' }).edit({ prompt: 'p', images, mask: m }),
          kind,
        );
        assert.match(textOf(e), pattern);
        assert.equal(fake.requests.length, 0);
      });
    }
  });

  describe('failures', () => {
    it('a missing key is an auth error with the Set API Key action', async () => {
      const e = await expectError(client({}, null).generate({ prompt: 'x' }), 'auth');
      assert.equal(e.status, 401);
      assert.ok(e.actions.includes('set_api_key'));
    });

    it('a wrong key on a proxy without a database (400 no_db_connection) is an auth error', async () => {
      const e = await expectError(client({}, 'sk-wrong').generate({ prompt: 'x' }), 'auth');
      assert.equal(e.status, 400);
      assert.match(textOf(e), /no_db_connection/);
    });

    const faults: Array<[string, Parameters<FakeLitellm['failNext']>[0], string, RegExp]> = [
      ['429', { kind: 'status', status: 429 }, 'rate_limit', /Rate limit/],
      ['500', { kind: 'status', status: 500 }, 'upstream', /HTTP 500/],
      [
        '502 HTML',
        { kind: 'status', status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
        'upstream',
        /502 Bad Gateway/,
      ],
      [
        '422 detail list',
        { kind: 'detail', status: 422, detail: [{ loc: ['body', 'prompt'], msg: 'Field required' }] },
        'bad_request',
        /prompt: Field required/,
      ],
      ['connection reset', { kind: 'reset' }, 'network', /closed before the answer was complete/],
      ['truncated body', { kind: 'truncate' }, 'network', /closed before the answer was complete/],
      ['HTML instead of JSON', { kind: 'not-json' }, 'bad_response', /not JSON: "Bad gateway"/],
      ['no images', { kind: 'empty-data' }, 'bad_response', /without any images/],
      ['undecodable base64', { kind: 'bad-base64' }, 'bad_response', /cannot be decoded/],
      ['bytes that are not an image', { kind: 'not-image' }, 'bad_response', /not an image \(plain text/],
      [
        'a redirect to an invalid address',
        { kind: 'redirect', location: 'http://[bad', status: 302 },
        'bad_response',
        /redirect to an invalid address/,
      ],
      [
        'a redirect on POST',
        { kind: 'redirect', location: '/elsewhere', status: 307 },
        'bad_response',
        /redirect.*Set litellm\.baseUrl to the final address/,
      ],
    ];
    for (const [name, fault, kind, pattern] of faults) {
      it(`reports ${name} as ${kind}`, async () => {
        fake.failNext(fault);
        const e = await expectError(client().generate({ prompt: 'x' }), kind);
        assert.match(textOf(e), pattern);
        assert.equal(fake.requests.length, 1, 'POSTs are never retried automatically');
      });
    }

    it('knows the call id of a failed generation even though the error answer has no x-litellm headers', async () => {
      fake.failNext({ kind: 'status', status: 429 });
      const e = await expectError(client().generate({ prompt: 'x' }), 'rate_limit');
      assert.match(e.callId ?? '', /^[0-9a-f-]{36}$/);
      assert.equal(fake.requests[0]!.headers['x-litellm-call-id'], e.callId, 'the id the proxy was given');
      fake.failNext({ kind: 'reset' });
      const reset = await expectError(client().generate({ prompt: 'x' }), 'network');
      assert.equal(fake.requests[1]!.headers['x-litellm-call-id'], reset.callId);
    });

    it('refuses a response over the size cap', async () => {
      fake.failNext({ kind: 'oversized', bytes: 3 * 1024 * 1024 });
      const e = await expectError(
        client({ maxResponseBytes: 1024 * 1024 }).generate({ prompt: 'x' }),
        'too_large',
      );
      assert.match(textOf(e), /larger than the limit of 1 MB/);
    });

    it('times out per attempt', async () => {
      fake.failNext({ kind: 'delay', ms: 3000 });
      const started = Date.now();
      const e = await expectError(client({ timeoutMs: 1000 }).generate({ prompt: 'x' }), 'timeout');
      assert.ok(Date.now() - started < 2500, 'gave up at the deadline');
      assert.match(textOf(e), /within 1 s.*litellm\.image\.timeoutMs/);
    });

    it('cancels while waiting for the answer and while the body streams', async () => {
      for (const fault of [
        { kind: 'delay', ms: 5000 },
        { kind: 'stall-body', afterBytes: 100, ms: 5000 },
      ] as const) {
        fake.failNext(fault);
        const ac = new AbortController();
        setTimeout(() => ac.abort(), 200);
        const started = Date.now();
        await expectError(client().generate({ prompt: 'x' }, { signal: ac.signal }), 'cancelled');
        assert.ok(Date.now() - started < 2000, `${fault.kind}: cancelled promptly`);
      }
    });

    it('cancels while DNS is still resolving', async () => {
      const hanging = new LiteLLMClient(parseSettings({ baseUrl: 'http://slow-dns.example:4000' }), {
        apiKey: KEY,
        resolver: () => new Promise(() => undefined),
      });
      clients.push(hanging);
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 100);
      const started = Date.now();
      await expectError(hanging.generate({ prompt: 'x' }, { signal: ac.signal }), 'cancelled');
      assert.ok(Date.now() - started < 2000, 'did not wait for DNS');
    });

    it('cancels an upload in progress', async () => {
      const big = path.join(dir, 'big.png');
      await writeFile(
        big,
        Buffer.concat([encodePng(16, 16, Buffer.alloc(1024)), Buffer.alloc(30 * 1024 * 1024)]),
      );
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 30);
      await expectError(
        client({ model: 'gpt-image-1' }).edit({ prompt: 'x', images: [big] }, { signal: ac.signal }),
        'cancelled',
      );
    });

    it('refuses an empty prompt before sending', async () => {
      const e = await expectError(client().generate({ prompt: '   ' }), 'invalid_request');
      assert.match(textOf(e), /prompt is empty/);
      assert.equal(fake.requests.length, 0);
    });
  });

  describe('fallbacks', () => {
    it('moves to the next model and says which one produced the images', async () => {
      const r = await client({ model: 'no-such-model', fallbacks: ['litellm/gpt-image-1'] }).generate({
        prompt: 'x',
      });
      assert.equal(r.model, 'gpt-image-1');
      assert.equal(r.requestedModel, 'no-such-model');
      assert.equal(r.usedFallback, true);
      assert.deepEqual(
        r.attempts.map((a) => [a.model, a.ok, a.kind]),
        [
          ['no-such-model', false, 'unknown_model'],
          ['gpt-image-1', true, undefined],
        ],
      );
      assert.deepEqual(
        fake.requests.map((q) => (q.json as { model: string }).model),
        ['no-such-model', 'gpt-image-1'],
      );
    });

    it('moves on after a timeout, with a fresh deadline for the next model', async () => {
      fake.failNext({ kind: 'delay', ms: 3000 }, { model: 'gpt-image-2' });
      const r = await client({ timeoutMs: 1000, fallbacks: ['gpt-image-1'] }).generate({ prompt: 'x' });
      assert.equal(r.model, 'gpt-image-1');
      assert.equal(r.attempts[0]!.kind, 'timeout');
    });

    it('lists every attempt when all models fail', async () => {
      fake.failNext({ kind: 'status', status: 503 }, { times: 3 });
      const e = await expectError(
        client({ model: 'gpt-image-2', fallbacks: ['gpt-image-1', 'dall-e-2'] }).generate({ prompt: 'x' }),
        'all_failed',
      );
      assert.equal(e.attempts?.length, 3);
      assert.match(
        textOf(e),
        /All 3 models failed\. gpt-image-2: .*HTTP 503.* \| gpt-image-1: .* \| dall-e-2: /,
      );
    });

    it('stops the chain on cancellation', async () => {
      fake.failNext({ kind: 'delay', ms: 5000 });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 100);
      const e = await expectError(
        client({ fallbacks: ['gpt-image-1'] }).generate({ prompt: 'x' }, { signal: ac.signal }),
        'cancelled',
      );
      assert.equal(e.attempts?.length, 1);
      assert.equal(fake.requests.length, 1);
    });

    it('stops the chain when the primary model cannot take the request, and skips fallbacks that cannot', async () => {
      await expectError(
        client({ model: 'gpt-image-1', fallbacks: ['gpt-image-2'] }).generate({
          prompt: 'x',
          options: { size: '3840x2160' },
        }),
        'invalid_request',
      );
      assert.equal(fake.requests.length, 0);
      fake.failNext({ kind: 'status', status: 500 });
      const r = await client({ model: 'gpt-image-2', fallbacks: ['gpt-image-1', 'my-alias'] }).generate({
        prompt: 'x',
        options: { size: '3840x2160' },
      });
      assert.equal(r.model, 'my-alias');
      assert.deepEqual(
        r.attempts.map((a) => [a.model, a.ok]),
        [
          ['gpt-image-1', false],
          ['gpt-image-2', false],
          ['my-alias', true],
        ],
      );
      assert.equal(r.attempts[0]!.skipped, true);
      assert.match(textOf(r.attempts[0]!.error), /^gpt-image-1 cannot make size "3840x2160"/);
    });

    it('stops the chain on a policy refusal', async () => {
      const c = new LiteLLMClient(
        parseSettings({ baseUrl: 'http://10.0.0.1:4000', fallbacks: ['gpt-image-1'] }),
        { apiKey: KEY },
      );
      clients.push(c);
      const e = await expectError(c.generate({ prompt: 'x' }), 'policy');
      assert.equal(e.attempts?.length, 1);
      assert.match(textOf(e), /litellm\.allowPrivateNetwork/);
    });
  });

  describe('discovery, key info and the connection check', () => {
    it('finds image models in /model/info and leaves out chat models', async () => {
      const models = await client().listImageModels();
      assert.deepEqual(
        models.map((m) => m.id),
        ['gpt-image-2', 'gpt-image-1', 'dall-e-3', 'dall-e-2', 'my-alias'],
      );
      assert.equal(models[0]!.evidence, 'mode');
      assert.equal(models[2]!.canEdit, false, 'dall-e-3 cannot edit');
    });

    it('falls back to /v1/models names when /model/info is missing', async () => {
      const old = new FakeLitellm({ modelInfo: false });
      await old.start();
      try {
        const c = new LiteLLMClient(parseSettings({ baseUrl: old.baseUrl }), { apiKey: KEY });
        clients.push(c);
        const models = await c.listImageModels();
        assert.deepEqual(
          models.map((m) => [m.id, m.evidence]),
          [
            ['gpt-image-2', 'name'],
            ['gpt-image-1', 'name'],
            ['dall-e-3', 'name'],
            ['dall-e-2', 'name'],
          ],
        );
        assert.deepEqual(
          old.requests.map((r) => r.path),
          ['/model/info', '/v1/models'],
        );
      } finally {
        await old.stop();
      }
    });

    it('tells a proxy that cannot give key info from one that gave no answer this time', async () => {
      fake.failNext({ kind: 'status', status: 404 }, { route: 'key-info' });
      assert.deepEqual(await client().keyInfo(), { missing: 'unsupported' });
      for (const status of [429, 503]) {
        fake.failNext({ kind: 'status', status }, { route: 'key-info' });
        assert.deepEqual(await client().keyInfo(), { missing: 'unanswered' }, `HTTP ${status}`);
      }
      fake.failNext({ kind: 'reset' }, { route: 'key-info' });
      assert.deepEqual(await client().keyInfo(), { missing: 'unanswered' }, 'connection reset');
    });

    it('treats key info as optional (500 without a database) and reads spend and budget when present', async () => {
      assert.deepEqual(await client().keyInfo(), { missing: 'unsupported' });
      const withDb = new FakeLitellm({
        keyInfo: {
          key: 'hashed',
          info: { key_alias: 'docs', spend: 1.25, max_budget: 10, budget_reset_at: null },
        },
      });
      await withDb.start();
      try {
        const c = new LiteLLMClient(parseSettings({ baseUrl: withDb.baseUrl }), { apiKey: KEY });
        clients.push(c);
        assert.deepEqual(await c.keyInfo(), { info: { alias: 'docs', spend: 1.25, maxBudget: 10 } });
      } finally {
        await withDb.stop();
      }
    });
  });
});
