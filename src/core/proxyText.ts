/**
 * Text that came from the proxy (headers, error bodies, revised prompts, model lists) is cleaned once, where the
 * client reads it, before anything can log, print, show or store it: the API key is redacted (proxies echo it in
 * headers and error texts) and control characters are removed, so an answer cannot drive the user's terminal
 * (clear the screen, write the clipboard with OSC 52) or forge lines in the log.
 */
import { LiteLLMError, Redactor } from './errors';
import { mapMessageStrings, Message } from './messages';

/**
 * Escape sequences first (CSI `ESC [ … final`, OSC `ESC ] … BEL|ESC \`, their 8-bit forms, any other `ESC x`), then
 * every remaining C0 control except tab and newline, DEL and C1. An unterminated OSC loses only its introducer, so
 * the rest of the message stays readable. No part can rescan text past the next introducer, so hostile text costs
 * linear time.
 */
const CONTROLS =
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x1b\x9c\x9d]*(?:\x07|\x9c)|\x1b[ -/]*[0-~]?|[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

const ANY_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

export function stripControls(text: string): string {
  return ANY_CONTROL.test(text) ? text.replace(CONTROLS, '') : text;
}

export class ProxyText {
  constructor(private readonly redactor: Redactor) {}

  /** Controls go first, so a key split by them is whole again when it is redacted. */
  text(s: string): string {
    return this.redactor.redact(stripControls(s));
  }

  optional(s: string | undefined): string | undefined {
    return s === undefined ? undefined : this.text(s);
  }

  /** In place: a response's headers are read by several layers, and all of them must see the clean values. */
  headers(h: Record<string, string>): Record<string, string> {
    for (const [k, v] of Object.entries(h)) h[k] = this.text(v);
    return h;
  }

  /** Every string inside parsed JSON (bounded by the response size it was parsed from). */
  deep(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value !== 'object') return value;
    // Deeper than any real answer: dropped rather than passed on unchecked.
    if (depth > 64) return null;
    if (Array.isArray(value)) return value.map((v) => this.deep(v, depth + 1));
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        this.text(k),
        this.deep(v, depth + 1),
      ]),
    );
  }

  /** Error messages quote proxy text (bodies, URLs, redirect targets): cleaned as they leave the client. */
  error(e: LiteLLMError): LiteLLMError {
    const clean = <M extends Message>(m: M) => mapMessageStrings(m, (t) => this.text(t));
    return new LiteLLMError(e.kind, clean(e.reported), {
      status: e.status,
      proxyMessage: this.optional(e.proxyMessage),
      callId: this.optional(e.callId),
      model: e.model,
      actions: e.actions,
      attempts: e.attempts?.map((a) => (a.error === undefined ? a : { ...a, error: clean(a.error) })),
      cause: e.cause,
    });
  }
}
