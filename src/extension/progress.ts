/**
 * A cancellable progress notification for one image call: which model is being tried (and which attempt), with the
 * elapsed time ticking, because image models can take minutes and a silent spinner looks like a hang.
 */
import * as vscode from 'vscode';
import type { CallControl, ProgressEvent } from '../core/client';

export interface ProgressOptions {
  title: string;
  /** An external signal (e.g. from another extension calling the command) that also cancels. */
  signal?: AbortSignal;
}

/** What a progress event means for the user: the model being tried, and which attempt or request. */
export function describeProgress(e: ProgressEvent | undefined): string {
  if (!e) return vscode.l10n.t('Connecting…');
  switch (e.type) {
    case 'attempt':
      return e.total > 1 ? vscode.l10n.t('{0} (model {1} of {2})', e.model, e.index + 1, e.total) : e.model;
    case 'request':
      return e.batches > 1 ? vscode.l10n.t('{0} (request {1} of {2})', e.model, e.batch, e.batches) : e.model;
    case 'failed':
      return vscode.l10n.t('{0} failed, trying the next model…', e.model);
  }
}

export function withImageProgress<T>(
  opts: ProgressOptions,
  work: (ctl: CallControl) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: opts.title, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      const external = opts.signal;
      const onExternal = () => controller.abort();
      external?.addEventListener('abort', onExternal, { once: true });
      if (external?.aborted) controller.abort();
      const started = Date.now();
      let last: ProgressEvent | undefined;
      const show = () => {
        const seconds = Math.round((Date.now() - started) / 1000);
        progress.report({ message: `${describeProgress(last)} · ${vscode.l10n.t('{0} s', seconds)}` });
      };
      show();
      const ticker = setInterval(show, 1000);
      try {
        return await work({
          signal: controller.signal,
          onProgress: (e) => {
            last = e;
            show();
          },
        });
      } finally {
        clearInterval(ticker);
        cancel.dispose();
        external?.removeEventListener('abort', onExternal);
      }
    },
  );
}
