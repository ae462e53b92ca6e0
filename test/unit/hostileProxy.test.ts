// Issue 9, "Answers from the proxy" and "What reaches the screen, the log and the disk": the core and the CLI against
// a hostile proxy on 127.0.0.1 that sends each attack answer. Every case asserts the safe behaviour: images received
// are kept, surplus and oversize are bounded, malformed answers are plain bad_response errors, and the key and
// terminal controls reach neither the screen, the log nor the saved files.
import { strict as assert } from 'node:assert';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  LiteLLMClient,
  LiteLLMError,
  Logger,
  parseSettings,
  RawCoreSettings,
  readPngProvenance,
} from '../../src/core';
import { imagesWanted, MAX_IMAGES_PER_RESPONSE } from '../../src/core/imagesResponse';
import { StreamingImageJson } from '../../src/core/imageJson';
import { stripControls } from '../../src/core/proxyText';
import { attacks, HostileProxy, TINY_PNG } from '../fixtures/hostileProxy';
import { runCli } from '../fixtures/cliProcess';
import { encodePng } from '../fixtures/png';
import { mulberry32 } from '../fixtures/random';
import { textOf } from '../support/messageText';

/** Not shaped like a LiteLLM key, so only the client's own redaction of its key can hide it. */
const KEY = 'hostile-canary-7f3a9c';

const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  assert.fail('expected the call to fail');
}

function capture(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (m: string) => lines.push(`${level} ${m}`);
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

describe('hostile proxy', function () {
  this.timeout(30_000);
  const proxy = new HostileProxy();
  const clients: LiteLLMClient[] = [];
  let out: string;

  function client(raw: RawCoreSettings = {}, logger?: Logger): LiteLLMClient {
    const c = new LiteLLMClient(parseSettings({ baseUrl: proxy.baseUrl, ...raw }), { apiKey: KEY, logger });
    clients.push(c);
    return c;
  }
  const env = () => ({ LITELLM_BASE_URL: proxy.baseUrl, LITELLM_API_KEY: KEY });

  before(() => proxy.start());
  beforeEach(async () => {
    proxy.reset();
    out = await mkdtemp(path.join(tmpdir(), 'hostile-'));
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await rm(out, { recursive: true, force: true });
  });
  after(() => proxy.stop());

  describe('item 6: more items than requested', () => {
    it('keeps one image of 1,500 sent for n=1, and says so as a warning, not an error', async () => {
      proxy.answer = attacks.manyItems(1500);
      const r = await client().generate({ prompt: 'x' });
      assert.equal(r.images.length, 1);
      assert.equal(r.incomplete, undefined);
      assert.deepEqual(r.warnings.map(textOf), [
        'The proxy returned 1500 images for a request of 1; only the first was kept.',
      ]);
    });

    it('keeps the count asked for (n=3 of 40), each a real image', async () => {
      proxy.answer = attacks.manyItems(40);
      const r = await client().generate({ prompt: 'x', options: { n: 3 } });
      assert.equal(r.images.length, 3);
      for (const img of r.images) assert.equal(img.mimeType, 'image/png');
      assert.match(textOf(r.warnings[0]), /returned 40 images for a request of 3/);
    });

    it(`caps what any request may keep at ${MAX_IMAGES_PER_RESPONSE}, whatever n says`, () => {
      assert.equal(imagesWanted(undefined), 1);
      assert.equal(imagesWanted(1), 1);
      assert.equal(imagesWanted(10), 10);
      assert.equal(imagesWanted(1e9), MAX_IMAGES_PER_RESPONSE);
    });

    it('does not decode the surplus: a blob past the count is never kept in memory', () => {
      const p = new StreamingImageJson(1 << 20, 1);
      const b64 = TINY_PNG.toString('base64');
      p.write(Buffer.from(JSON.stringify({ data: [{ b64_json: b64 }, { b64_json: b64 }] })));
      const data = (p.end() as { data: Array<{ b64_json: string }> }).data;
      assert.ok(Buffer.isBuffer(p.blobFor(data[0]!.b64_json)));
      assert.ok(p.blobFor(data[1]!.b64_json) instanceof LiteLLMError, 'the second was skipped, not decoded');
    });

    it('the CLI writes one file and prints the warning on stderr', async () => {
      proxy.answer = attacks.manyItems(40);
      const r = await runCli(['generate', 'a cat', '--out', out], env());
      assert.equal(r.code, 0, r.stderr);
      assert.equal((await readdir(out)).length, 1);
      assert.equal(r.stdout.trim().split('\n').length, 1);
      assert.match(r.stderr, /The proxy returned 40 images for a request of 1/);
    });
  });

  describe('item 7: one byte budget for the JSON and every download', () => {
    it('20 url items of 600 KB do not pass a 1 MB maxResponseBytes; the image complete before is kept', async () => {
      proxy.answer = attacks.urlItems(proxy, 20, 600 * 1024);
      const r = await client({ maxResponseBytes: 1024 * 1024 }).generate({
        prompt: 'x',
        options: { n: 10 },
      });
      assert.equal(r.images.length, 1, 'the first download fits, the second passes the budget');
      assert.equal(r.incomplete?.kind, 'too_large');
      const downloads = proxy.requests.filter((q) => q.method === 'GET').length;
      assert.equal(downloads, 2, 'nothing is fetched once the budget is spent');
    });

    it('the JSON counts too: a 700 KB answer leaves no room for a 400 KB download', async () => {
      const big = attacks.urlItems(proxy, 1, 400 * 1024);
      const body = JSON.parse(String(big.body)) as Record<string, unknown>;
      body.padding = 'x'.repeat(700 * 1024);
      proxy.answer = { body: JSON.stringify(body) };
      const e = await rejection(client({ maxResponseBytes: 1024 * 1024 }).generate({ prompt: 'x' }));
      assert.ok(e instanceof LiteLLMError);
      assert.equal(e.kind, 'too_large');
    });

    it('within the budget, every download arrives', async () => {
      proxy.answer = attacks.urlItems(proxy, 3, 100 * 1024);
      const r = await client({ maxResponseBytes: 1024 * 1024 }).generate({ prompt: 'x', options: { n: 3 } });
      assert.equal(r.images.length, 3);
      assert.equal(r.incomplete, undefined);
    });
  });

  describe('item 8: one bad item loses the good ones', () => {
    const bad = ['!!!not base64!!!', 'AAAA=AAA', 'AAAAA', 'AA"AA', 'AA\\AA', 'AAAA\u00e9'];
    for (const b of bad) {
      it(`keeps the good image and reports ${JSON.stringify(b)} as the bad one`, async () => {
        proxy.answer = attacks.goodThenBad(TINY_PNG, b);
        const r = await client().generate({ prompt: 'x', options: { n: 2 } });
        assert.equal(r.images.length, 1);
        assert.ok(r.images[0]!.bytes.equals(TINY_PNG));
        assert.equal(r.incomplete?.kind, 'bad_response');
        assert.match(textOf(r.incomplete), /base64 data cannot be decoded/);
      });
    }

    it('a bad blob first does not spoil the good one after it, in any chunking', () => {
      const good = encodePng(8, 8, Buffer.alloc(8 * 8 * 4, 99));
      const body = Buffer.from(
        `{"data":[{"b64_json":"AA\\"A\\\\A\\\\\\"A="},{"b64_json":"${good.toString('base64')}"}]}`,
      );
      for (const size of [1, 2, 3, 5, 17, body.length]) {
        const p = new StreamingImageJson(1 << 20, 2);
        for (let i = 0; i < body.length; i += size) p.write(body.subarray(i, i + size));
        const data = (p.end() as { data: Array<{ b64_json: string }> }).data;
        assert.ok(p.blobFor(data[0]!.b64_json) instanceof LiteLLMError, `chunks of ${size}`);
        assert.ok((p.blobFor(data[1]!.b64_json) as Buffer).equals(good), `chunks of ${size}`);
      }
    });

    it('the CLI saves the good image and exits 1 with "Some images were saved, then: …"', async () => {
      proxy.answer = attacks.goodThenBad();
      const r = await runCli(['generate', 'a cat', '--n', '2', '--out', out], env());
      assert.equal(r.code, 1);
      assert.equal((await readdir(out)).length, 1);
      assert.match(r.stderr, /Some images were saved, then: The proxy returned an image whose base64/);
    });
  });

  describe('item 9: forged internal placeholders', () => {
    for (const [name, body] of attacks.forgedPlaceholders()) {
      it(`${name} is a plain bad_response, never a TypeError or a network error`, async () => {
        proxy.answer = { body };
        const e = await rejection(client().generate({ prompt: 'x', options: { n: 2 } }));
        assert.ok(e instanceof LiteLLMError, `got ${String(e)}`);
        assert.equal(e.kind, 'bad_response', textOf(e));
        assert.doesNotMatch(textOf(e), /undefined|Cannot read/);
      });
    }

    it('real base64 under an escaped key still yields the image', async () => {
      proxy.answer = attacks.escapedKey();
      const r = await client().generate({ prompt: 'x' });
      assert.equal(r.images.length, 1);
      assert.ok(r.images[0]!.bytes.equals(TINY_PNG));
    });

    it('a seeded table of malformed bodies: every outcome is images or a bad_response/too_large error', async () => {
      const rand = mulberry32(9009);
      const good = JSON.stringify({
        created: 1,
        data: [
          { b64_json: TINY_PNG.toString('base64'), revised_prompt: 'p' },
          { b64_json: TINY_PNG.toString('base64') },
        ],
        usage: { total_tokens: 1 },
      });
      const pieces = [
        '"',
        '\\',
        '\\"',
        '\\u',
        '\\u005f',
        '{',
        '}',
        '[',
        ']',
        ':',
        ',',
        'null',
        '"b64_json"',
        '"b64\\u005fjson":',
        '"@@blob:0"',
        '"@@blob:1"',
        '@@blob:',
        '"b64_json":"@@blob:0"',
        '{"b64\\u005fjson":"@@blob:4"},',
        '{"b64\\u005fjson":"@@blob:0"},',
        '=',
        'AAAA',
        '\u00e9',
        '\x00',
        '[[[[[[[[',
      ];
      const forged = [
        '{"b64\\u005fjson":"@@blob:4"},',
        '{"b64\\u005fjson":"@@blob:1"},',
        '{"b64_json":"\\u0040\\u0040blob:0"},',
        `{"b64\\u005fjson":"${TINY_PNG.toString('base64')}"},`,
        '{"b64_json":"AA\\"AA"},',
      ];
      const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
      const cases = 150;
      const outcomes = new Map<string, number>();
      for (let c = 0; c < cases; c++) {
        let body = good;
        const edits = 1 + Math.floor(rand() * 3);
        for (let k = 0; k < edits; k++) {
          const at = Math.floor(rand() * (body.length + 1));
          const r = rand();
          // Some well-formed forgeries too, so the table is not only broken syntax.
          if (r < 0.15) body = body.replace('"data":[', `"data":[${pick(forged)}`);
          else if (r < 0.55) body = body.slice(0, at) + pick(pieces) + body.slice(at);
          else if (r < 0.8) body = body.slice(0, at) + body.slice(at + 1 + Math.floor(rand() * 8));
          else body = body.slice(0, at);
        }
        proxy.answer = { body };
        const maxResponseBytes = rand() < 0.1 ? 1024 : undefined;
        try {
          const r = await client(maxResponseBytes ? { maxResponseBytes } : {}).generate({
            prompt: 'x',
            options: { n: 2 },
          });
          assert.ok(r.images.length >= 1 && r.images.length <= 2, body);
          for (const img of r.images) assert.equal(img.mimeType, 'image/png', body);
          outcomes.set('images', (outcomes.get('images') ?? 0) + 1);
        } catch (e) {
          assert.ok(e instanceof LiteLLMError, `${String(e)} for ${JSON.stringify(body)}`);
          assert.ok(
            e.kind === 'bad_response' || e.kind === 'too_large',
            `${e.kind}: ${textOf(e)} for ${body}`,
          );
          outcomes.set(e.kind, (outcomes.get(e.kind) ?? 0) + 1);
        }
        await Promise.all(clients.splice(0).map((x) => x.dispose()));
      }
      assert.ok(
        (outcomes.get('bad_response') ?? 0) > 0 && (outcomes.get('images') ?? 0) > 0,
        [...outcomes].join(),
      );
    });
  });

  describe('item 11: the key echoed by the proxy', () => {
    it('is nowhere in the result, the saved file, the CLI output (--verbose) or the log', async () => {
      proxy.answer = attacks.echoKey(KEY);
      const { logger, lines } = capture();
      const r = await client({}, logger).generate({ prompt: 'x' });
      assert.ok(!JSON.stringify({ ...r, images: r.images.map((i) => ({ ...i, bytes: 0 })) }).includes(KEY));
      assert.ok(lines.length > 0);
      assert.ok(!lines.join('\n').includes(KEY), lines.join('\n'));
      assert.equal(r.meta.callId, '[redacted]');

      const run = await runCli(['generate', 'a cat', '--out', out, '--verbose'], env());
      assert.equal(run.code, 0, run.stderr);
      assert.ok(!(run.stdout + run.stderr).includes(KEY), run.stdout + run.stderr);
      assert.match(JSON.parse(run.stdout).revisedPrompt, /a cat, key \[redacted\], Bearer \[redacted\]/);
      const files = await readdir(out);
      assert.equal(files.length, 1);
      for (const f of files) {
        const raw = await readFile(path.join(out, f));
        assert.ok(!raw.includes(Buffer.from(KEY)), `${f} holds the key`);
        assert.ok(raw.includes(Buffer.from('[redacted]')), `${f} keeps the redacted text`);
      }
    });

    for (const [name, answer] of attacks.errorShapes(`denied for Bearer ${KEY} (key ${KEY})`))
      it(`is not in the CLI's stderr or the log when echoed in an error (${name})`, async () => {
        proxy.answer = answer;
        const { logger, lines } = capture();
        const e = await rejection(client({}, logger).generate({ prompt: 'x' }));
        assert.ok(e instanceof LiteLLMError);
        assert.ok(!`${textOf(e)} ${e.proxyMessage ?? ''}`.includes(KEY), textOf(e));
        assert.ok(!lines.join('\n').includes(KEY), lines.join('\n'));
        const run = await runCli(['generate', 'a cat', '--out', out, '--verbose'], env());
        assert.equal(run.code, 1);
        assert.ok(!(run.stdout + run.stderr).includes(KEY), run.stderr);
      });

    it('is not in the model list or the connection check', async () => {
      proxy.files.set('/model/info', {
        body: JSON.stringify({
          data: [{ model_name: `img-${KEY}`, model_info: { mode: 'image_generation' } }],
        }),
        headers: { 'x-litellm-version': KEY },
      });
      const run = await runCli(['models', '--verbose'], env());
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /img-\[redacted\]/);
      assert.ok(!(run.stdout + run.stderr).includes(KEY), run.stdout);
    });
  });

  describe('item 12: terminal escapes in proxy text', () => {
    const text = attacks.terminalText;
    const readable = (s: string) => assert.match(s, /upstream said hello world .*red.*end/s);

    it('strips escape sequences and controls but keeps the words, tabs and newlines', () => {
      const clean = stripControls(text);
      assert.doesNotMatch(clean, CONTROL);
      assert.equal(clean, 'upstream said hello world  red end\n[info] fake line');
      assert.equal(stripControls('a\tb\nc'), 'a\tb\nc');
      assert.equal(stripControls('unterminated \x1b]52;c;AAAA rest'), 'unterminated 52;c;AAAA rest');
    });

    for (const [name, answer] of attacks.errorShapes(text))
      it(`the CLI's stderr and the log get none of them from an error (${name})`, async () => {
        proxy.answer = answer;
        const { logger, lines } = capture();
        const e = await rejection(client({}, logger).generate({ prompt: 'x' }));
        assert.ok(e instanceof LiteLLMError);
        assert.doesNotMatch(textOf(e), CONTROL);
        assert.doesNotMatch(lines.join('\n'), CONTROL);
        const run = await runCli(['generate', 'a cat', '--out', out, '--verbose'], env());
        assert.equal(run.code, 1);
        assert.doesNotMatch(run.stdout + run.stderr, CONTROL);
        readable(run.stderr);
      });

    it('a megabyte of "<" or of spaces in an error body is read in linear time (the call returns)', async () => {
      for (const body of [
        '<'.repeat(1 << 20),
        JSON.stringify({ error: { message: ' '.repeat(1 << 20) + 'x' } }),
      ]) {
        proxy.answer = { status: 500, body };
        const e = await rejection(client().generate({ prompt: 'x' }));
        assert.ok(e instanceof LiteLLMError);
        assert.equal(e.kind, 'upstream');
      }
    });

    it('a revised prompt and headers reach stdout, stderr and the file without them', async () => {
      proxy.answer = json({
        data: [{ b64_json: TINY_PNG.toString('base64'), revised_prompt: text }],
        headers: { 'x-litellm-call-id': 'call-\x9b2J-1', 'x-litellm-model-id': 'model\x9b31m' },
      });
      const run = await runCli(['generate', 'a cat', '--out', out, '--verbose'], env());
      assert.equal(run.code, 0, run.stderr);
      assert.doesNotMatch(run.stdout + run.stderr, CONTROL);
      const line = JSON.parse(run.stdout) as { revisedPrompt: string; callId: string; path: string };
      assert.doesNotMatch(line.revisedPrompt, CONTROL);
      readable(line.revisedPrompt);
      assert.equal(line.callId, 'call--1');
      // Only the provenance text: the PNG's binary chunks (CRCs, pixel data) may hold any byte, 0x1b included.
      const stored = readPngProvenance(await readFile(line.path));
      assert.ok(stored, 'the file carries provenance');
      assert.doesNotMatch(
        JSON.stringify(stored),
        /\\u001b|\\u009b/,
        'no escaped ESC or CSI in the provenance',
      );
      assert.doesNotMatch(stored.revisedPrompt ?? '', CONTROL);
      assert.equal(stored.callId, 'call--1');
    });
  });

  describe('cost sanity (item 13): absurd cost headers are unknown', () => {
    for (const v of ['1e300', '1e999', '-1', 'NaN', 'Infinity', '2000000', 'abc', '0x10'])
      it(`x-litellm-response-cost: ${v} becomes undefined`, async () => {
        proxy.answer = attacks.cost(v);
        const r = await client().generate({ prompt: 'x' });
        assert.equal(r.meta.cost, undefined);
      });

    it('a plausible cost is kept', async () => {
      proxy.answer = attacks.cost('0.04');
      assert.equal((await client().generate({ prompt: 'x' })).meta.cost, 0.04);
    });

    it('summing batch costs never gives a non-finite number', async () => {
      // dall-e-3 makes one image per request: n=3 is three requests, each with its own cost header.
      const costs = ['1.7e308', '1.7e308', '0.04'];
      proxy.answer = (i) => attacks.cost(costs[i] ?? '0.04');
      const r = await client({ model: 'dall-e-3' }).generate({ prompt: 'x', options: { n: 3 } });
      assert.equal(r.images.length, 3);
      assert.equal(r.meta.cost, 0.04);
      // The two unknown ones are said to be unknown, not folded into a total that looks complete.
      assert.deepEqual(
        r.images.map((i) => i.cost),
        [undefined, undefined, 0.04],
      );
      assert.equal(r.meta.imagesWithoutCost, 2);
    });
  });
});

function json(o: { data: unknown[]; headers?: Record<string, string> }) {
  return { body: JSON.stringify({ created: 1, data: o.data }), headers: o.headers };
}
