/** Placeholder composition root; replaced by the real one. */
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand('litellm.showLog', () => undefined));
}

export function deactivate(): void {}
