/**
 * The one composition root: creates the services, registers every command, and hands every disposable to the
 * context. Nothing here touches the network, loads the core or builds a command's text: the commands themselves
 * (dist/commands.js, dist/reports.js), the Studio and the core are required by the first command that needs them, so
 * dist/extension.js holds only the registrations, the status bar and the listeners (an architecture test lists its
 * files).
 */
import * as vscode from 'vscode';
import { ApiKeyStore } from './apiKeys';
import { loadCommands } from './commandsLoader';
import { affectsProxy, showCostInStatusBar } from './configuration';
import { CostStatusBar } from './costStatusBar';
import { isCoreLoaded } from './coreLoader';
import { Commands, EXTENSION_ID, SECTION, Settings } from './ids';
import { createLogChannel } from './log';
import { onProxyChanged } from './proxyChange';
import { ProxyClients } from './proxyClients';
import { disposeReports, loadReports } from './reportsLoader';
import type { Services } from './services';
import type { StudioProbe } from './studio';
import { registerStudio, studioProbe } from './studioRegistration';
import { prepareToolInvocation, registerImageTools, type ToolConfirmation } from './tools/registerTools';

/** What other extensions (and the integration tests) get from `getExtension(...).exports`. */
export interface LiteLLMImagesApi {
  /** The status bar's cost item as shown. */
  costStatus(): { visible: boolean; text: string; tooltip: string };
  /** Whether the network stack has been loaded (it is not loaded by activation). */
  isCoreLoaded(): boolean;
  /**
   * The open Image Studio, if any: its state as last sent to the webview, and the entry point webview messages go
   * through (validated there), so this grants nothing the panel's own webview does not have.
   */
  studio(): StudioProbe | undefined;
  /** What VS Code's confirmation for a language-model tool call would say (model, size, count, folder). */
  prepareTool(name: string, input: object): Promise<ToolConfirmation | undefined>;
}

export function activate(context: vscode.ExtensionContext): LiteLLMImagesApi {
  const log = createLogChannel();
  const keys = new ApiKeyStore(context.secrets);
  const costBar = new CostStatusBar(showCostInStatusBar);
  const services: Services = { log, keys, clients: new ProxyClients(keys, log), costBar };
  context.subscriptions.push(log, costBar, { dispose: disposeReports });

  const register = (id: string, handler: (...args: unknown[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  register(Commands.generateImage, (args) => loadCommands().generateImage(services, args));
  register(Commands.generateFromSelection, (args) =>
    loadCommands().generateImage(services, args, { fromSelection: true }),
  );
  register(Commands.editImage, (first, second) => loadCommands().editImage(services, first, second));
  register(Commands.showImageInfo, (first) => loadReports().showImageInfo(services, first));
  register(Commands.setApiKey, (args) => loadCommands().setApiKey(services, args));
  register(Commands.clearApiKey, () => loadCommands().clearApiKey(services));
  register(Commands.selectModel, (args) => loadCommands().selectModel(services, args));
  register(Commands.testConnection, (args) => loadReports().testConnection(services, args));
  register(Commands.showLog, () => log.show());
  register(Commands.openSettings, () =>
    vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${EXTENSION_ID}`),
  );
  // The Open Image Studio command and the serializer that restores the panel after a reload.
  registerStudio(context, services);
  registerImageTools(context, services);

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.${Settings.showCost}`)) costBar.render();
      if (affectsProxy(e)) {
        services.clients.withoutKeyInfo.clear();
        void onProxyChanged(services);
      }
    }),
  );
  log.info(`[activate] LiteLLM Images ${context.extension.packageJSON.version} (${vscode.env.appName})`);
  return {
    costStatus: () => costBar.state,
    isCoreLoaded,
    studio: studioProbe,
    prepareTool: prepareToolInvocation,
  };
}

export function deactivate(): void {}
