/**
 * The shape a run's images are expected to have (width ÷ height), so the Studio's placeholders take it before the
 * images arrive and the list does not jump when they do: the size asked for, else the aspect ratio, else an edit's
 * first reference (edits keep their original's shape unless told otherwise). Nothing when the model chooses.
 */
import type { ImageOptions } from '../../core/imageOptions';
import type { Reference } from './studioStore';

function ratio(a: number, b: number): number | undefined {
  return a > 0 && b > 0 && Number.isFinite(a / b) ? a / b : undefined;
}

export function expectedShape(
  options: ImageOptions,
  references: readonly string[],
  known: readonly Reference[],
): { aspect?: number } {
  const size = /^(\d+)x(\d+)$/.exec(options.size?.trim().toLowerCase() ?? '');
  const bySize = size ? ratio(Number(size[1]), Number(size[2])) : undefined;
  if (bySize) return { aspect: bySize };
  const ar = /^(\d+):(\d+)$/.exec(options.aspectRatio ?? '');
  const byRatio = ar ? ratio(Number(ar[1]), Number(ar[2])) : undefined;
  if (byRatio) return { aspect: byRatio };
  const first = references[0];
  const view = first !== undefined ? known.find((r) => r.path === first)?.view : undefined;
  const byReference = view?.width && view.height ? ratio(view.width, view.height) : undefined;
  return byReference ? { aspect: byReference } : {};
}
