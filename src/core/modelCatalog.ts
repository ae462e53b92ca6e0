/**
 * What each image model family accepts, and how LiteLLM 1.81.0 carries the choice of shape to the provider on each
 * route (LITELLM_FACTS.md §11), as data. A model is matched by the provider model the proxy reports
 * (`/model/info` → `litellm_params.model`, e.g. `vertex_ai/gemini-3-pro-image-preview`) or, when the proxy does not
 * say, by its name. Names change every month: users extend or correct this table with
 * `litellm.image.modelCapabilities` (capabilityOverrides.ts).
 */
import { ASPECT_RATIOS, IMAGE_SIZES } from './settingDeclarations';
import type { FlexibleSizeRule } from './sizeRule';

export type ModelFamily =
  | 'gpt-image-2'
  | 'gpt-image-1'
  | 'dall-e-3'
  | 'dall-e-2'
  | 'gemini-image'
  | 'imagen'
  | 'recraft'
  | 'stability'
  /** A model described only by the user's litellm.image.modelCapabilities. */
  | 'custom';

/**
 * How the chosen shape reaches the provider:
 * - `size`: the OpenAI `size` is forwarded as is (OpenAI, Azure, Recraft);
 * - `sizeTable`: LiteLLM turns `size` into an aspect ratio with a fixed table and silently makes every other size
 *   square, so only the table's sizes are sent (Imagen on both routes, Stability);
 * - `imageConfig`: `aspectRatio` and `imageSize` are passed to the provider as they are (Gemini on Vertex AI);
 * - `dropped`: the route carries neither size nor aspect ratio (Gemini on Google AI Studio), or the route is not known.
 */
export type ShapeRoute = 'size' | 'sizeTable' | 'imageConfig' | 'dropped';

export interface ModelCapabilities {
  family: ModelFamily;
  /** The LiteLLM provider (`gemini`, `vertex_ai`, `openai`…), when the proxy or the name says. */
  provider?: string;
  /** Listed sizes (including "auto" where accepted). */
  sizes: readonly string[];
  /** When set, any WxH satisfying the rule is accepted as well as the listed sizes. */
  flexibleSize?: FlexibleSizeRule;
  /** Any WxH is accepted (a user-described model that lists no sizes): the proxy decides. */
  anySize?: boolean;
  /** Aspect ratios the model offers on this route ("16:9"); empty when a ratio cannot be chosen. */
  aspectRatios: readonly string[];
  /** Output resolutions ("1K", "2K", "4K"); empty when the model has one. */
  imageSizes: readonly string[];
  shape: ShapeRoute;
  /** For `sizeTable` and `imageConfig`: the sizes LiteLLM maps, each to its aspect ratio. */
  sizeTable?: Readonly<Record<string, string>>;
  qualities: readonly string[];
  styles: readonly string[];
  backgrounds: readonly string[];
  outputFormats: readonly string[];
  compression: boolean;
  moderation: boolean;
  /** Images one request can return; a larger count becomes several requests. */
  maxPerRequest: number;
  maxCount: number;
  /** dall-e answers with URLs unless asked for b64_json; a strict proxy rejects response_format for gpt-image. */
  requestB64: boolean;
  edits: boolean;
  /**
   * Output image tokens per image, by quality and size, where the provider publishes them (OpenAI's table for
   * gpt-image-1): what a token-priced model's cost estimate multiplies by the proxy's price per token.
   */
  imageTokens?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** LiteLLM 1.81.0's size → aspect ratio table for Gemini, Imagen and Vertex AI; any other size becomes "1:1". */
export const GOOGLE_SIZE_TABLE: Readonly<Record<string, string>> = {
  '1024x1024': '1:1',
  '1792x1024': '16:9',
  '1024x1792': '9:16',
  '1280x896': '4:3',
  '896x1280': '3:4',
};

/** LiteLLM's table for the stability/ provider; an unmapped size sends no ratio (Stability's default is square). */
export const STABILITY_SIZE_TABLE: Readonly<Record<string, string>> = {
  '1024x1024': '1:1',
  '1792x1024': '16:9',
  '1024x1792': '9:16',
};

export { ASPECT_RATIOS, IMAGE_SIZES };

const NONE = {
  qualities: [],
  styles: [],
  backgrounds: [],
  outputFormats: [],
  compression: false,
  moderation: false,
} as const;

const OPENAI_SHAPE = { aspectRatios: [], imageSizes: [], shape: 'size' } as const;

const GPT_IMAGE_COMMON = {
  ...OPENAI_SHAPE,
  qualities: ['low', 'medium', 'high', 'auto'],
  styles: [],
  backgrounds: ['transparent', 'opaque', 'auto'],
  outputFormats: ['png', 'jpeg', 'webp'],
  compression: true,
  moderation: true,
  maxPerRequest: 10,
  maxCount: 10,
  requestB64: false,
  edits: true,
} as const;

const GPT_IMAGE_2: ModelCapabilities = {
  family: 'gpt-image-2',
  ...GPT_IMAGE_COMMON,
  sizes: [
    'auto',
    '1024x1024',
    '1536x1024',
    '1024x1536',
    '2048x2048',
    '2048x1152',
    '1152x2048',
    '3840x2160',
    '2160x3840',
  ],
  flexibleSize: { multipleOf: 16, maxSide: 3840, minPixels: 655_360, maxPixels: 8_294_400, maxAspect: 3 },
};

const GPT_IMAGE_1: ModelCapabilities = {
  family: 'gpt-image-1',
  ...GPT_IMAGE_COMMON,
  sizes: ['auto', '1024x1024', '1536x1024', '1024x1536'],
  // OpenAI's published output tokens per image for gpt-image-1 (LiteLLM prices the family by these tokens).
  imageTokens: {
    low: { '1024x1024': 272, '1024x1536': 408, '1536x1024': 400 },
    medium: { '1024x1024': 1056, '1024x1536': 1584, '1536x1024': 1568 },
    high: { '1024x1024': 4160, '1024x1536': 6240, '1536x1024': 6208 },
  },
};

const DALL_E_3: ModelCapabilities = {
  family: 'dall-e-3',
  ...OPENAI_SHAPE,
  ...NONE,
  sizes: ['1024x1024', '1792x1024', '1024x1792'],
  qualities: ['standard', 'hd'],
  styles: ['vivid', 'natural'],
  maxPerRequest: 1,
  maxCount: 10,
  requestB64: true,
  edits: false,
};

const DALL_E_2: ModelCapabilities = {
  family: 'dall-e-2',
  ...OPENAI_SHAPE,
  ...NONE,
  sizes: ['256x256', '512x512', '1024x1024'],
  qualities: ['standard'],
  maxPerRequest: 10,
  maxCount: 10,
  requestB64: true,
  edits: true,
};

/** Gemini image models ("Nano Banana"): one image per request, base64 only. */
function geminiImage(provider: string | undefined, imageSizes: readonly string[]): ModelCapabilities {
  const vertex = provider === 'vertex_ai';
  return {
    family: 'gemini-image',
    ...(provider ? { provider } : {}),
    ...NONE,
    // On AI Studio (or an unknown route) nothing about the shape arrives, so nothing is offered.
    sizes: vertex ? Object.keys(GOOGLE_SIZE_TABLE) : [],
    aspectRatios: vertex ? ASPECT_RATIOS : [],
    imageSizes: vertex ? imageSizes : [],
    shape: vertex ? 'imageConfig' : 'dropped',
    sizeTable: GOOGLE_SIZE_TABLE,
    maxPerRequest: 1,
    maxCount: 4,
    requestB64: false,
    edits: true,
  };
}

function imagen(provider: string | undefined): ModelCapabilities {
  return {
    family: 'imagen',
    ...(provider ? { provider } : {}),
    ...NONE,
    sizes: Object.keys(GOOGLE_SIZE_TABLE),
    aspectRatios: ['1:1', '3:4', '4:3', '9:16', '16:9'],
    imageSizes: [],
    shape: 'sizeTable',
    sizeTable: GOOGLE_SIZE_TABLE,
    maxPerRequest: 4,
    maxCount: 8,
    requestB64: false,
    edits: false,
  };
}

const RECRAFT: ModelCapabilities = {
  family: 'recraft',
  provider: 'recraft',
  ...OPENAI_SHAPE,
  ...NONE,
  // Recraft's own size list; LiteLLM forwards `size` unchanged.
  sizes: [
    '1024x1024',
    '1365x1024',
    '1024x1365',
    '1536x1024',
    '1024x1536',
    '1820x1024',
    '1024x1820',
    '1024x2048',
    '2048x1024',
    '1434x1024',
    '1024x1434',
    '1024x1280',
    '1280x1024',
    '1024x1707',
    '1707x1024',
  ],
  maxPerRequest: 6,
  maxCount: 6,
  requestB64: false,
  edits: false,
};

const STABILITY: ModelCapabilities = {
  family: 'stability',
  provider: 'stability',
  ...NONE,
  sizes: Object.keys(STABILITY_SIZE_TABLE),
  aspectRatios: ['1:1', '16:9', '9:16'],
  imageSizes: [],
  shape: 'sizeTable',
  sizeTable: STABILITY_SIZE_TABLE,
  maxPerRequest: 1,
  maxCount: 4,
  requestB64: false,
  edits: false,
};

/** `vertex_ai/gemini-3-pro-image-preview` → { provider: 'vertex_ai', name: 'gemini-3-pro-image-preview' }. */
export function splitProviderModel(model: string): { provider?: string; name: string } {
  const parts = model.toLowerCase().split('/');
  const name = parts.pop() ?? '';
  return parts.length ? { provider: parts[0], name } : { name };
}

/** The catalog entry for a model name or provider model; undefined for a model this table does not know. */
export function catalogCapabilities(model: string): ModelCapabilities | undefined {
  const { provider, name } = splitProviderModel(model);
  if (/^gpt-image-2(\b|[-._]|$)/.test(name)) return GPT_IMAGE_2;
  if (/^gpt-image-1(\.5)?(-mini)?(-\d{4}-\d{2}-\d{2})?$/.test(name)) return GPT_IMAGE_1;
  if (name === 'dall-e-3') return DALL_E_3;
  if (name === 'dall-e-2') return DALL_E_2;
  if (/^gemini-[\w.-]*-image(-preview)?(-\d+)?$/.test(name))
    return geminiImage(provider, /^gemini-3(\.\d+)?-pro-/.test(name) ? IMAGE_SIZES : []);
  if (/^imagen-/.test(name) || /^imagegeneration@/.test(name)) return imagen(provider);
  if (provider === 'recraft' && /^recraftv[23]$/.test(name)) return RECRAFT;
  if (provider === 'stability' && /^(sd3|stable-image-)/.test(name)) return STABILITY;
  return undefined;
}

/** The families that can edit, for messages that suggest one. */
export const EDITING_FAMILIES: readonly ModelFamily[] = [
  GPT_IMAGE_2,
  GPT_IMAGE_1,
  DALL_E_3,
  DALL_E_2,
  geminiImage('vertex_ai', []),
  imagen(undefined),
  RECRAFT,
  STABILITY,
]
  .filter((c) => c.edits)
  .map((c) => c.family);

/** What a model the user describes without a base (`like`) starts from: nothing restricted. */
export const UNRESTRICTED: ModelCapabilities = {
  family: 'custom',
  sizes: [],
  anySize: true,
  aspectRatios: ASPECT_RATIOS,
  imageSizes: IMAGE_SIZES,
  shape: 'size',
  qualities: ['low', 'medium', 'high', 'auto', 'standard', 'hd'],
  styles: ['vivid', 'natural'],
  backgrounds: ['transparent', 'opaque', 'auto'],
  outputFormats: ['png', 'jpeg', 'webp'],
  compression: true,
  moderation: true,
  maxPerRequest: 10,
  maxCount: 10,
  requestB64: false,
  edits: true,
};
