/**
 * The flexible-size rule of models such as gpt-image-2 ("any W×H that fits"), kept free of dependencies so the
 * Studio's browser bundle can check a custom size as it is typed with exactly the rule the core enforces.
 */

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

/** Why a WxH size breaks the flexible rule, or undefined when it fits. */
export function flexibleSizeProblem(size: string, rule: FlexibleSizeRule): string | undefined {
  const dims = parseSize(size);
  if (!dims) return 'is not WIDTHxHEIGHT';
  const { width: w, height: h } = dims;
  if (w % rule.multipleOf || h % rule.multipleOf) return `both sides must be multiples of ${rule.multipleOf}`;
  if (Math.max(w, h) > rule.maxSide) return `the longest side must be at most ${rule.maxSide}`;
  const px = w * h;
  if (px < rule.minPixels || px > rule.maxPixels)
    return `the image must have between ${rule.minPixels.toLocaleString('en-US')} and ${rule.maxPixels.toLocaleString('en-US')} pixels (got ${px.toLocaleString('en-US')})`;
  if (Math.max(w, h) / Math.min(w, h) > rule.maxAspect)
    return `the aspect ratio must be at most ${rule.maxAspect}:1`;
  return undefined;
}
