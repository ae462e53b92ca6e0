/**
 * Errors are values: a kind (what class of failure, which decides retries and fallbacks), a coded message with its
 * parameters (rendered by each front end, see messages.ts) and what the user can do next. Every failure the core can
 * report is a LiteLLMError; front ends map `actions` to buttons or flags and never parse text.
 */
import { debugText, Message, MessageCode, MessageParams } from './messages';

export type ErrorKind =
  | 'invalid_settings' // a setting has a value the core cannot use
  | 'invalid_request' // the request was refused before anything was sent (e.g. a size the model cannot make)
  | 'auth' // missing, malformed or wrong API key
  | 'budget' // the key or team is over its budget
  | 'rate_limit'
  | 'unknown_model'
  | 'content_policy'
  | 'bad_request' // any other 4xx from the proxy
  | 'timeout'
  | 'upstream' // 5xx from the proxy or the provider behind it
  | 'network' // could not connect, connection reset, DNS failure
  | 'policy' // the network policy refused the address
  | 'cancelled'
  | 'bad_response' // the proxy answered, but not with usable images
  | 'too_large' // a response or input over the configured cap
  | 'input' // a local input file is missing, unreadable or not an image
  | 'all_failed'; // every model in the fallback chain failed

export type SuggestedAction =
  'set_api_key' | 'open_settings' | 'show_log' | 'retry' | 'select_model' | 'allow_private_network';

export interface AttemptSummary {
  model: string;
  ok: boolean;
  kind?: ErrorKind;
  status?: number;
  /** Why it failed (or was skipped). */
  error?: Message;
  skipped?: boolean;
  durationMs: number;
}

export interface ErrorDetails {
  status?: number;
  proxyMessage?: string;
  callId?: string;
  model?: string;
  actions?: SuggestedAction[];
  attempts?: AttemptSummary[];
  cause?: unknown;
}

export class LiteLLMError extends Error {
  override readonly name = 'LiteLLMError';
  readonly status?: number;
  readonly proxyMessage?: string;
  readonly callId?: string;
  readonly model?: string;
  readonly actions: SuggestedAction[];
  readonly attempts?: AttemptSummary[];
  readonly code: MessageCode;
  readonly params: Message['params'];

  constructor(
    readonly kind: ErrorKind,
    readonly reported: Message,
    details: ErrorDetails = {},
  ) {
    // Error.message is for logs and stack traces; people see text rendered by a front end.
    super(debugText(reported), details.cause === undefined ? undefined : { cause: details.cause });
    this.code = reported.code;
    this.params = reported.params;
    this.status = details.status;
    this.proxyMessage = details.proxyMessage;
    this.callId = details.callId;
    this.model = details.model;
    this.actions = details.actions ?? defaultActions(kind);
    this.attempts = details.attempts;
  }
}

export function defaultActions(kind: ErrorKind): SuggestedAction[] {
  switch (kind) {
    case 'auth':
      return ['set_api_key', 'show_log'];
    case 'invalid_settings':
      return ['open_settings'];
    case 'policy':
      return ['open_settings', 'allow_private_network'];
    case 'unknown_model':
      return ['select_model', 'open_settings'];
    case 'invalid_request':
    case 'content_policy':
    case 'input':
      return [];
    case 'cancelled':
      return ['retry'];
    case 'network':
      return ['open_settings', 'retry', 'show_log'];
    case 'budget':
      return ['show_log'];
    default:
      return ['retry', 'show_log'];
  }
}

/** A copy of `err` with some details replaced (errors are immutable values). */
export function withDetails(err: LiteLLMError, patch: ErrorDetails): LiteLLMError {
  return new LiteLLMError(err.kind, err.reported, {
    status: err.status,
    proxyMessage: err.proxyMessage,
    callId: err.callId,
    model: err.model,
    actions: err.actions,
    attempts: err.attempts,
    cause: err.cause,
    ...patch,
  });
}

/** Shorthand for the common case: `coded('input', 'input.noReference', {})`. */
export function coded<C extends MessageCode>(
  kind: ErrorKind,
  code: C,
  params: MessageParams[C],
  details: ErrorDetails = {},
): LiteLLMError {
  return new LiteLLMError(kind, { code, params } as Message, details);
}

export function isLiteLLMError(e: unknown): e is LiteLLMError {
  return e instanceof LiteLLMError;
}

/** Removes secrets from text that came from outside (proxy messages can echo keys) before it is shown or logged. */
export class Redactor {
  private readonly secrets: string[];
  constructor(secrets: Array<string | undefined>) {
    this.secrets = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  }
  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('[redacted]');
    // Anything that looks like a bearer token or a LiteLLM key, whoever's it is.
    return out
      .replace(/\b(Bearer\s+)[^\s"',]+/gi, '$1[redacted]')
      .replace(/\bsk-[A-Za-z0-9_-]{6,}/g, 'sk-[redacted]');
  }
}
