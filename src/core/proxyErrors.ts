/**
 * Turns an HTTP error answer from a LiteLLM proxy into a LiteLLMError. LiteLLM uses two shapes:
 * `{"error":{message,type,param,code}}` (its own envelope) and `{"detail": ...}` (FastAPI validation, string or list).
 */
import { z } from 'zod';
import { coded, ErrorKind, LiteLLMError, Redactor, SuggestedAction } from './errors';
import type { MessageCode } from './messages';
import { unwrapNestedError } from './nestedErrorText';

const Envelope = z.object({
  error: z.union([
    z.string(),
    z
      .object({
        message: z.unknown().optional(),
        type: z.unknown().optional(),
        param: z.unknown().optional(),
        code: z.unknown().optional(),
      })
      .loose(),
  ]),
});
const Detail = z.object({ detail: z.unknown() });
const DetailItem = z
  .object({ msg: z.string(), loc: z.array(z.union([z.string(), z.number()])).optional() })
  .loose();

export interface ParsedProxyError {
  message?: string;
  type?: string;
}

function asText(v: unknown): string | undefined {
  if (v === null || v === undefined || v === 'None') return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function parseProxyErrorBody(body: string): ParsedProxyError {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const text = body
      .replace(/<[^<>]*>/g, ' ') // [^<>]: a run of '<' without '>' costs linear time, not quadratic
      .replace(/\s+/g, ' ')
      .trim();
    return { message: text ? text.slice(0, 300) : undefined };
  }
  const env = Envelope.safeParse(json);
  if (env.success) {
    const e = env.data.error;
    if (typeof e === 'string') return { message: e };
    return { message: asText(e.message), type: asText(e.type) };
  }
  const det = Detail.safeParse(json);
  if (det.success) {
    const d = det.data.detail;
    if (typeof d === 'string') return { message: d };
    if (Array.isArray(d)) {
      const parts = d.map((item) => {
        const p = DetailItem.safeParse(item);
        if (!p.success) return asText(item) ?? '';
        const where = p.data.loc?.filter((x) => x !== 'body').join('.');
        return where ? `${where}: ${p.data.msg}` : p.data.msg;
      });
      return { message: parts.filter(Boolean).join('; ') };
    }
    return { message: asText(d) };
  }
  return { message: body.slice(0, 300) };
}

/** Class names LiteLLM puts in front of a message (`litellm.BadRequestError: `, `RateLimitError: `). */
function withoutClassNames(message: string): string {
  return message
    .replace(/^(litellm\.\w+:\s*)+/, '')
    .replace(/^\w+Error:\s*/, '')
    .trim();
}

/**
 * LiteLLM wraps upstream messages in class names, routing noise and nested dicts or JSON; keep the sentence a person
 * can act on (nestedErrorText.ts unwraps the nesting).
 */
export function tidyProxyMessage(message: string): string {
  // Bounded first: the patterns below rescan runs of spaces, which a hostile megabyte of them makes quadratic.
  const routed = message
    .slice(0, 4000)
    .replace(/\nAvailable Model Group Fallbacks=.*$/s, '')
    .replace(/\.?\s*Received Model Group=\S*/g, '');
  return withoutClassNames(unwrapNestedError(withoutClassNames(routed))).slice(0, 500);
}

function classify(status: number, text: string, type: string | undefined): ErrorKind {
  const t = `${type ?? ''} ${text}`.toLowerCase();
  if (status === 401 || status === 403 || type === 'no_db_connection' || type === 'auth_error') {
    if (/budget/.test(t)) return 'budget';
    return 'auth';
  }
  if (/budget.*exceeded|exceeded.*budget|over budget|max_budget/.test(t)) return 'budget';
  if (status === 429) return 'rate_limit';
  if (status === 408 || /timeout|timed out/.test(t)) return 'timeout';
  if (/content ?policy|contentpolicyviolation|safety system|moderation_blocked/.test(t))
    return 'content_policy';
  if (/invalid model name|model not found|no such model|model_not_found|not allowed to access model/.test(t))
    return 'unknown_model';
  if (status >= 500) return 'upstream';
  return 'bad_request';
}

/** Which message an HTTP error answer gets: the kind, and for auth the LiteLLM-specific no-database case. */
function codeFor(kind: ErrorKind, status: number): MessageCode {
  switch (kind) {
    case 'auth':
      return status === 400 ? 'proxy.keyNotMaster' : 'proxy.keyRejected';
    case 'budget':
      return 'proxy.budget';
    case 'rate_limit':
      return 'proxy.rateLimit';
    case 'timeout':
      return 'proxy.timeout';
    case 'content_policy':
      return 'proxy.contentPolicy';
    case 'unknown_model':
      return 'proxy.unknownModel';
    case 'upstream':
      return 'proxy.upstream';
    default:
      return 'proxy.rejected';
  }
}

export function proxyHttpError(
  status: number,
  body: string,
  opts: { model?: string; callId?: string; redactor: Redactor },
): LiteLLMError {
  const parsed = parseProxyErrorBody(body);
  const raw = parsed.message ? opts.redactor.redact(parsed.message) : undefined;
  const kind = classify(status, raw ?? '', parsed.type);
  const proxyMessage = raw ? tidyProxyMessage(raw) : undefined;
  const actions: SuggestedAction[] | undefined =
    kind === 'bad_request' ? ['open_settings', 'show_log'] : kind === 'rate_limit' ? ['retry'] : undefined;
  const params = {
    status,
    ...(opts.model ? { model: opts.model } : {}),
    ...(proxyMessage ? { proxyMessage } : {}),
  };
  return coded(kind, codeFor(kind, status) as 'proxy.rejected', params, {
    status,
    proxyMessage,
    callId: opts.callId,
    model: opts.model,
    actions,
  });
}
