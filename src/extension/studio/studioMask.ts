/**
 * The painted mask arrives as a base64 PNG from the webview. Before it is used it must be a PNG of exactly the
 * reference's size (the proxy would otherwise fail late, or edit the wrong area); it is then kept in the extension's
 * storage under a name from its content, so re-running a Studio edit finds the same mask again.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { MaskUpload } from '../../shared/studio/protocol';
import { loadCore } from '../coreLoader';
import { ownText } from '../messageText';
import * as vscode from 'vscode';

export async function storeMask(
  upload: MaskUpload,
  reference: { width?: number; height?: number; name: string },
  storageFolder: string,
): Promise<string> {
  const core = loadCore();
  const bytes = Buffer.from(upload.pngBase64, 'base64');
  const sniffed = core.sniffImage(bytes);
  const refuse = (why: string) =>
    new core.LiteLLMError('input', ownText(vscode.l10n.t('The painted mask cannot be used: {0}', why)));
  if (sniffed?.mimeType !== 'image/png') throw refuse(vscode.l10n.t('it is not a PNG.'));
  if (sniffed.width !== upload.width || sniffed.height !== upload.height)
    throw refuse(
      vscode.l10n.t(
        'it is {0}×{1}, not the {2}×{3} it claims.',
        sniffed.width ?? '?',
        sniffed.height ?? '?',
        upload.width,
        upload.height,
      ),
    );
  if (
    reference.width !== undefined &&
    (reference.width !== upload.width || reference.height !== upload.height)
  )
    throw refuse(
      vscode.l10n.t(
        'it is {0}×{1} but {2} is {3}×{4}. Paint the mask again.',
        upload.width,
        upload.height,
        reference.name,
        reference.width,
        reference.height ?? '?',
      ),
    );
  const folder = path.join(storageFolder, 'masks');
  await fs.mkdir(folder, { recursive: true });
  const file = path.join(folder, `mask-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.png`);
  // Content-addressed: an existing file with this name has these bytes, so writing through a temp file is enough.
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(temp, bytes);
  await fs.rename(temp, file);
  return file;
}
