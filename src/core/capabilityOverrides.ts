/**
 * `litellm.image.modelCapabilities`: what the user says a model accepts, keyed by the model's name on the proxy (or
 * its provider model). An entry starts from the catalog entry of `like` (a model the catalog knows), else from what
 * the catalog knows about the model itself, else from nothing restricted, and replaces the lists it gives. Every
 * reader of capabilities (pickers, the Studio, validation, the tools) goes through `capabilitiesFor`, so an entry
 * changes all of them at once.
 */
import { z } from 'zod';
import {
  ASPECT_RATIOS,
  catalogCapabilities,
  IMAGE_SIZES,
  ModelCapabilities,
  splitProviderModel,
  UNRESTRICTED,
} from './modelCatalog';
import { BACKGROUNDS, OUTPUT_FORMATS, QUALITIES, STYLES } from './settingsRegistry';
import { rule } from './valueProblems';

const SIZE = /^(auto|[1-9]\d{1,4}x[1-9]\d{1,4})$/;
const MAX_ENTRIES = 200;

export const CapabilityOverrideSchema = z
  .object({
    like: z
      .string()
      .max(200)
      .refine((s) => catalogCapabilities(s) !== undefined, rule('capabilityLike'))
      .optional(),
    sizes: z
      .array(z.string().regex(SIZE, rule('sizeShape')))
      .max(64)
      .optional(),
    aspectRatios: z.array(z.enum(ASPECT_RATIOS)).max(ASPECT_RATIOS.length).optional(),
    imageSizes: z.array(z.enum(IMAGE_SIZES)).max(IMAGE_SIZES.length).optional(),
    shape: z.enum(['size', 'sizeTable', 'imageConfig', 'dropped']).optional(),
    qualities: z.array(z.enum(QUALITIES)).max(QUALITIES.length).optional(),
    styles: z.array(z.enum(STYLES)).max(STYLES.length).optional(),
    backgrounds: z.array(z.enum(BACKGROUNDS)).max(BACKGROUNDS.length).optional(),
    outputFormats: z.array(z.enum(OUTPUT_FORMATS)).max(OUTPUT_FORMATS.length).optional(),
    maxCount: z.number().int().min(1).max(10).optional(),
    maxPerRequest: z.number().int().min(1).max(10).optional(),
    edits: z.boolean({ error: rule('trueOrFalse') }).optional(),
  })
  .strict();

export type CapabilityOverride = z.infer<typeof CapabilityOverrideSchema>;

export const ModelCapabilitiesSettingSchema = z
  .record(z.string().min(1).max(200), CapabilityOverrideSchema)
  .refine((r) => Object.keys(r).length <= MAX_ENTRIES, rule('tooManyModels'))
  .default({});

export type CapabilityOverrides = Readonly<Record<string, CapabilityOverride>>;

/** What is known about a model besides its name. */
export interface CapabilityContext {
  /** The provider model the proxy reports for this name (`/model/info` → `litellm_params.model`). */
  providerModel?: string;
  /** The parsed `litellm.image.modelCapabilities`. */
  overrides?: CapabilityOverrides;
}

function overrideFor(modelId: string, ctx: CapabilityContext): CapabilityOverride | undefined {
  const all = ctx.overrides ?? {};
  const own = (k: string | undefined) => (k !== undefined && Object.hasOwn(all, k) ? all[k] : undefined);
  return own(modelId) ?? own(ctx.providerModel);
}

function applyOverride(base: ModelCapabilities, o: CapabilityOverride): ModelCapabilities {
  const caps: ModelCapabilities = { ...base };
  if (o.sizes) {
    caps.sizes = o.sizes;
    caps.anySize = false;
    delete caps.flexibleSize;
  }
  if (o.aspectRatios) caps.aspectRatios = o.aspectRatios;
  if (o.imageSizes) caps.imageSizes = o.imageSizes;
  if (o.shape) caps.shape = o.shape;
  if (o.qualities) caps.qualities = o.qualities;
  if (o.styles) caps.styles = o.styles;
  if (o.backgrounds) caps.backgrounds = o.backgrounds;
  if (o.outputFormats) {
    caps.outputFormats = o.outputFormats;
    caps.compression = o.outputFormats.some((f) => f !== 'png') && base.compression;
  }
  if (o.maxCount !== undefined) caps.maxCount = o.maxCount;
  if (o.maxPerRequest !== undefined) caps.maxPerRequest = o.maxPerRequest;
  if (o.edits !== undefined) caps.edits = o.edits;
  caps.maxPerRequest = Math.min(caps.maxPerRequest, caps.maxCount);
  return caps;
}

/**
 * What a model accepts: the user's entry for it first, then the provider model the proxy reports, then the name.
 * Undefined for a model nobody knows: nothing is restricted and the proxy decides.
 */
export function capabilitiesFor(modelId: string, ctx: CapabilityContext = {}): ModelCapabilities | undefined {
  const known =
    (ctx.providerModel !== undefined ? catalogCapabilities(ctx.providerModel) : undefined) ??
    catalogCapabilities(modelId);
  const o = overrideFor(modelId, ctx);
  if (!o) return known;
  const base = (o.like !== undefined ? catalogCapabilities(o.like) : undefined) ?? known ?? UNRESTRICTED;
  return applyOverride(base, o);
}

/**
 * Whether the name alone cannot say what a model accepts, so the proxy's `/model/info` should be asked: a name the
 * catalog does not know, a Gemini image model without its route (AI Studio drops the shape, Vertex AI carries it),
 * or an Imagen name without its provider (an alias such as `imagen` may be Imagen 4, which takes a resolution, or
 * Imagen 4 Fast, which does not).
 */
export function needsProviderModel(modelId: string, overrides: CapabilityOverrides = {}): boolean {
  if (Object.hasOwn(overrides, modelId)) return false;
  const known = catalogCapabilities(modelId);
  if (!known) return true;
  const bare = splitProviderModel(modelId).provider === undefined;
  return bare && (known.family === 'gemini-image' || known.family === 'imagen');
}
