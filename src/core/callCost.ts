/**
 * Honest cost: what the proxy charged (its `x-litellm-response-cost` header; 0 or absent is unknown, never $0.00),
 * shared out to the images it paid for, so that the files' costs add up exactly to the call's, however many requests
 * the call took (dall-e-3 makes one per image); and the token usage the proxy reported, summed the same way, so a
 * cost can be recomputed later from prices.
 */
import type { Usage } from './imagesResponse';

/** Costs are kept to this many decimal places of a dollar, the precision LiteLLM's headers carry. */
const COST_DECIMALS = 10;
const UNIT = 10 ** COST_DECIMALS;

/** A dollar amount in whole units of 1e-10, so shares add up without floating-point drift. */
function units(cost: number): number {
  return Math.round(cost * UNIT);
}

export function roundCost(cost: number): number {
  return units(cost) / UNIT;
}

/**
 * `cost` split into `count` shares that add up to it exactly at COST_DECIMALS (the last share takes the remainder):
 * 0.04 for three images is 0.0133333333, 0.0133333333, 0.0133333334.
 */
export function shareCost(cost: number, count: number): number[] {
  if (count <= 0) return [];
  const total = units(cost);
  const each = Math.floor(total / count);
  return Array.from(
    { length: count },
    (_, i) => (i === count - 1 ? total - each * (count - 1) : each) / UNIT,
  );
}

/** The sum of known costs, rounded like every share (undefined when none is known). */
export function sumCosts(costs: readonly (number | undefined)[]): number | undefined {
  const known = costs.filter((c): c is number => c !== undefined);
  return known.length ? known.reduce((sum, c) => sum + units(c), 0) / UNIT : undefined;
}

/** Usage objects are small; a bigger one from a proxy is cut, not stored whole. */
const MAX_USAGE_KEYS = 32;
const MAX_USAGE_DEPTH = 3;

/**
 * The numbers of a proxy's `usage` (token counts, nested details), with sums where several answers each brought one:
 * non-numbers and implausible numbers are dropped, so the record stays small and means what it says.
 */
export function addUsage(a: Usage | undefined, b: Usage | undefined, depth = 0): Usage | undefined {
  if (!a && !b) return undefined;
  const out: Usage = {};
  const keys = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])].slice(0, MAX_USAGE_KEYS);
  for (const key of keys) {
    const x = a?.[key];
    const y = b?.[key];
    const nx = countOf(x);
    const ny = countOf(y);
    if (nx !== undefined || ny !== undefined) out[key] = (nx ?? 0) + (ny ?? 0);
    else if (depth < MAX_USAGE_DEPTH && (isObject(x) || isObject(y))) {
      const nested = addUsage(isObject(x) ? x : undefined, isObject(y) ? y : undefined, depth + 1);
      if (nested && Object.keys(nested).length) out[key] = nested;
    }
  }
  return Object.keys(out).length ? out : undefined;
}

function countOf(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER
    ? v
    : undefined;
}

function isObject(v: unknown): v is Usage {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A dollar amount as people read it wherever this project shows one (the MCP server's answers; the extension's
 * status bar, cards and tools through its own copy in src/extension/costText.ts, since the activation bundle carries
 * no core file; test/unit/callCost.test.ts checks the two agree). Scripts get the raw number (the CLI's JSON lines).
 */
export function formatUsd(value: number): string {
  // Image calls cost cents; spends are dollars. Four places tell shares of a cent apart (0.0133 + 0.0133 + 0.0134).
  return value < 1 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}
