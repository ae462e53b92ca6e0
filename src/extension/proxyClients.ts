/**
 * Builds a core client for one call from the current settings and the key stored for the configured origin. A client
 * per call keeps settings changes simple (nothing cached can go stale) and is cheap next to an image request.
 */
import * as vscode from 'vscode';
import type { LiteLLMClient } from '../core/client';
import type { CoreSettings } from '../core/settings';
import { ApiKeyStore, KeySource } from './apiKeys';
import { readCoreSettings } from './configuration';
import { CoreModule, loadCore } from './coreLoader';
import { componentLogger } from './log';

export interface ProxySession {
  core: CoreModule;
  client: LiteLLMClient;
  settings: CoreSettings;
  origin: string;
  keySource: KeySource;
}

export class ProxyClients {
  /**
   * Proxy origins that answered without key details (LiteLLM without a database answers 500, older proxies 404):
   * the status bar does not ask them again after every image, so such a proxy's log gains no error line each time.
   * Forgotten when the proxy settings change.
   */
  readonly withoutKeyInfo = new Set<string>();

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Throws the core's `invalid_settings` error (naming the setting) when a setting is unusable. */
  async open(scope?: vscode.ConfigurationScope): Promise<ProxySession> {
    const core = loadCore();
    const settings = core.parseSettings(readCoreSettings(scope));
    const origin = new URL(settings.baseUrl).origin;
    const key = await this.keys.resolve(origin);
    const client = new core.LiteLLMClient(settings, {
      apiKey: key.key,
      logger: componentLogger(this.log, 'core'),
    });
    return { core, client, settings, origin, keySource: key.source };
  }

  /** Runs `fn` with a fresh client and always closes its connections. */
  async use<T>(
    scope: vscode.ConfigurationScope | undefined,
    fn: (s: ProxySession) => Promise<T>,
  ): Promise<T> {
    const session = await this.open(scope);
    try {
      return await fn(session);
    } finally {
      await session.client.dispose();
    }
  }
}
