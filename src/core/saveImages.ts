/**
 * Saving images without ever overwriting or leaving half-written files: each image is written to a temporary file
 * in the target folder, then hard-linked to its final name (link fails with EEXIST instead of replacing, atomically,
 * so concurrent runs into one folder cannot clobber each other), then the temporary name is removed.
 *
 * Free names are computed from one read of the folder (not found by trying `-2`, `-3`, … one link at a time, which
 * made 1,500 images take 33 s); the exclusive link stays the final arbiter, so a name another writer took in between
 * only moves this save on to the next free one.
 */
import { randomBytes } from 'node:crypto';
import { constants, promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import {
  embedPngProvenance,
  Provenance,
  serializeProvenance,
  SIDECAR_SUFFIX,
  sidecarPath,
} from './provenance';
import { SniffedImage } from './imageBytes';
import { message, Message } from './messages';

/**
 * Names Windows reserves for devices, whatever the extension and case, also with trailing dots or spaces: a file
 * called `con.png` or `lpt¹.jpg` cannot be checked out there. Superscript digits are reserved too (COM¹, LPT³).
 */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

/** Whether a file name (or stem) would name a Windows device. */
export function isWindowsDeviceName(name: string): boolean {
  const dot = name.indexOf('.');
  const head = (dot === -1 ? name : name.slice(0, dot)).replace(/[ .]+$/, '');
  return WINDOWS_DEVICE_NAME.test(head);
}

/**
 * A file stem that is never a Windows device name: `con` becomes `con-image`. Applied on every platform, so a
 * repository made on Linux stays checkout-able on Windows.
 */
export function safeFileStem(stem: string): string {
  if (!isWindowsDeviceName(stem)) return stem;
  const dot = stem.indexOf('.');
  const head = (dot === -1 ? stem : stem.slice(0, dot)).replace(/[ .]+$/, '');
  return `${head}-image${dot === -1 ? '' : stem.slice(dot)}`;
}

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
  return safeFileStem(cut || 'image');
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

/** Names taken by other writers while this save ran, after which it gives up (the folder is being flooded). */
const MAX_CLASHES = 1_000;
/** `-N` suffixes go up to this; a folder holding that many images of one stem is not a real one. */
const MAX_SUFFIX = 1_000_000;

/**
 * The free names `<stem>.<ext>`, `<stem>-2.<ext>`, … of one folder, from a single read of it: only names starting
 * with the stem are kept (compared case-insensitively, as Windows and macOS do), so memory stays small whatever the
 * folder holds. Every name handed out or found taken is remembered, so saving N images costs one folder read and
 * about N links, not N² attempts. Share one instance between the saves of one call.
 */
export class FreeNames {
  private taken?: Promise<Set<string>>;
  private readonly next = new Map<string, number>();
  readonly baseName: string;

  constructor(
    readonly folder: string,
    baseName: string,
  ) {
    this.baseName = safeFileStem(baseName);
  }

  private names(): Promise<Set<string>> {
    return (this.taken ??= this.scan());
  }

  private async scan(): Promise<Set<string>> {
    const prefix = this.baseName.toLowerCase();
    const taken = new Set<string>();
    let dir;
    try {
      dir = await fs.opendir(this.folder, { bufferSize: 1024 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return taken;
      throw e;
    }
    for await (const d of dir) {
      const name = d.name.toLowerCase();
      if (name.startsWith(prefix)) taken.add(name);
    }
    return taken;
  }

  /**
   * The first name `<stem>[-i].<ext>` not known to be taken, for which no `<name><companion>` is known either (a
   * JPEG and its sidecar are created as a new pair). The name is reserved at once; the caller publishes it
   * exclusively and asks again when that fails.
   */
  async take(extension: string, companions: readonly string[] = []): Promise<string> {
    const taken = await this.names();
    const key = extension.toLowerCase();
    for (let i = this.next.get(key) ?? 1; i <= MAX_SUFFIX; i++) {
      const name = i === 1 ? `${this.baseName}.${extension}` : `${this.baseName}-${i}.${extension}`;
      const lower = name.toLowerCase();
      if (taken.has(lower) || companions.some((c) => taken.has(lower + c.toLowerCase()))) continue;
      this.next.set(key, i + 1);
      taken.add(lower);
      for (const c of companions) taken.add(lower + c.toLowerCase());
      return name;
    }
    throw new Error(`No free file name for ${this.baseName} in ${this.folder}`);
  }
}

export interface SaveTarget {
  folder: string;
  /** File name without extension; "-2", "-3"… are added when taken. A Windows device name gets "-image". */
  baseName: string;
  /** The free names of this folder and stem, shared by the saves of one call (default: one read per save). */
  names?: FreeNames;
}

function freeNamesFor(target: SaveTarget): FreeNames {
  return target.names ?? new FreeNames(target.folder, target.baseName);
}

/**
 * Claims what must exist beside an image before the image is published (its sidecar); returns how to undo the claim
 * when the image's name turns out taken, or undefined when the companion's own name is taken.
 */
type ClaimCompanion = (image: string) => Promise<(() => Promise<void>) | undefined>;

/**
 * Writes `data` as `<baseName>.<ext>` (or the first free `<baseName>-N.<ext>`) and returns the path. A name is free
 * when neither it nor `<name><companion>` is known to exist; `claim`, when given, publishes the companion first.
 */
export async function saveWithoutOverwrite(
  target: SaveTarget,
  extension: string,
  data: Buffer,
  companions: readonly string[] = [],
  claim?: ClaimCompanion,
): Promise<string> {
  await fs.mkdir(target.folder, { recursive: true });
  const names = freeNamesFor(target);
  const tmp = await writeTemp(target.folder, data);
  try {
    for (let clash = 0; clash < MAX_CLASHES; clash++) {
      const full = path.join(target.folder, await names.take(extension, companions));
      const undo = claim ? await claim(full) : async () => undefined;
      if (!undo) continue;
      if (await publishExclusive(tmp, full)) return full;
      await undo();
    }
    throw new Error(`No free file name for ${names.baseName} in ${target.folder}`);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/** Removes `file` only if it is still the very file this save published (`mine`), never someone else's. */
async function removeIfOurs(file: string, mine: Stats): Promise<void> {
  try {
    const now = await fs.lstat(file);
    if (now.ino === mine.ino && now.dev === mine.dev) await fs.rm(file, { force: true });
  } catch {
    // gone already, or not ours to judge
  }
}

/**
 * Publishes an image and its sidecar as a new pair: a name is chosen for which neither exists, the sidecar is
 * linked exclusively first, then the image; when the image's name turns out taken, only the sidecar this save just
 * created is removed and the next free name is tried. An existing file is never adopted nor overwritten.
 */
function savePair(target: SaveTarget, extension: string, data: Buffer, sidecarTmp: string): Promise<string> {
  return saveWithoutOverwrite(target, extension, data, [SIDECAR_SUFFIX], async (image) => {
    const sidecar = sidecarPath(image);
    if (!(await publishExclusive(sidecarTmp, sidecar))) return undefined;
    const mine = await fs.lstat(sidecar).catch(() => undefined);
    return async () => {
      if (mine) await removeIfOurs(sidecar, mine);
    };
  });
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
  warning?: Message;
}

/** Saves one image with its provenance (inside a PNG, as a sidecar for other formats). */
export async function saveImageWithProvenance(target: SaveTarget, image: ImageToSave): Promise<SavedImage> {
  const isPngImage = image.sniffed.mimeType === 'image/png';
  const data = isPngImage ? embedPngProvenance(image.bytes, image.provenance) : image.bytes;
  const ext = image.sniffed.extension;
  // Every image takes a name without a sidecar beside it, so a planted one can never become its provenance.
  if (isPngImage)
    return { path: await saveWithoutOverwrite(target, ext, data, [SIDECAR_SUFFIX]), bytes: data.length };
  await fs.mkdir(target.folder, { recursive: true });
  let sidecarTmp: string;
  try {
    sidecarTmp = await writeTemp(target.folder, Buffer.from(serializeProvenance(image.provenance, 2) + '\n'));
  } catch (e) {
    // The paid-for image is still kept, under a name no sidecar claims.
    const saved = await saveWithoutOverwrite(target, ext, data, [SIDECAR_SUFFIX]);
    const warning = message('files.sidecarFailed', {
      file: path.basename(saved),
      detail: (e as Error).message,
    });
    return { path: saved, bytes: data.length, warning };
  }
  try {
    return { path: await savePair(target, ext, data, sidecarTmp), bytes: data.length };
  } finally {
    await fs.rm(sidecarTmp, { force: true });
  }
}
