/**
 * The prices a proxy publishes for a model (`/model/info` → `model_info`, from LiteLLM's cost map or the operator's
 * config), as far as they price an image. LiteLLM reports 0 or null for a price it does not have (gpt-image-2 in
 * 1.81.0, LITELLM_FACTS §7), so only positive prices count; an implausible one from a hostile or broken proxy is
 * ignored rather than shown as a large estimate.
 */

export interface ModelPrices {
  /** Dollars per image made (`output_cost_per_image`: Imagen, Gemini image models, most providers' flat prices). */
  perImage?: number;
  /** Dollars per pixel of the image (`input_cost_per_pixel` + `output_cost_per_pixel`: dall-e in LiteLLM's map). */
  perPixel?: number;
  /** Dollars per output image token (`output_cost_per_image_token`: gpt-image-1 and its kin). */
  perOutputImageToken?: number;
}

/** Above these a figure is not a price but a mistake (or an attack on the user's trust in the estimate). */
const MAX = { perImage: 100, perPixel: 1e-4, perOutputImageToken: 1e-2 } as const;

function price(info: Record<string, unknown>, key: string, max: number): number | undefined {
  const v = info[key];
  return typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= max ? v : undefined;
}

/** The image prices in one `model_info` object; undefined when it has none. */
export function pricesFromModelInfo(info: unknown): ModelPrices | undefined {
  if (typeof info !== 'object' || info === null || Array.isArray(info)) return undefined;
  const row = info as Record<string, unknown>;
  const perImage = price(row, 'output_cost_per_image', MAX.perImage);
  const inPixel = price(row, 'input_cost_per_pixel', MAX.perPixel);
  const outPixel = price(row, 'output_cost_per_pixel', MAX.perPixel);
  const perPixel =
    inPixel !== undefined || outPixel !== undefined ? (inPixel ?? 0) + (outPixel ?? 0) : undefined;
  const perOutputImageToken = price(row, 'output_cost_per_image_token', MAX.perOutputImageToken);
  const prices: ModelPrices = {
    ...(perImage !== undefined ? { perImage } : {}),
    ...(perPixel !== undefined ? { perPixel } : {}),
    ...(perOutputImageToken !== undefined ? { perOutputImageToken } : {}),
  };
  return Object.keys(prices).length ? prices : undefined;
}
