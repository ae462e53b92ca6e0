// The mask PNG is what tells the proxy which pixels to change, so its size, every alpha byte and its chunk CRCs are
// checked by decoding it independently (pngjs, through test/fixtures/readPng.ts); also how that decoder is read,
// the base64 helper and the overlay fill.
import { strict as assert } from 'node:assert';
import * as zlib from 'node:zlib';
import { MaskModel } from '../../src/webview/mask/maskModel';
import { encodeMaskPng, paintOverlay, streamDeflate, toBase64 } from '../../src/webview/mask/maskPng';
import type { Deflate } from '../../src/webview/mask/maskPng';
import { encodePng } from '../fixtures/png';
import { readPng } from '../fixtures/readPng';
import { mulberry32 as rng } from '../fixtures/random';

const syncDeflate: Deflate = async (data) => zlib.deflateSync(data);

/** Bitwise CRC-32 (no table), written independently of the encoder's. */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

interface Chunk {
  type: string;
  data: Buffer;
  crc: number;
  /** CRC over type + data, as stored bytes. */
  body: Buffer;
}

function chunks(png: Buffer): Chunk[] {
  assert.deepEqual(
    [...png.subarray(0, 8)],
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    'PNG signature',
  );
  const out: Chunk[] = [];
  let off = 8;
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    assert.ok(off + 12 + len <= png.length, 'chunk fits in the file');
    out.push({
      type: png.toString('latin1', off + 4, off + 8),
      data: png.subarray(off + 8, off + 8 + len),
      crc: png.readUInt32BE(off + 8 + len),
      body: png.subarray(off + 4, off + 8 + len),
    });
    off += 12 + len;
  }
  assert.equal(off, png.length, 'no bytes after the last chunk');
  return out;
}

/** The RGBA the mask PNG must hold: black everywhere, alpha 0 where marked and 255 where kept. */
function expectedRgba(coverage: Uint8Array): Buffer {
  const out = Buffer.alloc(coverage.length * 4);
  for (let i = 0; i < coverage.length; i++) out[i * 4 + 3] = coverage[i] === 255 ? 0 : 255;
  return out;
}

function firstDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** A mask with a few random strokes (both tools) and, for larger sizes, an invert in between. */
function paintedModel(w: number, h: number, seed: number): MaskModel {
  const rand = rng(seed);
  const m = new MaskModel(w, h);
  for (let s = 0; s < 6; s++) {
    m.beginStroke(s % 3 === 2 ? 'eraser' : 'brush', 0.5 + rand() * Math.max(w, h) * 0.1, {
      x: rand() * w,
      y: rand() * h,
    });
    for (let k = 0; k < 4; k++) m.extendStroke({ x: rand() * w, y: rand() * h });
    m.endStroke();
    if (s === 3 && w * h > 1) m.invert();
  }
  return m;
}

/** Checks structure, CRCs, filter bytes and every pixel of a mask PNG; returns the decoded RGBA. */
function checkMaskPng(png: Uint8Array, m: MaskModel): Buffer {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.length);
  const list = chunks(buf);
  assert.deepEqual(
    list.map((c) => c.type),
    ['IHDR', 'IDAT', 'IEND'],
  );
  for (const c of list) {
    assert.equal(c.crc, crc32(c.body), `${c.type} CRC`);
    if (typeof zlib.crc32 === 'function') assert.equal(c.crc, zlib.crc32(c.body), `${c.type} CRC (zlib)`);
  }
  const ihdr = list[0].data;
  assert.equal(ihdr.length, 13);
  assert.deepEqual(
    [ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ...ihdr.subarray(8)],
    [m.width, m.height, 8, 6, 0, 0, 0],
    'IHDR: size, 8-bit RGBA, no interlace',
  );
  assert.equal(list[2].data.length, 0);
  const raw = zlib.inflateSync(list[1].data);
  assert.equal(raw.length, (m.width * 4 + 1) * m.height);
  for (let y = 0; y < m.height; y++) assert.equal(raw[y * (m.width * 4 + 1)], 0, `filter byte of row ${y}`);

  const decoded = readPng(buf);
  assert.deepEqual(
    [decoded.width, decoded.height, decoded.colorType, decoded.bitDepth],
    [m.width, m.height, 6, 8],
  );
  assert.equal(firstDiff(decoded.rgba, expectedRgba(m.coverage)), -1, 'pixels');
  return decoded.rgba;
}

describe('mask PNG export', () => {
  for (const [w, h] of [
    [1, 1],
    [17, 9],
    [1023, 767],
    [2048, 2048],
  ]) {
    it(`is exactly ${w}x${h} with alpha 0 on every marked and 255 on every kept pixel`, async () => {
      const m = paintedModel(w, h, w * 31 + h);
      if (w > 1) {
        assert.ok(m.markedPixels() > 0 && m.markedPixels() < w * h, 'the mask has both kinds of pixel');
      }
      const png = await encodeMaskPng(m, syncDeflate);
      checkMaskPng(png, m);
    });
  }

  it('makes a blank mask fully opaque and its inverse fully transparent', async () => {
    const m = new MaskModel(33, 21);
    let rgba = checkMaskPng(await encodeMaskPng(m, syncDeflate), m);
    for (let i = 3; i < rgba.length; i += 4) assert.equal(rgba[i], 255);
    m.invert();
    rgba = checkMaskPng(await encodeMaskPng(m, syncDeflate), m);
    for (let i = 0; i < rgba.length; i++) assert.equal(rgba[i], 0);
    const one = new MaskModel(1, 1);
    one.beginStroke('brush', 1, { x: 0.5, y: 0.5 });
    assert.deepEqual([...checkMaskPng(await encodeMaskPng(one, syncDeflate), one)], [0, 0, 0, 0]);
  });

  it('gives identical pixels through CompressionStream and zlib', async () => {
    for (const [w, h] of [
      [1, 1],
      [17, 9],
      [640, 480],
    ]) {
      const m = paintedModel(w, h, 5 + w);
      const viaStream = await encodeMaskPng(m, streamDeflate);
      const viaZlib = await encodeMaskPng(m, syncDeflate);
      const a = checkMaskPng(viaStream, m);
      const b = checkMaskPng(viaZlib, m);
      assert.equal(firstDiff(a, b), -1);
    }
  });

  it('streamDeflate produces zlib data that inflates back to the input', async () => {
    const rand = rng(3);
    for (const n of [0, 1, 1000, 300_000]) {
      const input = Uint8Array.from({ length: n }, () => (rand() < 0.5 ? 0 : Math.floor(rand() * 256)));
      const out = await streamDeflate(input);
      assert.equal(out[0] & 0x0f, 8, 'zlib header: deflate method');
      assert.ok(Buffer.from(zlib.inflateSync(out)).equals(Buffer.from(input)), `length ${n}`);
    }
  });

  it('refuses coverage that does not match the size', async () => {
    await assert.rejects(
      encodeMaskPng({ width: 4, height: 4, coverage: new Uint8Array(15) }, syncDeflate),
      RangeError,
    );
    await assert.rejects(
      encodeMaskPng({ width: 0, height: 4, coverage: new Uint8Array(0) }, syncDeflate),
      RangeError,
    );
  });
});

/** Encode with a chosen filter per row (cycling through `filters`), the way real encoders do. */
function encodeFiltered(w: number, h: number, colorType: number, pixels: Buffer, filters: number[]): Buffer {
  const bpp = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType as 0 | 2 | 4 | 6];
  const stride = w * bpp;
  const raw = Buffer.alloc((stride + 1) * h);
  for (let y = 0; y < h; y++) {
    const f = filters[y % filters.length];
    raw[y * (stride + 1)] = f;
    for (let i = 0; i < stride; i++) {
      const cur = pixels[y * stride + i];
      const a = i >= bpp ? pixels[y * stride + i - bpp] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + i] : 0;
      const c = i >= bpp && y > 0 ? pixels[(y - 1) * stride + i - bpp] : 0;
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][f];
      raw[y * (stride + 1) + 1 + i] = (cur - pred) & 0xff;
    }
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + body.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 4 + body.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = colorType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe("readPng (pngjs, the tests' PNG decoder)", () => {
  it('undoes all five filter types for RGBA, RGB, gray+alpha and gray', () => {
    const rand = rng(11);
    const w = 13;
    const h = 10;
    for (const colorType of [6, 2, 4, 0]) {
      const bpp = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType as 0 | 2 | 4 | 6];
      const pixels = Buffer.from(Array.from({ length: w * h * bpp }, () => Math.floor(rand() * 256)));
      const expected = Buffer.alloc(w * h * 4);
      for (let p = 0; p < w * h; p++) {
        const s = pixels.subarray(p * bpp, (p + 1) * bpp);
        const rgb = bpp >= 3 ? [s[0], s[1], s[2]] : [s[0], s[0], s[0]];
        const alpha = bpp === 4 ? s[3] : bpp === 2 ? s[1] : 255;
        expected.set([...rgb, alpha], p * 4);
      }
      for (const filters of [[0], [1], [2], [3], [4], [4, 3, 2, 1, 0]]) {
        const d = readPng(encodeFiltered(w, h, colorType, pixels, filters));
        assert.deepEqual([d.width, d.height, d.colorType, d.bitDepth], [w, h, colorType, 8]);
        assert.ok(d.rgba.equals(expected), `colour type ${colorType}, filters ${filters.join(',')}`);
      }
    }
  });

  it('reads the PNGs encodePng writes and refuses what is not a valid PNG', () => {
    const rgba = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert.ok(readPng(encodePng(3, 1, rgba)).rgba.equals(rgba));
    assert.throws(() => readPng(Buffer.from('not a png')));
    const png = encodePng(1, 1, Buffer.from([0, 0, 0, 0]));
    const damaged = Buffer.from(png);
    damaged[8 + 8 + 9] = 3; // IHDR's colour type changed, so its CRC no longer matches
    // (pngjs's sync reader then reports the bytes it did not read, not the CRC)
    assert.throws(() => readPng(damaged));
    const badEnd = Buffer.from(png);
    badEnd[badEnd.length - 1] ^= 1; // IEND's CRC
    assert.throws(() => readPng(badEnd), /crc/i);
  });
});

describe('toBase64', () => {
  it('matches Buffer base64 for short, padded and large inputs', () => {
    const rand = rng(1);
    for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 100, 32767, 32768, 32769, 3 * 1024 * 1024 + 1]) {
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) bytes[i] = Math.floor(rand() * 256);
      assert.equal(toBase64(bytes), Buffer.from(bytes).toString('base64'), `length ${n}`);
    }
  });

  it('copes with 30 MB without overflowing the stack, and with views into larger buffers', () => {
    const big = new Uint8Array(30 * 1024 * 1024 + 2);
    for (let i = 0; i < big.length; i += 4099) big[i] = i & 0xff;
    assert.equal(toBase64(big), Buffer.from(big).toString('base64'));
    const view = big.subarray(4099, 4099 + 10);
    assert.equal(toBase64(view), Buffer.from(view).toString('base64'));
  });
});

describe('paintOverlay', () => {
  const color: [number, number, number, number] = [255, 32, 16, 128];

  function expectedOverlay(
    m: MaskModel,
    rect: { x: number; y: number; width: number; height: number },
  ): Buffer {
    const out = Buffer.alloc(rect.width * rect.height * 4);
    for (let y = 0; y < rect.height; y++)
      for (let x = 0; x < rect.width; x++) {
        if (m.coverage[(rect.y + y) * m.width + rect.x + x] === 255) out.set(color, (y * rect.width + x) * 4);
      }
    return out;
  }

  it('fills the rect with the colour on marked pixels and transparent elsewhere', () => {
    const m = paintedModel(60, 40, 77);
    for (const rect of [
      { x: 0, y: 0, width: 60, height: 40 },
      { x: 7, y: 5, width: 31, height: 17 },
      { x: 59, y: 39, width: 1, height: 1 },
    ]) {
      const out = new Uint8ClampedArray(rect.width * rect.height * 4).fill(9); // stale contents get overwritten
      paintOverlay(m, rect, out, color);
      assert.equal(firstDiff(out, expectedOverlay(m, rect)), -1, JSON.stringify(rect));
      // The same through an unaligned Uint8Array view (the byte-by-byte path), leaving the bytes around it alone.
      const backing = new Uint8Array(rect.width * rect.height * 4 + 2).fill(9);
      const view = backing.subarray(1, backing.length - 1);
      paintOverlay(m, rect, view, color);
      assert.equal(firstDiff(view, expectedOverlay(m, rect)), -1, `unaligned ${JSON.stringify(rect)}`);
      assert.deepEqual([backing[0], backing[backing.length - 1]], [9, 9]);
    }
    const full = new Uint8Array(60 * 40 * 4);
    paintOverlay(m, { x: 0, y: 0, width: 60, height: 40 }, full, color);
    let marked = 0;
    for (let i = 0; i < full.length; i += 4) if (full[i + 3] === 128) marked++;
    assert.equal(marked, m.markedPixels());
    assert.ok(marked > 0 && marked < 60 * 40);
  });

  it('does nothing for an empty rect and refuses rects outside the mask or a short buffer', () => {
    const m = paintedModel(10, 8, 4);
    const out = new Uint8Array(16).fill(7);
    paintOverlay(m, { x: 0, y: 0, width: 0, height: 0 }, out, color);
    assert.ok(out.every((v) => v === 7));
    for (const rect of [
      { x: -1, y: 0, width: 2, height: 2 },
      { x: 9, y: 0, width: 2, height: 1 },
      { x: 0, y: 7, width: 1, height: 2 },
      { x: 0.5, y: 0, width: 1, height: 1 },
    ]) {
      assert.throws(() => paintOverlay(m, rect, new Uint8Array(64), color), RangeError, JSON.stringify(rect));
    }
    assert.throws(
      () => paintOverlay(m, { x: 0, y: 0, width: 3, height: 2 }, new Uint8Array(23), color),
      RangeError,
    );
  });
});
