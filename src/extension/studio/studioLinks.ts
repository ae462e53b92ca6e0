/**
 * "Insert link" from a Studio card: the panel has focus when the button is pressed, so the link goes into the text
 * editor that was active last, at its cursor, in the format its language takes (as the commands insert them).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readOutputSettings } from '../configuration';
import { captureInsertionPoint, insertImageLinks } from '../imageDelivery';

/** Inserts a link to `file` and returns what to tell the user. */
export async function insertLinkInto(
  editor: vscode.TextEditor | undefined,
  file: string,
  prompt: string | undefined,
): Promise<string> {
  const point = editor && !editor.document.isClosed ? captureInsertionPoint(editor) : undefined;
  if (!editor || !point) return vscode.l10n.t('Open a text editor first: the link goes where its cursor is.');
  const setting = readOutputSettings(editor.document).insertLink;
  const name = path.basename(editor.document.fileName);
  // The user asked for a link explicitly, so "never" (meant for automatic insertion) becomes "auto".
  const inserted = await insertImageLinks(
    point,
    [file],
    prompt ?? path.parse(file).name,
    setting === 'never' ? 'auto' : setting,
  );
  return inserted
    ? vscode.l10n.t('Inserted a link into {0}.', name)
    : vscode.l10n.t('Could not insert a link into {0}.', name);
}
