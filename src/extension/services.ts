/** The long-lived services `activate()` creates once and hands to every command. */
import type * as vscode from 'vscode';
import type { ApiKeyStore } from './apiKeys';
import type { CostStatusBar } from './costStatusBar';
import type { ProxyClients } from './proxyClients';

export interface Services {
  log: vscode.LogOutputChannel;
  keys: ApiKeyStore;
  clients: ProxyClients;
  costBar: CostStatusBar;
}
