/**
 * What a language-model tool answers after an image command: text a model can act on (workspace-relative paths with
 * the size and format each file really has, the model that answered, cost, warnings, or the failure and what was
 * saved before it) and a thumbnail of the first images, so the agent and the chat can see what was made.
 */
import { open } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { ThumbnailSkip } from '../../core/thumbnail';
import type { ImageCommandResult } from '../imageJob';
import { displayPath } from '../studio/studioImages';
import { loadThumbnails } from './thumbnailLoader';

/** Thumbnails for at most this many images: each costs the agent's model context. */
const MAX_THUMBNAILS = 4;
/** A file larger than this gets no thumbnail (a 4K PNG is ~10–30 MB; the decoder refuses more pixels anyway). */
const MAX_THUMBNAIL_SOURCE_BYTES = 80 * 1024 * 1024;

interface SavedFile {
  file: string;
  width?: number;
  height?: number;
  mimeType?: string;
}

/** The header alone tells size and format (a JPEG's frame header can sit after its EXIF block). */
const HEADER_BYTES = 256 * 1024;

/**
 * Reads a file this command has just written: whole (for a thumbnail) up to the limit, else only its header. A file
 * swapped for a bigger one since is not read whole.
 */
async function readSaved(file: string, whole: boolean): Promise<Buffer | undefined> {
  const handle = await open(file, 'r');
  try {
    const size = Math.min((await handle.stat()).size, whole ? Infinity : HEADER_BYTES);
    if (size > MAX_THUMBNAIL_SOURCE_BYTES) return undefined;
    const bytes = Buffer.alloc(size);
    const { bytesRead } = await handle.read(bytes, 0, size, 0);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function skipText(reason: ThumbnailSkip | 'unreadable'): string {
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
  }
}

/** Each saved file's real size and format, and thumbnails for the first few. */
async function describeFiles(files: string[]): Promise<{
  saved: SavedFile[];
  parts: vscode.LanguageModelDataPart[];
  notes: string[];
}> {
  const { makeThumbnail, sniffImage } = loadThumbnails();
  const saved: SavedFile[] = [];
  const parts: vscode.LanguageModelDataPart[] = [];
  const notes: string[] = [];
  for (const [i, file] of files.entries()) {
    const thumbnail = i < MAX_THUMBNAILS;
    const bytes = await readSaved(file, thumbnail).catch(() => undefined);
    const sniffed = bytes && sniffImage(bytes);
    saved.push({ file, width: sniffed?.width, height: sniffed?.height, mimeType: sniffed?.mimeType });
    if (!thumbnail) continue;
    const made = bytes ? await makeThumbnail(bytes) : { skipped: 'unreadable' as const };
    if ('thumbnail' in made)
      parts.push(vscode.LanguageModelDataPart.image(made.thumbnail.data, made.thumbnail.mimeType));
    else notes.push(vscode.l10n.t('No preview of {0}: {1}.', displayPath(file), skipText(made.skipped)));
  }
  return { saved, parts, notes };
}

function fileLine(f: SavedFile): string {
  const shown = displayPath(f.file);
  return f.width && f.height ? `- ${shown} (${f.width}×${f.height}, ${f.mimeType})` : `- ${shown}`;
}

export async function toolAnswer(r: ImageCommandResult): Promise<vscode.LanguageModelToolResult> {
  const text = (t: string, parts: vscode.LanguageModelDataPart[] = []) =>
    new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(t), ...parts]);
  if (r.status === 'cancelled') return text(vscode.l10n.t('Cancelled: no image was saved.'));
  if (r.status === 'dismissed') return text(vscode.l10n.t('Nothing was sent.'));
  const { saved, parts, notes } = await describeFiles(r.files);
  if (r.status === 'done') {
    const lines = [
      vscode.l10n.t('Saved {0} image(s) with {1}:', r.files.length, r.model ?? '?'),
      ...saved.map(fileLine),
      ...(r.cost !== undefined ? [vscode.l10n.t('Cost reported by the proxy: ${0}', r.cost)] : []),
      ...r.warnings.map((w) => vscode.l10n.t('Warning: {0}', w)),
      ...notes,
    ];
    return text(lines.join('\n'), parts);
  }
  const before = saved.length
    ? ['', vscode.l10n.t('Saved before the failure:'), ...saved.map(fileLine), ...notes]
    : [];
  return text(
    [vscode.l10n.t('The image request failed: {0}', r.error?.message ?? '?'), ...before].join('\n'),
    parts,
  );
}
