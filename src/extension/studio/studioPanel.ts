/**
 * The Image Studio panel: one per window (opening it again reveals it), restored after a reload by the serializer
 * VS Code calls for `onWebviewPanel:` activation (registered in studioRegistration.ts). The panel only wires a
 * webview to a controller.
 */
import * as vscode from 'vscode';
import { STUDIO_VIEW_TYPE } from '../ids';
import type { HistoryView, StudioState } from '../../shared/studio/protocol';
import type { Services } from '../services';
import { StudioController } from './studioController';
import { historyFolder } from './studioHistory';
import { extensionRoots, studioHtml } from './studioHtml';
import { studioStrings } from './studioStrings';

export interface StudioProbe {
  state(): StudioState;
  receive(message: unknown): Promise<void>;
  /** The history view last sent to the webview. */
  history(): HistoryView | undefined;
  /** The HTML the webview was given: what it really shows, localised labels (`<body data-strings>`) included. */
  html(): string;
}

export class StudioPanel implements vscode.Disposable {
  private static current?: StudioPanel;
  private readonly subscriptions: vscode.Disposable[] = [];

  private constructor(
    readonly panel: vscode.WebviewPanel,
    readonly controller: StudioController,
    context: vscode.ExtensionContext,
  ) {
    const webview = panel.webview;
    webview.options = webviewOptions(context.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    controller.attach(webview);
    this.subscriptions.push(
      webview.onDidReceiveMessage((m: unknown) => controller.receive(m)),
      panel.onDidDispose(() => this.dispose()),
    );
    webview.html = studioHtml(webview, context.extensionUri, studioStrings());
  }

  /** Opens the Studio, or reveals the open one; an image resource becomes a reference. */
  static async show(
    s: Services,
    context: vscode.ExtensionContext,
    resource?: vscode.Uri,
  ): Promise<StudioPanel> {
    let current = StudioPanel.current;
    if (current) current.panel.reveal(undefined, false);
    else {
      const panel = vscode.window.createWebviewPanel(
        STUDIO_VIEW_TYPE,
        vscode.l10n.t('Image Studio'),
        { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
        webviewOptions(context.extensionUri),
      );
      current = StudioPanel.create(s, context, panel);
    }
    if (resource) await current.controller.addReferences([resource.fsPath]);
    return current;
  }

  static create(s: Services, context: vscode.ExtensionContext, panel: vscode.WebviewPanel): StudioPanel {
    StudioPanel.current?.panel.dispose();
    const controller = new StudioController({
      services: s,
      workspaceState: context.workspaceState,
      storageFolder: context.globalStorageUri.fsPath,
    });
    StudioPanel.current = new StudioPanel(panel, controller, context);
    s.log.info('[studio] opened');
    return StudioPanel.current;
  }

  static probe(): StudioProbe | undefined {
    const current = StudioPanel.current;
    const controller = current?.controller;
    return (
      controller && {
        state: () => controller.snapshot(),
        receive: (m) => controller.receive(m),
        history: () => controller.lastHistory,
        html: () => current.panel.webview.html,
      }
    );
  }

  static close(): void {
    StudioPanel.current?.panel.dispose();
  }

  dispose(): void {
    if (StudioPanel.current === this) StudioPanel.current = undefined;
    this.controller.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri);
  const history = historyFolder();
  // An output folder from the user's settings may lie outside the workspace; the history must still show it. One
  // from a workspace's settings never does (it is refused, not listed).
  const outside =
    history && !history.confined && !vscode.workspace.getWorkspaceFolder(vscode.Uri.file(history.folder));
  return {
    enableScripts: true,
    enableCommandUris: false,
    // Keeps a half-painted mask and the scroll position when the panel is in a background tab.
    retainContextWhenHidden: true,
    localResourceRoots: [
      ...extensionRoots(extensionUri),
      ...folders,
      ...(outside ? [vscode.Uri.file(history.folder)] : []),
    ],
  };
}
