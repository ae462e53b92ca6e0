import { textOf } from '../support/messageText';
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { LiteLLMError } from '../../src/core';
import { StreamingImageJson } from '../../src/core/imageJson';

/** Feeds `text` in chunks of `size` bytes, so every boundary position inside the base64 gets exercised. */
function parse(
  text: string,
  size: number,
  max = 1 << 30,
  declaredBytes?: number,
): { json: unknown; blobs: Buffer[]; parser: StreamingImageJson } {
  const p = new StreamingImageJson(max, Infinity, declaredBytes);
  const buf = Buffer.from(text);
  for (let i = 0; i < buf.length; i += size) p.write(buf.subarray(i, i + size));
  const json = p.end();
  // Every b64_json of the data items, resolved; a bad one throws its error (as the old decoder did).
  const items = (json as { data?: Array<{ b64_json?: unknown }> })?.data ?? [];
  const blobs = items.flatMap((it) => {
    if (typeof it.b64_json !== 'string') return [];
    const b = p.blobFor(it.b64_json);
    if (b instanceof Error) throw b;
    return b ? [b] : [];
  });
  return { json, blobs, parser: p };
}

function kindOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof LiteLLMError, String(e));
    return e.kind;
  }
  assert.fail('expected an error');
}

describe('streaming images JSON', () => {
  const a = randomBytes(1000);
  const b = randomBytes(77);
  const body = JSON.stringify({
    created: 1,
    data: [
      { b64_json: a.toString('base64'), revised_prompt: 'say "b64_json": ok', url: null },
      { url: null, b64_json: b.toString('base64'), revised_prompt: null },
    ],
    usage: { total_tokens: 5 },
  });

  for (const size of [1, 2, 3, 5, 7, 64, 4096, body.length]) {
    it(`decodes every b64_json exactly, in chunks of ${size} bytes`, () => {
      const { json, blobs } = parse(body, size);
      const data = (json as { data: Array<{ b64_json: string; revised_prompt: string | null }> }).data;
      assert.equal(blobs.length, 2);
      assert.ok(blobs[0]!.equals(a));
      assert.ok(blobs[1]!.equals(b));
      assert.equal(data[0]!.revised_prompt, 'say "b64_json": ok');
      assert.deepEqual((json as { usage: unknown }).usage, { total_tokens: 5 });
    });
  }

  it('accepts escaped slashes and wrapped lines, across chunk boundaries', () => {
    const raw = randomBytes(300);
    // Wrap first, then JSON-escape, as an encoder would: "/" becomes "\/" and the line breaks "\n".
    const wrapped = raw
      .toString('base64')
      .replace(/(.{76})/g, '$1\n')
      .replace(/\//g, '\\/')
      .replace(/\n/g, '\\n');
    for (const size of [1, 2, 3, 13]) {
      const { blobs } = parse(`{"data":[{"b64_json" : "${wrapped}"}]}`, size);
      assert.ok(blobs[0]!.equals(raw), `chunk size ${size}`);
    }
  });

  it('leaves null b64_json and strings that merely contain the key alone', () => {
    const { json, blobs, parser } = parse(
      '{"data":[{"b64_json":null,"url":"http://x/b64_json"}],"note":"b64_json"}',
      3,
    );
    assert.equal(blobs.length, 0);
    assert.equal(parser.blobCount, 0);
    assert.deepEqual(json, { data: [{ b64_json: null, url: 'http://x/b64_json' }], note: 'b64_json' });
  });

  it('refuses undecodable base64', () => {
    assert.equal(
      kindOf(() => parse('{"data":[{"b64_json":"!!!not base64!!!"}]}', 4)),
      'bad_response',
    );
    assert.equal(
      kindOf(() => parse('{"data":[{"b64_json":"AAAA=AAA"}]}', 100)),
      'bad_response',
    );
    assert.equal(
      kindOf(() => parse('{"data":[{"b64_json":"AAAAA"}]}', 100)),
      'bad_response',
    );
    assert.equal(
      kindOf(() => parse('{"data":[{"b64_json":"AA\\"AA"}]}', 100)),
      'bad_response',
    );
  });

  it('reports truncation and non-JSON distinctly', () => {
    const trunc = kindOf(() => parse('{"data":[{"b64_json":"AAAA', 3));
    assert.equal(trunc, 'bad_response');
    let message = '';
    try {
      parse('<html><body>Bad gateway</body></html>', 10);
    } catch (e) {
      message = textOf(e);
    }
    assert.match(message, /not JSON: "Bad gateway"/);
  });

  it('stops at the size cap', () => {
    assert.equal(
      kindOf(() => parse(body, 100, 500)),
      'too_large',
    );
  });

  describe('memory the images are decoded into', () => {
    // Larger than one block (1 MB) and split at odd places, so carries and block changes meet.
    const big = randomBytes(2_500_001);
    const small = randomBytes(4097);
    const text = JSON.stringify({
      data: [{ b64_json: big.toString('base64') }, { b64_json: small.toString('base64') }],
    });
    const length = Buffer.byteLength(text);

    it('with a declared length, every image is a slice of one arena (nothing copied)', () => {
      const { blobs } = parse(text, 65_537, 1 << 30, length);
      assert.ok(blobs[0]!.equals(big) && blobs[1]!.equals(small));
      assert.equal(blobs[0]!.buffer, blobs[1]!.buffer, 'one arena for the response');
      assert.ok(
        blobs[0]!.buffer.byteLength <= Math.ceil((length * 3) / 4) + 3,
        'sized from the declared length',
      );
    });

    it('without one, or when the body runs past it, decodes exactly across blocks', () => {
      for (const declared of [undefined, 1000, length - 100_000]) {
        const { blobs } = parse(text, 65_536, 1 << 30, declared);
        assert.ok(blobs[0]!.equals(big), `declared ${declared}`);
        assert.ok(blobs[1]!.equals(small), `declared ${declared}`);
      }
    });

    it('a bad image in between neither keeps its bytes nor corrupts the next one', () => {
      const bad = `${small.toString('base64').slice(0, 400)}!!!!${small.toString('base64').slice(404)}`;
      const body2 = `{"data":[{"b64_json":"${bad}"},{"b64_json":"${big.toString('base64')}"}]}`;
      const p = new StreamingImageJson(1 << 30, Infinity, Buffer.byteLength(body2));
      const buf = Buffer.from(body2);
      for (let i = 0; i < buf.length; i += 4093) p.write(buf.subarray(i, i + 4093));
      const data = (p.end() as { data: Array<{ b64_json: string }> }).data;
      assert.ok(p.blobFor(data[0]!.b64_json) instanceof LiteLLMError);
      const good = p.blobFor(data[1]!.b64_json) as Buffer;
      assert.ok(good.equals(big));
      assert.equal(good.byteOffset, 0, "the bad image's space was reused");
    });
  });
});
