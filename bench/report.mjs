// Summary statistics and plain-text tables shared by the benchmark scripts.

/** Median, min, max (rounded to 0.01) of the finite numbers in `samples`; anything else is skipped. */
export function stats(samples) {
  const xs = samples.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (xs.length === 0) return { median: null, min: null, max: null, n: 0, samples: [] };
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const round = (x) => Math.round(x * 100) / 100;
  return {
    median: round(median),
    min: round(sorted[0]),
    max: round(sorted.at(-1)),
    n: xs.length,
    samples: xs.map(round),
  };
}

/** A left-aligned first column and right-aligned figures, with a rule under the headers. */
export function table(rows, headers) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])));
  return [
    line(headers).join('  '),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map((r) => line(r).join('  ')),
  ].join('\n');
}
