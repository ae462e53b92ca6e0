/**
 * What a language-model tool answers after an image command: text a model can act on (workspace-relative paths with
 * the size and format each file really has, the model that answered, cost, warnings, or the failure and what was
 * saved before it) and a thumbnail of the first images, so the agent and the chat can see what was made.
 */
import { open } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { ThumbnailSkip } from '../../core/thumbnail';
import { formatUsd } from '../costText';
import type { ImageCommandResult } from '../imageJob';
import { displayPath } from '../studio/studioImages';
import { loadThumbnails } from './thumbnailLoader';

/** Thumbnails for at most this many images: each costs the agent's model context. */
const MAX_THUMBNAILS = 4;
/** A file larger than this gets no thumbnail (a 4K PNG is ~10–30 MB; the decoder refuses more pixels anyway). */
const MAX_THUMBNAIL_SOURCE_BYTES = 80 * 1024 * 1024;

/** Reads a file this command has just written, for its thumbnail; one swapped for a bigger one is not read. */
async function readSaved(file: string): Promise<Buffer | 'fileTooLarge'> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_THUMBNAIL_SOURCE_BYTES) return 'fileTooLarge';
    const bytes = Buffer.alloc(size);
    const { bytesRead } = await handle.read(bytes, 0, size, 0);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function skipText(reason: ThumbnailSkip | 'unreadable' | 'fileTooLarge'): string {
  switch (reason) {
    case 'notAnImage':
      return vscode.l10n.t('the file is not a PNG, JPEG, WebP or GIF');
    case 'tooManyPixels':
      return vscode.l10n.t('it has too many pixels to scale down safely');
    case 'unsupportedFormat':
      return vscode.l10n.t('only PNG and JPEG images are scaled down');
    case 'undecodable':
      return vscode.l10n.t('its bytes do not decode');
    case 'tooLarge':
      return vscode.l10n.t('even the smallest preview is over the size limit');
    case 'unreadable':
      return vscode.l10n.t('the file could not be read');
    case 'fileTooLarge':
      return vscode.l10n.t('the file is over {0} MB', MAX_THUMBNAIL_SOURCE_BYTES / 2 ** 20);
  }
}

/** Thumbnails of the first few files, and why a file has none. */
async function thumbnails(
  files: string[],
): Promise<{ parts: vscode.LanguageModelDataPart[]; notes: string[] }> {
  const { makeThumbnail } = loadThumbnails();
  const parts: vscode.LanguageModelDataPart[] = [];
  const notes: string[] = [];
  for (const file of files.slice(0, MAX_THUMBNAILS)) {
    const bytes = await readSaved(file).catch(() => 'unreadable' as const);
    const made = Buffer.isBuffer(bytes) ? await makeThumbnail(bytes) : { skipped: bytes };
    if ('thumbnail' in made)
      parts.push(vscode.LanguageModelDataPart.image(made.thumbnail.data, made.thumbnail.mimeType));
    else notes.push(vscode.l10n.t('No preview of {0}: {1}.', displayPath(file), skipText(made.skipped)));
  }
  return { parts, notes };
}

/** A saved file as the agent reads it: its workspace path, and the size and format its bytes have. */
function fileLines(r: ImageCommandResult): string[] {
  return r.files.map((file, i) => {
    const f = r.images?.[i];
    return f?.width && f.height
      ? `- ${displayPath(file)} (${f.width}×${f.height}, ${f.mimeType})`
      : `- ${displayPath(file)}`;
  });
}

export async function toolAnswer(r: ImageCommandResult): Promise<vscode.LanguageModelToolResult> {
  const text = (t: string, parts: vscode.LanguageModelDataPart[] = []) =>
    new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(t), ...parts]);
  if (r.status === 'cancelled') return text(vscode.l10n.t('Cancelled: no image was saved.'));
  if (r.status === 'dismissed') return text(vscode.l10n.t('Nothing was sent.'));
  const { parts, notes } = await thumbnails(r.files);
  if (r.status === 'done') {
    const lines = [
      vscode.l10n.t('Saved {0} image(s) with {1}:', r.files.length, r.model ?? '?'),
      ...fileLines(r),
      ...(r.cost !== undefined ? [vscode.l10n.t('Cost reported by the proxy: {0}', formatUsd(r.cost))] : []),
      ...r.warnings.map((w) => vscode.l10n.t('Warning: {0}', w)),
      ...notes,
    ];
    return text(lines.join('\n'), parts);
  }
  const before = r.files.length
    ? ['', vscode.l10n.t('Saved before the failure:'), ...fileLines(r), ...notes]
    : [];
  return text(
    [vscode.l10n.t('The image request failed: {0}', r.error?.message ?? '?'), ...before].join('\n'),
    parts,
  );
}
