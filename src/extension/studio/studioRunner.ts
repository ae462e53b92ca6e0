/**
 * Starting Studio runs: from the composer (prompt, references, a painted mask) or from an image's provenance (via
 * studioImageActions.ts). One run at a time (the store refuses a second); every input passes the path rule right
 * before the run starts; the run itself goes through runStudioJob like the commands' jobs do.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MaskUpload } from '../../shared/studio/protocol';
import { requireAllowedPath } from '../allowedPaths';
import { loadCore } from '../coreLoader';
import type { FailureSummary } from '../failures';
import type { Services } from '../services';
import type { ImageRegistry } from './studioImages';
import { expectedShape } from './expectedShape';
import { storeMask } from './studioMask';
import { type StudioRequest, studioPresenter } from './studioPresenter';
import { runStudioJob } from './studioRun';
import type { StudioStore } from './studioStore';
import { ownText } from '../messageText';

export interface RunnerHooks {
  push(): void;
  /** A run failed (or was cancelled); `retry` runs the same request again. */
  failure(e: unknown, retry?: () => unknown): FailureSummary;
  /** A run saved files: the history should show them. */
  saved(): void;
}

export class StudioRunner {
  /** Aborts the running job; set exactly while the store has a job. */
  private abort?: AbortController;

  constructor(
    private readonly store: StudioStore,
    private readonly images: ImageRegistry,
    private readonly services: Services,
    /** Where painted masks are kept. */
    private readonly storageFolder: string,
    private readonly hooks: RunnerHooks,
  ) {}

  cancel(): void {
    this.abort?.abort();
  }

  /** Runs what the composer holds. */
  async runComposer(upload?: MaskUpload): Promise<void> {
    if (this.store.running) {
      this.services.log.warn('[studio] a run is already in progress; ignored another');
      return;
    }
    const core = loadCore();
    const draft = this.store.draft;
    const prompt = draft.prompt.trim();
    const references = this.store.references;
    if (!prompt) {
      const what = references.length
        ? vscode.l10n.t('The prompt is empty: say what to change.')
        : vscode.l10n.t('The prompt is empty: describe the image first.');
      throw new core.LiteLLMError('input', ownText(what));
    }
    let mask: string | undefined;
    if (upload) {
      const first = this.store.firstReference;
      if (!first || first.view.id !== upload.referenceId)
        throw new core.LiteLLMError(
          'input',
          ownText(
            vscode.l10n.t(
              'The mask was painted on an image that is no longer the first reference. Paint it again.',
            ),
          ),
        );
      mask = await storeMask(
        upload,
        { name: first.view.name, width: first.view.width, height: first.view.height },
        this.storageFolder,
      );
    }
    await this.execute({
      prompt,
      model: draft.model.trim() || undefined,
      options: core.definedOptions(draft.options),
      references: references.map((r) => r.path),
      mask,
    });
  }

  /**
   * Every file a run would upload passes the path rule right before it starts, wherever it came from (references
   * added earlier may have been swapped for links since; provenance may name anything). Painted masks live in the
   * extension's storage, so that folder is allowed for masks.
   */
  async requireInputsAllowed(references: readonly string[], mask: string | undefined): Promise<void> {
    for (const r of references) await requireAllowedPath(r);
    if (mask) await requireAllowedPath(mask, { extraRoots: [path.join(this.storageFolder, 'masks')] });
  }

  async execute(request: StudioRequest): Promise<void> {
    if (this.store.running) return;
    await this.requireInputsAllowed(request.references, request.mask);
    const started = this.store.startRun({
      operation: request.references.length ? 'edit' : 'generate',
      detail: vscode.l10n.t('Connecting…'),
      count: request.options.n ?? 1,
      ...expectedShape(request.options, request.references, this.store.references),
    });
    if (!started) return;
    const abort = new AbortController();
    this.abort = abort;
    this.hooks.push();
    const retry = () => this.execute(request);
    const presenter = studioPresenter(this.store, this.images, request, this.hooks);
    try {
      const run = { ...request, signal: abort.signal };
      const result = await runStudioJob(this.services, run, presenter, retry);
      // A difference from the request is on its card already, with the image it is about.
      const notes = result.warnings.filter((w) => !result.notAsRequested?.includes(w));
      if (notes.length) this.store.showNotice(notes.join(' '));
      if (result.files.length) this.hooks.saved();
    } finally {
      this.abort = undefined;
      this.store.finishRun();
      this.hooks.push();
    }
  }
}
