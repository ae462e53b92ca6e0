/**
 * What the composer may offer for a model, and what is left of a draft when the model changes. Pure, so it can be
 * unit-tested without a DOM. The host sends `ModelOptionsView`; the webview only narrows the draft to it.
 */
import type { ComposerDraft, ModelOptionsView } from '../shared/studio/protocol';
import { flexibleSizeProblem } from '../core/sizeRule';
import type { SizeProblem } from '../core/messages';

export type DraftOptions = ComposerDraft['options'];

/**
 * Used while the host has not said what the model accepts: everything the settings allow (mirrors the enums of
 * src/core/imageOptions.ts, which the webview cannot import at run time without bundling zod), and the proxy decides.
 */
export const ANY_MODEL: ModelOptionsView = {
  known: false,
  sizes: ['auto', '1024x1024', '1536x1024', '1024x1536'],
  anySize: true,
  qualities: ['low', 'medium', 'high', 'auto', 'standard', 'hd'],
  styles: ['vivid', 'natural'],
  backgrounds: ['transparent', 'opaque', 'auto'],
  outputFormats: ['png', 'jpeg', 'webp'],
  compression: true,
  maxCount: 10,
  edits: true,
  moderation: true,
  aspectRatios: [],
  imageSizes: [],
  shape: 'size',
  editShape: 'size',
};

/**
 * What the composer offers for this operation: an edit of a model whose edits carry no shape (the Google families
 * through LiteLLM 1.81.0) offers no size, aspect ratio or resolution, so none can be sent and refused.
 */
export function viewForOperation(view: ModelOptionsView, editing: boolean): ModelOptionsView {
  if (!editing || view.editShape !== 'dropped' || view.shape === 'dropped') return view;
  const narrowed: ModelOptionsView = { ...view, sizes: [], anySize: false, aspectRatios: [], imageSizes: [] };
  delete narrowed.flexibleSize;
  return narrowed;
}

/**
 * Why the composer offers no shape for this model, when that is so: its route drops size and aspect ratio (AI Studio
 * Gemini), nobody knows its route, or an edit with it carries none.
 */
export function shapeNote(
  view: ModelOptionsView,
  editing: boolean,
): 'route' | 'unknownRoute' | 'edit' | undefined {
  if (view.shape === 'dropped') return view.provider ? 'route' : 'unknownRoute';
  // A model that cannot edit at all has its own warning.
  if (editing && view.edits && view.editShape === 'dropped') return 'edit';
  return undefined;
}

/** The shape the settings accept for any size (src/core/imageOptions.ts SIZE_PATTERN without "auto"). */
const ANY_SIZE = /^[1-9]\d{1,4}x[1-9]\d{1,4}$/;

/** Whether a size can be typed rather than picked from the list. */
export function allowsCustomSize(view: ModelOptionsView): boolean {
  return view.anySize || view.flexibleSize !== undefined;
}

export type SizeCheck =
  { ok: true } | { ok: false; reason: 'format' } | { ok: false; reason: 'rule'; problem: SizeProblem };

/** Checks a typed WIDTHxHEIGHT against the model: the flexible rule when it has one, the settings' shape otherwise. */
export function checkCustomSize(size: string, view: ModelOptionsView): SizeCheck {
  if (!ANY_SIZE.test(size)) return { ok: false, reason: 'format' };
  if (view.flexibleSize) {
    const problem = flexibleSizeProblem(size, view.flexibleSize);
    if (problem) return { ok: false, reason: 'rule', problem };
  }
  return { ok: true };
}

/** Whether the model takes this size, listed or typed. */
export function acceptsSize(size: string, view: ModelOptionsView): boolean {
  if (view.sizes.includes(size)) return true;
  return allowsCustomSize(view) && checkCustomSize(size, view).ok;
}

/** Output compression only means something for lossy formats. */
export function compressionApplies(view: ModelOptionsView, outputFormat: string | undefined): boolean {
  return view.compression && (outputFormat === 'jpeg' || outputFormat === 'webp');
}

/** The draft options the model accepts; the rest go back to "default (from settings)". */
export function pruneOptions(options: DraftOptions, view: ModelOptionsView): DraftOptions {
  const out: DraftOptions = {};
  if (options.size !== undefined && acceptsSize(options.size, view)) out.size = options.size;
  if (options.quality !== undefined && view.qualities.includes(options.quality))
    out.quality = options.quality;
  if (options.n !== undefined && options.n >= 1 && options.n <= view.maxCount) out.n = options.n;
  if (options.background !== undefined && view.backgrounds.includes(options.background))
    out.background = options.background;
  if (options.outputFormat !== undefined && view.outputFormats.includes(options.outputFormat))
    out.outputFormat = options.outputFormat;
  if (options.outputCompression !== undefined && compressionApplies(view, out.outputFormat))
    out.outputCompression = options.outputCompression;
  if (options.moderation !== undefined && view.moderation) out.moderation = options.moderation;
  if (options.style !== undefined && view.styles.includes(options.style)) out.style = options.style;
  if (options.aspectRatio !== undefined && view.aspectRatios.includes(options.aspectRatio))
    out.aspectRatio = options.aspectRatio;
  if (options.imageSize !== undefined && view.imageSizes.includes(options.imageSize))
    out.imageSize = options.imageSize;
  return out;
}

export function sameOptions(a: DraftOptions, b: DraftOptions): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof DraftOptions>;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

export function sameDraft(a: ComposerDraft, b: ComposerDraft): boolean {
  return a.prompt === b.prompt && a.model === b.model && sameOptions(a.options, b.options);
}
