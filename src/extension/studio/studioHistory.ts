/**
 * The Studio's history: the images in the output folder, newest first. The list is sent as soon as the folder is
 * read (names and thumbnails paint at once, the browser loads thumbnails lazily), then provenance follows in batches,
 * so a folder of hundreds of images never stalls the panel. Provenance is cached by path and mtime across refreshes.
 */
import * as vscode from 'vscode';
import type { HistoryEntry, HistoryListing } from '../../core/history';
import type { HistoryView, ImageDetails } from '../../shared/studio/protocol';
import { allowedRoots } from '../allowedPaths';
import { type ConfiguredOutputFolder, configuredOutputFolder } from '../configuration';
import { checkOutputLocation } from '../outputLocation';
import { loadCore } from '../coreLoader';
import { summarizeFailure } from '../failures';
import { detailsFromProvenance, displayPath, ImageRegistry } from './studioImages';

/** About two screens of cards in a wide panel. */
const FIRST_PAINT = 48;
/** How long a listing read as the panel opened may stand in for the first refresh's. */
const PREFETCH_FRESH_MS = 5000;

export type HistoryFolder = ConfiguredOutputFolder;

/** The output folder of the active document's workspace folder, else of the first folder on disk; never asks. */
export function historyFolder(): HistoryFolder | undefined {
  const onDisk = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  const active = vscode.window.activeTextEditor?.document.uri;
  const owner = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  const workspaceFolder = owner && owner.uri.scheme === 'file' ? owner : onDisk[0];
  return workspaceFolder ? configuredOutputFolder(workspaceFolder) : undefined;
}

/** What the listing left out, for the webview to say; undefined when it lists the whole folder. */
function partialView(listing: HistoryListing): HistoryView['partial'] {
  if (!listing.omitted && !listing.incomplete) return undefined;
  return {
    older: listing.omitted,
    ...(listing.incomplete ? { scanned: loadCore().HISTORY_MAX_SCANNED } : {}),
  };
}

/** A listing of the output folder (links leading outside left out, and counted), or the failure to read it. */
type FolderRead = { listing: HistoryListing; leftOut: number } | { failed: unknown };

export interface HistorySink {
  history(view: HistoryView): void;
  details(batch: { id: string; details: ImageDetails }[]): void;
}

export class StudioHistory implements vscode.Disposable {
  private readonly cache = new Map<string, { mtimeMs: number; details?: ImageDetails }>();
  private watcher?: vscode.FileSystemWatcher;
  private watched?: string;
  private pending?: NodeJS.Timeout;
  private run?: AbortController;
  /** The newest refresh, which an overtaken one waits for. */
  private latest?: Promise<void>;
  private listedOnce = false;
  private prefetched?: { folder: string; at: number; read: Promise<FolderRead> };
  folder?: HistoryFolder;

  constructor(
    private readonly images: ImageRegistry,
    private readonly sink: HistorySink,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * Lists the folder and streams its provenance; a newer refresh cancels an older one's reading. A refresh that was
   * overtaken settles only when the newer one does, so whoever awaits a refresh (a file event and a run's own refresh
   * can overlap) always sees a finished listing, never a half-read one.
   */
  refresh(opts: { readyWebview?: boolean } = {}): Promise<void> {
    // Only the webview's first request may use the listing read as the panel opened, and only while it is fresh (a
    // watcher can miss events on remote file systems); a refresh for any other reason (the Refresh button, a file
    // event, a setting) exists because the folder may have changed since. Either way it is used at most once.
    const prefetched = this.prefetched;
    this.prefetched = undefined;
    const early =
      opts.readyWebview && prefetched && Date.now() - prefetched.at < PREFETCH_FRESH_MS
        ? prefetched
        : undefined;
    this.run?.abort();
    const run = new AbortController();
    this.run = run;
    const done: Promise<void> = this.refreshOnce(run, early).then(() =>
      run.signal.aborted && this.latest !== done ? this.latest : undefined,
    );
    this.latest = done;
    return done;
  }

  private async refreshOnce(
    run: AbortController,
    early: { folder: string; read: Promise<FolderRead> } | undefined,
  ): Promise<void> {
    const target = historyFolder();
    this.folder = target;
    if (!target) {
      this.sink.history({ status: 'no-folder', items: [] });
      return;
    }
    const label = displayPath(target.folder);
    const started = Date.now();
    const core = loadCore();
    const readEarly = early?.folder === target.folder;
    const read = await (readEarly ? early.read : this.list(target));
    if ('failed' in read) {
      this.sink.history({
        status: 'failed',
        folder: label,
        items: [],
        message: summarizeFailure(read.failed).message,
      });
      return;
    }
    const { listing, leftOut } = read;
    if (run.signal.aborted) return;
    const { entries } = listing;
    if (leftOut)
      this.log.warn(
        `[studio] history: left out ${leftOut} symbolic links in ${label} that lead outside the workspace folders (or cannot be followed)`,
      );
    const partial = partialView(listing);
    if (partial)
      this.log.info(
        `[studio] history: ${listing.omitted} older images not listed${listing.incomplete ? `, stopped after ${core.HISTORY_MAX_SCANNED} entries` : ''}`,
      );
    const card = (e: HistoryEntry) => {
      const cached = this.cache.get(e.path);
      const details = cached?.mtimeMs === e.mtimeMs ? cached.details : undefined;
      return this.images.card(e.path, e.mtimeMs, { details });
    };
    // The first time, the newest screenful alone (its cards made before the others), so it paints while the webview
    // builds the rest. Later refreshes send the whole list: the webview keeps the cards it has, and a shorter list
    // would make it jump.
    const first =
      !this.listedOnce && entries.length > FIRST_PAINT ? entries.slice(0, FIRST_PAINT).map(card) : [];
    if (first.length)
      this.sink.history({ status: 'ready', folder: label, items: first, total: entries.length, partial });
    const items = [...first, ...entries.slice(first.length).map(card)];
    this.sink.history({ status: 'ready', folder: label, items, partial });
    this.listedOnce = true;
    this.log.info(
      `[studio] history: ${items.length} images in ${label}, listed in ${Date.now() - started} ms${readEarly ? ' (read while the panel loaded)' : ''}`,
    );

    const unread = entries.filter((e) => this.cache.get(e.path)?.mtimeMs !== e.mtimeMs);
    await core.readHistoryDetails(
      unread,
      (batch) => {
        const known: { id: string; details: ImageDetails }[] = [];
        for (const { entry, provenance, produced } of batch) {
          const details = provenance
            ? detailsFromProvenance(provenance, produced, (p, got) =>
                core.compareWithRequest(
                  {
                    model: p.requestedModel ?? p.model,
                    options: p.parameters,
                    ...(p.askedShape ? { asked: p.askedShape } : {}),
                  },
                  got,
                  p.model,
                ),
              )
            : undefined;
          this.cache.set(entry.path, { mtimeMs: entry.mtimeMs, details });
          if (!provenance || !details) continue;
          // Re-run and Load settings use what the core's re-run use case reads from the same record.
          const inputs = core.recordedInputs(entry.path, provenance);
          known.push({ id: this.images.remember(entry.path, { details, inputs }), details });
        }
        if (known.length && !run.signal.aborted) this.sink.details(known);
      },
      { signal: run.signal },
    );
    this.log.debug(`[studio] history details read for ${unread.length} images in ${Date.now() - started} ms`);
  }

  /**
   * Starts reading the folder as the panel opens, so the first refresh (when the webview says it is ready, a few
   * hundred milliseconds later) finds it read: listing a folder stats every image to sort by time, 16–130 ms for 500
   * images in a busy extension host, which would otherwise come after the webview's start instead of beside it. The
   * watcher starts with it, and a file saved in between drops the early read and triggers a refresh.
   */
  prefetch(): void {
    const target = historyFolder();
    if (!target) return;
    this.prefetched = { folder: target.folder, at: Date.now(), read: this.list(target) };
  }

  /** The folder's newest images inside the workspace, or why it could not be read; never rejects. */
  private async list(target: HistoryFolder): Promise<FolderRead> {
    const core = loadCore();
    try {
      // A workspace's output folder that leads elsewhere is neither listed nor watched: its files are not ours.
      await checkOutputLocation(target);
      this.watch(target.folder);
      const listing = await core.scanHistory(target.folder);
      // A link planted in the folder may lead anywhere; the webview would show its target and we would read it.
      const inside = await core.historyEntriesInside(target.folder, listing.entries, allowedRoots());
      return { listing: { ...listing, entries: inside.entries }, leftOut: inside.leftOut };
    } catch (e) {
      return { failed: e };
    }
  }

  /**
   * Batches bursts of file events (a run saving four images) into one refresh. Also called after every Studio run:
   * file events are not guaranteed (remote file systems, watcher limits), a run's own results must still show.
   */
  refreshSoon(): void {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      void this.refresh().catch((e: unknown) =>
        this.log.error(`[studio] history refresh failed: ${String(e)}`),
      );
    }, 300);
  }

  private watch(folder: string): void {
    if (this.watched === folder) return;
    this.watcher?.dispose();
    this.watched = folder;
    this.watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(folder), '*.{png,jpg,jpeg,webp,PNG,JPG,JPEG,WEBP}'),
    );
    const changed = () => {
      this.prefetched = undefined;
      this.refreshSoon();
    };
    this.watcher.onDidCreate(changed);
    this.watcher.onDidDelete(changed);
  }

  dispose(): void {
    this.run?.abort();
    clearTimeout(this.pending);
    this.watcher?.dispose();
  }
}
