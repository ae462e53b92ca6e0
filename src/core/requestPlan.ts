/**
 * Turns a request and the settings into a plan before anything is sent: the prompt, the effective options (request
 * over settings defaults), and the models to try. The primary model must accept the request (else nothing is sent);
 * a fallback that cannot take it is skipped and reported, rather than stopping the chain.
 */
import { validateForModel } from './capabilities';
import { AttemptSummary, LiteLLMError } from './errors';
import { definedOptions, ImageOptions, ImageOptionsSchema } from './imageOptions';
import { normalizeModelRef } from './modelRef';
import { CoreSettings } from './settings';

export interface PlanInput {
  prompt: string;
  model?: string;
  fallbacks?: string[];
  options?: ImageOptions;
}

export interface RequestPlan {
  prompt: string;
  options: ImageOptions;
  primary: string;
  /** Models to try, in order (the primary first). */
  models: string[];
  /** Fallbacks left out because they cannot take the request. */
  skipped: AttemptSummary[];
}

export function planRequest(
  settings: CoreSettings,
  req: PlanInput,
  operation: 'generate' | 'edit',
): RequestPlan {
  const prompt = (req.prompt ?? '').trim();
  if (!prompt)
    throw new LiteLLMError('invalid_request', 'The prompt is empty. Describe the image you want.', {
      actions: [],
    });
  const parsed = ImageOptionsSchema.safeParse(
    definedOptions({ ...settings.defaults, ...definedOptions(req.options ?? {}) }),
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LiteLLMError('invalid_request', `Invalid option ${issue.path.join('.')}: ${issue.message}.`, {
      actions: [],
    });
  }
  const options = parsed.data;
  const primary = normalizeModelRef(req.model ?? settings.model);
  validateForModel(primary, options, operation);
  const fallbacks = (req.fallbacks ?? settings.fallbacks).map(normalizeModelRef);
  const models: string[] = [];
  const skipped: AttemptSummary[] = [];
  for (const m of new Set([primary, ...fallbacks].filter(Boolean))) {
    try {
      validateForModel(m, options, operation);
      models.push(m);
    } catch (e) {
      skipped.push({
        model: m,
        ok: false,
        kind: 'invalid_request',
        message: `skipped: ${(e as Error).message}`,
        durationMs: 0,
      });
    }
  }
  return { prompt, options, primary, models, skipped };
}
