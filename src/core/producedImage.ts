/**
 * Requested vs. produced: what each saved image really is (its header's pixel size and format) set against what was
 * asked for (the size, the output format, the model). Providers ignore sizes, gateways square them, fallbacks answer
 * for the model asked: the user hears of it where they look instead of finding out by opening the file.
 */
import { formatOf, type ImageFormat, type SniffedImage } from './imageBytes';
import type { ImageOptions } from './imageOptions';
import { message, type Message } from './messages';

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

/** Every way an image differs from its request; absent keys agree (or could not be compared). */
export interface NotAsRequested {
  size?: AskedGot;
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
}

/**
 * The differences between an image and its request: the size unless `auto` or unset (the model then chooses), the
 * format when one was asked for (`jpeg` and `jpg` are one format), the model when another one answered.
 */
export function compareWithRequest(
  requested: RequestedImage,
  produced: ProducedImage,
  answeredBy: string,
): NotAsRequested | undefined {
  const out: NotAsRequested = {};
  const askedSize = requested.options.size?.trim().toLowerCase();
  const gotSize = pixelSize(produced);
  if (askedSize && askedSize !== 'auto' && gotSize && askedSize !== gotSize)
    out.size = { asked: askedSize, got: gotSize };
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
  for (const d of each) if (d) seen.set(JSON.stringify([d.size, d.format, d.model]), d);
  return [...seen.values()].map((d) => notAsRequestedMessage(d));
}
