/**
 * Generate and Edit as use cases: an intent (prompt, references, mask, model, options) becomes the one call that is
 * sent and the way its results are saved. The CLI, the commands and the Image Studio all start here, so a request is
 * assembled, and its files named and stamped, in one place; each front end keeps only what is its own: where a
 * generation goes, the file-name setting, progress, and how the outcome is shown.
 */
import * as path from 'node:path';
import type { CallControl, ImageResult, LiteLLMClient } from '../client';
import { coded } from '../errors';
import type { ImageOptions } from '../imageOptions';
import { provenancePath, type SaveResultOptions } from '../saveResult';

export interface GenerateIntent {
  prompt: string;
  /** Undefined = the settings' model (a `litellm/` prefix is accepted). */
  model?: string;
  /** Undefined = the settings' fallbacks. */
  fallbacks?: string[];
  options?: ImageOptions;
  /** The name a caller asked for (an agent's "hero"): the whole file name, never overwriting (`hero-2.png`). */
  fileName?: string;
}

export interface EditIntent extends GenerateIntent {
  /** The images to edit, as paths on disk; the first is "the original". */
  references: string[];
  mask?: string;
  /** Where the results go: absolute, or relative to the first reference's folder. Undefined = beside it. */
  folder?: string;
}

/** How a plan's results are saved, less what each front end decides: the naming setting, `onSaved`, the clock. */
export type PlannedSave = Omit<SaveResultOptions, 'naming' | 'onSaved' | 'now'>;

export interface ImagePlan {
  /** The request, sent through the caller's client (one per settings and key) under the caller's control. */
  call(client: LiteLLMClient, ctl?: CallControl): Promise<ImageResult>;
  /** `save.folder` is where the results go; `save.prompt` the prompt that was sent. */
  save: PlannedSave;
}

/** A generation into `folder`, which the front end has chosen (its output setting, `--out`, the Studio's history). */
export function planGenerate(intent: GenerateIntent & { folder: string }): ImagePlan {
  const { prompt, model, fallbacks, options, folder, fileName } = intent;
  return {
    call: (client, ctl) => client.generate({ prompt, model, fallbacks, options }, ctl),
    save: { prompt, folder: path.resolve(folder), operation: 'generate', ...(fileName ? { fileName } : {}) },
  };
}

/**
 * An edit: results beside the first reference unless a folder is given, named after it (`<original>-<prompt>.png`,
 * so they sort beside it), with the references and mask recorded relative to the saved image, so provenance neither
 * leaks home paths nor breaks when a folder moves.
 */
export function planEdit(intent: EditIntent): ImagePlan {
  const { prompt, references, mask, model, fallbacks, options } = intent;
  const first = references[0];
  if (first === undefined) throw coded('input', 'input.noReference', {});
  const folder = path.resolve(path.dirname(path.resolve(first)), intent.folder ?? '.');
  return {
    call: (client, ctl) => client.edit({ prompt, images: references, mask, model, fallbacks, options }, ctl),
    save: {
      prompt,
      folder,
      operation: 'edit',
      baseNameHint: path.parse(first).name,
      ...(intent.fileName ? { fileName: intent.fileName } : {}),
      references: references.map((r) => provenancePath(folder, r)),
      mask: mask ? provenancePath(folder, mask) : undefined,
    },
  };
}
