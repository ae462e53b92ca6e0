/**
 * The line under the history's header when the folder holds more than the host listed (it lists the newest images
 * only, and stops scanning a folder with a huge number of entries), so a missing image is never a silent surprise.
 */
import type { HistoryView } from '../shared/studio/protocol';
import { format, type StudioStrings } from './strings';

type NoticeStrings = Pick<StudioStrings, 'historyNewestOf' | 'historyScanStopped'>;

/** Empty when the whole folder is listed. `listed` is the number of images in the whole list. */
export function historyNotice(
  listed: number,
  partial: HistoryView['partial'],
  s: NoticeStrings,
  locale?: string,
): string {
  if (!partial) return '';
  const n = (value: number) => value.toLocaleString(locale);
  const parts: string[] = [];
  if (partial.older > 0) parts.push(format(s.historyNewestOf, n(listed), n(listed + partial.older)));
  if (partial.scanned !== undefined) parts.push(format(s.historyScanStopped, n(partial.scanned)));
  return parts.join(' ');
}
