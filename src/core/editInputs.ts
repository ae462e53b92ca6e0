/**
 * Reference images and masks for edits: checked before anything is sent (exists, is an image the API takes, within
 * the size limit, mask is a PNG of the reference's size), then streamed from disk as multipart parts instead of being
 * read or base64-encoded in memory. The disk is reached through the file store (`nodeFileStore` by default).
 */
import * as path from 'node:path';
import { coded, LiteLLMError } from './errors';
import type { FileStore } from './files/fileStore';
import { nodeFileStore } from './files/nodeFileStore';
import { describeNonImage, sniffImage, SniffedImage } from './imageBytes';
import { message, Message } from './messages';
import { FilePart, multipartBody, MultipartBody } from './multipartBody';

export const MAX_REFERENCE_BYTES = 50 * 1024 * 1024;
/** What the images endpoint of OpenAI-style providers takes in one edit. */
export const MAX_REFERENCES = 16;
const EDITABLE = new Set(['image/png', 'image/jpeg', 'image/webp']);

export interface CheckedInput {
  path: string;
  name: string;
  size: number;
  sniffed: SniffedImage;
}

export async function checkInputImage(
  file: string,
  role: 'reference' | 'mask',
  maxBytes = MAX_REFERENCE_BYTES,
  store: FileStore = nodeFileStore,
): Promise<CheckedInput> {
  const name = path.basename(file);
  const input = (m: Message) => new LiteLLMError('input', m);
  let stat;
  try {
    stat = await store.stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw input(
      code === 'ENOENT'
        ? message('input.missing', { role, file })
        : message('input.unreadable', { role, file, code: code ?? '?' }),
    );
  }
  if (stat.kind !== 'file') throw input(message('input.notFile', { role, file }));
  if (stat.size === 0) throw input(message('input.empty', { role, name }));
  if (stat.size > maxBytes)
    throw input(
      message('input.tooBig', {
        role,
        name,
        mb: (stat.size / 1048576).toFixed(1),
        limitMb: Math.round(maxBytes / 1048576),
      }),
    );
  // 64 KB covers JPEG headers with large EXIF blocks before the frame size.
  const head = await store.readStart(file, 64 * 1024);
  const sniffed = sniffImage(head);
  if (!sniffed || !EDITABLE.has(sniffed.mimeType))
    throw input(
      message('input.notEditable', {
        role,
        name,
        what: sniffed ? { shape: 'image', format: sniffed.extension.toUpperCase() } : describeNonImage(head),
      }),
    );
  if (role === 'mask' && sniffed.mimeType !== 'image/png') throw input(message('input.maskNotPng', { name }));
  return { path: file, name, size: stat.size, sniffed };
}

export async function checkEditInputs(
  images: string[],
  mask: string | undefined,
  store: FileStore = nodeFileStore,
): Promise<{ references: CheckedInput[]; mask?: CheckedInput }> {
  if (images.length === 0) throw coded('input', 'input.noReference', {});
  if (images.length > MAX_REFERENCES)
    throw coded('input', 'input.tooManyReferences', { count: images.length, max: MAX_REFERENCES });
  const references = await Promise.all(
    images.map((f) => checkInputImage(f, 'reference', MAX_REFERENCE_BYTES, store)),
  );
  if (!mask) return { references };
  const m = await checkInputImage(mask, 'mask', MAX_REFERENCE_BYTES, store);
  const first = references[0]!;
  if (m.sniffed.width !== first.sniffed.width || m.sniffed.height !== first.sniffed.height)
    throw coded('input', 'input.maskSize', {
      mask: m.name,
      maskSize: `${m.sniffed.width}x${m.sniffed.height}`,
      image: first.name,
      imageSize: `${first.sniffed.width}x${first.sniffed.height}`,
    });
  return { references, mask: m };
}

/** The multipart form: text fields, then repeated `image` parts (not `image[]`, see FACTS §10), then `mask`. */
export function buildEditForm(
  fields: Array<[string, string]>,
  references: CheckedInput[],
  mask: CheckedInput | undefined,
  store: FileStore = nodeFileStore,
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
  return multipartBody(fields, files, store);
}
