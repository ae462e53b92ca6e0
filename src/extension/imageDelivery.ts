/**
 * What happens after images are saved: they are opened beside the editor (focus stays where the user was typing),
 * and links are inserted into the document the command was started from, on lines of their own after the line (or
 * the selection) it was started at (linkPlacement.ts decides where).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { keepsSelectionAsWas, placeLinks } from './linkPlacement';
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
  /** The selection (or cursor) at the start: the links go on their own lines after its last line. */
  selection: vscode.Range;
}

export function captureInsertionPoint(editor: vscode.TextEditor | undefined): InsertionPoint | undefined {
  if (!editor || editor.document.uri.scheme === 'output') return undefined;
  return {
    document: editor.document,
    selection: new vscode.Range(editor.selection.start, editor.selection.end),
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

/** The links to `files` as they would be written into `doc` (undefined when its setting says no link). */
export function linksFor(
  doc: vscode.TextDocument,
  files: string[],
  prompt: string,
  setting: InsertLinkSetting,
): string[] | undefined {
  const style = linkStyleFor(doc.languageId, setting);
  if (!style) return undefined;
  // Untitled documents have no folder yet: a workspace-relative path is the best guess there.
  const from =
    doc.uri.scheme === 'file'
      ? doc.uri.fsPath
      : path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? path.dirname(files[0]!), 'untitled');
  const alt = altTextFromPrompt(prompt);
  return files.map((f) => formatImageLink(style, relativeImagePath(from, f), alt));
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
  const links = linksFor(doc, files, prompt, setting);
  if (!links) return undefined;
  // The document may have changed during the call: positions are clamped to what it holds now.
  const start = doc.validatePosition(point.selection.start);
  const end = doc.validatePosition(point.selection.end);
  const { at, text } = placeLinks(
    {
      start,
      end,
      lineCount: doc.lineCount,
      lineText: (line) => doc.lineAt(line).text,
      eol: doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
    },
    links,
  );
  const position = new vscode.Position(at.line, at.character);
  // Every editor showing the document keeps its selections: one touching the insertion point would grow over it.
  const kept = vscode.window.visibleTextEditors
    .filter((e) => e.document === doc)
    .map((editor) => ({ editor, selections: editor.selections }));
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, position, text);
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  for (const { editor, selections } of kept)
    editor.selections = editor.selections.map((now, i) => {
      const before = selections[i];
      return before && keepsSelectionAsWas(before, position) ? before : now;
    });
  return text;
}
