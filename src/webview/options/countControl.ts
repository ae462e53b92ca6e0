/** The count field: how many images, 1 to the model's most; hidden for a model that makes one at a time. */
import type { ModelOptionsView } from '../../shared/studio/protocol';
import { h, setHidden, setText } from '../dom';
import { format, type StudioStrings } from '../strings';
import { labelledField } from './fields';

export class CountControl {
  readonly field: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly error: HTMLElement;

  constructor(
    private readonly s: StudioStrings,
    onChange: () => void,
  ) {
    this.input = h('input', {
      id: 'count',
      type: 'number',
      min: 1,
      step: 1,
      placeholder: s.optionDefaultShort,
      'aria-describedby': 'count-error',
    });
    this.error = h('p', { id: 'count-error', class: 'field-error', 'aria-live': 'polite' });
    this.field = labelledField(s.countLabel, this.input, this.error);
    this.input.addEventListener('input', () => onChange());
  }

  offer(view: ModelOptionsView): void {
    this.input.max = String(view.maxCount);
    setHidden(this.field, view.maxCount <= 1);
  }

  show(n: number | undefined): void {
    this.input.value = n === undefined ? '' : String(n);
  }

  /** The count typed; none when the field is empty or hidden, and not valid while it is out of range. */
  read(view: ModelOptionsView): { n?: number; valid: boolean } {
    if (this.field.hidden || this.input.value.trim() === '') return { valid: true };
    const n = Number(this.input.value);
    return fits(n, view) ? { n, valid: true } : { valid: false };
  }

  /** Shows why a typed count is not usable. */
  validate(view: ModelOptionsView): void {
    const count = this.input.value.trim();
    const problem =
      count !== '' && !fits(Number(count), view) ? format(this.s.countRange, view.maxCount) : '';
    setText(this.error, problem);
    this.input.setAttribute('aria-invalid', String(problem !== ''));
  }
}

function fits(n: number, view: ModelOptionsView): boolean {
  return Number.isInteger(n) && n >= 1 && n <= view.maxCount;
}
