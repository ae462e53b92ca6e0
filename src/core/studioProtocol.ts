/**
 * The Image Studio's message protocol: the one definition the extension host and the webview both import.
 *
 * - Webview → host messages are untrusted input (the webview renders text from the proxy and from image files), so
 *   every one is validated here with zod; whatever does not fit is dropped by the host with a log line.
 * - Host → webview messages are typed only: the host builds them and the webview just renders them.
 *
 * It lives with the core because it is pure and its validator needs zod, which only the lazily loaded core bundle
 * carries; the webview imports nothing but types from here, so its bundle stays free of zod.
 *
 * The webview never names a file by path. Images and references are addressed by opaque ids the host handed out,
 * so a compromised or confused webview cannot make the host open, reveal or upload an arbitrary file.
 */
import { z } from 'zod';
import type { SuggestedAction } from './errors';
import { ImageOptionsSchema, type ImageOptions } from './imageOptions';
import type { ModelCapabilities } from './capabilities';

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

const Id = z
  .string()
  .min(1)
  .max(LIMITS.idChars)
  .regex(/^[A-Za-z0-9_-]+$/);

/** What the composer holds: the prompt, the model ('' = the settings' model) and the options for this run. */
export const ComposerDraftSchema = z
  .object({
    prompt: z.string().max(LIMITS.promptChars),
    model: z.string().max(LIMITS.modelChars),
    options: ImageOptionsSchema.strict(),
  })
  .strict();
export type ComposerDraft = z.infer<typeof ComposerDraftSchema>;

/** The painted mask, exported by the webview at the reference's natural size (transparent = change). */
export const MaskUploadSchema = z
  .object({
    referenceId: Id,
    width: z.number().int().min(1).max(LIMITS.maskSide),
    height: z.number().int().min(1).max(LIMITS.maskSide),
    pngBase64: z
      .string()
      .min(8)
      .max(LIMITS.maskBase64Chars)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/),
  })
  .strict();
export type MaskUpload = z.infer<typeof MaskUploadSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Webview → host

const message = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape }).strict();

export const WebviewMessageSchema = z.discriminatedUnion('type', [
  /** The webview has loaded and wants the state (also after a reload). */
  message('ready', {}),
  /** The composer changed (sent debounced while typing); the host keeps it across reloads. */
  message('draft', { draft: ComposerDraftSchema }),
  /** Generate, or edit when there are references; the mask applies to the first reference. */
  message('run', { draft: ComposerDraftSchema, mask: MaskUploadSchema.optional() }),
  message('cancel', {}),
  /** Opens the file picker for references. */
  message('pickReferences', {}),
  /** Files dropped onto the panel (from the Explorer): `file:` or webview resource URIs, checked by the host. */
  message('dropReferences', {
    uris: z.array(z.string().min(1).max(LIMITS.uriChars)).min(1).max(LIMITS.droppedUris),
  }),
  message('removeReference', { id: Id }),
  /** An action on a result or history image, by the id the host gave it. */
  message('imageAction', { action: z.enum(IMAGE_ACTIONS), id: Id }),
  /** A button of the error shown in the panel. */
  message('errorAction', { action: z.enum(SUGGESTED_ACTIONS) }),
  message('dismissError', {}),
  message('refreshModels', {}),
  message('refreshHistory', {}),
]);
export type WebviewMessage = z.infer<typeof WebviewMessageSchema>;

export type ParsedWebviewMessage = { ok: true; message: WebviewMessage } | { ok: false; problem: string };

/** Validates one incoming message; never throws, whatever `raw` is. */
export function parseWebviewMessage(raw: unknown): ParsedWebviewMessage {
  try {
    const result = WebviewMessageSchema.safeParse(raw);
    if (result.success) return { ok: true, message: result.data };
    // `type` is read once more, and only once: a getter may answer differently (or throw) on a later read.
    const tag = raw && typeof raw === 'object' ? (raw as { type?: unknown }).type : undefined;
    const type = typeof tag === 'string' ? tag.slice(0, 40) : typeof raw;
    const first = result.error.issues[0];
    const where = first?.path.length ? first.path.map(String).join('.') : 'message';
    // Capped: the problem goes into the log, and a key or value in it may be a megabyte long.
    return { ok: false, problem: `"${type}": ${where}: ${first?.message ?? 'invalid'}`.slice(0, 300) };
  } catch (e) {
    // Hostile objects (throwing getters, revoked proxies) end up here rather than in the host's message loop, and
    // so does whatever they throw, which need not even be printable (a prototype-less object, a revoked proxy).
    let why = 'unknown error';
    try {
      why = e instanceof Error ? String(e.message) : String(e);
    } catch {
      // left as 'unknown error'
    }
    return { ok: false, problem: `unreadable message (${why.slice(0, 200)})` };
  }
}

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
  size?: string;
  cost?: number;
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
