/**
 * What a request would cost, estimated before it is sent from the prices the proxy publishes (modelPrices.ts) and
 * what the catalog knows about the model (its sizes, its tokens per image). Only an estimate, and said to be one by
 * every front end: the proxy's own report after the call (callCost.ts) is what was charged. Where a choice is left to
 * the model (`auto` size or quality) the estimate is the range over what the model may choose; where the prices
 * cannot price the request (no price, a token-priced size the table does not list), there is no estimate and the
 * reason says why, rather than a guess.
 */
import { capabilitiesFor, type CapabilityOverrides } from './capabilityOverrides';
import type { DiscoveredModel } from './discovery';
import type { ModelCapabilities } from './modelCatalog';
import type { ModelPrices } from './modelPrices';
import { parseSize } from './sizeRule';

export interface CostRequest {
  size?: string;
  quality?: string;
  n?: number;
}

export interface CostEstimate {
  /** Dollars for the whole request, lowest and highest (equal when nothing is left to the model). */
  low: number;
  high: number;
  images: number;
  /** Which published price it rests on. */
  basis: 'perImage' | 'perPixel' | 'imageTokens';
}

export type NoEstimate =
  /** The proxy publishes no image price for the model. */
  | 'noPrices'
  /** Priced by pixel or token, and the size is not one the estimate can price. */
  | 'sizeNotPriced';

export type CostEstimateOutcome = { estimate: CostEstimate } | { none: NoEstimate };

function range(values: readonly number[]): { low: number; high: number } | undefined {
  return values.length ? { low: Math.min(...values), high: Math.max(...values) } : undefined;
}

function pixelsOf(size: string): number | undefined {
  const wh = parseSize(size.trim().toLowerCase());
  return wh ? wh.width * wh.height : undefined;
}

/** The sizes a request may come back in: the one asked for, or every listed size when the model chooses. */
function candidateSizes(size: string | undefined, caps: ModelCapabilities | undefined): string[] {
  if (size !== undefined && size !== 'auto') return [size];
  return (caps?.sizes ?? []).filter((s) => s !== 'auto');
}

function perImageRange(
  prices: ModelPrices,
  caps: ModelCapabilities | undefined,
  req: CostRequest,
): { low: number; high: number; basis: CostEstimate['basis'] } | undefined {
  if (prices.perImage !== undefined)
    return { low: prices.perImage, high: prices.perImage, basis: 'perImage' };
  const sizes = candidateSizes(req.size, caps);
  const tokens = caps?.imageTokens;
  if (prices.perOutputImageToken !== undefined && tokens) {
    const qualities =
      req.quality !== undefined && req.quality !== 'auto' ? [req.quality] : Object.keys(tokens);
    const counts = qualities.flatMap((q) => sizes.map((s) => tokens[q]?.[s]));
    // One size or quality the table lacks makes the range a guess: no estimate instead.
    if (counts.length && counts.every((c): c is number => c !== undefined)) {
      const r = range(counts.map((c) => c * prices.perOutputImageToken!));
      if (r) return { ...r, basis: 'imageTokens' };
    }
  }
  if (prices.perPixel !== undefined) {
    const pixels = sizes.map(pixelsOf);
    if (pixels.length && pixels.every((p): p is number => p !== undefined)) {
      const r = range(pixels.map((p) => p * prices.perPixel!));
      if (r) return { ...r, basis: 'perPixel' };
    }
  }
  return undefined;
}

export function estimateCost(
  prices: ModelPrices | undefined,
  caps: ModelCapabilities | undefined,
  req: CostRequest,
): CostEstimateOutcome {
  if (!prices) return { none: 'noPrices' };
  const each = perImageRange(prices, caps, req);
  if (!each) return { none: 'sizeNotPriced' };
  const images = Math.max(1, Math.floor(req.n ?? 1));
  return { estimate: { low: each.low * images, high: each.high * images, images, basis: each.basis } };
}

/**
 * The estimate for a request to one of the proxy's listed models, what every front end asks: the model's published
 * prices, and what it accepts as the user's `litellm.image.modelCapabilities` say now (not as they were when the list
 * was fetched). A request that chose an aspect ratio has no pixel size to price by.
 */
export function estimateForModel(
  models: readonly DiscoveredModel[],
  modelId: string,
  overrides: CapabilityOverrides,
  // Plain strings: a tool's input is not yet validated when its confirmation is shown.
  options: { size?: string; aspectRatio?: string; quality?: string; n?: number },
): CostEstimateOutcome {
  const found = models.find((m) => m.id === modelId);
  if (!found?.prices) return { none: 'noPrices' };
  const caps = capabilitiesFor(modelId, { providerModel: found.providerModel, overrides });
  return estimateCost(found.prices, caps, {
    ...(options.aspectRatio === undefined && options.size !== undefined ? { size: options.size } : {}),
    ...(options.quality !== undefined ? { quality: options.quality } : {}),
    ...(options.n !== undefined ? { n: options.n } : {}),
  });
}
