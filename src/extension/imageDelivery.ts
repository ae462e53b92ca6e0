/**
 * What happens after images are saved: they are opened beside the editor (focus stays where the user was typing),
 * and links are inserted into the document the command was started from, at the place it was started.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  altTextFromPrompt,
  formatImageLink,
  InsertLinkSetting,
  linkStyleFor,
  relativeImagePath,
} from './linkText';

/** The editor a command was started from, captured before any UI steals focus. */
export interface InsertionPoint {
  document: vscode.TextDocument;
  /** Where the link goes: after the selection when there is one (the selection is often the prompt itself). */
  position: vscode.Position;
  afterSelection: boolean;
}

export function captureInsertionPoint(editor: vscode.TextEditor | undefined): InsertionPoint | undefined {
  if (!editor || editor.document.uri.scheme === 'output') return undefined;
  const sel = editor.selection;
  return {
    document: editor.document,
    position: sel.isEmpty ? sel.active : sel.end,
    afterSelection: !sel.isEmpty,
  };
}

export async function openImages(files: string[]): Promise<void> {
  for (const file of files)
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file), {
      viewColumn: vscode.ViewColumn.Beside,
      preserveFocus: true,
      preview: files.length === 1,
    });
}

/** Inserts links to `files`; returns the inserted text, or undefined when nothing was inserted. */
export async function insertImageLinks(
  point: InsertionPoint,
  files: string[],
  prompt: string,
  setting: InsertLinkSetting,
): Promise<string | undefined> {
  const doc = point.document;
  if (doc.isClosed || files.length === 0) return undefined;
  const style = linkStyleFor(doc.languageId, setting);
  if (!style) return undefined;
  // Untitled documents have no folder yet: a workspace-relative path is the best guess there.
  const from =
    doc.uri.scheme === 'file'
      ? doc.uri.fsPath
      : path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? path.dirname(files[0]!), 'untitled');
  const alt = altTextFromPrompt(prompt);
  const links = files.map((f) => formatImageLink(style, relativeImagePath(from, f), alt)).join('\n');
  const position = doc.validatePosition(point.position);
  const text = point.afterSelection ? `\n${links}` : links;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, position, text);
  return (await vscode.workspace.applyEdit(edit)) ? text : undefined;
}
