/**
 * Saving images without ever overwriting or leaving half-written files: each image is written to a temporary file
 * in the target folder, then hard-linked to its final name (link fails with EEXIST instead of replacing, atomically,
 * so concurrent runs into one folder cannot clobber each other), then the temporary name is removed.
 */
import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { embedPngProvenance, Provenance, sidecarPath } from './provenance';
import { SniffedImage } from './imageBytes';

/** "A lighthouse at dusk, oil painting!" → "a-lighthouse-at-dusk-oil-painting". */
export function slugFromPrompt(prompt: string, maxLength = 48): string {
  const slug = prompt
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut =
    slug.length > maxLength
      ? slug.slice(0, maxLength).replace(/-[^-]*$/, '') || slug.slice(0, maxLength)
      : slug;
  return cut || 'image';
}

async function writeTemp(dir: string, data: Buffer): Promise<string> {
  const tmp = path.join(dir, `.litellm-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  } finally {
    await handle.close().catch(() => undefined);
  }
  return tmp;
}

/** Moves `tmp` to `target` only if nothing is there yet. Returns false when the name is taken. */
async function publishExclusive(tmp: string, target: string): Promise<boolean> {
  try {
    await fs.link(tmp, target);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw e;
  }
  // File systems without hard links: an exclusive copy is still never an overwrite.
  try {
    await fs.copyFile(tmp, target, constants.COPYFILE_EXCL);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

export interface SaveTarget {
  folder: string;
  /** File name without extension; "-2", "-3"… are added when taken. */
  baseName: string;
}

/** Writes `data` as `<baseName>.<ext>` (or the first free `<baseName>-N.<ext>`) and returns the path. */
export async function saveWithoutOverwrite(
  target: SaveTarget,
  extension: string,
  data: Buffer,
): Promise<string> {
  await fs.mkdir(target.folder, { recursive: true });
  const tmp = await writeTemp(target.folder, data);
  try {
    for (let i = 1; i <= 10_000; i++) {
      const name = i === 1 ? `${target.baseName}.${extension}` : `${target.baseName}-${i}.${extension}`;
      const full = path.join(target.folder, name);
      if (await publishExclusive(tmp, full)) return full;
    }
    throw new Error(`No free file name for ${target.baseName} in ${target.folder}`);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

export interface ImageToSave {
  bytes: Buffer;
  sniffed: SniffedImage;
  provenance: Provenance;
}

export interface SavedImage {
  path: string;
  /** Size of the file written (a PNG grows by its provenance chunk). */
  bytes: number;
  /** Set when the image was saved but its provenance sidecar could not be. */
  warning?: string;
}

/** Saves one image with its provenance (inside a PNG, as a sidecar for other formats). */
export async function saveImageWithProvenance(target: SaveTarget, image: ImageToSave): Promise<SavedImage> {
  const isPngImage = image.sniffed.mimeType === 'image/png';
  const data = isPngImage ? embedPngProvenance(image.bytes, image.provenance) : image.bytes;
  const saved = await saveWithoutOverwrite(target, image.sniffed.extension, data);
  if (isPngImage) return { path: saved, bytes: data.length };
  // The sidecar takes the name of the image actually written, published the same way: atomic, never overwriting.
  const sidecar = sidecarPath(saved);
  let warning: string | undefined;
  try {
    const tmp = await writeTemp(target.folder, Buffer.from(JSON.stringify(image.provenance, null, 2) + '\n'));
    try {
      if (!(await publishExclusive(tmp, sidecar)))
        warning = `${path.basename(sidecar)} already exists; left unchanged.`;
    } finally {
      await fs.rm(tmp, { force: true });
    }
  } catch (e) {
    warning = `Saved ${path.basename(saved)}, but not its provenance file: ${(e as Error).message}`;
  }
  return warning ? { path: saved, bytes: data.length, warning } : { path: saved, bytes: data.length };
}
