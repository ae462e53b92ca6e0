/** "Did you mean …?" for a mistyped flag: the closest known name by edit distance, when it is close enough. */

/**
 * Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`: the optimal string alignment
 * distance, so `--szie` is one edit from `--size`. Bounded: flags are short, and longer input is cut.
 */
export function editDistance(a: string, b: string): number {
  const s = a.slice(0, 64);
  const t = b.slice(0, 64);
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[s.length]![t.length]!;
}

/**
 * The candidate closest to `word`, when at most a third of its letters (at least one, at most three) are off; the
 * first in `candidates` order on a tie; else the one candidate the word begins. Case is ignored.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const bare = word.replace(/^-+/, '').toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(bare.length / 3)));
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(bare, name.replace(/^-+/, '').toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { name, distance };
  }
  if (best) return best.name;
  // A unique beginning (`--fall` → `--fallback`): parseArgs takes whole names only.
  const starts = bare.length >= 3 ? candidates.filter((c) => c.replace(/^-+/, '').startsWith(bare)) : [];
  return starts.length === 1 ? starts[0] : undefined;
}
