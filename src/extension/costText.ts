/**
 * Dollar amounts in one format wherever the extension shows them (the status bar, the Studio's cards, Show Image
 * Info), so a call's cost and its images' shares read alike. Always the proxy's figure: nothing here prices anything.
 */
export function formatUsd(value: number): string {
  // Image calls cost cents; spends are dollars. Four places tell shares of a cent apart (0.0133 + 0.0133 + 0.0134).
  return value < 1 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}
