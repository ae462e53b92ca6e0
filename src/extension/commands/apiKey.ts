/**
 * LiteLLM: Set API Key / Clear API Key. The key is stored for the origin of the configured proxy only; the input box
 * masks it, and it is never logged or shown. `{ key }` as an argument stores it without UI (scripts and tests).
 */
import * as vscode from 'vscode';
import { keyProblem } from '../apiKeys';
import { configuredOrigin } from '../configuration';
import { Commands } from '../ids';
import type { Services } from '../services';

export interface KeyCommandResult {
  origin?: string;
  stored?: boolean;
  cleared?: boolean;
  error?: string;
}

function originOrComplain(): string | undefined {
  const origin = configuredOrigin();
  if (!origin)
    void vscode.window
      .showErrorMessage(
        vscode.l10n.t('litellm.baseUrl is not a valid URL, so there is no proxy to store a key for.'),
        vscode.l10n.t('Open Settings'),
      )
      .then((b) => b && vscode.commands.executeCommand(Commands.openSettings));
  return origin;
}

export async function setApiKey(s: Services, raw: unknown): Promise<KeyCommandResult> {
  const origin = originOrComplain();
  if (!origin) return { error: 'invalid_base_url' };
  const given =
    typeof raw === 'object' && raw !== null && 'key' in raw ? (raw as { key: unknown }).key : undefined;
  if (given !== undefined) {
    const problem =
      typeof given === 'string' ? keyProblem(given) : vscode.l10n.t('The key must be a string.');
    if (problem) {
      void vscode.window.showErrorMessage(problem);
      return { origin, error: problem };
    }
  }
  const key =
    (given as string | undefined) ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('LiteLLM API key for {0}', origin),
      prompt: vscode.l10n.t(
        'Stored in VS Code secret storage and sent only to {0}. Leave the proxy without a key if it needs none.',
        origin,
      ),
      placeHolder: 'sk-…',
      password: true,
      ignoreFocusOut: true,
      validateInput: keyProblem,
    }));
  if (!key) return { origin, stored: false };
  await s.keys.store(origin, key.trim());
  s.log.info(`[keys] API key stored for ${origin}`);
  void vscode.window
    .showInformationMessage(vscode.l10n.t('API key saved for {0}.', origin), vscode.l10n.t('Test Connection'))
    .then((b) => b && vscode.commands.executeCommand(Commands.testConnection));
  return { origin, stored: true };
}

export async function clearApiKey(s: Services): Promise<KeyCommandResult> {
  const origin = originOrComplain();
  if (!origin) return { error: 'invalid_base_url' };
  const cleared = await s.keys.clear(origin);
  s.log.info(`[keys] API key ${cleared ? 'removed' : 'was not stored'} for ${origin}`);
  const env = (await s.keys.resolve(origin)).source === 'environment';
  const message = cleared
    ? vscode.l10n.t('API key for {0} removed.', origin)
    : vscode.l10n.t('No API key was stored for {0}.', origin);
  void vscode.window.showInformationMessage(
    env ? `${message} ${vscode.l10n.t('LITELLM_API_KEY from the environment is still used.')}` : message,
  );
  return { origin, cleared };
}
