/**
 * The provenance record: its schema, and how it is bounded before it is stored (long texts cut with a visible marker,
 * an implausible cost dropped) so that whatever is written stays under MAX_PROVENANCE_BYTES and reads back.
 */
import { z } from 'zod';
import { ImageOptionsSchema } from './imageOptions';

/**
 * The most provenance bytes ever read from one file (a sidecar, or our chunk in a PNG). What we write stays well under
 * it (see boundProvenance), so anything bigger is not ours: a planted file, /dev/zero behind a symlink, a sparse file.
 */
export const MAX_PROVENANCE_BYTES = 1024 * 1024;

/**
 * Prompts and revised prompts are stored up to this many characters: the Studio's prompt limit and the longest
 * prompt any image model accepts (gpt-image-1, 32,000). Even with every character JSON-escaped to 6 bytes, two such
 * texts take under 400 KB, so a record always fits MAX_PROVENANCE_BYTES and reads back.
 */
export const MAX_STORED_TEXT_CHARS = 32_000;
/** Model names, call ids, paths and dates: far longer than any real one, short enough to keep records small. */
const MAX_STORED_SHORT_CHARS = 2_048;
/** Edits send at most 16 references; a list longer than this is not a real one. */
const MAX_STORED_REFERENCES = 64;
/** A usage record is a few token counts; one bigger than this is not kept. */
const MAX_STORED_USAGE_CHARS = 4_096;
export const TRUNCATION_MARKER = '…[truncated]';

/**
 * Dollars for one call above which a cost is not a price but a broken or hostile header (1e300, say): the dearest
 * model at n=10 costs a few dollars. Such a cost, a negative one or a non-finite one is stored and read as unknown.
 */
export const MAX_PLAUSIBLE_COST_USD = 10_000;

/** A cost we are willing to store or show; anything else is "unknown" (undefined). */
export function plausibleCost(cost: unknown): number | undefined {
  return typeof cost === 'number' && Number.isFinite(cost) && cost >= 0 && cost <= MAX_PLAUSIBLE_COST_USD
    ? cost
    : undefined;
}

export const ProvenanceSchema = z
  .object({
    tool: z.literal('litellm-images').default('litellm-images'),
    operation: z.enum(['generate', 'edit']),
    prompt: z.string(),
    model: z.string(),
    requestedModel: z.string().optional(),
    parameters: ImageOptionsSchema.default({}),
    revisedPrompt: z.string().optional(),
    callId: z.string().optional(),
    // A null (what JSON makes of Infinity/NaN), negative or absurd cost is unknown; it never fails the whole record.
    cost: z.number().min(0).max(MAX_PLAUSIBLE_COST_USD).optional().catch(undefined),
    // What the proxy charged for the whole call (`cost` is this image's share of it) and for how many images.
    callCost: z.number().min(0).max(MAX_PLAUSIBLE_COST_USD).optional().catch(undefined),
    callImages: z.number().int().min(1).max(1_000).optional().catch(undefined),
    // The proxy's token usage for the call, numbers only (callCost.ts), so a cost can be recomputed from prices.
    usage: z.record(z.string(), z.unknown()).optional().catch(undefined),
    // The shape as the provider was asked for it (askedShape.ts): a size that travelled as its aspect ratio is
    // compared as that ratio when the file is looked at later.
    askedShape: z
      .object({
        size: z.string().max(32).optional(),
        aspectRatio: z.string().max(16).optional(),
        imageSize: z.string().max(8).optional(),
        madeAs: z.string().max(32).optional(),
      })
      .optional()
      .catch(undefined),
    // What the file really is, read from its header when it was saved; the request is `parameters`/`requestedModel`.
    produced: z
      .object({
        format: z.enum(['png', 'jpeg', 'webp', 'gif']),
        width: z.number().int().min(1).max(1_000_000).optional(),
        height: z.number().int().min(1).max(1_000_000).optional(),
      })
      .optional()
      .catch(undefined),
    references: z.array(z.string()).optional(),
    mask: z.string().optional(),
    createdAt: z.string(),
  })
  .loose();
export type Provenance = z.infer<typeof ProvenanceSchema>;

function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - TRUNCATION_MARKER.length);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1); // never leave half a surrogate pair
  return cut + TRUNCATION_MARKER;
}

/**
 * What is actually stored: long texts cut with a visible marker, an implausible cost dropped, so that whatever is
 * written stays under MAX_PROVENANCE_BYTES and reads back. A 30,000-character prompt is kept whole.
 */
export function boundProvenance(p: Provenance): Provenance {
  const out: Record<string, unknown> = { ...p };
  const short = (v: unknown): unknown =>
    typeof v === 'string' ? truncateText(v, MAX_STORED_SHORT_CHARS) : v;
  out.prompt = truncateText(p.prompt, MAX_STORED_TEXT_CHARS);
  if (typeof p.revisedPrompt === 'string')
    out.revisedPrompt = truncateText(p.revisedPrompt, MAX_STORED_TEXT_CHARS);
  for (const key of ['model', 'requestedModel', 'callId', 'mask', 'createdAt'] as const)
    if (out[key] !== undefined) out[key] = short(out[key]);
  if (Array.isArray(p.references)) out.references = p.references.slice(0, MAX_STORED_REFERENCES).map(short);
  for (const key of ['cost', 'callCost'] as const) {
    const cost = plausibleCost(p[key]);
    if (cost === undefined) delete out[key];
    else out[key] = cost;
  }
  if (p.usage !== undefined && JSON.stringify(p.usage).length > MAX_STORED_USAGE_CHARS) delete out.usage;
  return out as Provenance;
}

/** What a record needs to be read and re-run; extra fields of a loose record are dropped first when it is too big. */
const ESSENTIAL_FIELDS = [
  'tool',
  'operation',
  'prompt',
  'model',
  'requestedModel',
  'parameters',
  'revisedPrompt',
  'callId',
  'cost',
  'callCost',
  'askedShape',
  'produced',
  'createdAt',
] as const satisfies readonly (keyof Provenance)[];

/** The JSON stored for `p` (bounded, see boundProvenance). */
export function serializeProvenance(p: Provenance, indent?: number): string {
  let bounded = boundProvenance(p);
  let json = JSON.stringify(bounded, null, indent);
  // Only extra fields of a loose record could still be too big: drop what is not needed to read and re-run it.
  if (Buffer.byteLength(json) > MAX_PROVENANCE_BYTES / 2) {
    bounded = Object.fromEntries(
      ESSENTIAL_FIELDS.filter((k) => bounded[k] !== undefined).map((k) => [k, bounded[k]]),
    ) as Provenance;
    json = JSON.stringify(bounded, null, indent);
  }
  return json;
}

export function parseProvenance(text: string): Provenance | undefined {
  try {
    const r = ProvenanceSchema.safeParse(JSON.parse(text));
    if (!r.success) return undefined;
    // An unreadable value is absent, not a key set to undefined.
    for (const key of ['cost', 'callCost', 'callImages', 'usage', 'askedShape', 'produced'] as const)
      if (r.data[key] === undefined) delete r.data[key];
    return r.data;
  } catch {
    return undefined;
  }
}
