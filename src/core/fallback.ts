/**
 * The fallback chain: the primary model, then each fallback in order. Failures that another model would not fix stop
 * the chain: a cancellation, a network-policy refusal, or a request refused before anything was sent.
 */
import { AttemptSummary, coded, LiteLLMError, isLiteLLMError, withDetails } from './errors';
import type { AttemptLine } from './messages';

const STOPS_CHAIN = new Set(['cancelled', 'policy', 'invalid_request', 'invalid_settings', 'input']);

export interface ChainResult<T> {
  value: T;
  model: string;
  attempts: AttemptSummary[];
}

export async function runWithFallbacks<T>(
  models: string[],
  attempt: (model: string, index: number) => Promise<T>,
  opts: {
    onFailure?: (model: string, error: LiteLLMError) => void;
    now?: () => number;
    /** Attempts already decided before the chain ran (fallbacks skipped because they cannot take the request). */
    preAttempts?: AttemptSummary[];
  } = {},
): Promise<ChainResult<T>> {
  const now = opts.now ?? Date.now;
  const attempts: AttemptSummary[] = [...(opts.preAttempts ?? [])];
  let last: LiteLLMError | undefined;
  for (const [index, model] of models.entries()) {
    const started = now();
    try {
      const value = await attempt(model, index);
      attempts.push({ model, ok: true, durationMs: now() - started });
      return { value, model, attempts };
    } catch (e) {
      const err = isLiteLLMError(e)
        ? e
        : coded('upstream', 'unexpected', { detail: String(e) }, { cause: e });
      attempts.push({
        model,
        ok: false,
        kind: err.kind,
        status: err.status,
        error: err.reported,
        durationMs: now() - started,
      });
      opts.onFailure?.(model, err);
      last = err;
      if (STOPS_CHAIN.has(err.kind)) throw withDetails(err, { attempts });
    }
  }
  if (models.length === 1 && last) throw withDetails(last, { attempts });
  const lines = attempts.map(attemptLine);
  if (!last) throw coded('invalid_request', 'request.noModelCanTake', { attempts: lines }, { attempts });
  throw coded(
    'all_failed',
    'chain.allFailed',
    { attempts: lines },
    {
      attempts,
      status: last?.status,
      callId: last?.callId,
      actions: mergeActions(attempts, last),
    },
  );
}

/** What a message says about one try. */
export function attemptLine(a: AttemptSummary): AttemptLine {
  return { model: a.model, ...(a.error ? { error: a.error } : {}), ...(a.skipped ? { skipped: true } : {}) };
}

function mergeActions(attempts: AttemptSummary[], last: LiteLLMError | undefined): LiteLLMError['actions'] {
  const actions = new Set(last?.actions ?? []);
  if (attempts.some((a) => a.kind === 'auth')) actions.add('set_api_key');
  if (attempts.some((a) => a.kind === 'unknown_model')) actions.add('select_model');
  actions.add('show_log');
  return [...actions];
}
