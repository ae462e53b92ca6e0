/**
 * Keys are per origin, so after `litellm.baseUrl` moves to another origin the old key is simply not used there; say
 * so once instead of letting the next request fail with an authentication error.
 */
import * as vscode from 'vscode';
import { configuredOrigin } from './configuration';
import { Commands } from './ids';
import type { Services } from './services';

export async function onProxyChanged(s: Services): Promise<void> {
  const origin = configuredOrigin();
  if (!origin) return;
  const key = await s.keys.resolve(origin);
  s.log.info(`[keys] proxy is now ${origin}; key: ${key.source}`);
  if (key.source !== 'none') return;
  const set = vscode.l10n.t('Set API Key');
  const picked = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      'The LiteLLM proxy is now {0}. No API key is stored for it (keys stay with the proxy they were entered for). Set one if this proxy needs a key.',
      origin,
    ),
    set,
  );
  if (picked === set) await vscode.commands.executeCommand(Commands.setApiKey);
}
