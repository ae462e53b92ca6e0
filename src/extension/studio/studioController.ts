/**
 * The Studio's state and behaviour. The host owns the state (composer, references, the running job, results, the
 * error) and sends it whole to the webview, which only renders it and sends back intents; every intent arrives here
 * already validated against the protocol. Nothing in this file knows about HTML.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type {
  ComposerDraft,
  HistoryView,
  HostMessage,
  ImageAction,
  MaskUpload,
  StudioState,
  WebviewMessage,
} from '../../shared/studio/protocol';
import { requireAllowedPath } from '../allowedPaths';
import { configuredModel } from '../configuration';
import { loadCore } from '../coreLoader';
import { actionLabel, runAction, summarizeFailure } from '../failures';
import { STUDIO_STATE_KEY } from '../ids';
import type { JobPresenter } from '../imageJob';
import { describeProgress } from '../progress';
import type { Services } from '../services';
import { StudioHistory } from './studioHistory';
import { insertLinkInto } from './studioLinks';
import { StudioModels } from './studioModels';
import {
  checkReference,
  filesFromDrop,
  MAX_REFERENCES,
  pickReferenceFiles,
  type Reference,
} from './studioReferences';
import { ImageRegistry, KnownImage } from './studioImages';
import { storeMask } from './studioMask';
import { runStudioJob, StudioRun } from './studioRun';

/** What is kept across reloads (workspaceState): the composer and the reference files. */
interface SavedComposer {
  draft: ComposerDraft;
  references: string[];
}

const MAX_RESULTS = 60;
const EMPTY_DRAFT: ComposerDraft = { prompt: '', model: '', options: {} };

export interface StudioContext {
  services: Services;
  workspaceState: vscode.Memento;
  /** Where painted masks are kept. */
  storageFolder: string;
}

export class StudioController implements vscode.Disposable {
  private readonly state: StudioState;
  private references: Reference[] = [];
  private job?: { abort: AbortController; started: number };
  private lastRetry?: () => unknown;
  private readonly models: StudioModels;
  private lastEditor?: vscode.TextEditor;
  private webview?: vscode.Webview;
  private readonly images: ImageRegistry;
  private readonly history: StudioHistory;
  /** The history as last sent to the webview (for the integration tests' probe). */
  lastHistory?: HistoryView;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly ctx: StudioContext) {
    const saved = ctx.workspaceState.get<SavedComposer>(STUDIO_STATE_KEY);
    const draft = saved?.draft ?? EMPTY_DRAFT;
    this.state = {
      composerRevision: 1,
      draft,
      defaultModel: configuredModel(),
      models: { status: 'loading', items: [] },
      references: [],
      results: [],
    };
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
    this.trackEditor(vscode.window.activeTextEditor);
    this.subscriptions.push(
      this.history,
      vscode.window.onDidChangeActiveTextEditor((e) => this.trackEditor(e)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('litellm')) this.onSettingsChanged();
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
        void this.history.refresh();
        void this.models.load(false);
        return;
      case 'draft':
        this.setDraft(m.draft);
        return;
      case 'run':
        this.setDraft(m.draft);
        await this.startRun(m.mask);
        return;
      case 'cancel':
        this.job?.abort.abort();
        return;
      case 'pickReferences':
        await this.addReferences(await pickReferenceFiles(this.history.folder?.workspaceFolder.uri));
        return;
      case 'dropReferences':
        await this.addReferences(filesFromDrop(m.uris));
        return;
      case 'removeReference':
        this.references = this.references.filter((r) => r.view.id !== m.id);
        this.saveComposer();
        this.push();
        return;
      case 'imageAction':
        await this.imageAction(m.action, m.id);
        return;
      case 'errorAction':
        await runAction(m.action, this.lastRetry);
        return;
      case 'dismissError':
        this.state.error = undefined;
        this.state.notice = undefined;
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
    this.state.references = this.references.map((r) => r.view);
    this.state.models = this.models.view;
    this.state.modelOptions = this.models.optionsFor(
      this.state.draft.model.trim() || this.state.defaultModel,
    );
    this.state.linkTarget = this.lastEditor ? path.basename(this.lastEditor.document.fileName) : undefined;
    return { ...this.state, job: this.jobView() };
  }

  private push(): void {
    this.post({ type: 'state', state: this.snapshot() });
  }

  private jobView(): StudioState['job'] {
    return this.job && this.runningView
      ? { ...this.runningView, elapsedMs: Date.now() - this.job.started }
      : undefined;
  }

  private runningView?: Omit<NonNullable<StudioState['job']>, 'elapsedMs'>;

  private setDraft(draft: ComposerDraft): void {
    this.state.draft = draft;
    this.saveComposer();
    this.push();
  }

  private saveComposer(): void {
    const saved: SavedComposer = { draft: this.state.draft, references: this.references.map((r) => r.path) };
    void this.ctx.workspaceState.update(STUDIO_STATE_KEY, saved);
  }

  private replaceComposer(draft: ComposerDraft): void {
    this.state.composerRevision++;
    this.setDraft(draft);
  }

  private trackEditor(editor: vscode.TextEditor | undefined): void {
    if (!editor || editor.document.uri.scheme === 'output') return;
    const changed = this.lastEditor?.document !== editor.document;
    this.lastEditor = editor;
    if (changed && this.webview) this.push();
  }

  private onSettingsChanged(): void {
    this.state.defaultModel = configuredModel();
    this.push();
    void this.history.refresh();
  }

  // ----------------------------------------------------------------------------------------------------------------
  // References

  async addReferences(files: string[], opts: { quiet?: boolean } = {}): Promise<void> {
    for (const file of files) {
      if (this.references.some((r) => r.path === file)) continue;
      if (this.references.length >= MAX_REFERENCES) {
        if (!opts.quiet)
          this.showError(
            new (loadCore().LiteLLMError)(
              'input',
              vscode.l10n.t('At most {0} references can be used.', MAX_REFERENCES),
            ),
          );
        break;
      }
      try {
        this.references.push(await checkReference(file, this.images));
      } catch (e) {
        // A reference kept from the last session that has since gone is dropped without fuss.
        if (!opts.quiet) this.showError(e);
        else this.log.info(`[studio] dropped a saved reference: ${summarizeFailure(e).message}`);
      }
    }
    this.saveComposer();
    this.push();
  }

  // ----------------------------------------------------------------------------------------------------------------
  // Running

  private async startRun(upload?: MaskUpload): Promise<void> {
    if (this.job) {
      this.log.warn('[studio] a run is already in progress; ignored another');
      return;
    }
    const core = loadCore();
    const draft = this.state.draft;
    const prompt = draft.prompt.trim();
    if (!prompt) {
      const what = this.references.length
        ? vscode.l10n.t('The prompt is empty: say what to change.')
        : vscode.l10n.t('The prompt is empty: describe the image first.');
      throw new core.LiteLLMError('input', what);
    }
    let mask: string | undefined;
    if (upload) {
      const first = this.references[0];
      if (!first || first.view.id !== upload.referenceId)
        throw new core.LiteLLMError(
          'input',
          vscode.l10n.t(
            'The mask was painted on an image that is no longer the first reference. Paint it again.',
          ),
        );
      mask = await storeMask(
        upload,
        { name: first.view.name, width: first.view.width, height: first.view.height },
        this.ctx.storageFolder,
      );
    }
    await this.execute({
      prompt,
      model: draft.model.trim() || undefined,
      options: core.definedOptions(draft.options),
      references: this.references.map((r) => r.path),
      mask,
    });
  }

  /**
   * Every file a run would upload passes the path rule right before it starts, wherever it came from (references
   * added earlier may have been swapped for links since; provenance may name anything). Painted masks live in the
   * extension's storage, so that folder is allowed for masks.
   */
  private async requireInputsAllowed(references: readonly string[], mask: string | undefined): Promise<void> {
    for (const r of references) await requireAllowedPath(r);
    if (mask) await requireAllowedPath(mask, { extraRoots: [path.join(this.ctx.storageFolder, 'masks')] });
  }

  private async execute(request: Omit<StudioRun, 'signal'>): Promise<void> {
    if (this.job) return;
    await this.requireInputsAllowed(request.references, request.mask);
    if (this.job) return;
    const abort = new AbortController();
    this.job = { abort, started: Date.now() };
    this.runningView = {
      operation: request.references.length ? 'edit' : 'generate',
      detail: vscode.l10n.t('Connecting…'),
      count: request.options.n ?? 1,
    };
    this.state.error = undefined;
    this.state.notice = undefined;
    this.push();
    const retry = () => this.execute(request);
    try {
      const result = await runStudioJob(
        this.ctx.services,
        { ...request, signal: abort.signal },
        this.presenter(request),
        retry,
      );
      if (result.warnings.length) this.state.notice = result.warnings.join(' ');
      if (result.files.length) this.history.refreshSoon();
    } finally {
      this.job = undefined;
      this.runningView = undefined;
      this.push();
    }
  }

  private presenter(request: Omit<StudioRun, 'signal'>): JobPresenter {
    return {
      progress: (_title, signal, work) =>
        work({
          signal,
          onProgress: (e) => {
            if (this.runningView) this.runningView.detail = describeProgress(e);
            this.push();
          },
        }),
      failure: (e, retry) => {
        this.lastRetry = retry;
        return this.showError(e, retry);
      },
      saved: (file, result) => {
        const details = {
          operation: request.references.length ? ('edit' as const) : ('generate' as const),
          prompt: request.prompt,
          model: result.model,
          requestedModel: result.requestedModel,
          usedFallback: result.usedFallback,
          size:
            file.image.width && file.image.height
              ? `${file.image.width}x${file.image.height}`
              : result.options.size,
          cost: result.meta.cost,
          revisedPrompt: file.image.revisedPrompt,
          options: result.options,
        };
        const inputs = request.references.length
          ? { references: request.references, mask: request.mask }
          : undefined;
        const card = this.images.card(file.path, Date.now(), { details, inputs });
        this.state.results = [card, ...this.state.results.filter((c) => c.id !== card.id)].slice(
          0,
          MAX_RESULTS,
        );
        this.push();
      },
    };
  }

  /** Shows a failure in the panel with the same words and actions a command's notification would have. */
  private showError(e: unknown, retry?: () => unknown): ReturnType<typeof summarizeFailure> {
    const summary = summarizeFailure(e);
    if (summary.kind === 'cancelled') {
      this.log.info('[studio] cancelled');
      this.state.notice = vscode.l10n.t('Cancelled. Nothing was saved from the cancelled request.');
    } else {
      this.log.error(`[studio] ${summary.kind}: ${summary.message}`);
      this.state.error = {
        kind: summary.kind,
        message: summary.message,
        actions: summary.actions
          .filter((a) => a !== 'retry' || retry)
          .map((action) => ({ action, label: actionLabel(action) })),
      };
      if (retry) this.lastRetry = retry;
    }
    this.push();
    return summary;
  }

  // ----------------------------------------------------------------------------------------------------------------
  // Actions on result and history images

  private async imageAction(action: ImageAction, id: string): Promise<void> {
    const image = this.images.get(id);
    if (!image) {
      this.log.warn(`[studio] ${action}: no image with id ${id}`);
      return;
    }
    const uri = vscode.Uri.file(image.path);
    switch (action) {
      case 'open':
        await vscode.commands.executeCommand('vscode.open', uri, { viewColumn: vscode.ViewColumn.Beside });
        return;
      case 'reveal':
        await vscode.commands.executeCommand('revealInExplorer', uri);
        return;
      case 'copyPath':
        await vscode.env.clipboard.writeText(image.path);
        this.notice(vscode.l10n.t('Copied {0}', image.path));
        return;
      case 'insertLink':
        this.notice(await insertLinkInto(this.lastEditor, image.path, image.details?.prompt));
        return;
      case 'useAsReference':
        await this.addReferences([image.path]);
        return;
      case 'loadSettings':
        this.loadSettings(image);
        return;
      case 'rerun':
        await this.rerun(image);
        return;
    }
  }

  private notice(text: string): void {
    this.state.notice = text;
    this.push();
  }

  private requireDetails(image: KnownImage): NonNullable<KnownImage['details']> {
    if (image.details) return image.details;
    throw new (loadCore().LiteLLMError)(
      'input',
      vscode.l10n.t(
        '{0} has no recorded settings (it was not made by this extension).',
        path.basename(image.path),
      ),
    );
  }

  private loadSettings(image: KnownImage): void {
    const d = this.requireDetails(image);
    this.references = [];
    this.replaceComposer({ prompt: d.prompt, model: d.requestedModel ?? d.model, options: d.options });
    if (image.inputs) {
      void this.addReferences(image.inputs.references);
      if (image.inputs.mask)
        this.notice(vscode.l10n.t('The original mask is not loaded: paint it again if needed.'));
    }
  }

  private async rerun(image: KnownImage): Promise<void> {
    const d = this.requireDetails(image);
    const core = loadCore();
    const references = image.inputs?.references ?? [];
    // Provenance is a file in the workspace, so a repository can write what it likes there.
    await this.requireInputsAllowed(references, image.inputs?.mask);
    for (const r of references) await core.checkInputImage(r, 'reference');
    if (image.inputs?.mask) await core.checkInputImage(image.inputs.mask, 'mask');
    await this.execute({
      prompt: d.prompt,
      model: d.requestedModel ?? d.model,
      options: d.options,
      references,
      mask: image.inputs?.mask,
    });
  }

  dispose(): void {
    // A running job is left to finish: its images are saved and appear in the history next time.
    for (const d of this.subscriptions) d.dispose();
    this.webview = undefined;
  }
}
