/**
 * API keys in SecretStorage, one per proxy origin: a key entered for https://proxy.corp is stored under that origin
 * and is never offered to another one, so changing `litellm.baseUrl` cannot send the old key to a new server.
 * LITELLM_API_KEY from the environment is the fallback (the user put it there for whatever proxy they configure).
 */
import * as vscode from 'vscode';
import { apiKeySecretName, ENV_API_KEY } from './ids';

export type KeySource = 'secret-storage' | 'environment' | 'none';

export interface ResolvedKey {
  key?: string;
  source: KeySource;
}

export class ApiKeyStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async resolve(origin: string): Promise<ResolvedKey> {
    const stored = await this.secrets.get(apiKeySecretName(origin));
    if (stored) return { key: stored, source: 'secret-storage' };
    const fromEnv = this.env[ENV_API_KEY]?.trim();
    if (fromEnv) return { key: fromEnv, source: 'environment' };
    return { source: 'none' };
  }

  async hasStoredKey(origin: string): Promise<boolean> {
    return Boolean(await this.secrets.get(apiKeySecretName(origin)));
  }

  async store(origin: string, key: string): Promise<void> {
    await this.secrets.store(apiKeySecretName(origin), key);
  }

  async clear(origin: string): Promise<boolean> {
    const had = await this.hasStoredKey(origin);
    await this.secrets.delete(apiKeySecretName(origin));
    return had;
  }
}

/** Why a pasted key is unusable, or undefined when it looks fine. Keys are opaque; only obvious mistakes are caught. */
export function keyProblem(key: string): string | undefined {
  if (!key.trim()) return vscode.l10n.t('Enter the key, or press Escape to cancel.');
  if (/^bearer\s/i.test(key.trim())) return vscode.l10n.t('Paste only the key, without "Bearer ".');
  if (/\s/.test(key.trim())) return vscode.l10n.t('A key has no spaces or line breaks.');
  return undefined;
}
