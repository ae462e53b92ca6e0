/**
 * Turns a request and the settings into a plan before anything is sent: the prompt, the effective options (request
 * over settings defaults), and the models to try. The primary model must accept the request (else nothing is sent);
 * a fallback that cannot take it is skipped and reported, rather than stopping the chain.
 */
import { validateForModel } from './capabilities';
import { AttemptSummary, coded, isLiteLLMError } from './errors';
import { definedOptions, ImageOptions, ImageOptionsSchema } from './imageOptions';
import { normalizeModelRef } from './modelRef';
import { MAX_STORED_TEXT_CHARS } from './provenanceRecord';
import { CoreSettings } from './settings';
import { valueProblem } from './valueProblems';

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

/** gpt-image-1's limit, the longest prompt of any image model; provenance stores prompts up to the same length. */
export const MAX_PROMPT_CHARS = MAX_STORED_TEXT_CHARS;

export function planRequest(
  settings: CoreSettings,
  req: PlanInput,
  operation: 'generate' | 'edit',
): RequestPlan {
  const prompt = (req.prompt ?? '').trim();
  if (!prompt) throw coded('invalid_request', 'request.emptyPrompt', {}, { actions: [] });
  // Bounded for every front end (a tool argument or a piped file can be any size): the longest any model takes.
  if (prompt.length > MAX_PROMPT_CHARS)
    throw coded(
      'invalid_request',
      'request.promptTooLong',
      { length: prompt.length, max: MAX_PROMPT_CHARS },
      { actions: [] },
    );
  const parsed = ImageOptionsSchema.safeParse(
    definedOptions({ ...settings.defaults, ...definedOptions(req.options ?? {}) }),
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw coded(
      'invalid_request',
      'request.invalidOption',
      { option: issue.path.join('.'), problem: valueProblem(issue) },
      { actions: [] },
    );
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
        ...(isLiteLLMError(e) ? { error: e.reported } : {}),
        skipped: true,
        durationMs: 0,
      });
    }
  }
  return { prompt, options, primary, models, skipped };
}
