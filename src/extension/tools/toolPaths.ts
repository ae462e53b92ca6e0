/**
 * Paths that come from an agent (folders, references, masks) as the tools take them: relative to the workspace (in a
 * multi-root workspace, a first segment that names a folder picks that folder, as the tools' own answers write
 * paths there), or absolute. Whatever the form, the path must resolve, after links, inside a workspace folder: a
 * model's arguments can come from a prompt injection, so an agent never writes or reads outside the workspace.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadCore } from '../coreLoader';

function folders(): vscode.WorkspaceFolder[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
}

export function resolveToolPath(p: string): string {
  if (path.isAbsolute(p)) return path.resolve(p);
  const all = folders();
  const [first, ...rest] = p.split(/[\\/]/);
  const named = all.length > 1 ? all.find((f) => f.name === first) : undefined;
  if (named) return path.resolve(named.uri.fsPath, ...rest);
  return path.resolve(all[0]?.uri.fsPath ?? '', p);
}

/** The first path that leaves the workspace (or every path, when no folder is open), with the plain message. */
export async function outsideMessage(paths: string[]): Promise<string | undefined> {
  const roots = folders().map((f) => f.uri.fsPath);
  if (paths.length && roots.length === 0)
    return vscode.l10n.t(
      'No workspace folder is open: the tools read and write only inside one. Nothing was sent.',
    );
  const outside = await loadCore().firstOutside(paths, roots);
  if (!outside) return undefined;
  const shown = vscode.workspace.asRelativePath(outside.file, roots.length > 1);
  return outside.how === 'link'
    ? vscode.l10n.t(
        '{0} leads outside the workspace through a link: the tools read and write only inside its folders. Nothing was sent.',
        shown,
      )
    : vscode.l10n.t(
        '{0} is outside the workspace: the tools read and write only inside its folders. Nothing was sent.',
        shown,
      );
}
