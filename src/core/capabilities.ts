/**
 * What each known image model accepts, so a request it cannot take is refused before anything is sent (and the
 * Studio can offer only valid choices). Models the core does not know are passed through without client-side limits:
 * proxies alias models freely and new ones appear every month.
 */
import { LiteLLMError } from './errors';
import { ImageOptions } from './imageOptions';
import { message, Message, ModelOption } from './messages';
import { FlexibleSizeRule, flexibleSizeProblem } from './sizeRule';

export { flexibleSizeProblem, type FlexibleSizeRule } from './sizeRule';

export type ModelFamily = 'gpt-image-2' | 'gpt-image-1' | 'dall-e-3' | 'dall-e-2';

export interface ModelCapabilities {
  family: ModelFamily;
  /** Listed sizes (including "auto" where accepted). */
  sizes: readonly string[];
  /** When set, any WxH satisfying the rule is accepted as well as the listed sizes. */
  flexibleSize?: FlexibleSizeRule;
  qualities: readonly string[];
  styles: readonly string[];
  backgrounds: readonly string[];
  outputFormats: readonly string[];
  compression: boolean;
  moderation: boolean;
  /** Images one request can return; a larger count becomes several requests. */
  maxPerRequest: number;
  maxCount: number;
  /** gpt-image models always answer with b64_json and a strict proxy rejects response_format for them. */
  requestB64: boolean;
  edits: boolean;
}

const GPT_IMAGE_COMMON = {
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

const CAPABILITIES: Record<ModelFamily, ModelCapabilities> = {
  'gpt-image-2': {
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
  },
  'gpt-image-1': {
    family: 'gpt-image-1',
    ...GPT_IMAGE_COMMON,
    sizes: ['auto', '1024x1024', '1536x1024', '1024x1536'],
  },
  'dall-e-3': {
    family: 'dall-e-3',
    sizes: ['1024x1024', '1792x1024', '1024x1792'],
    qualities: ['standard', 'hd'],
    styles: ['vivid', 'natural'],
    backgrounds: [],
    outputFormats: [],
    compression: false,
    moderation: false,
    maxPerRequest: 1,
    maxCount: 10,
    requestB64: true,
    edits: false,
  },
  'dall-e-2': {
    family: 'dall-e-2',
    sizes: ['256x256', '512x512', '1024x1024'],
    qualities: ['standard'],
    styles: [],
    backgrounds: [],
    outputFormats: [],
    compression: false,
    moderation: false,
    maxPerRequest: 10,
    maxCount: 10,
    requestB64: true,
    edits: true,
  },
};

/** `openai/gpt-image-1`, `azure/gpt-image-1.5` and `gpt-image-1-mini` are all recognised by their last segment. */
export function modelFamily(modelId: string): ModelFamily | undefined {
  const name = modelId.toLowerCase().split('/').pop() ?? '';
  if (/^gpt-image-2(\b|[-._]|$)/.test(name)) return 'gpt-image-2';
  if (/^gpt-image-1(\.5)?(-mini)?(-\d{4}-\d{2}-\d{2})?$/.test(name)) return 'gpt-image-1';
  if (/^dall-e-3$/.test(name)) return 'dall-e-3';
  if (/^dall-e-2$/.test(name)) return 'dall-e-2';
  return undefined;
}

export function capabilitiesFor(modelId: string): ModelCapabilities | undefined {
  const family = modelFamily(modelId);
  return family ? CAPABILITIES[family] : undefined;
}

/**
 * Refuses, before sending, anything a known model cannot take. The message names the model and lists what it
 * accepts. `operation` matters because not every model can edit.
 */
export function validateForModel(modelId: string, o: ImageOptions, operation: 'generate' | 'edit'): void {
  const caps = capabilitiesFor(modelId);
  if (!caps) return;
  const model = modelId;
  const refuse = (m: Message) =>
    new LiteLLMError('invalid_request', m, { model: modelId, actions: ['open_settings'] });

  if (operation === 'edit' && !caps.edits)
    throw refuse(
      message('model.cannotEdit', {
        model,
        editors: Object.entries(CAPABILITIES)
          .filter(([, c]) => c.edits)
          .map(([family]) => family),
      }),
    );
  if (o.size !== undefined && !caps.sizes.includes(o.size)) {
    const flex = caps.flexibleSize;
    const problem = flex ? flexibleSizeProblem(o.size, flex) : undefined;
    if (!flex || problem)
      throw refuse(
        message('model.size', {
          model,
          size: o.size,
          accepted: [...caps.sizes],
          ...(flex ? { flexible: { ...flex } } : {}),
          ...(problem ? { problem } : {}),
        }),
      );
  }
  const check = (option: ModelOption, value: string | undefined, allowed: readonly string[]) => {
    if (value === undefined) return;
    if (allowed.length === 0) throw refuse(message('model.noOption', { model, option }));
    if (!allowed.includes(value))
      throw refuse(message('model.optionValue', { model, option, value, accepted: [...allowed] }));
  };
  check('quality', o.quality, caps.qualities);
  check('style', o.style, caps.styles);
  check('background', o.background, caps.backgrounds);
  check('outputFormat', o.outputFormat, caps.outputFormats);
  if (o.outputCompression !== undefined && !caps.compression)
    throw refuse(message('model.noCompression', { model }));
  if (o.moderation !== undefined && !caps.moderation) throw refuse(message('model.noModeration', { model }));
  if (o.outputCompression !== undefined && (o.outputFormat ?? 'png') === 'png')
    throw refuse(message('model.compressionNeedsLossy', { model }));
  if (o.background === 'transparent' && o.outputFormat === 'jpeg')
    throw refuse(message('model.transparentJpeg', { model }));
  if (o.n !== undefined && o.n > caps.maxCount)
    throw refuse(message('model.maxCount', { model, max: caps.maxCount }));
}

/** How a count is split into requests: dall-e-3 makes one image per request, so 3 means three requests. */
export function requestBatches(modelId: string, count: number): number[] {
  const per = capabilitiesFor(modelId)?.maxPerRequest ?? count;
  const batches: number[] = [];
  for (let left = count; left > 0; left -= per) batches.push(Math.min(per, left));
  return batches;
}
