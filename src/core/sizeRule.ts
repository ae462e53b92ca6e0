/**
 * The flexible-size rule of models such as gpt-image-2 ("any W×H that fits"), kept free of dependencies so the
 * Studio's browser bundle can check a custom size as it is typed with exactly the rule the core enforces.
 */
import type { SizeProblem } from './messages';

export interface FlexibleSizeRule {
  multipleOf: number;
  maxSide: number;
  minPixels: number;
  maxPixels: number;
  maxAspect: number;
}

export function parseSize(size: string): { width: number; height: number } | undefined {
  const m = /^(\d+)x(\d+)$/.exec(size);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
}

/** Why a WxH size breaks the flexible rule (as data every front end renders), or undefined when it fits. */
export function flexibleSizeProblem(size: string, rule: FlexibleSizeRule): SizeProblem | undefined {
  const dims = parseSize(size);
  if (!dims) return { rule: 'shape' };
  const { width: w, height: h } = dims;
  if (w % rule.multipleOf || h % rule.multipleOf) return { rule: 'multipleOf', multipleOf: rule.multipleOf };
  if (Math.max(w, h) > rule.maxSide) return { rule: 'maxSide', maxSide: rule.maxSide };
  const px = w * h;
  if (px < rule.minPixels || px > rule.maxPixels)
    return { rule: 'pixels', min: rule.minPixels, max: rule.maxPixels, got: px };
  if (Math.max(w, h) / Math.min(w, h) > rule.maxAspect) return { rule: 'aspect', maxAspect: rule.maxAspect };
  return undefined;
}
