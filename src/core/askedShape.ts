/**
 * The shape a request asked the provider for, in the provider's terms: where LiteLLM turns an OpenAI size into an
 * aspect ratio (Gemini, Imagen, Stability), the image that comes back has that ratio, not those pixels (Imagen makes
 * 1408x768 for 16:9, not 1792x1024). The requested-vs-produced check compares against this, and provenance keeps it,
 * so a later look at the file (Show Image Info, the Studio's history) compares the same way.
 */
import { type ModelCapabilities, shapeFor } from './capabilities';
import type { ImageOptions } from './imageOptions';

export interface AskedShape {
  /** An exact pixel size (OpenAI-style routes). */
  size?: string;
  /** The ratio the provider was asked for. */
  aspectRatio?: string;
  /** The resolution class asked for (`1K`, `2K`, `4K`). */
  imageSize?: string;
  /** What the family makes for `aspectRatio` where that is not the ratio to within rounding (Imagen's 896x1280). */
  madeAs?: string;
}

/** Undefined where nothing about the shape was asked (or the route carries none, so nothing can be compared). */
export function askedShapeFor(
  caps: ModelCapabilities | undefined,
  o: ImageOptions,
  operation: 'generate' | 'edit',
): AskedShape | undefined {
  const shape = caps ? shapeFor(caps, operation) : 'size';
  const out: AskedShape = {};
  if (shape === 'dropped') return undefined;
  if (shape === 'sizeTable' || shape === 'imageConfig') {
    const ratio = o.aspectRatio ?? (o.size !== undefined ? caps?.sizeTable?.[o.size] : undefined);
    if (ratio !== undefined) out.aspectRatio = ratio;
    const made = ratio !== undefined ? caps?.ratioPixels?.[ratio] : undefined;
    if (made !== undefined) out.madeAs = made;
  } else {
    if (o.size !== undefined && o.size !== 'auto') out.size = o.size;
    if (o.aspectRatio !== undefined) out.aspectRatio = o.aspectRatio;
  }
  if (o.imageSize !== undefined) out.imageSize = o.imageSize;
  return Object.keys(out).length ? out : undefined;
}
