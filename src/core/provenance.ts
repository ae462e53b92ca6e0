/**
 * Where an image came from, kept with the image: in a PNG as an iTXt chunk (UTF-8 JSON, readable by any PNG tool as
 * text), for other formats in a small sidecar file beside it. Reading it back lets history show and re-run settings.
 */
import { constants, promises as fs, type Stats } from 'node:fs';
import * as zlib from 'node:zlib';
import { z } from 'zod';
import { ImageOptionsSchema } from './imageOptions';
import { isPng } from './imageBytes';

export const PROVENANCE_KEYWORD = 'litellm-images';
export const SIDECAR_SUFFIX = '.litellm.json';

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
  const cost = plausibleCost(p.cost);
  if (cost === undefined) delete out.cost;
  else out.cost = cost;
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

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(type)) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

function iTXt(keyword: string, text: string): Buffer {
  // keyword \0, compression flag 0, method 0, empty language tag \0, empty translated keyword \0, UTF-8 text
  return chunk(
    'iTXt',
    Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]),
  );
}

interface PngChunk {
  type: string;
  start: number;
  dataStart: number;
  length: number;
}

function* pngChunks(png: Buffer): Generator<PngChunk> {
  let off = 8;
  while (off + 12 <= png.length) {
    const length = png.readUInt32BE(off);
    const type = png.toString('latin1', off + 4, off + 8);
    if (off + 12 + length > png.length) return;
    yield { type, start: off, dataStart: off + 8, length };
    off += 12 + length;
    if (type === 'IEND') return;
  }
}

/** Returns a new PNG with the provenance chunk placed right after IHDR (any earlier one of ours is replaced). */
export function embedPngProvenance(png: Buffer, p: Provenance): Buffer {
  if (!isPng(png)) throw new Error('not a PNG');
  const parts: Buffer[] = [png.subarray(0, 8)];
  const ours = iTXt(PROVENANCE_KEYWORD, serializeProvenance(p));
  for (const c of pngChunks(png)) {
    const bytes = png.subarray(c.start, c.dataStart + c.length + 4);
    if (c.type === 'iTXt' && keywordOf(png, c) === PROVENANCE_KEYWORD) continue;
    parts.push(bytes);
    if (c.type === 'IHDR') parts.push(ours);
  }
  return Buffer.concat(parts);
}

function keywordOf(png: Buffer, c: PngChunk): string {
  const data = png.subarray(c.dataStart, c.dataStart + c.length);
  const nul = data.indexOf(0);
  return nul === -1 ? '' : data.toString('latin1', 0, nul);
}

/** The text of an iTXt chunk's data (keyword\0 flag method lang\0 translated\0 text), if it is ours. */
function ourITXtText(data: Buffer): string | undefined {
  const nul = data.indexOf(0);
  if (nul === -1 || data.toString('latin1', 0, nul) !== PROVENANCE_KEYWORD) return undefined;
  let i = nul + 3;
  i = data.indexOf(0, i) + 1;
  if (i === 0) return undefined;
  i = data.indexOf(0, i) + 1;
  if (i === 0) return undefined;
  return data.toString('utf8', i);
}

export function readPngProvenance(png: Buffer): Provenance | undefined {
  if (!isPng(png)) return undefined;
  for (const c of pngChunks(png)) {
    if (c.type === 'IDAT') return undefined; // ours is always before the image data
    if (c.type !== 'iTXt' || keywordOf(png, c) !== PROVENANCE_KEYWORD) continue;
    const text = ourITXtText(png.subarray(c.dataStart, c.dataStart + c.length));
    return text === undefined ? undefined : parseProvenance(text);
  }
  return undefined;
}

export function parseProvenance(text: string): Provenance | undefined {
  try {
    const r = ProvenanceSchema.safeParse(JSON.parse(text));
    if (!r.success) return undefined;
    if (r.data.cost === undefined) delete r.data.cost; // an unreadable cost is absent, not a key set to undefined
    return r.data;
  } catch {
    return undefined;
  }
}

export function sidecarPath(imagePath: string): string {
  return imagePath + SIDECAR_SUFFIX;
}

/** Bytes of a PNG read at once from its start: IHDR and our chunk sit there for every image this tool wrote. */
const PNG_HEAD_BYTES = 64 * 1024;
/** Chunks walked before IDAT at most; real PNGs have a handful. */
const MAX_PNG_CHUNKS_BEFORE_IDAT = 1_000;

type OpenedFile = { handle: fs.FileHandle; size: number };

/**
 * Opens `file` for reading only when it is a regular file (a symlink counts when it points to one). Never opens a
 * FIFO (that blocks forever), a device (/dev/zero never ends; some devices act on open) or a folder: the type is
 * checked before opening, the open is non-blocking in case the name was swapped in between, and the opened file
 * must be the one checked. Undefined for anything else; errors of the first `stat` (a missing file) are thrown.
 */
async function openRegularFile(file: string, checked?: Stats): Promise<OpenedFile | undefined> {
  const before: Stats = checked ?? (await fs.stat(file));
  if (!before.isFile()) return undefined;
  const handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const after = await handle.stat();
    if (after.isFile() && after.ino === before.ino && after.dev === before.dev)
      return { handle, size: after.size };
  } catch {
    // fall through: not a file we can vouch for
  }
  await handle.close();
  return undefined;
}

/** Reads up to `length` bytes at `position` (fewer only at the end of the file). */
async function readAt(handle: fs.FileHandle, length: number, position: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buf, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === length ? buf : buf.subarray(0, filled);
}

/**
 * Our chunk anywhere in a PNG's metadata (before IDAT), read by walking chunk headers: bytes beyond the first 64 KB
 * are read only for headers and for our chunk itself, which must fit MAX_PROVENANCE_BYTES.
 */
async function readPngProvenanceFrom(file: OpenedFile, head: Buffer): Promise<Provenance | undefined> {
  const bytesAt = async (position: number, length: number): Promise<Buffer> =>
    position + length <= head.length
      ? head.subarray(position, position + length)
      : readAt(file.handle, length, position);
  const keywordBytes = PROVENANCE_KEYWORD.length + 1;
  let off = 8;
  for (let n = 0; n < MAX_PNG_CHUNKS_BEFORE_IDAT && off + 12 <= file.size; n++) {
    const header = await bytesAt(off, 8);
    if (header.length < 8) return undefined;
    const length = header.readUInt32BE(0);
    const type = header.toString('latin1', 4, 8);
    if (type === 'IDAT' || type === 'IEND') return undefined; // ours is always before the image data
    if (type === 'iTXt' && length >= keywordBytes && length <= MAX_PROVENANCE_BYTES) {
      const keyword = await bytesAt(off + 8, keywordBytes);
      if (keyword.toString('latin1') === `${PROVENANCE_KEYWORD}\0`) {
        const text = ourITXtText(await bytesAt(off + 8, length));
        return text === undefined ? undefined : parseProvenance(text);
      }
    }
    off += 12 + length;
  }
  return undefined;
}

/**
 * Reads provenance of a saved image, bounded whatever the files are: only regular files are opened; a PNG's chunk
 * is looked for in its metadata by walking chunk headers (one 64 KB read for every image this tool wrote, so history
 * over hundreds of files stays cheap); other formats read their sidecar, at most MAX_PROVENANCE_BYTES of it.
 * Undefined for an image name that is not a regular file (a FIFO, a device, a folder).
 */
export async function readProvenanceFromFile(
  imagePath: string,
  /** The image's `stat`, when the caller has just taken it (the history listing): saves taking it again. */
  checked?: Stats,
): Promise<Provenance | undefined> {
  const image = await openRegularFile(imagePath, checked);
  if (!image) return undefined;
  try {
    const head = await readAt(image.handle, Math.min(PNG_HEAD_BYTES, image.size), 0);
    if (isPng(head)) {
      const p = await readPngProvenanceFrom(image, head);
      if (p) return p;
    }
  } finally {
    await image.handle.close();
  }
  return readSidecar(sidecarPath(imagePath));
}

/**
 * A sidecar is read only when it is itself a regular file, never through a symbolic link: this tool never writes a
 * linked sidecar, so one can only have been planted (pointing at a file elsewhere that the history would show).
 */
async function readSidecar(file: string): Promise<Provenance | undefined> {
  let sidecar: OpenedFile | undefined;
  try {
    sidecar = await openRegularFile(file, await fs.lstat(file));
    if (!sidecar || sidecar.size > MAX_PROVENANCE_BYTES) return undefined;
    return parseProvenance((await readAt(sidecar.handle, sidecar.size, 0)).toString('utf8'));
  } catch {
    return undefined;
  } finally {
    await sidecar?.handle.close().catch(() => undefined);
  }
}
