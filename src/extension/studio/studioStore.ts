/**
 * The Studio's state and its transitions, with no effects: no `vscode`, no disk, no network, no timers. The controller
 * (studioController.ts) does the effects and tells the store what happened; the store decides what the panel shows.
 * It imports only the shared protocol's types (the architecture test holds it to that), so it is tested in plain Node.
 */
import type {
  ComposerDraft,
  ErrorView,
  ImageCard,
  JobView,
  ModelOptionsView,
  ModelsView,
  ReferenceView,
  StudioState,
} from '../../shared/studio/protocol';

/** A reference image: the file a run uploads, and what the panel shows of it. */
export interface Reference {
  path: string;
  view: ReferenceView;
}

/** What is kept across reloads (workspaceState): the composer and the reference files. */
export interface SavedComposer {
  draft: ComposerDraft;
  references: string[];
}

/** What a running job shows (the elapsed time is added when the snapshot is taken). */
export type RunningView = Omit<JobView, 'elapsedMs'>;

/** What the store does not own but the snapshot carries: the models, from StudioModels; the editor, from VS Code. */
export interface SnapshotExtras {
  models: ModelsView;
  modelOptions?: ModelOptionsView;
  /** What the composer's request would cost, estimated from the proxy's published prices. */
  estimate?: string;
  linkTarget?: string;
}

export const MAX_RESULTS = 60;
export const MAX_REFERENCES = 16;
export const EMPTY_DRAFT: ComposerDraft = { prompt: '', model: '', options: {} };

export type AddReference = 'added' | 'duplicate' | 'full';

export class StudioStore {
  private draftValue: ComposerDraft;
  private revision = 1;
  private defaultModelValue: string;
  private refs: Reference[] = [];
  private results: ImageCard[] = [];
  private job?: { started: number; view: RunningView };
  private error?: ErrorView;
  private notice?: string;

  /** `now` is the clock the job's elapsed time is read from (injected so tests need no timers). */
  constructor(
    seed: { draft?: ComposerDraft; defaultModel: string },
    private readonly now: () => number = Date.now,
  ) {
    this.draftValue = seed.draft ?? EMPTY_DRAFT;
    this.defaultModelValue = seed.defaultModel;
  }

  get draft(): ComposerDraft {
    return this.draftValue;
  }

  get references(): readonly Reference[] {
    return this.refs;
  }

  get running(): boolean {
    return this.job !== undefined;
  }

  /** The model a run would use: the composer's, or the configured default when the composer leaves it empty. */
  get effectiveModel(): string {
    return this.draftValue.model.trim() || this.defaultModelValue;
  }

  /** What to keep across reloads. */
  saved(): SavedComposer {
    return { draft: this.draftValue, references: this.refs.map((r) => r.path) };
  }

  // Composer

  /** The user typed: the webview already shows this draft, so the revision stays (its inputs are not reset). */
  changeDraft(draft: ComposerDraft): void {
    this.draftValue = draft;
  }

  /**
   * "Load settings" of an image: the composer is replaced, so the revision moves on (the webview then takes the
   * draft instead of keeping what is typed), and the references go (the image's own are added again afterwards).
   */
  loadComposer(draft: ComposerDraft): void {
    this.refs = [];
    this.revision++;
    this.draftValue = draft;
  }

  setDefaultModel(model: string): void {
    this.defaultModelValue = model;
  }

  // References

  hasReference(file: string): boolean {
    return this.refs.some((r) => r.path === file);
  }

  get referencesFull(): boolean {
    return this.refs.length >= MAX_REFERENCES;
  }

  /** Adds a checked reference, unless the same file is there already or the list is full. */
  addReference(ref: Reference): AddReference {
    if (this.hasReference(ref.path)) return 'duplicate';
    if (this.referencesFull) return 'full';
    this.refs = [...this.refs, ref];
    return 'added';
  }

  removeReference(id: string): void {
    this.refs = this.refs.filter((r) => r.view.id !== id);
  }

  /** The reference a painted mask belongs to. */
  get firstReference(): Reference | undefined {
    return this.refs[0];
  }

  // Runs

  /** Starts a run unless one is running (then false: one run at a time). A new run clears the last error and notice. */
  startRun(view: RunningView): boolean {
    if (this.job) return false;
    this.job = { started: this.now(), view: { ...view } };
    this.error = undefined;
    this.notice = undefined;
    return true;
  }

  /** Progress of the running job; ignored when none runs (a late event after the job ended). */
  progress(detail: string): void {
    if (this.job) this.job.view = { ...this.job.view, detail };
  }

  /** A file of the run was saved: its card goes first, once, and the list keeps the newest MAX_RESULTS. */
  addResult(card: ImageCard): void {
    this.results = [card, ...this.results.filter((c) => c.id !== card.id)].slice(0, MAX_RESULTS);
  }

  /** The run ended (done, failed or cancelled): the panel stops showing a job; results, error and notice stay. */
  finishRun(): void {
    this.job = undefined;
  }

  // Messages

  showError(error: ErrorView): void {
    this.error = error;
  }

  /** A notice (copied, cancelled, the run's warnings). It does not hide an error shown beside it. */
  showNotice(text: string): void {
    this.notice = text;
  }

  /** The user closed the message bar: error and notice go together. */
  dismiss(): void {
    this.error = undefined;
    this.notice = undefined;
  }

  /** The state as the webview is sent it: a copy, so later transitions do not change what was sent. */
  snapshot(extras: SnapshotExtras): StudioState {
    return {
      composerRevision: this.revision,
      draft: this.draftValue,
      defaultModel: this.defaultModelValue,
      models: extras.models,
      modelOptions: extras.modelOptions,
      ...(extras.estimate ? { estimate: extras.estimate } : {}),
      references: this.refs.map((r) => r.view),
      job: this.job && { ...this.job.view, elapsedMs: this.now() - this.job.started },
      results: [...this.results],
      error: this.error,
      notice: this.notice,
      linkTarget: extras.linkTarget,
    };
  }
}
