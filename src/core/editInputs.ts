/**
 * Reference images and masks for edits: checked before anything is sent (exists, is an image the API takes, within
 * the size limit, mask is a PNG of the reference's size), then streamed from disk as multipart parts instead of being
 * read or base64-encoded in memory.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { LiteLLMError } from './errors';
import { describeNonImage, sniffImage, SniffedImage } from './imageBytes';
import { FilePart, multipartBody, MultipartBody } from './multipartBody';

export const MAX_REFERENCE_BYTES = 50 * 1024 * 1024;
const EDITABLE = new Set(['image/png', 'image/jpeg', 'image/webp']);

export interface CheckedInput {
  path: string;
  name: string;
  size: number;
  sniffed: SniffedImage;
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const h = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await h.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await h.close();
  }
}

export async function checkInputImage(
  file: string,
  role: 'reference' | 'mask',
  maxBytes = MAX_REFERENCE_BYTES,
): Promise<CheckedInput> {
  const name = path.basename(file);
  const input = (msg: string) => new LiteLLMError('input', msg);
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw input(
      code === 'ENOENT'
        ? `The ${role} image "${file}" does not exist.`
        : `Cannot read the ${role} image "${file}" (${code}).`,
    );
  }
  if (!stat.isFile()) throw input(`The ${role} "${file}" is not a file.`);
  if (stat.size === 0) throw input(`The ${role} image "${name}" is empty.`);
  if (stat.size > maxBytes)
    throw input(
      `The ${role} image "${name}" is ${(stat.size / 1048576).toFixed(1)} MB; the limit is ${Math.round(maxBytes / 1048576)} MB. Use a smaller image.`,
    );
  // 64 KB covers JPEG headers with large EXIF blocks before the frame size.
  const head = await readHead(file, 64 * 1024);
  const sniffed = sniffImage(head);
  if (!sniffed || !EDITABLE.has(sniffed.mimeType))
    throw input(
      `The ${role} "${name}" is ${sniffed ? `a ${sniffed.extension.toUpperCase()} image` : describeNonImage(head)}; edits take PNG, JPEG or WebP images.`,
    );
  if (role === 'mask' && sniffed.mimeType !== 'image/png')
    throw input(`The mask "${name}" must be a PNG with transparent pixels where the image should change.`);
  return { path: file, name, size: stat.size, sniffed };
}

export async function checkEditInputs(
  images: string[],
  mask: string | undefined,
): Promise<{ references: CheckedInput[]; mask?: CheckedInput }> {
  if (images.length === 0) throw new LiteLLMError('input', 'An edit needs at least one reference image.');
  if (images.length > 16)
    throw new LiteLLMError('input', `An edit takes at most 16 reference images (got ${images.length}).`);
  const references = await Promise.all(images.map((f) => checkInputImage(f, 'reference')));
  if (!mask) return { references };
  const m = await checkInputImage(mask, 'mask');
  const first = references[0]!;
  if (m.sniffed.width !== first.sniffed.width || m.sniffed.height !== first.sniffed.height)
    throw new LiteLLMError(
      'input',
      `The mask "${m.name}" is ${m.sniffed.width}x${m.sniffed.height} but the image "${first.name}" is ${first.sniffed.width}x${first.sniffed.height}; they must be the same size.`,
    );
  return { references, mask: m };
}

/** The multipart form: text fields, then repeated `image` parts (not `image[]`, see FACTS §10), then `mask`. */
export function buildEditForm(
  fields: Array<[string, string]>,
  references: CheckedInput[],
  mask: CheckedInput | undefined,
): MultipartBody {
  const part = (field: string, input: CheckedInput): FilePart => ({
    field,
    filename: input.name,
    contentType: input.sniffed.mimeType,
    path: input.path,
    size: input.size,
  });
  const files = references.map((r) => part('image', r));
  if (mask) files.push(part('mask', mask));
  return multipartBody(fields, files);
}
