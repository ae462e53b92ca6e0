/**
 * Saving images without ever overwriting or leaving half-written files: each image is written to a temporary file
 * in the target folder, then hard-linked to its final name (link fails with EEXIST instead of replacing, atomically,
 * so concurrent runs into one folder cannot clobber each other), then the temporary name is removed.
 *
 * Free names are computed from one read of the folder (not found by trying `-2`, `-3`, … one link at a time, which
 * made 1,500 images take 33 s); the exclusive link stays the final arbiter, so a name another writer took in between
 * only moves this save on to the next free one.
 *
 * The disk is reached only through the file store (`nodeFileStore` unless the target names another): it creates the
 * temporary files exclusively and publishes them exclusively; the names and the order are decided here.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { FileInfo, FileStore } from './files/fileStore';
import { nodeFileStore } from './files/nodeFileStore';
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

/** Writes `data` to a new temporary file in `dir` (removed again if writing fails) and returns its path. */
async function writeTemp(store: FileStore, dir: string, data: Buffer): Promise<string> {
  const tmp = path.join(dir, `.litellm-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  await store.createNew(tmp, data);
  return tmp;
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
    readonly store: FileStore = nodeFileStore,
  ) {
    this.baseName = safeFileStem(baseName);
  }

  private names(): Promise<Set<string>> {
    return (this.taken ??= this.scan());
  }

  private async scan(): Promise<Set<string>> {
    const prefix = this.baseName.toLowerCase();
    const taken = new Set<string>();
    const dir = await this.store.listFolder(this.folder);
    if (!dir) return taken;
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
  /** Where the files go (default `nodeFileStore`, the real disk). */
  store?: FileStore;
}

function storeOf(target: SaveTarget): FileStore {
  return target.store ?? nodeFileStore;
}

function freeNamesFor(target: SaveTarget): FreeNames {
  return target.names ?? new FreeNames(target.folder, target.baseName, storeOf(target));
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
  const store = storeOf(target);
  await store.ensureFolder(target.folder);
  const names = freeNamesFor(target);
  const tmp = await writeTemp(store, target.folder, data);
  try {
    for (let clash = 0; clash < MAX_CLASHES; clash++) {
      const full = path.join(target.folder, await names.take(extension, companions));
      const undo = claim ? await claim(full) : async () => undefined;
      if (!undo) continue;
      if (await store.publishExclusive(tmp, full)) return full;
      await undo();
    }
    throw new Error(`No free file name for ${names.baseName} in ${target.folder}`);
  } finally {
    await store.remove(tmp);
  }
}

/** Removes `file` only if it is still the very file this save published (`mine`), never someone else's. */
async function removeIfOurs(store: FileStore, file: string, mine: FileInfo): Promise<void> {
  try {
    const now = await store.lstat(file);
    if (now.id === mine.id) await store.remove(file);
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
  const store = storeOf(target);
  return saveWithoutOverwrite(target, extension, data, [SIDECAR_SUFFIX], async (image) => {
    const sidecar = sidecarPath(image);
    if (!(await store.publishExclusive(sidecarTmp, sidecar))) return undefined;
    const mine = await store.lstat(sidecar).catch(() => undefined);
    return async () => {
      if (mine) await removeIfOurs(store, sidecar, mine);
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
  const store = storeOf(target);
  await store.ensureFolder(target.folder);
  let sidecarTmp: string;
  try {
    sidecarTmp = await writeTemp(
      store,
      target.folder,
      Buffer.from(serializeProvenance(image.provenance, 2) + '\n'),
    );
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
    await store.remove(sidecarTmp);
  }
}
