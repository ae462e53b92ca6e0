/**
 * Refusing, before anything is sent, a request a known model cannot take (the Studio offers only valid choices from
 * the same data). What each model accepts is data (modelCatalog.ts), looked up by the provider model the proxy
 * reports and the user's `litellm.image.modelCapabilities` (capabilityOverrides.ts). Models nobody knows are passed
 * through without client-side limits: proxies alias models freely and new ones appear every month.
 */
import { CapabilityContext, capabilitiesFor } from './capabilityOverrides';
import { LiteLLMError } from './errors';
import { ImageOptions } from './imageOptions';
import { message, Message, ModelOption } from './messages';
import { EDITING_FAMILIES, ModelCapabilities, ShapeRoute } from './modelCatalog';
import { flexibleSizeProblem } from './sizeRule';

export { flexibleSizeProblem, type FlexibleSizeRule } from './sizeRule';
export {
  ASPECT_RATIOS,
  catalogCapabilities,
  GOOGLE_SIZE_TABLE,
  IMAGE_SIZES,
  type ModelCapabilities,
  type ModelFamily,
  type ShapeRoute,
  splitProviderModel,
  STABILITY_SIZE_TABLE,
} from './modelCatalog';
export {
  capabilitiesFor,
  type CapabilityContext,
  type CapabilityOverride,
  type CapabilityOverrides,
  needsProviderModel,
} from './capabilityOverrides';

/** The family by name alone (`openai/gpt-image-1`, `azure/gpt-image-1.5` and `gpt-image-1-mini` by their last part). */
export function modelFamily(modelId: string, ctx: CapabilityContext = {}) {
  return capabilitiesFor(modelId, ctx)?.family;
}

/** How the shape travels for this operation: edits of the Google families carry none through LiteLLM 1.81.0. */
export function shapeFor(caps: ModelCapabilities, operation: 'generate' | 'edit'): ShapeRoute {
  return operation === 'edit' && caps.shape !== 'size' ? 'dropped' : caps.shape;
}

/** The size LiteLLM's table maps to this ratio, so the ratio arrives exactly. */
export function tableSizeFor(caps: ModelCapabilities, ratio: string): string | undefined {
  return Object.entries(caps.sizeTable ?? {}).find(([, r]) => r === ratio)?.[0];
}

function shapeProblems(
  model: string,
  caps: ModelCapabilities,
  o: ImageOptions,
  operation: 'generate' | 'edit',
): Message | undefined {
  const shape = shapeFor(caps, operation);
  if (shape === 'dropped') {
    const option = o.size !== undefined ? 'size' : o.aspectRatio !== undefined ? 'aspectRatio' : 'imageSize';
    if (o.size === undefined && o.aspectRatio === undefined && o.imageSize === undefined) return undefined;
    const why =
      operation === 'edit' && caps.shape !== 'dropped' ? 'edit' : caps.provider ? 'route' : 'unknownRoute';
    return message('model.shapeDropped', {
      model,
      ...(caps.provider ? { provider: caps.provider } : {}),
      option,
      why,
    });
  }
  if (o.size !== undefined && !caps.sizes.includes(o.size) && !caps.anySize) {
    const flex = caps.flexibleSize;
    const problem = flex ? flexibleSizeProblem(o.size, flex) : undefined;
    if (shape === 'sizeTable' || shape === 'imageConfig')
      return message('model.sizeWouldBeSquare', {
        model,
        size: o.size,
        accepted: [...caps.sizes],
        aspectRatios: [...caps.aspectRatios],
      });
    if (!flex || problem)
      return message('model.size', {
        model,
        size: o.size,
        accepted: [...caps.sizes],
        ...(flex ? { flexible: { ...flex } } : {}),
        ...(problem ? { problem } : {}),
      });
  }
  const ratioOfSize = o.size !== undefined ? caps.sizeTable?.[o.size] : undefined;
  if (o.size !== undefined && o.aspectRatio !== undefined && ratioOfSize !== o.aspectRatio)
    return message('model.sizeAndAspect', { model, size: o.size, aspectRatio: o.aspectRatio });
  return undefined;
}

/**
 * Refuses, before sending, anything a known model cannot take. The message names the model and lists what it
 * accepts. `operation` matters because not every model can edit.
 */
export function validateForModel(
  modelId: string,
  o: ImageOptions,
  operation: 'generate' | 'edit',
  ctx: CapabilityContext = {},
): void {
  const caps = capabilitiesFor(modelId, ctx);
  if (!caps) return;
  const model = modelId;
  const refuse = (m: Message) =>
    new LiteLLMError('invalid_request', m, { model: modelId, actions: ['open_settings'] });

  if (operation === 'edit' && !caps.edits)
    throw refuse(message('model.cannotEdit', { model, editors: [...EDITING_FAMILIES] }));
  const shape = shapeProblems(model, caps, o, operation);
  if (shape) throw refuse(shape);
  const check = (option: ModelOption, value: string | undefined, allowed: readonly string[]) => {
    if (value === undefined) return;
    if (allowed.length === 0) throw refuse(message('model.noOption', { model, option }));
    if (!allowed.includes(value))
      throw refuse(message('model.optionValue', { model, option, value, accepted: [...allowed] }));
  };
  check('aspectRatio', o.aspectRatio, caps.aspectRatios);
  check('imageSize', o.imageSize, caps.imageSizes);
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
export function splitIntoRequests(count: number, caps: ModelCapabilities | undefined): number[] {
  const per = caps?.maxPerRequest ?? count;
  const batches: number[] = [];
  for (let left = count; left > 0; left -= per) batches.push(Math.min(per, left));
  return batches;
}

export function requestBatches(modelId: string, count: number, ctx: CapabilityContext = {}): number[] {
  return splitIntoRequests(count, capabilitiesFor(modelId, ctx));
}
