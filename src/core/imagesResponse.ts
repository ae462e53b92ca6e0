/**
 * Reading an images answer: JSON streamed through the base64 decoder, items checked, `url` items downloaded under
 * the network policy, and every image's real type sniffed. Items that fail are reported without losing the others.
 */
import { finished } from 'node:stream/promises';
import { z } from 'zod';
import { coded, LiteLLMError } from './errors';
import { message, Message } from './messages';
import { describeNonImage, sniffImage, SniffedImage } from './imageBytes';
import { ByteBudget, decodeBase64Text, StreamingImageJson, tooLarge } from './imageJson';
import { ProxyText } from './proxyText';
import { MAX_PLAUSIBLE_COST_USD } from './provenance';
import { SendResponse } from './transport';

/**
 * The most images one response may bring, whatever the request's n said (the settings allow 10). Past the count
 * asked for, items are reported and dropped; this is the ceiling should a caller ever ask for more.
 */
export const MAX_IMAGES_PER_RESPONSE = 16;

/** How many images a request for `n` may keep (a request without n makes one image). */
export function imagesWanted(n: number | undefined): number {
  return Math.min(Math.max(1, Math.floor(n ?? 1)), MAX_IMAGES_PER_RESPONSE);
}

export interface ReceivedImage extends SniffedImage {
  bytes: Buffer;
  revisedPrompt?: string;
  source: 'b64_json' | 'url';
  /** This image's share of what the proxy charged for its request (callCost.ts); unknown when it said nothing. */
  cost?: number;
}

export interface ResponseMeta {
  callId?: string;
  /** What the proxy charged (for a call of several requests, the sum of those that said); unknown when none did. */
  cost?: number;
  /** Images of the call whose request reported no cost (their share is unknown, and not in `cost`). */
  imagesWithoutCost?: number;
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

/** A plain decimal header value (Number() would also take "0x10", "Infinity" or "1e999"). */
function num(v: string | undefined): number | undefined {
  if (v === undefined || !/^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Above these a header is broken or hostile, not a figure (the cost bound is the one provenance uses, so what is read
 * here can always be stored): such values, negative ones and non-numbers become "unknown" instead of reaching the
 * status bar, the sum over batches and the provenance. A billion spent on one key is no real figure either.
 */
const MAX_PLAUSIBLE_KEY_SPEND_USD = 1e9;

function amount(v: string | undefined, max: number): number | undefined {
  const n = num(v);
  return n !== undefined && n >= 0 && n <= max ? n : undefined;
}

export function responseMeta(headers: Record<string, string>): ResponseMeta {
  const meta: ResponseMeta = {
    callId: headers['x-litellm-call-id'] || undefined,
    // 0 is what proxies send for a model they have no price for (FACTS §11): unknown, never a free image.
    cost: amount(headers['x-litellm-response-cost'], MAX_PLAUSIBLE_COST_USD) || undefined,
    keySpend: amount(headers['x-litellm-key-spend'], MAX_PLAUSIBLE_KEY_SPEND_USD),
    modelId: headers['x-litellm-model-id'] || undefined,
    version: headers['x-litellm-version'] || undefined,
    durationMs: amount(headers['x-litellm-response-duration-ms'], Number.MAX_SAFE_INTEGER),
  };
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as ResponseMeta;
}

/** Refuses early when the declared length is already over what is left of the budget. */
function checkDeclaredLength(res: SendResponse, budget: ByteBudget): void {
  const declared = num(res.headers['content-length']);
  if (declared !== undefined && declared > budget.remaining) {
    res.body.destroy();
    throw tooLarge(budget.max);
  }
}

/**
 * Hands every chunk of the body to `take` as it arrives ('data' events: a 4K answer is hundreds of chunks, and an
 * async iterator costs a promise and a tick for each); the first error, from the stream or from `take`, ends the
 * read and destroys the body.
 */
async function eachChunk(res: SendResponse, take: (chunk: Buffer) => void): Promise<void> {
  const body = res.body;
  let failure: unknown;
  const onData = (c: Buffer) => {
    try {
      take(c);
    } catch (e) {
      failure = e;
      body.off('data', onData);
      body.destroy();
    }
  };
  body.on('data', onData);
  try {
    await finished(body);
  } catch (e) {
    throw failure ?? e;
  } finally {
    body.off('data', onData);
  }
  if (failure) throw failure;
}

/** Reads a whole body, stopping as soon as it passes `max` bytes (or what is left of a shared budget). */
export async function readBytes(res: SendResponse, max: number | ByteBudget): Promise<Buffer> {
  const budget = typeof max === 'number' ? new ByteBudget(max) : max;
  checkDeclaredLength(res, budget);
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of res.body) {
    const b = c as Buffer;
    size += b.length;
    try {
      budget.take(b.length);
    } catch (e) {
      res.body.destroy();
      throw e;
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
  /** Plain-English notes on what was dropped without being an error (more images than asked for). */
  warnings: Message[];
}

/** Downloads a `url` item; its bytes count against the response's budget. */
export type UrlDownloader = (url: string, budget: ByteBudget) => Promise<Buffer>;

export interface ParseImagesOptions {
  /** litellm.image.maxResponseBytes: the JSON and every download of this response together. */
  maxBytes: number;
  /** The images asked for (the request's n); more are reported as a warning and not read. */
  want: number;
  download: UrlDownloader;
  /** Cleans the texts kept from the answer (revised prompts, usage). */
  text: ProxyText;
}

export function toImage(
  bytes: Buffer,
  source: ReceivedImage['source'],
  revisedPrompt: string | undefined,
): ReceivedImage {
  const sniffed = sniffImage(bytes);
  if (!sniffed)
    throw bytes.length === 0
      ? coded('bad_response', 'response.emptyImage', {})
      : coded('bad_response', 'response.notImage', { what: describeNonImage(bytes), bytes: bytes.length });
  return { ...sniffed, bytes, source, ...(revisedPrompt ? { revisedPrompt } : {}) };
}

export async function parseImagesResponse(
  res: SendResponse,
  opts: ParseImagesOptions,
): Promise<ParsedImages> {
  const budget = new ByteBudget(opts.maxBytes);
  const want = Math.min(opts.want, MAX_IMAGES_PER_RESPONSE);
  checkDeclaredLength(res, budget);
  const parser = new StreamingImageJson(budget, want, num(res.headers['content-length']));
  await eachChunk(res, (c) => parser.write(c));
  const json = parser.end();
  const body = Body.safeParse(json);
  if (!body.success) throw coded('bad_response', 'response.noDataList', {});
  const items = body.data.data;
  if (items.length === 0) throw coded('bad_response', 'response.noImages', {});

  const warnings: Message[] = [];
  if (items.length > want)
    warnings.push(message('response.moreImagesThanAsked', { got: items.length, want }));
  const images: ReceivedImage[] = [];
  const itemErrors: LiteLLMError[] = [];
  for (const [i, raw] of items.slice(0, want).entries()) {
    try {
      const item = Item.safeParse(raw);
      if (!item.success) throw coded('bad_response', 'response.itemMalformed', { index: i + 1 });
      const revised = opts.text.optional(item.data.revised_prompt ?? undefined);
      const b64 = item.data.b64_json;
      if (b64) {
        // A placeholder of this parse, or base64 the stream did not see as such (its key was spelled with escapes).
        const blob = parser.blobFor(b64) ?? decodeBase64Text(b64);
        if (blob instanceof LiteLLMError) throw blob;
        images.push(toImage(blob, 'b64_json', revised));
      } else if (item.data.url)
        images.push(toImage(await opts.download(item.data.url, budget), 'url', revised));
      else throw coded('bad_response', 'response.itemEmpty', { index: i + 1 });
    } catch (e) {
      if (!(e instanceof LiteLLMError)) throw e;
      itemErrors.push(e);
      // The budget is spent: later downloads could only fail the same way.
      if (e.kind === 'too_large') break;
    }
  }
  if (images.length === 0) throw itemErrors[0]!;
  const usage = body.data.usage ? (opts.text.deep(body.data.usage) as Usage) : undefined;
  return { images, usage, itemErrors, warnings };
}
