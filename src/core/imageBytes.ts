/**
 * What an image really is, from its bytes: proxies and providers mislabel formats (a "png" request can come back as
 * WebP), so the file extension and MIME type come from the magic numbers, and the size from the header (PNG IHDR,
 * JPEG SOFn, WebP VP8/VP8L/VP8X): no pixel is decoded, and only the first IMAGE_HEADER_BYTES are ever looked at.
 */
import type { NonImageShape } from './messages';
export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';
/** The format's name as requests spell it (`output_format`). */
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif';

/**
 * The most bytes read to find a size: every header this tool meets sits far before it, except a JPEG behind a huge
 * EXIF or ICC segment, whose size then stays unknown rather than costing a read of the whole file.
 */
export const IMAGE_HEADER_BYTES = 64 * 1024;

const FORMAT_OF: Record<ImageMime, ImageFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

export function formatOf(mime: ImageMime): ImageFormat {
  return FORMAT_OF[mime];
}

export interface SniffedImage {
  mimeType: ImageMime;
  extension: 'png' | 'jpg' | 'webp' | 'gif';
  width?: number;
  height?: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPng(b: Buffer): boolean {
  return b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE);
}

type Dims = { width: number; height: number };

/** A size only when both sides are real (a zero side is a broken or hostile header, not a size). */
function dims(width: number, height: number): Dims | undefined {
  return width > 0 && height > 0 ? { width, height } : undefined;
}

function jpegSize(whole: Buffer): Dims | undefined {
  const b = whole.subarray(0, IMAGE_HEADER_BYTES);
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = b.readUInt16BE(i + 2);
    // SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return dims(b.readUInt16BE(i + 7), b.readUInt16BE(i + 5));
    i += 2 + len;
  }
  return undefined;
}

/** A lossy frame's start code (after the 3-byte frame tag); without it the size fields are not where we read. */
const VP8_START_CODE = Buffer.from([0x9d, 0x01, 0x2a]);
/** A lossless stream's signature byte. */
const VP8L_SIGNATURE = 0x2f;

function webpSize(b: Buffer): Dims | undefined {
  const chunk = b.toString('latin1', 12, 16);
  if (chunk === 'VP8 ' && b.length >= 30 && b.subarray(23, 26).equals(VP8_START_CODE))
    return dims(b.readUInt16LE(26) & 0x3fff, b.readUInt16LE(28) & 0x3fff);
  if (chunk === 'VP8L' && b.length >= 25 && b[20] === VP8L_SIGNATURE) {
    const b0 = b[21]!,
      b1 = b[22]!,
      b2 = b[23]!,
      b3 = b[24]!;
    return dims(1 + (((b1 & 0x3f) << 8) | b0), 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)));
  }
  if (chunk === 'VP8X' && b.length >= 30) return dims(1 + b.readUIntLE(24, 3), 1 + b.readUIntLE(27, 3));
  return undefined;
}

export function sniffImage(b: Buffer): SniffedImage | undefined {
  if (isPng(b)) {
    const size =
      b.length >= 24 && b.toString('latin1', 12, 16) === 'IHDR'
        ? dims(b.readUInt32BE(16), b.readUInt32BE(20))
        : undefined;
    return { mimeType: 'image/png', extension: 'png', ...size };
  }
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff)
    return { mimeType: 'image/jpeg', extension: 'jpg', ...jpegSize(b) };
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP')
    return { mimeType: 'image/webp', extension: 'webp', ...webpSize(b) };
  if (b.length >= 10 && /^GIF8[79]a$/.test(b.toString('latin1', 0, 6)))
    return { mimeType: 'image/gif', extension: 'gif', ...dims(b.readUInt16LE(6), b.readUInt16LE(8)) };
  return undefined;
}

/** A short, safe description of bytes that are not an image, for error messages (never the bytes themselves). */
export function describeNonImage(b: Buffer): NonImageShape {
  const head = b.subarray(0, 64).toString('utf8');
  if (/^\s*</.test(head)) return { shape: 'markup' };
  if (/^\s*[{[]/.test(head)) return { shape: 'json' };
  if (/^[\x09\x0a\x0d\x20-\x7e]*$/.test(head)) return { shape: 'text' };
  return { shape: 'unknown', bytes: b.length };
}
