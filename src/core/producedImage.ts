/**
 * Requested vs. produced: what each saved image really is (its header's pixel size and format) set against what was
 * asked for (the size, the output format, the model). Providers ignore sizes, gateways square them, fallbacks answer
 * for the model asked: the user hears of it where they look instead of finding out by opening the file.
 */
import type { AskedShape } from './askedShape';
import { formatOf, type ImageFormat, type SniffedImage } from './imageBytes';
import type { ImageOptions } from './imageOptions';
import { message, type Message } from './messages';
import { ASPECT_RATIOS } from './settingDeclarations';
import { parseSize } from './sizeRule';

/** What a file really is, read from its bytes. Sides are absent when the header did not say. */
export interface ProducedImage {
  format: ImageFormat;
  width?: number;
  height?: number;
}

/** One difference, as the two values a person compares. */
export interface AskedGot {
  asked: string;
  got: string;
}

/** A difference of shape, with the file's pixel size (`1024x1024`) beside the ratio or resolution it has. */
export interface AskedGotPixels extends AskedGot {
  pixels: string;
}

/** Every way an image differs from its request; absent keys agree (or could not be compared). */
export interface NotAsRequested {
  size?: AskedGot;
  /** Asked `16:9`, got `1:1`. */
  aspectRatio?: AskedGotPixels;
  /** Asked `2K`, got about `1K`. */
  imageSize?: AskedGotPixels;
  format?: AskedGot;
  model?: AskedGot;
}

export function producedOf(s: SniffedImage): ProducedImage {
  return {
    format: formatOf(s.mimeType),
    ...(s.width && s.height ? { width: s.width, height: s.height } : {}),
  };
}

/** `1536x1024`, the way sizes are asked for; undefined when a side is unknown. */
export function pixelSize(p: { width?: number; height?: number }): string | undefined {
  return p.width && p.height ? `${p.width}x${p.height}` : undefined;
}

export interface RequestedImage {
  /** The model asked for (the first of the chain). */
  model: string;
  options: ImageOptions;
  /**
   * The shape as the provider was asked for it (askedShape.ts), where the plan knew the route; without it (an older
   * record) the options are taken as they are: a size exactly, an aspect ratio and a resolution as such.
   */
  asked?: AskedShape;
}

/** Providers round sides to multiples of 8 or 64: a ratio within 3 % of the one asked for is that ratio. */
const RATIO_TOLERANCE = 1.03;

/** Ratios a produced image is named by when it is close to one (those offered, and Gemini's 4:5 and 5:4). */
const NAMED_RATIOS = [...ASPECT_RATIOS, '4:5', '5:4', '9:21'];

function ratioValue(ratio: string): number | undefined {
  const m = /^(\d+):(\d+)$/.exec(ratio);
  return m ? Number(m[1]) / Number(m[2]) : undefined;
}

function sizeRatio(size: string): number | undefined {
  const wh = parseSize(size);
  return wh && wh.height > 0 ? wh.width / wh.height : undefined;
}

const close = (a: number, b: number) => Math.abs(Math.log(a / b)) <= Math.log(RATIO_TOLERANCE);

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** `1:1`, `16:9`; a ratio near none of the named ones in lowest terms (`10:7`), or as `2.35:1` when those are long. */
export function ratioName(width: number, height: number): string {
  const r = width / height;
  const named = NAMED_RATIOS.find((n) => close(r, ratioValue(n)!));
  if (named) return named;
  const d = gcd(width, height);
  if (width / d <= 32 && height / d <= 32) return `${width / d}:${height / d}`;
  return r >= 1
    ? `${(Math.round(r * 100) / 100).toString()}:1`
    : `1:${(Math.round(100 / r) / 100).toString()}`;
}

/** The resolution class of an image by its area: about 1024² is 1K, 2048² is 2K, 4096² is 4K. */
export function resolutionClass(width: number, height: number): string {
  const side = Math.sqrt(width * height);
  const k = Math.max(0, Math.round(Math.log2(side / 1024)));
  return `${2 ** k}K`;
}

function shapeDifferences(asked: AskedShape, produced: ProducedImage, out: NotAsRequested): void {
  const pixels = pixelSize(produced);
  if (!pixels || !produced.width || !produced.height) return;
  const got = produced.width / produced.height;
  const wanted = asked.aspectRatio !== undefined ? ratioValue(asked.aspectRatio) : undefined;
  if (asked.aspectRatio !== undefined && wanted !== undefined) {
    const made = asked.madeAs !== undefined ? sizeRatio(asked.madeAs) : undefined;
    if (!close(got, wanted) && !(made !== undefined && close(got, made)))
      out.aspectRatio = { asked: asked.aspectRatio, got: ratioName(produced.width, produced.height), pixels };
  } else if (asked.size !== undefined && asked.size !== pixels) {
    out.size = { asked: asked.size, got: pixels };
  }
  if (asked.imageSize !== undefined) {
    const cls = resolutionClass(produced.width, produced.height);
    if (cls !== asked.imageSize.toUpperCase()) out.imageSize = { asked: asked.imageSize, got: cls, pixels };
  }
}

/** The shape of a request read from its options alone (records written before the route was stored). */
function shapeOfOptions(o: ImageOptions): AskedShape {
  const size = o.size?.trim().toLowerCase();
  return {
    ...(size && size !== 'auto' ? { size } : {}),
    ...(o.aspectRatio !== undefined ? { aspectRatio: o.aspectRatio } : {}),
    ...(o.imageSize !== undefined ? { imageSize: o.imageSize } : {}),
  };
}

/**
 * The differences between an image and its request: the shape (an exact size, unless `auto` or unset; an aspect
 * ratio within rounding where the request chose one or its size travelled as one; the resolution class where one
 * was asked), the format when one was asked for (`jpeg` and `jpg` are one format), the model when another answered.
 */
export function compareWithRequest(
  requested: RequestedImage,
  produced: ProducedImage,
  answeredBy: string,
): NotAsRequested | undefined {
  const out: NotAsRequested = {};
  shapeDifferences(requested.asked ?? shapeOfOptions(requested.options), produced, out);
  const askedFormat = requested.options.outputFormat;
  if (askedFormat && askedFormat !== produced.format)
    out.format = { asked: askedFormat, got: produced.format };
  if (answeredBy !== requested.model) out.model = { asked: requested.model, got: answeredBy };
  return Object.keys(out).length ? out : undefined;
}

/** The warning for one image (`file` names it where several are listed, as the CLI does). */
export function notAsRequestedMessage(
  differences: NotAsRequested,
  file?: string,
): Message<'image.notAsRequested'> {
  return message('image.notAsRequested', { ...differences, ...(file ? { file } : {}) });
}

/**
 * The differences of a whole call, each distinct one once: three images squared the same way are one sentence, not
 * three. Empty when every image is what was asked for.
 */
export function callDifferences(
  each: readonly (NotAsRequested | undefined)[],
): Message<'image.notAsRequested'>[] {
  const seen = new Map<string, NotAsRequested>();
  for (const d of each)
    if (d) seen.set(JSON.stringify([d.size, d.aspectRatio, d.imageSize, d.format, d.model]), d);
  return [...seen.values()].map((d) => notAsRequestedMessage(d));
}
