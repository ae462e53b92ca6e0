/**
 * One image call from a command, start to finish: progress, the core call, saving every received image (before any
 * error is shown, so nothing received is lost), opening them, inserting links, the cost, and the failure message.
 * Generate and Edit differ only in their plan (the core's use case: what is sent, how it is saved) and location.
 */
import * as vscode from 'vscode';
import type { CallControl, ImageResult } from '../core/client';
import type { SavedResultImage } from '../core/saveResult';
import type { ImagePlan } from '../core/useCases/imagePlans';
import { readOutputSettings } from './configuration';
import { FailureSummary, reportFailure, summarizeFailure } from './failures';
import { InsertionPoint, insertImageLinks, openImages } from './imageDelivery';
import type { InsertLinkSetting } from './linkText';
import { checkOutputLocation, type OutputLocation } from './outputLocation';
import { withImageProgress } from './progress';
import type { Services } from './services';
import { messageText, ownText } from './messageText';
import { plainNotificationText } from './notificationText';

export type ImageCommandStatus = 'done' | 'partial' | 'failed' | 'cancelled' | 'dismissed';

/** What every image command returns (to keybindings, other extensions and tests). */
export interface ImageCommandResult {
  status: ImageCommandStatus;
  files: string[];
  /** Each file's real pixel size and format, from its bytes (same order as `files`). */
  images?: { width?: number; height?: number; mimeType: string }[];
  model?: string;
  usedFallback?: boolean;
  cost?: number;
  callId?: string;
  inserted?: string;
  warnings: string[];
  /** How the images differ from the request (size, format, the model that answered), each difference once. */
  notAsRequested?: string[];
  error?: FailureSummary;
}

/**
 * Where a job's progress and failure are shown: notifications for the commands, the panel for the Image Studio. Both
 * get the same failure summary (message and actions), so the Studio says exactly what a command would.
 */
export interface JobPresenter {
  progress<T>(
    title: string,
    signal: AbortSignal | undefined,
    work: (ctl: CallControl) => Promise<T>,
  ): PromiseLike<T>;
  failure(e: unknown, retry?: () => unknown): FailureSummary;
  /** Each image as soon as it is on disk. */
  saved?(file: SavedResultImage, result: ImageResult): void;
  /** The saved images are not what was asked for: `text` says how (the Studio's cards say it themselves). */
  notAsRequested?(text: string): void;
}

export function notificationPresenter(s: Services): JobPresenter {
  return {
    progress: (title, signal, work) => withImageProgress({ title, signal }, work),
    failure: (e, retry) => reportFailure(e, s.log, retry),
    notAsRequested: (text) => void vscode.window.showWarningMessage(plainNotificationText(text)),
  };
}

export interface ImageJob {
  title: string;
  /** From the core's planGenerate/planEdit; its results are saved into `plan.save.folder`. */
  plan: ImagePlan;
  /** The plan's folder, with the workspace folder whose settings apply and whether writes must stay inside it. */
  location: OutputLocation;
  insertion?: InsertionPoint;
  insertLink?: boolean | InsertLinkSetting;
  open?: boolean;
  signal?: AbortSignal;
  /** Runs the same job again (the Retry button). */
  retry: () => unknown;
  /** Notifications unless given. */
  presenter?: JobPresenter;
}

export function dismissed(): ImageCommandResult {
  return { status: 'dismissed', files: [], warnings: [] };
}

/** For callers that show the outcome themselves: the call runs and failures are logged, but nothing pops up. */
export function quietPresenter(s: Services): JobPresenter {
  return {
    progress: (_title, signal, work) => work({ signal }),
    failure: (e) => {
      const summary = summarizeFailure(e);
      s.log.warn(`[failure] ${summary.kind}: ${summary.message}`);
      return summary;
    },
  };
}

/** Whether a command's argument object asks for no notifications (read before parsing, so a bad one is quiet too). */
export function wantsQuiet(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && (raw as { quiet?: unknown }).quiet === true;
}

export function failed(s: Services, e: unknown, retry?: () => unknown, quiet = false): ImageCommandResult {
  const error = quiet ? quietPresenter(s).failure(e) : reportFailure(e, s.log, retry);
  return { status: error.kind === 'cancelled' ? 'cancelled' : 'failed', files: [], warnings: [], error };
}

export async function runImageJob(s: Services, job: ImageJob): Promise<ImageCommandResult> {
  const started = Date.now();
  const scope = job.location.workspaceFolder?.uri;
  const output = readOutputSettings(scope);
  const presenter = job.presenter ?? notificationPresenter(s);
  try {
    return await s.clients.use(scope, async (session) => {
      const result = await presenter.progress(job.title, job.signal, async (ctl) => {
        const received = await job.plan.call(session.client, ctl);
        // Again right before saving, on the folder the plan writes into: a call takes minutes, long enough to swap
        // the folder for a link.
        await checkOutputLocation({ ...job.location, folder: job.plan.save.folder });
        return received;
      });
      const outcome = await session.core.saveImageResult(result, {
        ...job.plan.save,
        naming: output.fileNames,
        onSaved: presenter.saved && ((file) => presenter.saved!(file, result)),
      });
      const files = outcome.saved.map((f) => f.path);
      const saveWarnings = outcome.saved.flatMap((f) => (f.warning ? [messageText(f.warning)] : []));
      const differences = session.core
        .callDifferences(outcome.saved.map((f) => f.notAsRequested))
        .map(messageText);
      // The core's warnings (e.g. surplus images dropped) come first, then the saving ones.
      const warnings = [...result.warnings.map(messageText), ...differences, ...saveWarnings];
      s.log.info(
        `[images] saved ${files.length}/${result.images.length} from ${result.model} call=${result.meta.callId ?? '-'} in ${Date.now() - started} ms`,
      );
      // The core has logged its own warnings already (with the call id); these are the saving ones.
      for (const w of saveWarnings) s.log.warn(`[images] ${w}`);
      for (const d of differences) s.log.warn(`[images] not as requested: ${d}`);
      if (differences.length) presenter.notAsRequested?.(savedText(files.length, differences));
      s.costBar.update(costUpdate(result, files.length));
      void refreshKeySpend(s, scope, result, files.length);

      // The files are saved: a failure to open them or insert links is a warning, never a lost result.
      const softly = async <T>(
        what: string,
        step: () => Thenable<T> | Promise<T>,
      ): Promise<T | undefined> => {
        try {
          return await step();
        } catch (e) {
          const message = `${what}: ${e instanceof Error ? e.message : String(e)}`;
          warnings.push(message);
          s.log.warn(`[images] ${message}`);
          return undefined;
        }
      };
      if (job.open ?? output.openAfterSave)
        await softly(vscode.l10n.t('Could not open the images'), () => openImages(files));
      const linkSetting =
        job.insertLink === true ? undefined : job.insertLink === false ? 'never' : job.insertLink;
      const insertion = job.insertion;
      const inserted = insertion
        ? await softly(vscode.l10n.t('Could not insert the links'), () =>
            insertImageLinks(
              insertion,
              files,
              job.plan.save.prompt,
              // The document as scope, so a language-specific value ("[markdown]": {…}) applies.
              linkSetting ?? readOutputSettings(insertion.document).insertLink,
            ),
          )
        : undefined;

      const problem = outcome.error ?? result.incomplete;
      const base = {
        files,
        images: outcome.saved.map(({ image: { width, height, mimeType } }) => ({ width, height, mimeType })),
        model: result.model,
        usedFallback: result.usedFallback,
        cost: result.meta.cost,
        callId: result.meta.callId,
        inserted,
        warnings,
        ...(differences.length ? { notAsRequested: differences } : {}),
      };
      if (!problem) {
        if (result.usedFallback)
          vscode.window.setStatusBarMessage(
            vscode.l10n.t(
              '$(info) {0} was unavailable; the image came from {1}',
              result.requestedModel,
              result.model,
            ),
            8000,
          );
        return { status: 'done', ...base };
      }
      // Everything received is on disk by now; the message says so, then what went wrong.
      const shown = files.length
        ? new session.core.LiteLLMError(
            problem.kind,
            ownText(
              vscode.l10n.t('Saved {0} image(s), then: {1}', files.length, messageText(problem.reported)),
            ),
            {
              actions: problem.actions,
              attempts: problem.attempts,
              callId: problem.callId,
              status: problem.status,
            },
          )
        : problem;
      const error = presenter.failure(shown, job.retry);
      return { status: files.length ? 'partial' : 'failed', ...base, error };
    });
  } catch (e) {
    const error = presenter.failure(e, job.retry);
    return { status: error.kind === 'cancelled' ? 'cancelled' : 'failed', files: [], warnings: [], error };
  }
}

/** Key spend and budget for the status bar; best effort, never delays or fails the command. */
async function refreshKeySpend(
  s: Services,
  scope: vscode.Uri | undefined,
  result: ImageResult,
  images: number,
): Promise<void> {
  try {
    const keyInfo = await s.clients.use(scope, async (session) => {
      if (s.clients.withoutKeyInfo.has(session.origin)) return undefined;
      const answer = await session.client.keyInfo({ signal: AbortSignal.timeout(10_000) });
      if (answer.missing === 'unsupported') {
        s.clients.withoutKeyInfo.add(session.origin);
        s.log.debug(`[status] ${session.origin} has no key details (no database?); not asked again`);
      }
      return answer.info;
    });
    if (keyInfo) s.costBar.update({ ...costUpdate(result, images), keyInfo });
  } catch (e) {
    s.log.debug(`[status] key info unavailable: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The call's cost as the proxy reported it: the sum of the images' shares, with those it said nothing about. */
function costUpdate(result: ImageResult, images: number) {
  return {
    cost: result.meta.cost,
    imagesWithoutCost: result.meta.imagesWithoutCost,
    model: result.model,
    images,
  };
}

/** "Saved 1 image: asked for 1536×1024, got 1024×1024". */
function savedText(count: number, differences: string[]): string {
  const how = differences.join(' · ');
  return count === 1
    ? vscode.l10n.t('Saved 1 image: {0}', how)
    : vscode.l10n.t('Saved {0} images: {1}', count, how);
}
