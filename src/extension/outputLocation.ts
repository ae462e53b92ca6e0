/**
 * Where generated images go: `litellm.image.outputFolder` inside the workspace folder of the document being edited
 * (in a multi-root workspace), the only folder, a folder the user picks, or, without any folder open, a folder chosen
 * in a dialog. Edits go beside the original.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readOutputSettings } from './configuration';

export interface OutputLocation {
  folder: string;
  /** The workspace folder whose settings apply (undefined when the user picked a folder outside any). */
  workspaceFolder?: vscode.WorkspaceFolder;
}

function onDisk(folder: vscode.WorkspaceFolder): boolean {
  return folder.uri.scheme === 'file';
}

function foldersOnDisk(): vscode.WorkspaceFolder[] {
  return (vscode.workspace.workspaceFolders ?? []).filter(onDisk);
}

async function pickWorkspaceFolder(
  folders: vscode.WorkspaceFolder[],
  document?: vscode.TextDocument,
): Promise<vscode.WorkspaceFolder | undefined> {
  const owner = document ? vscode.workspace.getWorkspaceFolder(document.uri) : undefined;
  if (owner && onDisk(owner)) return owner;
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({
    placeHolder: vscode.l10n.t('Which workspace folder should the images be saved in?'),
    ignoreFocusOut: true,
  });
}

/** Resolves the folder for generated images, asking only when it cannot be decided; undefined = the user cancelled. */
export async function generationFolder(
  requested: string | undefined,
  document: vscode.TextDocument | undefined,
): Promise<OutputLocation | undefined> {
  if (requested && path.isAbsolute(requested)) {
    const uri = vscode.Uri.file(requested);
    return { folder: requested, workspaceFolder: vscode.workspace.getWorkspaceFolder(uri) };
  }
  const folders = foldersOnDisk();
  if (folders.length) {
    const workspaceFolder = await pickWorkspaceFolder(folders, document);
    if (!workspaceFolder) return undefined;
    const sub = requested ?? readOutputSettings(workspaceFolder.uri).outputFolder;
    return { folder: path.resolve(workspaceFolder.uri.fsPath, sub), workspaceFolder };
  }
  // No folder on disk is open (an empty window, or only virtual folders): ask where to save.
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: vscode.l10n.t('Save Images Here'),
    title: vscode.l10n.t('No folder is open: choose where to save the images'),
  });
  const base = picked?.[0];
  if (!base || base.scheme !== 'file') return undefined;
  return { folder: requested ? path.resolve(base.fsPath, requested) : base.fsPath };
}

/** Edited images are saved beside the (first) original. */
export function editFolder(firstReference: string): OutputLocation {
  const uri = vscode.Uri.file(firstReference);
  return { folder: path.dirname(firstReference), workspaceFolder: vscode.workspace.getWorkspaceFolder(uri) };
}
