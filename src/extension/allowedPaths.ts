/**
 * The extension's side of the workspace path rule (core/workspacePaths.ts): which folders a path named by a workspace,
 * a file or a message may be in, and the message that refuses one by name. Files the user picks in an open dialog
 * are the user's own choice and are not checked here (Edit Image… takes any file).
 */
import * as vscode from 'vscode';
import type { PathVerdict } from '../core/workspacePaths';
import { configuredOutputFolder } from './configuration';
import { loadCore } from './coreLoader';
import { ownText } from './messageText';

function foldersOnDisk(): vscode.WorkspaceFolder[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
}

/** The workspace folders on disk, and every output folder the user set in user settings (it may be elsewhere). */
export function allowedRoots(): string[] {
  const folders = foldersOnDisk();
  return [
    ...folders.map((f) => f.uri.fsPath),
    ...folders
      .map(configuredOutputFolder)
      .filter((o) => !o.confined)
      .map((o) => o.folder),
  ];
}

function refusal(file: string, verdict: Exclude<PathVerdict, { inside: true }>, outside?: string): string {
  if (verdict.why === 'outside')
    return (
      outside ??
      vscode.l10n.t('{0} is outside the workspace folders: it is not used, and nothing was sent.', file)
    );
  return verdict.real
    ? vscode.l10n.t(
        '{0} leads outside the workspace folders through a symbolic link (to {1}): it is not used, and nothing was sent.',
        file,
        verdict.real,
      )
    : vscode.l10n.t(
        '{0} is, or is inside, a symbolic link that cannot be followed: it is not used, and nothing was sent.',
        file,
      );
}

/**
 * Refuses, by name, a file that is not inside the allowed roots once links are followed. `outside` replaces the
 * message for a path that is plainly outside (the Studio explains its own rule).
 */
export async function requireAllowedPath(
  file: string,
  opts: { extraRoots?: readonly string[]; outside?: string } = {},
): Promise<void> {
  const core = loadCore();
  const verdict = await core.checkInside(file, [...allowedRoots(), ...(opts.extraRoots ?? [])]);
  if (!verdict.inside) throw new core.LiteLLMError('input', ownText(refusal(file, verdict, opts.outside)));
}

/** An output folder a workspace chose must stay inside its workspace folder once links are followed. */
export async function requireOutputInside(
  folder: string,
  workspaceFolder: vscode.WorkspaceFolder,
): Promise<void> {
  const core = loadCore();
  const verdict = await core.checkInside(folder, [workspaceFolder.uri.fsPath]);
  if (verdict.inside) return;
  const why =
    verdict.why === 'outside'
      ? vscode.l10n.t('it is outside the workspace folder {0}', workspaceFolder.uri.fsPath)
      : verdict.real
        ? vscode.l10n.t('a symbolic link on the way leads outside the workspace folder, to {0}', verdict.real)
        : vscode.l10n.t('a symbolic link on the way cannot be followed');
  throw new core.LiteLLMError(
    'input',
    ownText(
      vscode.l10n.t(
        'The output folder {0} (litellm.image.outputFolder from the workspace settings, or its default) is refused: {1}. Nothing was sent or saved. A folder set in your user settings may be anywhere.',
        folder,
        why,
      ),
    ),
  );
}
