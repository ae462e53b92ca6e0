/**
 * When Generate was started from something that is not a text editor (the Markdown preview, an image preview, no
 * editor at all), there is no cursor to put a link at. Instead of inserting nothing silently, say where the images
 * went and offer Copy Link: the link as it would be written into the document beside (a visible text editor, e.g.
 * the Markdown source next to its preview), else a Markdown link relative to the workspace folder.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { linksFor } from './imageDelivery';
import { altTextFromPrompt, formatImageLink, type InsertLinkSetting } from './linkText';

/** The active tab's label when it is not a text editor (what the user was looking at), else undefined. */
export function nonTextEditorLabel(): string | undefined {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  return tab && !(tab.input instanceof vscode.TabInputText) ? tab.label : undefined;
}

/** The text Copy Link puts on the clipboard. */
export function linkTextToCopy(
  files: string[],
  prompt: string,
  setting: InsertLinkSetting,
  workspaceFolder: vscode.Uri | undefined,
): string {
  const beside = vscode.window.visibleTextEditors.find((e) =>
    ['file', 'untitled'].includes(e.document.uri.scheme),
  );
  const links = beside && linksFor(beside.document, files, prompt, setting === 'never' ? 'auto' : setting);
  if (links) return links.join('\n');
  const root = workspaceFolder?.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const alt = altTextFromPrompt(prompt);
  const shown = (f: string) => (root ? path.relative(root, f) : f).split(path.sep).join('/');
  return files.map((f) => formatImageLink('markdown', shown(f), alt)).join('\n');
}

/** Tells where the images went (nothing was inserted) and offers Copy Link; does not wait for the answer. */
export function offerLinkCopy(
  files: string[],
  folder: string,
  copy: () => string,
  startedFrom?: string,
): void {
  // The folder's name is added in a multi-root workspace only.
  const where = vscode.workspace.asRelativePath(folder);
  const message = startedFrom
    ? vscode.l10n.t(
        'Saved {0} image(s) in {1}. No link was inserted: "{2}" is not a text editor.',
        files.length,
        where,
        startedFrom,
      )
    : vscode.l10n.t(
        'Saved {0} image(s) in {1}. No link was inserted: no text editor was active.',
        files.length,
        where,
      );
  const copyLink = vscode.l10n.t('Copy Link');
  void vscode.window.showInformationMessage(message, copyLink).then(async (picked) => {
    if (picked === copyLink) await vscode.env.clipboard.writeText(copy());
  });
}
