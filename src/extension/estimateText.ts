/**
 * An estimate before a call, marked as one (≈): one amount, or a range where the model chooses size or quality. Apart
 * from costText.ts (which the status bar loads at activation), since only the tools and the Studio show estimates.
 */
import { formatUsd } from './costText';

export function formatEstimate(e: { low: number; high: number }): string {
  const low = formatUsd(e.low);
  const high = formatUsd(e.high);
  return low === high ? `≈ ${low}` : `≈ ${low}–${high}`;
}
