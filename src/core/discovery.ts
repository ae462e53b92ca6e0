/**
 * Which of the proxy's models make images. `/model/info` says so when the operator set `mode` (or
 * `supported_endpoints`); `/v1/models` only lists names, so there names are matched against known image families.
 */
import { z } from 'zod';
import { capabilitiesFor, CapabilityOverrides, ModelCapabilities } from './capabilities';
import { ModelPrices, pricesFromModelInfo } from './modelPrices';

export interface DiscoveredModel {
  id: string;
  /** The provider model behind the alias, e.g. "openai/gpt-image-2", when the proxy says. */
  providerModel?: string;
  mode?: string;
  canGenerate: boolean;
  canEdit: boolean;
  /** How we know: the proxy's declared mode/endpoints, or the model's name. */
  evidence: 'mode' | 'endpoints' | 'name';
  capabilities?: ModelCapabilities;
  /** The image prices `/model/info` publishes, for the cost estimate before a call (costEstimate.ts). */
  prices?: ModelPrices;
}

const ModelInfo = z.object({
  data: z.array(
    z
      .object({
        model_name: z.string(),
        litellm_params: z.object({ model: z.string().optional() }).loose().nullish(),
        model_info: z
          .object({ mode: z.string().nullish(), supported_endpoints: z.array(z.string()).nullish() })
          .loose()
          .nullish(),
      })
      .loose(),
  ),
});
const Models = z.object({ data: z.array(z.object({ id: z.string() }).loose()) });

const IMAGE_NAME =
  /(gpt-image|dall-e|dalle|imagen|flux|stable-diffusion|sdxl|sd3|recraft|ideogram|midjourney|seedream|image-gen|-image(-preview)?$|\/image)/i;

function byName(id: string, providerModel?: string): boolean {
  return IMAGE_NAME.test(id) || (providerModel !== undefined && IMAGE_NAME.test(providerModel));
}

/** Name → provider model (`litellm_params.model`), the first deployment of each name. */
export function providerModelsFromModelInfo(json: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const parsed = ModelInfo.safeParse(json);
  if (!parsed.success) return out;
  for (const row of parsed.data.data) {
    const provider = row.litellm_params?.model;
    if (provider && !out.has(row.model_name)) out.set(row.model_name, provider);
  }
  return out;
}

export function modelsFromModelInfo(
  json: unknown,
  overrides: CapabilityOverrides = {},
): DiscoveredModel[] | undefined {
  const parsed = ModelInfo.safeParse(json);
  if (!parsed.success) return undefined;
  const out = new Map<string, DiscoveredModel>();
  for (const row of parsed.data.data) {
    const id = row.model_name;
    const providerModel = row.litellm_params?.model;
    const mode = row.model_info?.mode ?? undefined;
    const endpoints = row.model_info?.supported_endpoints ?? [];
    const gen = mode === 'image_generation' || endpoints.some((e) => /images\/generations$/.test(e));
    const edit =
      mode === 'image_edit' || mode === 'image_edits' || endpoints.some((e) => /images\/edits$/.test(e));
    const caps = capabilitiesFor(id, { providerModel, overrides });
    const prices = pricesFromModelInfo(row.model_info);
    let model: DiscoveredModel | undefined;
    if (gen || edit) {
      model = {
        id,
        providerModel,
        mode,
        canGenerate: gen || (mode === undefined && endpoints.length === 0),
        canEdit: edit || (gen && (caps?.edits ?? true)),
        evidence:
          mode === 'image_generation' || mode === 'image_edit' || mode === 'image_edits'
            ? 'mode'
            : 'endpoints',
        capabilities: caps,
        ...(prices ? { prices } : {}),
      };
    } else if (
      (mode === undefined || mode === null) &&
      (caps || byName(id, providerModel) || Object.hasOwn(overrides, id))
    ) {
      // A proxy without model_info (FACTS §7 "lenient") reports mode null even for image models.
      model = {
        id,
        providerModel,
        canGenerate: true,
        canEdit: caps?.edits ?? true,
        evidence: 'name',
        capabilities: caps,
        ...(prices ? { prices } : {}),
      };
    }
    if (model && !out.has(id)) out.set(id, model);
  }
  return [...out.values()];
}

export function modelsFromModelList(
  json: unknown,
  overrides: CapabilityOverrides = {},
): DiscoveredModel[] | undefined {
  const parsed = Models.safeParse(json);
  if (!parsed.success) return undefined;
  return parsed.data.data
    .filter((m) => capabilitiesFor(m.id, { overrides }) || byName(m.id))
    .map((m) => {
      const caps = capabilitiesFor(m.id, { overrides });
      return {
        id: m.id,
        canGenerate: true,
        canEdit: caps?.edits ?? true,
        evidence: 'name' as const,
        capabilities: caps,
      };
    });
}

export interface KeyInfo {
  alias?: string;
  spend?: number;
  maxBudget?: number;
  budgetResetAt?: string;
}

/** What the client's keyInfo() resolves with: the key's details, or why there are none (see there). */
export type KeyInfoAnswer =
  { info: KeyInfo; missing?: undefined } | { info?: undefined; missing: 'unsupported' | 'unanswered' };

const KeyInfoBody = z
  .object({
    info: z
      .object({
        key_alias: z.string().nullish(),
        spend: z.number().nullish(),
        max_budget: z.number().nullish(),
        budget_reset_at: z.string().nullish(),
      })
      .loose(),
  })
  .loose();

export function keyInfoFrom(json: unknown): KeyInfo | undefined {
  const p = KeyInfoBody.safeParse(json);
  if (!p.success) return undefined;
  const i = p.data.info;
  const info: KeyInfo = {
    alias: i.key_alias ?? undefined,
    spend: i.spend ?? undefined,
    maxBudget: i.max_budget ?? undefined,
    budgetResetAt: i.budget_reset_at ?? undefined,
  };
  return Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined)) as KeyInfo;
}
