/**
 * A small picture of a saved image for an agent and its chat to look at (VS Code's LanguageModelDataPart.image, MCP's
 * image content): longest side at most 512 px, a few hundred KB at most, so a 4K answer does not fill the model's
 * context. Decoding uses Jimp's pure-JavaScript PNG and JPEG codecs (no native module, so it runs wherever the
 * extension or the CLI does); this file is its own lazy bundle (dist/thumbnail.js), loaded only when a tool runs.
 *
 * The bytes come from a proxy, so the header is judged before anything is decoded: a PNG that claims 60000×60000 is
 * refused by its header instead of allocating 14 GB.
 */
import { createJimp } from '@jimp/core';
import jpeg from '@jimp/js-jpeg';
import png from '@jimp/js-png';
import * as resize from '@jimp/plugin-resize';
import { sniffImage, type ImageMime } from './imageBytes';

export const THUMBNAIL_MAX_SIDE = 512;
export const THUMBNAIL_MAX_BYTES = 300_000;
/** 4096×4096 and 5120×3072 decode (64 MB of RGBA); anything larger gets no thumbnail rather than a memory spike. */
export const THUMBNAIL_MAX_SOURCE_PIXELS = 4096 * 4096 * 1.25;

export interface Thumbnail {
  data: Buffer;
  mimeType: ImageMime;
  width: number;
  height: number;
}

/** Why an image has no thumbnail: the tool says so in its text instead. */
export type ThumbnailSkip = 'notAnImage' | 'tooManyPixels' | 'unsupportedFormat' | 'undecodable' | 'tooLarge';

export type ThumbnailOutcome = { thumbnail: Thumbnail } | { skipped: ThumbnailSkip };

let jimp: ReturnType<typeof makeJimp> | undefined;
function makeJimp() {
  return createJimp({ formats: [png, jpeg], plugins: [resize.methods] });
}

/** The size that fits in `maxSide` keeping the aspect ratio (never enlarged, never 0). */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/**
 * Averages each f×f block into one pixel: a proper down-sampling filter, and one pass over the bitmap, where a
 * general resampler spends seconds on 16 million pixels. Jimp's resize then does the last, at most 2×, step.
 */
export function boxShrink(
  src: { data: Buffer; width: number; height: number },
  f: number,
): { data: Buffer; width: number; height: number } {
  const width = Math.floor(src.width / f);
  const height = Math.floor(src.height / f);
  const data = Buffer.alloc(width * height * 4);
  const sums = new Uint32Array(width * 4);
  const area = f * f;
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    for (let dy = 0; dy < f; dy++) {
      let i = (y * f + dy) * src.width * 4;
      for (let x = 0; x < width; x++) {
        const o = x * 4;
        for (let dx = 0; dx < f; dx++, i += 4) {
          sums[o] += src.data[i]!;
          sums[o + 1] += src.data[i + 1]!;
          sums[o + 2] += src.data[i + 2]!;
          sums[o + 3] += src.data[i + 3]!;
        }
      }
    }
    const row = y * width * 4;
    for (let k = 0; k < width * 4; k++) data[row + k] = Math.round(sums[k]! / area);
  }
  return { data, width, height };
}

function hasTransparency(data: Buffer): boolean {
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return true;
  return false;
}

export async function makeThumbnail(
  bytes: Buffer,
  limits: { maxSide?: number; maxBytes?: number } = {},
): Promise<ThumbnailOutcome> {
  const maxSide = limits.maxSide ?? THUMBNAIL_MAX_SIDE;
  const maxBytes = limits.maxBytes ?? THUMBNAIL_MAX_BYTES;
  const sniffed = sniffImage(bytes);
  if (!sniffed?.width || !sniffed.height) return { skipped: 'notAnImage' };
  const { width, height, mimeType } = sniffed;
  // Already small: the original is the best thumbnail (WebP and GIF included, which Jimp here does not decode).
  if (Math.max(width, height) <= maxSide && bytes.length <= maxBytes)
    return { thumbnail: { data: bytes, mimeType, width, height } };
  if (mimeType !== 'image/png' && mimeType !== 'image/jpeg') return { skipped: 'unsupportedFormat' };
  if (width * height > THUMBNAIL_MAX_SOURCE_PIXELS) return { skipped: 'tooManyPixels' };

  let image;
  try {
    image = await (jimp ??= makeJimp()).fromBuffer(bytes);
  } catch {
    return { skipped: 'undecodable' };
  }
  const { width: w, height: h } = image.bitmap;
  // Never below one pixel on the short side (a 10000×1 strip is only resized).
  const factor = Math.min(Math.floor(Math.max(w, h) / maxSide), w, h);
  if (factor >= 2) image.bitmap = boxShrink(image.bitmap, factor);
  // Resized in place (the full-size bitmap is let go at once); then smaller sides in turn until it fits the byte
  // budget, which a noisy transparent PNG can exceed at 512 px.
  for (const side of [maxSide, Math.round(maxSide * 0.75), Math.round(maxSide / 2)]) {
    const fit = fitWithin(image.bitmap.width, image.bitmap.height, side);
    image.resize({ w: fit.width, h: fit.height });
    // Transparency survives only in PNG; an opaque picture is far smaller as JPEG.
    const data = hasTransparency(image.bitmap.data)
      ? await image.getBuffer('image/png')
      : await image.getBuffer('image/jpeg', { quality: 82 });
    if (data.length <= maxBytes) {
      const thumbMime = sniffImage(data)?.mimeType ?? 'image/png';
      return { thumbnail: { data, mimeType: thumbMime, width: fit.width, height: fit.height } };
    }
  }
  return { skipped: 'tooLarge' };
}
