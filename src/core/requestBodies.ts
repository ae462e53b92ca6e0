/**
 * The wire format of image requests, shaped by what LiteLLM 1.81.0 actually forwards (LITELLM_FACTS.md §2–3, §11).
 * `caps` are the model's resolved capabilities (the plan's), undefined for a model nobody knows.
 */
import { capabilitiesFor, ModelCapabilities, shapeFor, tableSizeFor } from './capabilities';
import { ImageOptions } from './imageOptions';

/** Options that 1.81.0 silently drops at the top level for gpt-image models. */
const NESTED_FOR_GPT_IMAGE = {
  background: 'background',
  moderation: 'moderation',
  outputFormat: 'output_format',
  outputCompression: 'output_compression',
} as const;

/**
 * The shape in the form that reaches the provider on this route: a size from LiteLLM's table where the route maps
 * sizes to ratios (any other size would silently become square), `aspectRatio`/`imageSize` where the route passes
 * them on, nothing where it drops them (validation refused a choice there already).
 */
function shapeFields(
  caps: ModelCapabilities | undefined,
  o: ImageOptions,
  operation: 'generate' | 'edit',
): Record<string, string> {
  const out: Record<string, string> = {};
  const shape = caps ? shapeFor(caps, operation) : 'size';
  if (shape === 'dropped') return out;
  if (shape === 'sizeTable') {
    const size =
      o.size ?? (o.aspectRatio !== undefined && caps ? tableSizeFor(caps, o.aspectRatio) : undefined);
    if (size !== undefined) out.size = size;
    // A parameter LiteLLM does not know goes into the provider's `parameters` unchanged (Imagen 4's sampleImageSize).
    if (o.imageSize !== undefined) out[caps?.imageSizeParameter ?? 'imageSize'] = o.imageSize;
    return out;
  }
  if (shape === 'imageConfig') {
    const ratio = o.aspectRatio ?? (o.size !== undefined ? caps?.sizeTable?.[o.size] : undefined);
    if (ratio !== undefined) out.aspectRatio = ratio;
    if (o.imageSize !== undefined) out.imageSize = o.imageSize;
    return out;
  }
  // OpenAI-style routes and models nobody knows: the size as is; a ratio or resolution (validation allowed them only
  // for models it does not restrict) as the parameters LiteLLM passes on to the provider unchanged.
  if (o.size !== undefined) out.size = o.size;
  if (o.aspectRatio !== undefined) out.aspectRatio = o.aspectRatio;
  if (o.imageSize !== undefined) out.imageSize = o.imageSize;
  return out;
}

export function generationBody(
  model: string,
  prompt: string,
  o: ImageOptions,
  n: number | undefined,
  caps: ModelCapabilities | undefined = capabilitiesFor(model),
): Record<string, unknown> {
  const body: Record<string, unknown> = { model, prompt };
  if (n !== undefined) body.n = n;
  Object.assign(body, shapeFields(caps, o, 'generate'));
  if (o.quality !== undefined) body.quality = o.quality;
  if (o.style !== undefined) body.style = o.style;
  if (caps?.requestB64) {
    // dall-e answers with short-lived upstream URLs unless asked; b64 avoids a second download and its policy risk.
    body.response_format = 'b64_json';
    return body;
  }
  // gpt-image and unknown models: never response_format (a strict proxy answers 400). The four options below are
  // sent at the top level for proxies that forward them, and again in extra_body, which 1.81.0 merges into the
  // upstream call; both carry the same value, so a proxy that does both still sends one consistent request.
  const extra: Record<string, unknown> = {};
  for (const [key, wire] of Object.entries(NESTED_FOR_GPT_IMAGE)) {
    const v = o[key as keyof typeof NESTED_FOR_GPT_IMAGE];
    if (v !== undefined) {
      body[wire] = v;
      extra[wire] = v;
    }
  }
  if (Object.keys(extra).length > 0) body.extra_body = extra;
  return body;
}

/** Text fields of an edit (multipart); image and mask parts are added by the caller. */
export function editFields(
  model: string,
  prompt: string,
  o: ImageOptions,
  n: number | undefined,
  caps: ModelCapabilities | undefined = capabilitiesFor(model),
): Array<[string, string]> {
  const fields: Array<[string, string]> = [
    ['model', model],
    ['prompt', prompt],
  ];
  if (n !== undefined) fields.push(['n', String(n)]);
  for (const [k, v] of Object.entries(shapeFields(caps, o, 'edit'))) fields.push([k, v]);
  if (o.quality !== undefined) fields.push(['quality', o.quality]);
  if (o.background !== undefined) fields.push(['background', o.background]);
  if (o.outputFormat !== undefined) fields.push(['output_format', o.outputFormat]);
  if (o.outputCompression !== undefined) fields.push(['output_compression', String(o.outputCompression)]);
  if (o.moderation !== undefined) fields.push(['moderation', o.moderation]);
  if (caps?.requestB64) fields.push(['response_format', 'b64_json']);
  return fields;
}
