/**
 * The wire format of image requests, shaped by what LiteLLM 1.81.0 actually forwards (LITELLM_FACTS.md §2–3).
 */
import { capabilitiesFor, modelFamily } from './capabilities';
import { ImageOptions } from './imageOptions';

/** Options that 1.81.0 silently drops at the top level for gpt-image models. */
const NESTED_FOR_GPT_IMAGE = {
  background: 'background',
  moderation: 'moderation',
  outputFormat: 'output_format',
  outputCompression: 'output_compression',
} as const;

export function generationBody(
  model: string,
  prompt: string,
  o: ImageOptions,
  n: number | undefined,
): Record<string, unknown> {
  const body: Record<string, unknown> = { model, prompt };
  if (n !== undefined) body.n = n;
  if (o.size !== undefined) body.size = o.size;
  if (o.quality !== undefined) body.quality = o.quality;
  if (o.style !== undefined) body.style = o.style;
  const family = modelFamily(model);
  if (family === 'dall-e-3' || family === 'dall-e-2') {
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
): Array<[string, string]> {
  const fields: Array<[string, string]> = [
    ['model', model],
    ['prompt', prompt],
  ];
  if (n !== undefined) fields.push(['n', String(n)]);
  if (o.size !== undefined) fields.push(['size', o.size]);
  if (o.quality !== undefined) fields.push(['quality', o.quality]);
  if (o.background !== undefined) fields.push(['background', o.background]);
  if (o.outputFormat !== undefined) fields.push(['output_format', o.outputFormat]);
  if (o.outputCompression !== undefined) fields.push(['output_compression', String(o.outputCompression)]);
  if (o.moderation !== undefined) fields.push(['moderation', o.moderation]);
  if (capabilitiesFor(model)?.requestB64) fields.push(['response_format', 'b64_json']);
  return fields;
}
