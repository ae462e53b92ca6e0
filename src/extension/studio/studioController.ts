/**
 * The Studio's effects. The state and its transitions live in the store (studioStore.ts, no vscode); this file
 * receives the webview's intents, already validated against the protocol, calls VS Code and the core, tells the store
 * what happened, and sends the store's snapshot to the webview, which only renders it. Nothing here knows about HTML.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HistoryView, HostMessage, StudioState, WebviewMessage } from '../../shared/studio/protocol';
import { configuredModel } from '../configuration';
import { loadCore } from '../coreLoader';
import { actionLabel, runAction, summarizeFailure } from '../failures';
import { SECTION, STUDIO_STATE_KEY } from '../ids';
import type { Services } from '../services';
import { StudioHistory } from './studioHistory';
import { type ImageActionHost, runImageAction } from './studioImageActions';
import { ImageRegistry } from './studioImages';
import { StudioModels } from './studioModels';
import { checkReference, filesFromDrop, pickReferenceFiles } from './studioReferences';
import { StudioRunner } from './studioRunner';
import { MAX_REFERENCES, type SavedComposer, StudioStore } from './studioStore';
import { ownText } from '../messageText';

export interface StudioContext {
  services: Services;
  workspaceState: vscode.Memento;
  /** Where painted masks are kept. */
  storageFolder: string;
}

export class StudioController implements vscode.Disposable {
  private readonly store: StudioStore;
  private readonly runner: StudioRunner;
  private lastRetry?: () => unknown;
  private readonly models: StudioModels;
  private lastEditor?: vscode.TextEditor;
  private webview?: vscode.Webview;
  private readonly images: ImageRegistry;
  private readonly history: StudioHistory;
  /** The history as last sent to the webview (for the integration tests' probe). */
  lastHistory?: HistoryView;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly actionHost: ImageActionHost;

  constructor(private readonly ctx: StudioContext) {
    const saved = ctx.workspaceState.get<SavedComposer>(STUDIO_STATE_KEY);
    this.store = new StudioStore({ draft: saved?.draft, defaultModel: configuredModel() });
    this.images = new ImageRegistry(() => this.webview);
    this.models = new StudioModels(ctx.services, () => this.push());
    this.history = new StudioHistory(
      this.images,
      {
        history: (history) => {
          this.lastHistory = history;
          this.post({ type: 'history', history });
        },
        details: (details) => this.post({ type: 'historyDetails', details }),
      },
      this.log,
    );
    this.runner = new StudioRunner(this.store, this.images, ctx.services, ctx.storageFolder, {
      push: () => this.push(),
      failure: (e, retry) => {
        this.lastRetry = retry;
        return this.showError(e, retry);
      },
      saved: () => this.history.refreshSoon(),
    });
    this.actionHost = {
      images: this.images,
      log: this.log,
      lastEditor: () => this.lastEditor,
      notice: (text) => this.notice(text),
      addReferences: (files) => this.addReferences(files),
      loadComposer: (draft) => {
        this.store.loadComposer(draft);
        this.composerChanged();
      },
      requireInputsAllowed: (references, mask) => this.runner.requireInputsAllowed(references, mask),
      execute: (request) => this.runner.execute(request),
    };
    this.history.prefetch();
    this.trackEditor(vscode.window.activeTextEditor);
    this.subscriptions.push(
      this.history,
      vscode.window.onDidChangeActiveTextEditor((e) => this.trackEditor(e)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) this.onSettingsChanged();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.history.refresh()),
    );
    if (saved?.references.length) void this.addReferences(saved.references, { quiet: true });
  }

  private get log(): vscode.LogOutputChannel {
    return this.ctx.services.log;
  }

  /** Binds (or, after the panel is revived, re-binds) the webview the state is rendered in. */
  attach(webview: vscode.Webview): void {
    this.webview = webview;
  }

  /** The one entry point for webview messages: validated here, whatever does not fit is logged and dropped. */
  async receive(raw: unknown): Promise<void> {
    const parsed = loadCore().parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.log.warn(`[studio] ignored a message from the webview: ${parsed.problem}`);
      return;
    }
    try {
      await this.handle(parsed.message);
    } catch (e) {
      this.showError(e);
    }
  }

  private async handle(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.push();
        void this.history.refresh({ readyWebview: true });
        void this.models.load(false);
        return;
      case 'draft':
        this.store.changeDraft(m.draft);
        this.composerChanged();
        return;
      case 'run':
        this.store.changeDraft(m.draft);
        this.composerChanged();
        await this.runner.runComposer(m.mask);
        return;
      case 'cancel':
        this.runner.cancel();
        return;
      case 'pickReferences':
        await this.addReferences(await pickReferenceFiles(this.history.folder?.workspaceFolder.uri));
        return;
      case 'dropReferences':
        await this.addReferences(filesFromDrop(m.uris));
        return;
      case 'removeReference':
        this.store.removeReference(m.id);
        this.composerChanged();
        return;
      case 'imageAction':
        await runImageAction(this.actionHost, m.action, m.id);
        return;
      case 'errorAction':
        await runAction(m.action, this.lastRetry);
        return;
      case 'dismissError':
        this.store.dismiss();
        this.push();
        return;
      case 'refreshModels':
        await this.models.load(true);
        return;
      case 'refreshHistory':
        await this.history.refresh();
        return;
    }
  }

  // ----------------------------------------------------------------------------------------------------------------
  // State out

  private post(message: HostMessage): void {
    // A disposed or hidden-and-released webview rejects; the next `ready` sends everything again.
    void this.webview?.postMessage(message).then(undefined, () => undefined);
  }

  /** The state as the webview is sent it. */
  snapshot(): StudioState {
    return this.store.snapshot({
      models: this.models.view,
      modelOptions: this.models.optionsFor(this.store.effectiveModel),
      estimate: this.models.estimateFor(this.store.effectiveModel, this.store.draft.options),
      linkTarget: this.lastEditor ? path.basename(this.lastEditor.document.fileName) : undefined,
    });
  }

  private push(): void {
    this.post({ type: 'state', state: this.snapshot() });
  }

  /** The composer or its references changed: kept for the next session, and shown. */
  private composerChanged(): void {
    void this.ctx.workspaceState.update(STUDIO_STATE_KEY, this.store.saved());
    this.push();
  }

  private notice(text: string): void {
    this.store.showNotice(text);
    this.push();
  }

  private trackEditor(editor: vscode.TextEditor | undefined): void {
    if (!editor || editor.document.uri.scheme === 'output') return;
    const changed = this.lastEditor?.document !== editor.document;
    this.lastEditor = editor;
    if (changed && this.webview) this.push();
  }

  private onSettingsChanged(): void {
    this.store.setDefaultModel(configuredModel());
    this.push();
    void this.history.refresh();
  }

  // ----------------------------------------------------------------------------------------------------------------
  // References

  async addReferences(files: string[], opts: { quiet?: boolean } = {}): Promise<void> {
    for (const file of files) {
      if (this.store.hasReference(file)) continue;
      if (this.store.referencesFull) {
        if (!opts.quiet)
          this.showError(
            new (loadCore().LiteLLMError)(
              'input',
              ownText(vscode.l10n.t('At most {0} references can be used.', MAX_REFERENCES)),
            ),
          );
        break;
      }
      try {
        this.store.addReference(await checkReference(file, this.images));
      } catch (e) {
        // A reference kept from the last session that has since gone is dropped without fuss.
        if (!opts.quiet) this.showError(e);
        else this.log.info(`[studio] dropped a saved reference: ${summarizeFailure(e).message}`);
      }
    }
    this.composerChanged();
  }

  /** Shows a failure in the panel with the same words and actions a command's notification would have. */
  private showError(e: unknown, retry?: () => unknown): ReturnType<typeof summarizeFailure> {
    const summary = summarizeFailure(e);
    if (summary.kind === 'cancelled') {
      this.log.info('[studio] cancelled');
      this.store.showNotice(vscode.l10n.t('Cancelled. Nothing was saved from the cancelled request.'));
    } else {
      this.log.error(`[studio] ${summary.kind}: ${summary.message}`);
      this.store.showError({
        kind: summary.kind,
        message: summary.message,
        actions: summary.actions
          .filter((a) => a !== 'retry' || retry)
          .map((action) => ({ action, label: actionLabel(action) })),
      });
      if (retry) this.lastRetry = retry;
    }
    this.push();
    return summary;
  }

  dispose(): void {
    // A running job is left to finish: its images are saved and appear in the history next time.
    for (const d of this.subscriptions) d.dispose();
    this.webview = undefined;
  }
}
