/**
 * Turning files the user offers (picker, drop, "use as reference") into references the panel can show: only local
 * images inside the workspace or a user-set output folder, links followed (the webview may load nothing else),
 * checked like the Edit command's inputs (exists, PNG/JPEG/WebP, size limit) before they are accepted.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { requireAllowedPath } from '../allowedPaths';
import { loadCore } from '../coreLoader';
import { displayPath, type ImageRegistry } from './studioImages';
import type { Reference } from './studioStore';
import { ownText } from '../messageText';

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
      throw new (loadCore().LiteLLMError)('input', ownText(vscode.l10n.t('A dropped item is not a file.')));
    }
    if (uri.scheme !== 'file')
      throw new (loadCore().LiteLLMError)(
        'input',
        ownText(
          vscode.l10n.t(
            '{0} is not a file on disk; only local images can be references.',
            uri.toString(true),
          ),
        ),
      );
    return uri.fsPath;
  });
}

/**
 * A reference, from wherever it came (picker, drop, a restored session, provenance), must be inside the workspace or
 * a user-set output folder once links are followed: the webview may load nothing else, and a repository must not be
 * able to make the Studio upload a file from elsewhere.
 */
export async function checkReference(file: string, images: ImageRegistry): Promise<Reference> {
  const core = loadCore();
  await requireAllowedPath(file, {
    outside: vscode.l10n.t(
      '{0} is outside the workspace. The Studio shows images from the workspace folders only; copy it into the workspace, or use Edit Image… for files elsewhere.',
      file,
    ),
  });
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
