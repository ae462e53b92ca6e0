/**
 * How a Studio run shows itself: progress and saved images go into the store (the panel), failures to the
 * controller, which shows them with the same words and actions a command's notification would have.
 */
import type { JobPresenter } from '../imageJob';
import type { FailureSummary } from '../failures';
import { describeProgress } from '../progress';
import { costDetails, differenceText, type ImageRegistry } from './studioImages';
import type { StudioRun } from './studioRun';
import type { StudioStore } from './studioStore';

export type StudioRequest = Omit<StudioRun, 'signal'>;

export interface PresenterHooks {
  /** Sends the store's state to the webview. */
  push(): void;
  failure(e: unknown, retry?: () => unknown): FailureSummary;
}

export function studioPresenter(
  store: StudioStore,
  images: ImageRegistry,
  request: StudioRequest,
  hooks: PresenterHooks,
): JobPresenter {
  return {
    progress: (_title, signal, work) =>
      work({
        signal,
        onProgress: (e) => {
          store.progress(describeProgress(e));
          hooks.push();
        },
      }),
    failure: (e, retry) => hooks.failure(e, retry),
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
        // This image's share, so the cards of a call add up to the status bar's "last call".
        ...costDetails(file.image.cost ?? (result.images.length === 1 ? result.meta.cost : undefined)),
        ...differenceText(file.notAsRequested),
        revisedPrompt: file.image.revisedPrompt,
        options: result.options,
      };
      const inputs = request.references.length
        ? { references: request.references, mask: request.mask }
        : undefined;
      store.addResult(images.card(file.path, Date.now(), { details, inputs }));
      hooks.push();
    },
  };
}
