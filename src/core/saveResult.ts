/**
 * Saving every image of one call with its provenance. Shared by the CLI and the extension so both name, stamp and
 * save images the same way. Each image is saved on its own: one that cannot be written never stops the others.
 */
import * as path from 'node:path';
import { ImageResult } from './client';
import { coded, LiteLLMError } from './errors';
import type { FileStore } from './files/fileStore';
import { ReceivedImage } from './imagesResponse';
import { plausibleCost, Provenance } from './provenance';
import { compareWithRequest, type NotAsRequested, type ProducedImage, producedOf } from './producedImage';
import { FreeNames, safeFileStem, saveImageWithProvenance, slugFromPrompt } from './saveImages';
import type { Message } from './messages';

export type FileNaming = 'prompt' | 'date-prompt';

export interface SaveResultOptions {
  prompt: string;
  folder: string;
  operation: 'generate' | 'edit';
  /** Reference and mask paths as they should be recorded (callers make them relative to `folder`). */
  references?: string[];
  mask?: string;
  naming?: FileNaming;
  /** For edits: names start with the original's name, so results sort beside it. */
  baseNameHint?: string;
  /**
   * A name the caller chose (an agent's `hero` or `hero.png`): the whole stem instead of the prompt's slug, in the
   * same safe alphabet; the extension still comes from the bytes, and a taken name still gets `-2`.
   */
  fileName?: string;
  now?: Date;
  /** Called as each image lands on disk, so a UI can show it before the rest are written. */
  onSaved?: (saved: SavedResultImage) => void;
  /** Where the files go (default the real disk, `nodeFileStore`). */
  store?: FileStore;
}

export interface SavedResultImage {
  path: string;
  bytes: number;
  image: ReceivedImage;
  warning?: Message;
  /** What the file really is (from its header). */
  produced: ProducedImage;
  /** How it differs from the request (size, format, the model that answered); undefined when it does not. */
  notAsRequested?: NotAsRequested;
}

export interface SaveResultOutcome {
  saved: SavedResultImage[];
  /** The first save failure, as a user-facing error (the other images were still attempted). */
  error?: LiteLLMError;
}

/** The file name stem for a call: readable, from the prompt (and the original's name for edits). */
export function baseNameFor(
  opts: Pick<SaveResultOptions, 'prompt' | 'naming' | 'baseNameHint' | 'fileName' | 'now'>,
): string {
  // Only the last part of the name, without its extension: a name is never a path ("../x" is "x").
  const chosen = opts.fileName && path.parse(path.basename(opts.fileName.replace(/\\/g, '/'))).name;
  if (chosen) return slugFromPrompt(chosen, 64);
  const slug = slugFromPrompt(opts.prompt, opts.baseNameHint ? 32 : 48);
  const stem = opts.baseNameHint ? `${slugFromPrompt(opts.baseNameHint, 32)}-${slug}` : slug;
  if (opts.naming !== 'date-prompt') return safeFileStem(stem);
  const d = opts.now ?? new Date();
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return safeFileStem(`${day}-${stem}`);
}

export async function saveImageResult(
  result: ImageResult,
  opts: SaveResultOptions,
): Promise<SaveResultOutcome> {
  const baseName = baseNameFor(opts);
  // One read of the folder for the whole call: N images cost about N links, not N² attempts.
  const names = new FreeNames(opts.folder, baseName, opts.store);
  const outcome: SaveResultOutcome = { saved: [] };
  const callCost = plausibleCost(result.meta.cost); // 1e300, Infinity or NaN from a header is "unknown"
  for (const image of result.images) {
    const produced = producedOf(image);
    const notAsRequested = compareWithRequest(
      {
        model: result.requestedModel,
        options: result.options,
        ...(result.askedShape ? { asked: result.askedShape } : {}),
      },
      produced,
      result.model,
    );
    const provenance: Provenance = {
      tool: 'litellm-images',
      operation: opts.operation,
      prompt: opts.prompt,
      model: result.model,
      requestedModel: result.requestedModel,
      parameters: result.options,
      ...(result.askedShape ? { askedShape: result.askedShape } : {}),
      revisedPrompt: image.revisedPrompt,
      callId: result.meta.callId,
      // A one-image result built without shares (a caller's own) carries its cost on the call only.
      cost: plausibleCost(image.cost ?? (result.images.length === 1 ? result.meta.cost : undefined)),
      ...(callCost !== undefined && result.images.length > 1
        ? { callCost, callImages: result.images.length }
        : {}),
      ...(result.usage ? { usage: result.usage } : {}),
      produced,
      references: opts.references,
      mask: opts.mask,
      createdAt: (opts.now ?? new Date()).toISOString(),
    };
    try {
      const saved = await saveImageWithProvenance(
        { folder: opts.folder, baseName, names, store: opts.store },
        { bytes: image.bytes, sniffed: image, provenance },
      );
      const entry: SavedResultImage = {
        ...saved,
        image,
        produced,
        ...(notAsRequested ? { notAsRequested } : {}),
      };
      outcome.saved.push(entry);
      opts.onSaved?.(entry);
    } catch (e) {
      outcome.error ??= coded(
        'input',
        'files.saveFailed',
        { folder: opts.folder, detail: (e as Error).message },
        { actions: ['open_settings', 'show_log'], cause: e },
      );
    }
  }
  return outcome;
}

/** A path as stored in provenance: relative to the folder the image is saved in, with forward slashes. */
export function provenancePath(folder: string, file: string): string {
  return path.relative(folder, path.resolve(file)).split(path.sep).join('/');
}
