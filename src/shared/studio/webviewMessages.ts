/**
 * The validation of webview → host messages (the protocol itself is protocol.ts). The webview is untrusted input,
 * so every message is checked here with zod before the host acts on it.
 *
 * It runs only in the lazily loaded core bundle (dist/core.js), which carries zod already: src/core/index.ts
 * re-exports parseWebviewMessage as the Studio's one seam into that bundle, and the host calls it through
 * loadCore(). Neither dist/studio.js nor the webview bundle carries a copy of zod (test/unit/architecture.test.ts).
 */
import { z } from 'zod';
import { ImageOptionsSchema } from '../../core/imageOptions';
import { IMAGE_ACTIONS, LIMITS, SUGGESTED_ACTIONS } from './protocol';

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
