/**
 * How a failure reaches the user: one notification in plain words, which models were tried, and the likely next
 * steps as buttons. The notification is not awaited: commands return as soon as it is shown.
 */
import * as vscode from 'vscode';
import type { LiteLLMError, SuggestedAction } from '../core/errors';
import { Commands, SECTION, Settings } from './ids';
import { messageText } from './messageText';
import { plainNotificationText } from './notificationText';

export interface FailureSummary {
  kind: string;
  message: string;
  actions: SuggestedAction[];
}

function isLiteLLMError(e: unknown): e is LiteLLMError {
  return e instanceof Error && e.name === 'LiteLLMError' && 'kind' in e;
}

/** The text and buttons for any thrown value; unexpected errors say so and point at the log. */
export function summarizeFailure(e: unknown): FailureSummary {
  if (isLiteLLMError(e)) {
    const tried = e.kind !== 'all_failed' && e.attempts && e.attempts.length > 1;
    const models = tried
      ? ` ${vscode.l10n.t('Models tried: {0}.', e.attempts!.map((a) => a.model).join(', '))}`
      : '';
    return {
      kind: e.kind,
      message: plainNotificationText(messageText(e.reported) + models),
      actions: e.actions,
    };
  }
  const text = e instanceof Error ? e.message : String(e);
  return {
    kind: 'unexpected',
    message: plainNotificationText(vscode.l10n.t('Something unexpected went wrong: {0}', text)),
    actions: ['show_log'],
  };
}

const LABELS: Record<SuggestedAction, () => string> = {
  set_api_key: () => vscode.l10n.t('Set API Key'),
  open_settings: () => vscode.l10n.t('Open Settings'),
  show_log: () => vscode.l10n.t('Show Log'),
  retry: () => vscode.l10n.t('Retry'),
  select_model: () => vscode.l10n.t('Select Model'),
  allow_private_network: () => vscode.l10n.t('Allow Private Network…'),
};

/** A suggested action's button label. */
export function actionLabel(action: SuggestedAction): string {
  return LABELS[action]();
}

export async function runAction(action: SuggestedAction, retry?: () => unknown): Promise<void> {
  switch (action) {
    case 'set_api_key':
      await vscode.commands.executeCommand(Commands.setApiKey);
      return;
    case 'open_settings':
      await vscode.commands.executeCommand(Commands.openSettings);
      return;
    case 'show_log':
      await vscode.commands.executeCommand(Commands.showLog);
      return;
    case 'select_model':
      await vscode.commands.executeCommand(Commands.selectModel);
      return;
    case 'allow_private_network':
      // Opens the setting rather than flipping it: the user should read what it allows before turning it on.
      await vscode.commands.executeCommand(
        'workbench.action.openSettings',
        `${SECTION}.${Settings.allowPrivateNetwork}`,
      );
      return;
    case 'retry':
      await retry?.();
      return;
  }
}

/** Shows the failure (cancellations are quiet: the user asked for them) and returns its summary at once. */
export function reportFailure(
  e: unknown,
  log: vscode.LogOutputChannel,
  retry?: () => unknown,
): FailureSummary {
  const summary = summarizeFailure(e);
  log.error(`[failure] ${summary.kind}: ${summary.message}`);
  if (summary.kind === 'cancelled') {
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(circle-slash) Image request cancelled'), 4000);
    return summary;
  }
  const actions = summary.actions.filter((a) => a !== 'retry' || retry);
  void vscode.window
    .showErrorMessage(summary.message, ...actions.map((a) => LABELS[a]()))
    .then((picked) => {
      const action = actions.find((a) => LABELS[a]() === picked);
      if (action) return runAction(action, retry);
    })
    .then(undefined, (err: unknown) => log.error(`[failure] action failed: ${String(err)}`));
  return summary;
}
