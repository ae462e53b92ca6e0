/**
 * Reading an images answer: JSON streamed through the base64 decoder, items checked, `url` items downloaded under
 * the network policy, and every image's real type sniffed. Items that fail are reported without losing the others.
 */
import { z } from 'zod';
import { LiteLLMError } from './errors';
import { describeNonImage, sniffImage, SniffedImage } from './imageBytes';
import { BLOB_PLACEHOLDER, StreamingImageJson, tooLarge } from './imageJson';
import { SendResponse } from './transport';

export interface ReceivedImage extends SniffedImage {
  bytes: Buffer;
  revisedPrompt?: string;
  source: 'b64_json' | 'url';
}

export interface ResponseMeta {
  callId?: string;
  cost?: number;
  keySpend?: number;
  modelId?: string;
  version?: string;
  durationMs?: number;
}

const Item = z
  .object({
    b64_json: z.string().nullish(),
    url: z.string().nullish(),
    revised_prompt: z.string().nullish(),
  })
  .loose();
const Body = z
  .object({
    data: z.array(z.unknown()),
    usage: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();

export type Usage = Record<string, unknown>;

function num(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export function responseMeta(headers: Record<string, string>): ResponseMeta {
  const meta: ResponseMeta = {
    callId: headers['x-litellm-call-id'] || undefined,
    cost: num(headers['x-litellm-response-cost']),
    keySpend: num(headers['x-litellm-key-spend']),
    modelId: headers['x-litellm-model-id'] || undefined,
    version: headers['x-litellm-version'] || undefined,
    durationMs: num(headers['x-litellm-response-duration-ms']),
  };
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as ResponseMeta;
}

/** Refuses early when the declared length is already over the cap. */
function checkDeclaredLength(res: SendResponse, max: number): void {
  const declared = num(res.headers['content-length']);
  if (declared !== undefined && declared > max) {
    res.body.destroy();
    throw tooLarge(max);
  }
}

/** Reads a whole body, stopping as soon as it passes `max` bytes. */
export async function readBytes(res: SendResponse, max: number): Promise<Buffer> {
  checkDeclaredLength(res, max);
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of res.body) {
    const b = c as Buffer;
    size += b.length;
    if (size > max) {
      res.body.destroy();
      throw tooLarge(max);
    }
    parts.push(b);
  }
  return Buffer.concat(parts, size);
}

/** A (non-image) body as text, bounded, for error messages and small JSON answers. */
export async function readText(res: SendResponse, max = 1024 * 1024): Promise<string> {
  return (await readBytes(res, max)).toString('utf8');
}

export interface ParsedImages {
  images: ReceivedImage[];
  usage?: Usage;
  /** Items that could not be turned into images (the others are kept). */
  itemErrors: LiteLLMError[];
}

export type UrlDownloader = (url: string) => Promise<Buffer>;

export function toImage(
  bytes: Buffer,
  source: ReceivedImage['source'],
  revisedPrompt: string | undefined,
): ReceivedImage {
  const sniffed = sniffImage(bytes);
  if (!sniffed)
    throw new LiteLLMError(
      'bad_response',
      bytes.length === 0
        ? 'The proxy returned an empty image.'
        : `The proxy returned data that is not an image (${describeNonImage(bytes)}, ${bytes.length} bytes).`,
    );
  return { ...sniffed, bytes, source, ...(revisedPrompt ? { revisedPrompt } : {}) };
}

export async function parseImagesResponse(
  res: SendResponse,
  maxBytes: number,
  download: UrlDownloader,
): Promise<ParsedImages> {
  checkDeclaredLength(res, maxBytes);
  const parser = new StreamingImageJson(maxBytes);
  try {
    for await (const c of res.body) parser.write(c as Buffer);
  } catch (e) {
    res.body.destroy();
    throw e;
  }
  const json = parser.end();
  const body = Body.safeParse(json);
  if (!body.success)
    throw new LiteLLMError('bad_response', 'The proxy answered with JSON that has no "data" list of images.');
  if (body.data.data.length === 0)
    throw new LiteLLMError(
      'bad_response',
      'The proxy answered without any images (empty "data"). Try again or another model.',
    );

  const images: ReceivedImage[] = [];
  const itemErrors: LiteLLMError[] = [];
  for (const [i, raw] of body.data.data.entries()) {
    try {
      const item = Item.safeParse(raw);
      if (!item.success) throw new LiteLLMError('bad_response', `Image ${i + 1} in the answer is malformed.`);
      const revised = item.data.revised_prompt ?? undefined;
      const b64 = item.data.b64_json;
      const blob = b64 ? BLOB_PLACEHOLDER.exec(b64) : null;
      if (blob) images.push(toImage(parser.blobs[Number(blob[1])]!, 'b64_json', revised));
      else if (item.data.url) images.push(toImage(await download(item.data.url), 'url', revised));
      else
        throw new LiteLLMError('bad_response', `Image ${i + 1} in the answer has neither b64_json nor url.`);
    } catch (e) {
      if (!(e instanceof LiteLLMError)) throw e;
      itemErrors.push(e);
    }
  }
  if (images.length === 0) throw itemErrors[0]!;
  return { images, usage: body.data.usage ?? undefined, itemErrors };
}
