/**
 * Turns a request and the settings into a plan before anything is sent: the prompt, the effective options (request
 * over settings defaults), and the models to try. The primary model must accept the request (else nothing is sent);
 * a fallback that cannot take it is skipped and reported, rather than stopping the chain.
 */
import { capabilitiesFor, CapabilityContext, ModelCapabilities, validateForModel } from './capabilities';
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
  /** What each model to try accepts (undefined: nobody knows; the proxy decides), as validated. */
  capabilities: ReadonlyMap<string, ModelCapabilities | undefined>;
}

/** The models a request names, normalised, before anything is validated: what the client asks the proxy about. */
export function plannedModels(settings: CoreSettings, req: Pick<PlanInput, 'model' | 'fallbacks'>): string[] {
  const primary = normalizeModelRef(req.model ?? settings.model);
  const fallbacks = (req.fallbacks ?? settings.fallbacks).map(normalizeModelRef);
  return [...new Set([primary, ...fallbacks].filter(Boolean))];
}

/**
 * The request's options over the settings' defaults. A shape chosen for this request one way (a size, or an aspect
 * ratio) replaces a default given the other way, so a default size does not contradict a ratio picked now.
 */
function mergedOptions(defaults: ImageOptions, asked: ImageOptions): ImageOptions {
  const base = { ...defaults };
  if (asked.aspectRatio !== undefined && asked.size === undefined) delete base.size;
  if (asked.size !== undefined && asked.aspectRatio === undefined) delete base.aspectRatio;
  return { ...base, ...asked };
}

/** gpt-image-1's limit, the longest prompt of any image model; provenance stores prompts up to the same length. */
export const MAX_PROMPT_CHARS = MAX_STORED_TEXT_CHARS;

/** `providerModels`: the provider model behind each name, as the proxy's `/model/info` reported it. */
export function planRequest(
  settings: CoreSettings,
  req: PlanInput,
  operation: 'generate' | 'edit',
  providerModels: ReadonlyMap<string, string> = new Map(),
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
    definedOptions(mergedOptions(definedOptions(settings.defaults), definedOptions(req.options ?? {}))),
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
  const candidates = plannedModels(settings, req);
  const primary = normalizeModelRef(req.model ?? settings.model);
  const context = (m: string): CapabilityContext => ({
    providerModel: providerModels.get(m),
    overrides: settings.modelCapabilities,
  });
  validateForModel(primary, options, operation, context(primary));
  const models: string[] = [];
  const skipped: AttemptSummary[] = [];
  const capabilities = new Map<string, ModelCapabilities | undefined>();
  for (const m of candidates) {
    try {
      validateForModel(m, options, operation, context(m));
      models.push(m);
      capabilities.set(m, capabilitiesFor(m, context(m)));
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
  return { prompt, options, primary, models, skipped, capabilities };
}
