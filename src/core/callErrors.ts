/**
 * How a failed call is reported: the user's cancel, the per-attempt deadline and socket failures each become one
 * coded LiteLLMError, whatever shape the abort took on its way up (undici, a stream or a DOMException).
 */
import { coded, LiteLLMError } from './errors';
import { displayUrl } from './networkPolicy';
import { transportError } from './netErrors';

export function cancelled(): LiteLLMError {
  return coded('cancelled', 'cancelled', {}, { actions: ['retry'] });
}

export function normalizeError(
  e: unknown,
  ctx: { user?: AbortSignal; timer: AbortSignal; timeoutMs: number; model?: string; url: URL },
): LiteLLMError {
  // The signals decide, whatever shape the abort took on its way up (undici, stream or DOMException).
  if (ctx.user?.aborted) return cancelled();
  if (e instanceof LiteLLMError) return e;
  if (ctx.timer.aborted)
    return coded(
      'timeout',
      'net.noAnswer',
      { ...(ctx.model ? { model: ctx.model } : {}), seconds: Math.round(ctx.timeoutMs / 1000) },
      { model: ctx.model, actions: ['retry', 'open_settings'] },
    );
  const name = (e as { name?: string })?.name;
  if (name === 'AbortError') return cancelled();
  // Socket failures can surface while the body streams, after the request itself resolved.
  const mapped = transportError(e, ctx.url);
  if (mapped instanceof LiteLLMError) return mapped;
  return coded(
    'network',
    'net.failed',
    { where: displayUrl(ctx.url), detail: (e as Error)?.message ?? String(e) },
    {
      cause: e,
      model: ctx.model,
    },
  );
}
