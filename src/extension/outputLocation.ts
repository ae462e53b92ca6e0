/**
 * Where generated images go: `litellm.image.outputFolder` inside the workspace folder of the document being edited
 * (in a multi-root workspace), the only folder, a folder the user picks, or, without any folder open, a folder chosen
 * in a dialog. Edits go beside the original. A folder that comes from a workspace's settings (or the default) must
 * stay inside its workspace folder after symbolic links are followed: checked before anything is sent, and again
 * right before saving (a run takes minutes, long enough to swap a folder for a link).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { requireOutputInside } from './allowedPaths';
import { configuredOutputFolder } from './configuration';

export interface OutputLocation {
  folder: string;
  /** The workspace folder whose settings apply (undefined when the user picked a folder outside any). */
  workspaceFolder?: vscode.WorkspaceFolder;
  /** Writes must stay inside `workspaceFolder` (the folder came from a workspace's settings, not from the user). */
  confined?: boolean;
}

/** Refuses a confined location that leads out of its workspace folder; the user's own choices pass. */
export async function checkOutputLocation(location: OutputLocation): Promise<void> {
  if (location.confined && location.workspaceFolder)
    await requireOutputInside(location.folder, location.workspaceFolder);
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
    // A folder in the command's arguments is the caller's explicit choice; the setting may come from the workspace.
    const location: OutputLocation = requested
      ? { folder: path.resolve(workspaceFolder.uri.fsPath, requested), workspaceFolder }
      : configuredOutputFolder(workspaceFolder);
    await checkOutputLocation(location);
    return location;
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

/**
 * An edit's location: the folder its plan chose (beside the first original, unless the arguments named one) and the
 * settings of the original's workspace folder.
 */
export function editLocation(folder: string, firstReference: string): OutputLocation {
  const uri = vscode.Uri.file(firstReference);
  return { folder, workspaceFolder: vscode.workspace.getWorkspaceFolder(uri) };
}
