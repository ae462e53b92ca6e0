/**
 * Where an image came from, kept with the image: in a PNG as an iTXt chunk (UTF-8 JSON, readable by any PNG tool as
 * text), for other formats in a small sidecar file beside it. Reading it back lets history show and re-run settings.
 */
import { promises as fs } from 'node:fs';
import * as zlib from 'node:zlib';
import { z } from 'zod';
import { ImageOptionsSchema } from './imageOptions';
import { isPng } from './imageBytes';

export const PROVENANCE_KEYWORD = 'litellm-images';
export const SIDECAR_SUFFIX = '.litellm.json';

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
    cost: z.number().optional(),
    references: z.array(z.string()).optional(),
    mask: z.string().optional(),
    createdAt: z.string(),
  })
  .loose();
export type Provenance = z.infer<typeof ProvenanceSchema>;

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
  const ours = iTXt(PROVENANCE_KEYWORD, JSON.stringify(p));
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

export function readPngProvenance(png: Buffer): Provenance | undefined {
  if (!isPng(png)) return undefined;
  for (const c of pngChunks(png)) {
    if (c.type === 'IDAT') return undefined; // ours is always before the image data
    if (c.type !== 'iTXt' || keywordOf(png, c) !== PROVENANCE_KEYWORD) continue;
    const data = png.subarray(c.dataStart, c.dataStart + c.length);
    // keyword\0 flag method lang\0 translated\0 text
    let i = data.indexOf(0) + 3;
    i = data.indexOf(0, i) + 1;
    i = data.indexOf(0, i) + 1;
    return parseProvenance(data.toString('utf8', i));
  }
  return undefined;
}

export function parseProvenance(text: string): Provenance | undefined {
  try {
    const r = ProvenanceSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

export function sidecarPath(imagePath: string): string {
  return imagePath + SIDECAR_SUFFIX;
}

/**
 * Reads provenance of a saved image: only the first 64 KB of a PNG are read (our chunk sits after IHDR), so history
 * over hundreds of files stays cheap; other formats read their sidecar.
 */
export async function readProvenanceFromFile(imagePath: string): Promise<Provenance | undefined> {
  const handle = await fs.open(imagePath, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    if (isPng(bytes)) {
      const p = readPngProvenance(bytes);
      if (p) return p;
    }
  } finally {
    await handle.close();
  }
  try {
    return parseProvenance(await fs.readFile(sidecarPath(imagePath), 'utf8'));
  } catch {
    return undefined;
  }
}
