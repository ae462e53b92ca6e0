// Turns the painted mask into what /images/edits expects: a PNG exactly the reference's size whose transparent
// pixels mark the area to change (OpenAI semantics). Also the on-screen overlay fill and a stack-safe base64.
// Pure TypeScript (no DOM types in signatures, no Node imports): it runs in the webview and in Node tests.
import type { DirtyRect } from './maskModel';

/** zlib format (RFC 1950) deflate. */
export type Deflate = (data: Uint8Array) => Promise<Uint8Array>;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** CRC-32 (ISO 3309, polynomial 0xEDB88320) lookup table, as the PNG spec's sample code builds it. */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A chunk: 4-byte big-endian length, 4-byte type, data, CRC-32 over type + data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** RGBA PNG (colour type 6, 8-bit), exactly width×height: marked → (0,0,0,0), kept → (0,0,0,255). */
export async function encodeMaskPng(
  model: { width: number; height: number; coverage: Uint8Array },
  deflate: Deflate,
): Promise<Uint8Array> {
  const { width, height, coverage } = model;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`bad mask size ${width}x${height}`);
  }
  if (coverage.length !== width * height) {
    throw new RangeError(`coverage holds ${coverage.length} bytes, not ${width}x${height}`);
  }

  // IHDR: width, height, bit depth 8, colour type 6 (RGBA); compression, filter and interlace methods 0.
  const ihdr = new Uint8Array(13);
  const ihdrView = new DataView(ihdr.buffer);
  ihdrView.setUint32(0, width);
  ihdrView.setUint32(4, height);
  ihdr[8] = 8;
  ihdr[9] = 6;

  // Scanlines: filter byte 0 (None), then RGBA pixels. RGB stays 0 (black); only alpha depends on coverage:
  // ((c - 1) >>> 31) is 1 for c = 0 and 0 for 1..255, branch-free (ten times faster on speckled masks).
  const stride = width * 4 + 1;
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const src = y * width;
    const alpha = y * stride + 1 + 3;
    for (let x = 0; x < width; x++) raw[alpha + 4 * x] = ((coverage[src + x] - 1) >>> 31) * 255;
  }

  const parts = [
    new Uint8Array(PNG_SIGNATURE),
    chunk('IHDR', ihdr),
    chunk('IDAT', await deflate(raw)),
    chunk('IEND', new Uint8Array(0)),
  ];
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    png.set(p, off);
    off += p.length;
  }
  return png;
}

// The Web Streams pieces used below, typed locally: the root tsconfig has no DOM lib and @types/node 20 does not
// declare CompressionStream, while the webview's tsconfig has the DOM one; this compiles under both.
interface ByteReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
}
interface ByteWriter {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}
interface CompressionStreamLike {
  readonly readable: { getReader(): ByteReader };
  readonly writable: { getWriter(): ByteWriter };
}
type CompressionStreamCtor = new (format: 'deflate') => CompressionStreamLike;

/** The browser's zlib deflate (CompressionStream('deflate')); also exists as a global in Node ≥ 18. */
export const streamDeflate: Deflate = async (data) => {
  const Ctor = (globalThis as unknown as { CompressionStream?: CompressionStreamCtor }).CompressionStream;
  if (!Ctor) throw new Error('CompressionStream is not available here');
  const stream = new Ctor('deflate');
  const writer = stream.writable.getWriter();
  // Write and read at the same time: awaiting the write first could stall on backpressure.
  const writing = writer.write(data).then(() => writer.close());
  writing.catch(() => undefined); // a write error also fails the read below; it is rethrown from there
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value) {
      chunks.push(value);
      total += value.length;
    }
  }
  await writing;
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
};

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_CODES = Array.from(BASE64_ALPHABET, (c) => c.charCodeAt(0));
const PAD = 61; // '='
/**
 * Input bytes per String.fromCharCode call (a multiple of 3, so only the last chunk pads). Its 32 768 char codes stay
 * far below any engine's argument limit; they go in a plain array, as applying a typed array is ~15x slower.
 */
const BASE64_CHUNK = 3 * 8192;

/** Standard padded base64, built in chunks: no stack overflow and no quadratic concatenation on 30 MB. */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const codes: number[] = new Array<number>((BASE64_CHUNK / 3) * 4).fill(0);
  for (let start = 0; start < bytes.length; start += BASE64_CHUNK) {
    const end = Math.min(bytes.length, start + BASE64_CHUNK);
    let o = 0;
    let i = start;
    for (; i + 2 < end; i += 3) {
      const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      codes[o++] = BASE64_CODES[v >>> 18];
      codes[o++] = BASE64_CODES[(v >>> 12) & 63];
      codes[o++] = BASE64_CODES[(v >>> 6) & 63];
      codes[o++] = BASE64_CODES[v & 63];
    }
    if (i < end) {
      // One or two bytes left (last chunk only): pad to four characters.
      const two = i + 1 < end;
      const v = (bytes[i] << 16) | (two ? bytes[i + 1] << 8 : 0);
      codes[o++] = BASE64_CODES[v >>> 18];
      codes[o++] = BASE64_CODES[(v >>> 12) & 63];
      codes[o++] = two ? BASE64_CODES[(v >>> 6) & 63] : PAD;
      codes[o++] = PAD;
    }
    if (o < codes.length) codes.length = o; // the last, short chunk
    parts.push(String.fromCharCode.apply(null, codes));
  }
  return parts.join('');
}

/**
 * Fills `out` (RGBA, rect-sized, e.g. ImageData.data) with the on-screen overlay for `rect`: marked pixels get
 * `color` (r,g,b,a), others transparent. `rect` must lie inside the mask and `out` hold at least its pixels.
 */
export function paintOverlay(
  model: { width: number; coverage: Uint8Array },
  rect: DirtyRect,
  out: Uint8ClampedArray | Uint8Array,
  color: [number, number, number, number],
): void {
  const { width, coverage } = model;
  const height = Math.floor(coverage.length / width);
  const { x: rx, y: ry, width: rw, height: rh } = rect;
  if (
    ![rx, ry, rw, rh].every(Number.isInteger) ||
    rx < 0 ||
    ry < 0 ||
    rw < 0 ||
    rh < 0 ||
    rx + rw > width ||
    ry + rh > height
  ) {
    throw new RangeError(`overlay rect ${rx},${ry} ${rw}x${rh} is outside the ${width}x${height} mask`);
  }
  if (out.length < rw * rh * 4) throw new RangeError(`overlay buffer of ${out.length} bytes is too small`);
  if (rw === 0 || rh === 0) return;

  const rgba = color.map((c) => Math.max(0, Math.min(255, Math.round(c))));
  if (out.byteOffset % 4 === 0) {
    // One 32-bit store per pixel; packing the colour through the same byte order makes this endianness-proof.
    // (-c >> 31) is all ones for c = 1..255 and 0 for c = 0: a branch-free select.
    const fill = new Int32Array(Uint8Array.from(rgba).buffer)[0];
    const px = new Int32Array(out.buffer, out.byteOffset, rw * rh);
    for (let y = 0; y < rh; y++) {
      const src = (ry + y) * width + rx;
      const dst = y * rw;
      for (let x = 0; x < rw; x++) px[dst + x] = fill & (-coverage[src + x] >> 31);
    }
    return;
  }
  for (let y = 0; y < rh; y++) {
    const src = (ry + y) * width + rx;
    for (let x = 0, o = y * rw * 4; x < rw; x++, o += 4) {
      const on = coverage[src + x] !== 0;
      out[o] = on ? rgba[0] : 0;
      out[o + 1] = on ? rgba[1] : 0;
      out[o + 2] = on ? rgba[2] : 0;
      out[o + 3] = on ? rgba[3] : 0;
    }
  }
}
