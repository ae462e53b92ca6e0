/**
 * The Image Studio's history: the images in the output folder, newest first, with where each came from.
 *
 * Listing is split in two so that a folder of hundreds of images opens without a visible stall:
 * - `listHistory` is cheap: one pass over the directory and a `stat` per image file (names, times and sizes only), so
 *   the panel can paint every card at once. Its memory stays bounded whatever the folder holds: the directory is
 *   iterated (never read whole), at most HISTORY_MAX_SCANNED entries are looked at, and only the newest `limit`
 *   images are kept while scanning; `scanHistory` says what was left out, and marks the entries that are links;
 * - `historyEntriesInside` (historyDetails.ts, like the next) drops the links that lead outside the allowed folders (a realpath per link, none for
 *   other files), so a planted link is neither shown nor read;
 * - `readHistoryDetails` then reads provenance (the head of each PNG, or a sidecar) a few files at a time and hands
 *   the results over in list-ordered batches, so the cards fill in top to bottom while the panel stays responsive,
 *   and it stops as soon as the panel no longer wants them (another folder, a refresh, the panel closed).
 * Each reaches the disk only through the file store its options name (default `nodeFileStore`).
 */
import * as path from 'node:path';
import { coded } from './errors';
import type { FileInfo, FileStore, FolderEntries, FolderEntry } from './files/fileStore';
import { nodeFileStore } from './files/nodeFileStore';

/** Image file extensions the history shows (compared case-insensitively). */
export const HISTORY_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg', '.webp'];

export const HISTORY_DEFAULT_LIMIT = 2000;
/**
 * Directory entries looked at, at most, per listing: far more than any real image folder, few enough that a folder
 * planted with millions of entries costs a bounded time and memory (the rest is reported as not scanned).
 */
export const HISTORY_MAX_SCANNED = 100_000;
/** Image names stat'ed per round while scanning; with the kept newest entries this bounds the memory in use. */
const STAT_ROUND = 512;
const STAT_CONCURRENCY = 16;

/** The temporary names saveImages.ts writes before publishing a file: `.litellm-<pid>-<hex>.tmp`. */
const SAVE_TEMP_NAME = /^\.litellm-\d+-[0-9a-f]+\.tmp$/i;

export interface HistoryEntry {
  path: string;
  /** The file name, without folder. */
  name: string;
  mtimeMs: number;
  bytes: number;
  /** Set when the entry itself is a symbolic link (its time and size are its target's); absent otherwise. */
  isLink?: true;
}

/**
 * The `stat` each listed entry was found a regular file with, so reading its provenance right after need not take
 * it again (the read still checks, after opening, that it is that same regular file).
 */
const listedStats = new WeakMap<HistoryEntry, FileInfo>();

/** The `stat` an entry was listed with (undefined for entries made elsewhere). */
export function listedInfo(entry: HistoryEntry): FileInfo | undefined {
  return listedStats.get(entry);
}

export interface ListHistoryOptions {
  /** Where the folder is read (default `nodeFileStore`, the real disk). */
  store?: FileStore;
  /** At most this many entries, the newest (default 2000). */
  limit?: number;
  /** How many `stat` calls may run at once (default 16). */
  concurrency?: number;
}

/** Whether a directory entry's name looks like a finished image the history should show. */
export function isHistoryImageName(name: string): boolean {
  if (name.startsWith('.') || SAVE_TEMP_NAME.test(name)) return false; // dotfiles and in-progress saves
  return HISTORY_EXTENSIONS.includes(path.extname(name).toLowerCase());
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results keep the items' order. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export function positiveInt(value: number | undefined, fallback: number): number {
  if (value === undefined || Number.isNaN(value)) return fallback;
  return Math.max(1, Math.floor(value));
}

export interface HistoryListing {
  /** The newest images, at most `limit`, newest first. */
  entries: HistoryEntry[];
  /** Images found but not listed because they are older than the newest `limit`. */
  omitted: number;
  /** Set when the folder has more than `maxScanned` entries: the ones beyond were not looked at. */
  incomplete: boolean;
}

/** An image name found in the directory, and whether its entry is a symbolic link (undefined: type not known). */
interface Found {
  name: string;
  link: boolean | undefined;
}

function entryIsLink(d: FolderEntry): boolean | undefined {
  return d.kind === 'unknown' ? undefined : d.kind === 'link';
}

function newestFirst(a: HistoryEntry, b: HistoryEntry): number {
  return b.mtimeMs - a.mtimeMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * Images directly in `folder` (not recursive), newest first by modification time, ties by name. Skips sidecars,
 * dotfiles, the temporary files of saves in progress, folders, and anything that is not a regular file (a symlink
 * counts when it points to a file). A missing folder lists as empty; any other failure to read it is a
 * LiteLLMError of kind 'input' naming the folder. A file that vanishes or cannot be stat'ed while listing is left out.
 */
export async function listHistory(folder: string, opts: ListHistoryOptions = {}): Promise<HistoryEntry[]> {
  return (await scanHistory(folder, opts)).entries;
}

/** `listHistory`, also saying what was left out (older images beyond the limit, entries beyond the scan bound). */
export async function scanHistory(
  folder: string,
  opts: ListHistoryOptions & { maxScanned?: number } = {},
): Promise<HistoryListing> {
  const limit =
    opts.limit === undefined || Number.isNaN(opts.limit) ? HISTORY_DEFAULT_LIMIT : Math.floor(opts.limit);
  const maxScanned = positiveInt(opts.maxScanned, HISTORY_MAX_SCANNED);
  const concurrency = positiveInt(opts.concurrency, STAT_CONCURRENCY);
  const store = opts.store ?? nodeFileStore;
  let listed: FolderEntries | undefined;
  try {
    listed = await store.listFolder(folder);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const details = { actions: ['open_settings' as const], cause: e };
    throw code === 'ENOTDIR'
      ? coded('input', 'files.notFolder', { folder }, details)
      : coded('input', 'files.listFailed', { folder, detail: (e as Error).message }, details);
  }
  if (!listed) return { entries: [], omitted: 0, incomplete: false };
  const dir = listed;
  if (limit <= 0) {
    await dir.close();
    return { entries: [], omitted: 0, incomplete: false };
  }

  let entries: HistoryEntry[] = [];
  let omitted = 0;
  let incomplete = false;
  const keepNewest = (): void => {
    entries.sort(newestFirst);
    omitted += Math.max(0, entries.length - limit);
    if (entries.length > limit) entries = entries.slice(0, limit);
  };
  const statRound = async (found: readonly Found[]): Promise<void> => {
    const stats = await mapBounded(
      found,
      concurrency,
      async ({ name, link }): Promise<HistoryEntry | undefined> => {
        const full = path.join(folder, name);
        try {
          // The directory entry's type is known on almost every file system; when it is not, lstat says.
          const isLink = link ?? (await store.lstat(full)).kind === 'link';
          const st = await store.stat(full); // follows symlinks: a link to a file is listed, one to a folder is not
          if (st.kind !== 'file') return undefined;
          const entry: HistoryEntry = { path: full, name, mtimeMs: st.mtimeMs, bytes: st.size };
          if (isLink) entry.isLink = true;
          listedStats.set(entry, st);
          return entry;
        } catch {
          return undefined; // deleted since it was listed, a dangling link, no permission: not an image we can show
        }
      },
    );
    for (const e of stats) if (e) entries.push(e);
    if (entries.length >= 2 * limit) keepNewest();
  };

  let scanned = 0;
  let pending: Found[] = [];
  try {
    for await (const d of dir) {
      if (++scanned > maxScanned) {
        incomplete = true;
        break; // leaving the loop closes the directory
      }
      if (d.kind === 'folder' || !isHistoryImageName(d.name)) continue;
      pending.push({ name: d.name, link: entryIsLink(d) });
      if (pending.length >= STAT_ROUND) {
        await statRound(pending);
        pending = [];
      }
    }
  } catch (e) {
    throw coded(
      'input',
      'files.listFailed',
      { folder, detail: (e as Error).message },
      { actions: ['open_settings'], cause: e },
    );
  }
  if (pending.length) await statRound(pending);
  keepNewest();
  return { entries, omitted, incomplete };
}
