/** Why a typed size breaks the model's flexible rule, in the Studio's strings (the host localised them). */
import type { SizeProblem } from '../core/messages';
import { format, type StudioStrings } from './strings';

export function sizeProblemText(p: SizeProblem, s: StudioStrings): string {
  const n = (x: number) => x.toLocaleString();
  switch (p.rule) {
    case 'shape':
      return s.sizeProblemShape;
    case 'multipleOf':
      return format(s.sizeProblemMultipleOf, p.multipleOf);
    case 'maxSide':
      return format(s.sizeProblemMaxSide, p.maxSide);
    case 'pixels':
      return format(s.sizeProblemPixels, n(p.min), n(p.max), n(p.got));
    case 'aspect':
      return format(s.sizeProblemAspect, p.maxAspect);
  }
}
