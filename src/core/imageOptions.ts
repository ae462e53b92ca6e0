/** The generation options a user can set, shared by settings defaults, requests and provenance. */
import { z } from 'zod';
import { rule } from './valueProblems';
import {
  ASPECT_RATIOS,
  BACKGROUNDS,
  IMAGE_SIZES,
  MODERATIONS,
  OUTPUT_FORMATS,
  QUALITIES,
  SETTINGS,
  STYLES,
} from './settingsRegistry';

// The allowed values are the settings registry's (package.json is checked against it).
export { ASPECT_RATIOS, BACKGROUNDS, IMAGE_SIZES, MODERATIONS, OUTPUT_FORMATS, QUALITIES, STYLES };

export const SIZE_PATTERN = /^(auto|[1-9]\d{1,4}x[1-9]\d{1,4})$/;

export const ImageOptionsSchema = z.object({
  size: z.string().regex(SIZE_PATTERN, rule('sizeShape')).optional(),
  quality: z.enum(QUALITIES).optional(),
  n: z.number().int().min(SETTINGS.count.minimum).max(SETTINGS.count.maximum).optional(),
  background: z.enum(BACKGROUNDS).optional(),
  outputFormat: z.enum(OUTPUT_FORMATS).optional(),
  outputCompression: z
    .number()
    .int()
    .min(SETTINGS.outputCompression.minimum)
    .max(SETTINGS.outputCompression.maximum)
    .optional(),
  moderation: z.enum(MODERATIONS).optional(),
  style: z.enum(STYLES).optional(),
  /** Gemini, Imagen and Stability take a shape as a ratio; how it is sent depends on the route (modelCatalog.ts). */
  aspectRatio: z.enum(ASPECT_RATIOS).optional(),
  imageSize: z.enum(IMAGE_SIZES).optional(),
});

export type ImageOptions = z.infer<typeof ImageOptionsSchema>;

/** Drops undefined and empty values so "unset" means absent everywhere (JSON bodies, provenance). */
export function definedOptions(o: ImageOptions): ImageOptions {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out as ImageOptions;
}

export { parseSize } from './sizeRule';
