/**
 * Provenance inside a PNG: an iTXt chunk (UTF-8 JSON, readable by any PNG tool as text) placed right after IHDR, and
 * found again in a PNG held in memory. Reading it from a file without loading the file is provenance.ts's.
 */
import * as zlib from 'node:zlib';
import { isPng } from './imageBytes';
import { parseProvenance, serializeProvenance, type Provenance } from './provenanceRecord';

export const PROVENANCE_KEYWORD = 'litellm-images';

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
export function ourITXtText(data: Buffer): string | undefined {
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
