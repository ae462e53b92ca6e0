/**
 * The history's second and third steps (history.ts lists): dropping the entries whose links lead outside the allowed
 * folders, and reading provenance a few files at a time in list-ordered batches that stop when no longer wanted.
 */
import type { FileStore } from './files/fileStore';
import { nodeFileStore } from './files/nodeFileStore';
import { type HistoryEntry, listedInfo, mapBounded, positiveInt } from './history';
import type { ProducedImage } from './producedImage';
import { readImageFacts, type ImageFacts, type Provenance } from './provenance';
import { isWithin, realPathOf } from './workspacePaths';

const REALPATH_CONCURRENCY = 16;
const DETAILS_CONCURRENCY = 8;
const DETAILS_BATCH_SIZE = 50;

export interface EntriesInside {
  /** The entries whose real path is inside one of the roots, in their order. */
  entries: HistoryEntry[];
  /** How many were left out: links that lead outside the roots, or that cannot be followed. */
  leftOut: number;
}

/**
 * The entries of a listing of `folder` whose real path (links followed) is inside one of `roots`. A cloned
 * repository can plant `images/passport.png -> ~/Pictures/passport.png`: the history must neither show such a file
 * nor read its provenance. Only links cost a `realpath` (at most `concurrency` at once); any other entry's real path
 * is the folder's own, taken once, plus its name. If the folder itself is not inside the roots, nothing is.
 * A file swapped for a link after listing is still caught: reading its provenance checks it is the file listed.
 */
export async function historyEntriesInside(
  folder: string,
  entries: readonly HistoryEntry[],
  roots: readonly string[],
  opts: { concurrency?: number; store?: FileStore } = {},
): Promise<EntriesInside> {
  const store = opts.store ?? nodeFileStore;
  const [realFolder, ...realRoots] = await Promise.all([folder, ...roots].map((p) => realPathOf(p, store)));
  const inside = (real: string | undefined): boolean =>
    real !== undefined && realRoots.some((root) => root !== undefined && isWithin(root, real));
  const folderInside = inside(realFolder);
  const links = entries.filter((e) => e.isLink);
  const linksInside = new Set<HistoryEntry>();
  await mapBounded(links, positiveInt(opts.concurrency, REALPATH_CONCURRENCY), async (entry) => {
    const real = await store.realPath(entry.path).catch(() => undefined);
    if (inside(real)) linksInside.add(entry);
  });
  const kept = entries.filter((e) => (e.isLink ? linksInside.has(e) : folderInside));
  return { entries: kept, leftOut: entries.length - kept.length };
}

export interface HistoryDetail {
  entry: HistoryEntry;
  /** Undefined for a file without provenance or one that could not be read. */
  provenance: Provenance | undefined;
  /** The file's real format and pixel size, from its header (undefined when a test's reader gives none). */
  produced?: ProducedImage;
}

export interface ReadHistoryDetailsOptions {
  /** How many files are read at once (default 8). */
  concurrency?: number;
  /** Entries per `onBatch` call (default 50; the last batch may be smaller). */
  batchSize?: number;
  /** Once aborted no further file is opened and `onBatch` is not called again; the promise then resolves. */
  signal?: AbortSignal;
  /** Reads one file's provenance (default `readImageFacts`, which also reads its size); a rejection counts as none. */
  readProvenance?: (imagePath: string) => Promise<Provenance | undefined>;
  /** Where the default reader reads (default `nodeFileStore`, the real disk). */
  store?: FileStore;
}

/**
 * Reads the provenance of `entries` with bounded concurrency and calls `onBatch` with consecutive slices of the
 * list, in list order, each as soon as all of its files (and all earlier ones) have been read. An unreadable file or
 * one without provenance yields `undefined`, never a rejection. If `onBatch` throws, reading stops and the promise
 * rejects with that error.
 */
export async function readHistoryDetails(
  entries: readonly HistoryEntry[],
  onBatch: (batch: HistoryDetail[]) => void,
  opts: ReadHistoryDetailsOptions = {},
): Promise<void> {
  const concurrency = positiveInt(opts.concurrency, DETAILS_CONCURRENCY);
  const batchSize = positiveInt(opts.batchSize, DETAILS_BATCH_SIZE);
  const given = opts.readProvenance;
  const read = given
    ? async (file: string): Promise<ImageFacts> => ({ provenance: await given(file) })
    : (file: string, entry: HistoryEntry) => readImageFacts(file, listedInfo(entry), opts.store);
  const signal = opts.signal;

  const results = new Array<ImageFacts | undefined>(entries.length);
  const done = new Array<boolean>(entries.length).fill(false);
  let next = 0; // the next entry to read
  let emitted = 0; // entries already handed to onBatch
  let failure: { error: unknown } | undefined;
  const stopped = (): boolean => failure !== undefined || signal?.aborted === true;

  const flush = (): void => {
    while (!stopped() && emitted < entries.length) {
      const end = Math.min(emitted + batchSize, entries.length);
      for (let i = emitted; i < end; i++) if (!done[i]) return;
      const batch: HistoryDetail[] = [];
      for (let i = emitted; i < end; i++) {
        const facts = results[i];
        batch.push({
          entry: entries[i],
          provenance: facts?.provenance,
          ...(facts?.produced ? { produced: facts.produced } : {}),
        });
      }
      emitted = end;
      try {
        onBatch(batch);
      } catch (e) {
        failure = { error: e };
      }
    }
  };

  const worker = async (): Promise<void> => {
    while (!stopped() && next < entries.length) {
      const i = next++;
      try {
        results[i] = await read(entries[i].path, entries[i]);
      } catch {
        results[i] = undefined;
      }
      done[i] = true;
      flush();
    }
  };

  if (entries.length === 0 || stopped()) return;
  await Promise.all(Array.from({ length: Math.min(concurrency, entries.length) }, worker));
  if (failure) throw failure.error;
}
