/**
 * Turning files the user offers (picker, drop, "use as reference") into references the panel can show: only local
 * images inside the workspace or the history folder (the webview may load nothing else), checked like the Edit
 * command's inputs (exists, PNG/JPEG/WebP, size limit) before they are accepted.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReferenceView } from '../../core/studioProtocol';
import { readOutputSettings } from '../configuration';
import { loadCore } from '../coreLoader';
import { displayPath, type ImageRegistry } from './studioImages';

export interface Reference {
  path: string;
  view: ReferenceView;
}

export const MAX_REFERENCES = 16;

export async function pickReferenceFiles(defaultUri: vscode.Uri | undefined): Promise<string[]> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: true,
    filters: { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg', 'webp'] },
    openLabel: vscode.l10n.t('Add Reference'),
    title: vscode.l10n.t('Choose reference images from the workspace'),
    defaultUri: defaultUri ?? vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.map((u) => u.fsPath) ?? [];
}

/** File paths from dropped URIs; anything that is not a local file is refused by name. */
export function filesFromDrop(uris: readonly string[]): string[] {
  return uris.map((text) => {
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(text, true);
    } catch {
      throw new (loadCore().LiteLLMError)('input', vscode.l10n.t('A dropped item is not a file.'));
    }
    if (uri.scheme !== 'file')
      throw new (loadCore().LiteLLMError)(
        'input',
        vscode.l10n.t('{0} is not a file on disk; only local images can be references.', uri.toString(true)),
      );
    return uri.fsPath;
  });
}

function inside(folder: string | undefined, file: string): boolean {
  if (!folder) return false;
  const rel = path.relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The first workspace folder's output folder, for when the history has not been listed yet. */
function defaultHistoryFolder(): string | undefined {
  const first = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return first ? path.resolve(first.uri.fsPath, readOutputSettings(first.uri).outputFolder) : undefined;
}

export async function checkReference(
  file: string,
  images: ImageRegistry,
  historyFolder: string | undefined,
): Promise<Reference> {
  const core = loadCore();
  const shown =
    vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file)) !== undefined ||
    inside(historyFolder ?? defaultHistoryFolder(), file);
  if (!shown)
    throw new core.LiteLLMError(
      'input',
      vscode.l10n.t(
        '{0} is outside the workspace. The Studio shows images from the workspace folders only; copy it into the workspace, or use Edit Image… for files elsewhere.',
        file,
      ),
    );
  const checked = await core.checkInputImage(file, 'reference');
  return {
    path: file,
    view: {
      id: images.remember(file),
      name: path.basename(file),
      label: displayPath(file),
      src: images.src(file),
      width: checked.sniffed.width,
      height: checked.sniffed.height,
    },
  };
}
