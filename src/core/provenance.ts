/**
 * Where an image came from, kept with the image: in a PNG as an iTXt chunk (UTF-8 JSON, readable by any PNG tool as
 * text), for other formats in a small sidecar file beside it. Reading it back lets history show and re-run settings.
 * The record itself is provenanceRecord.ts, the PNG chunk provenancePng.ts; this file reads provenance from disk,
 * bounded whatever the files are (through the file store, `nodeFileStore` unless a caller passes another), and is
 * the one module the rest of the code imports.
 */
import type { FileInfo, FileStore, ReadableFile } from './files/fileStore';
import { nodeFileStore } from './files/nodeFileStore';
import { IMAGE_HEADER_BYTES, isPng, sniffImage } from './imageBytes';
import { type ProducedImage, producedOf } from './producedImage';
import { ourITXtText, PROVENANCE_KEYWORD } from './provenancePng';
import { MAX_PROVENANCE_BYTES, parseProvenance, type Provenance } from './provenanceRecord';

export {
  boundProvenance,
  MAX_PLAUSIBLE_COST_USD,
  MAX_PROVENANCE_BYTES,
  MAX_STORED_TEXT_CHARS,
  parseProvenance,
  plausibleCost,
  ProvenanceSchema,
  serializeProvenance,
  TRUNCATION_MARKER,
  type Provenance,
} from './provenanceRecord';
export { embedPngProvenance, PROVENANCE_KEYWORD, readPngProvenance } from './provenancePng';

export const SIDECAR_SUFFIX = '.litellm.json';

export function sidecarPath(imagePath: string): string {
  return imagePath + SIDECAR_SUFFIX;
}

/** Bytes of a PNG read at once from its start: IHDR and our chunk sit there for every image this tool wrote. */
const PNG_HEAD_BYTES = 64 * 1024;
/** Chunks walked before IDAT at most; real PNGs have a handful. */
const MAX_PNG_CHUNKS_BEFORE_IDAT = 1_000;

type OpenedFile = { file: ReadableFile; size: number };

/**
 * Opens `file` for reading only when it is a regular file (a symlink counts when it points to one). Never opens a
 * FIFO (that blocks forever), a device (/dev/zero never ends; some devices act on open) or a folder: the type is
 * checked before opening, the open is non-blocking in case the name was swapped in between, and the opened file
 * must be the one checked. Undefined for anything else; errors of the first `stat` (a missing file) are thrown.
 */
async function openRegularFile(
  store: FileStore,
  file: string,
  checked?: FileInfo,
): Promise<OpenedFile | undefined> {
  const before: FileInfo = checked ?? (await store.stat(file));
  if (before.kind !== 'file') return undefined;
  const opened = await store.openForReading(file);
  try {
    const after = await opened.info();
    if (after.kind === 'file' && after.id === before.id) return { file: opened, size: after.size };
  } catch {
    // fall through: not a file we can vouch for
  }
  await opened.close();
  return undefined;
}

/**
 * Our chunk anywhere in a PNG's metadata (before IDAT), read by walking chunk headers: bytes beyond the first 64 KB
 * are read only for headers and for our chunk itself, which must fit MAX_PROVENANCE_BYTES.
 */
async function readPngProvenanceFrom(file: OpenedFile, head: Buffer): Promise<Provenance | undefined> {
  const bytesAt = async (position: number, length: number): Promise<Buffer> =>
    position + length <= head.length
      ? head.subarray(position, position + length)
      : file.file.read(length, position);
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
  checked?: FileInfo,
  store: FileStore = nodeFileStore,
): Promise<Provenance | undefined> {
  return (await readImageFacts(imagePath, checked, store)).provenance;
}

export interface ImageFacts {
  provenance?: Provenance;
  /** What the file really is, from its header (the same read that looks for a PNG's provenance). */
  produced?: ProducedImage;
}

/**
 * A saved image's provenance and its real format and pixel size, from one bounded read of its head (the history
 * shows the file's size, not the one asked for). Nothing for a name that is not a regular file.
 */
export async function readImageFacts(
  imagePath: string,
  checked?: FileInfo,
  store: FileStore = nodeFileStore,
): Promise<ImageFacts> {
  const image = await openRegularFile(store, imagePath, checked);
  if (!image) return {};
  let produced: ProducedImage | undefined;
  try {
    const head = await image.file.read(Math.min(Math.max(PNG_HEAD_BYTES, IMAGE_HEADER_BYTES), image.size), 0);
    const sniffed = sniffImage(head);
    produced = sniffed && producedOf(sniffed);
    if (isPng(head)) {
      const p = await readPngProvenanceFrom(image, head);
      if (p) return { provenance: p, produced };
    }
  } finally {
    await image.file.close();
  }
  const provenance = await readSidecar(store, sidecarPath(imagePath));
  return { ...(provenance ? { provenance } : {}), ...(produced ? { produced } : {}) };
}

/**
 * A sidecar is read only when it is itself a regular file, never through a symbolic link: this tool never writes a
 * linked sidecar, so one can only have been planted (pointing at a file elsewhere that the history would show).
 */
async function readSidecar(store: FileStore, file: string): Promise<Provenance | undefined> {
  let sidecar: OpenedFile | undefined;
  try {
    sidecar = await openRegularFile(store, file, await store.lstat(file));
    if (!sidecar || sidecar.size > MAX_PROVENANCE_BYTES) return undefined;
    return parseProvenance((await sidecar.file.read(sidecar.size, 0)).toString('utf8'));
  } catch {
    return undefined;
  } finally {
    await sidecar?.file.close().catch(() => undefined);
  }
}
