/**
 * The Image Studio's message protocol: the one definition the Studio host (src/extension/studio) and the webview
 * (src/webview) both import. It is not part of the core: the core knows nothing of panels and webviews.
 *
 * - Webview → host messages are untrusted input (the webview renders text from the proxy and from image files), so
 *   every one is validated with zod by webviewMessages.ts; whatever does not fit is dropped by the host with a log
 *   line. Their types are inferred from those schemas and re-exported here as types.
 * - Host → webview messages are typed only: the host builds them and the webview just renders them.
 *
 * This file holds only types and dependency-free constants, so both sides may import it as a value; the webview
 * imports nothing from webviewMessages.ts, so its bundle stays free of zod.
 *
 * The webview never names a file by path. Images and references are addressed by opaque ids the host handed out,
 * so a compromised or confused webview cannot make the host open, reveal or upload an arbitrary file.
 */
import type { ModelCapabilities } from '../../core/capabilities';
import type { SuggestedAction } from '../../core/errors';
import type { ImageOptions } from '../../core/imageOptions';
import type { ComposerDraft } from './webviewMessages';

export type { ComposerDraft, MaskUpload, ParsedWebviewMessage, WebviewMessage } from './webviewMessages';

// ---------------------------------------------------------------------------------------------------------------
// Shared shapes

export const IMAGE_ACTIONS = [
  'open',
  'reveal',
  'insertLink',
  'copyPath',
  'useAsReference',
  'rerun',
  'loadSettings',
] as const;
export type ImageAction = (typeof IMAGE_ACTIONS)[number];

export const SUGGESTED_ACTIONS = [
  'set_api_key',
  'open_settings',
  'show_log',
  'retry',
  'select_model',
  'allow_private_network',
] as const satisfies readonly SuggestedAction[];

/** Limits that keep one message from exhausting the host: generous for people, tight for a runaway loop. */
export const LIMITS = {
  promptChars: 32_000,
  modelChars: 200,
  idChars: 64,
  droppedUris: 32,
  uriChars: 4096,
  /** A base64 PNG mask of a 3840×3840 reference compresses to far less; 64 MiB of text is the ceiling. */
  maskBase64Chars: 64 * 1024 * 1024,
  maskSide: 16_384,
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Host → webview (typed, not validated: the host is the author)

/**
 * What a model accepts, so the composer offers only valid choices: the capability table's own fields, plus whether
 * the model is known at all (an unknown one is offered everything, and any W×H, because the proxy decides).
 */
export type ModelOptionsView = Pick<
  ModelCapabilities,
  | 'sizes'
  | 'flexibleSize'
  | 'qualities'
  | 'styles'
  | 'backgrounds'
  | 'outputFormats'
  | 'compression'
  | 'moderation'
  | 'maxCount'
  | 'edits'
  | 'aspectRatios'
  | 'imageSizes'
> & {
  /** False for a model the core does not know. */
  known: boolean;
  /** Any WIDTHxHEIGHT may be typed (unknown models); a known flexible model uses `flexibleSize` instead. */
  anySize: boolean;
};

export interface ModelChoice {
  id: string;
  /** The provider model behind the alias, when the proxy says. */
  detail?: string;
  canEdit: boolean;
}

export interface ReferenceView {
  id: string;
  name: string;
  /** Workspace-relative path for display. */
  label: string;
  /** The image through `asWebviewUri`. */
  src: string;
  width?: number;
  height?: number;
}

/** A saved image: a result of this session or an entry of the history. Details arrive later for history. */
export interface ImageCard {
  id: string;
  name: string;
  label: string;
  src: string;
  /** File modification time (ms since epoch). */
  time: number;
  details?: ImageDetails;
}

export interface ImageDetails {
  operation: 'generate' | 'edit';
  prompt: string;
  model: string;
  requestedModel?: string;
  usedFallback: boolean;
  /** The file's real pixel size (`1024x1024`, from its header); the size asked for when the header did not say. */
  size?: string;
  /** This image's share of what the proxy reported it charged; absent when unknown (no header, or 0). */
  cost?: number;
  /** `cost` as the host formats every amount (the status bar's format), e.g. `$0.0133`. */
  costText?: string;
  /** How the image differs from its request, in the user's language; absent when it is what was asked for. */
  notAsRequested?: string;
  revisedPrompt?: string;
  options: ImageOptions;
}

export interface JobView {
  operation: 'generate' | 'edit';
  /** What is happening now: the model being tried, the attempt or request number. */
  detail: string;
  /** Elapsed when this state was sent; the webview keeps counting from there with its own clock. */
  elapsedMs: number;
  /** Images requested. */
  count: number;
  /**
   * The shape the images are expected to have (width ÷ height), from the size or aspect ratio asked for or an edit's
   * first reference, so the placeholders have it; absent when the model chooses.
   */
  aspect?: number;
}

export interface ErrorView {
  kind: string;
  message: string;
  actions: { action: SuggestedAction; label: string }[];
}

export interface ModelsView {
  status: 'loading' | 'ready' | 'failed';
  items: ModelChoice[];
  message?: string;
}

export interface StudioState {
  /** Bumped when the host replaces the composer (restore, "load settings"); the webview then overwrites its fields. */
  composerRevision: number;
  draft: ComposerDraft;
  /** The model used when the draft names none (the `litellm.model` setting). */
  defaultModel: string;
  models: ModelsView;
  /** What the draft's model (or the default) accepts; undefined when the model is not a known family. */
  modelOptions?: ModelOptionsView;
  /**
   * The composer's request priced before it is sent (`≈ $0.0400`, or a range where the model chooses), from the
   * prices the proxy publishes; absent when it publishes none for the model.
   */
  estimate?: string;
  references: ReferenceView[];
  job?: JobView;
  /** Images saved from the Studio in this window, newest first. */
  results: ImageCard[];
  error?: ErrorView;
  /** Informational line (e.g. "Saved 2 images; could not open them"). */
  notice?: string;
  /** The editor "insert link" writes into, by file name; undefined when there is none. */
  linkTarget?: string;
}

export interface HistoryView {
  status: 'loading' | 'ready' | 'failed' | 'no-folder';
  /** The folder shown, workspace-relative. */
  folder?: string;
  items: ImageCard[];
  /**
   * Set when `items` is only the newest part of the folder and the whole list follows at once: the first cards paint
   * without waiting for hundreds more to be built.
   */
  total?: number;
  /**
   * Set when the folder holds more than is listed (the listing keeps its time and memory bounded): `older` images
   * were found but are older than those listed; `scanned`, when set, is how many folder entries were looked at
   * before stopping, the rest were not.
   */
  partial?: { older: number; scanned?: number };
  message?: string;
}

export type HostMessage =
  | { type: 'state'; state: StudioState }
  | { type: 'history'; history: HistoryView }
  /** Provenance read back from history files, in batches after the list itself has been painted. */
  | { type: 'historyDetails'; details: { id: string; details: ImageDetails }[] };
