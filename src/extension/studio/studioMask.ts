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

export async function storeMask(
  upload: MaskUpload,
  reference: { width?: number; height?: number; name: string },
  storageFolder: string,
): Promise<string> {
  const core = loadCore();
  const bytes = Buffer.from(upload.pngBase64, 'base64');
  const sniffed = core.sniffImage(bytes);
  const refuse = (why: string) => new core.LiteLLMError('input', `The painted mask cannot be used: ${why}`);
  if (sniffed?.mimeType !== 'image/png') throw refuse('it is not a PNG.');
  if (sniffed.width !== upload.width || sniffed.height !== upload.height)
    throw refuse(
      `it is ${sniffed.width}×${sniffed.height}, not the ${upload.width}×${upload.height} it claims.`,
    );
  if (
    reference.width !== undefined &&
    (reference.width !== upload.width || reference.height !== upload.height)
  )
    throw refuse(
      `it is ${upload.width}×${upload.height} but ${reference.name} is ${reference.width}×${reference.height}. Paint the mask again.`,
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
