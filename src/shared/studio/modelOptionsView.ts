/**
 * What the Studio's composer may offer for a model, from the capability table: exactly the model's lists for a known
 * family, everything (and any W×H) for a model the core does not know, since the proxy then decides.
 *
 * A view model of the Studio, not of the core; it reads the core's option lists, which live next to their zod
 * schemas, so like webviewMessages.ts it runs inside dist/core.js (re-exported by src/core/index.ts) and the host
 * calls it through loadCore().
 */
import { type ModelCapabilities, shapeFor } from '../../core/capabilities';
import { BACKGROUNDS, OUTPUT_FORMATS, QUALITIES, STYLES } from '../../core/imageOptions';
import type { ModelOptionsView } from './protocol';

/** Sizes offered for a model the core does not know, besides any typed W×H. */
export const UNKNOWN_MODEL_SIZES = [
  'auto',
  '1024x1024',
  '1536x1024',
  '1024x1536',
  '1792x1024',
  '1024x1792',
  '512x512',
  '256x256',
] as const;

export function modelOptionsView(caps: ModelCapabilities | undefined): ModelOptionsView {
  if (!caps)
    return {
      known: false,
      sizes: UNKNOWN_MODEL_SIZES,
      anySize: true,
      qualities: QUALITIES,
      styles: STYLES,
      backgrounds: BACKGROUNDS,
      outputFormats: OUTPUT_FORMATS,
      compression: true,
      maxCount: 10,
      edits: true,
      moderation: true,
      // Not offered for a model nobody knows: an OpenAI-style route would refuse the unknown parameter.
      aspectRatios: [],
      imageSizes: [],
      shape: 'size',
      editShape: 'size',
    };
  return {
    known: true,
    sizes: caps.sizes,
    anySize: caps.anySize ?? false,
    flexibleSize: caps.flexibleSize,
    qualities: caps.qualities,
    styles: caps.styles,
    backgrounds: caps.backgrounds,
    outputFormats: caps.outputFormats,
    compression: caps.compression,
    maxCount: caps.maxCount,
    edits: caps.edits,
    moderation: caps.moderation,
    aspectRatios: caps.aspectRatios,
    imageSizes: caps.imageSizes,
    shape: caps.shape,
    editShape: shapeFor(caps, 'edit'),
    ...(caps.provider ? { provider: caps.provider } : {}),
  };
}
