/** Output compression, for lossy formats only: unchecked means the default; checked, the slider's 0–100. */
import type { ModelOptionsView } from '../../shared/studio/protocol';
import { h, setHidden, setText } from '../dom';
import { compressionApplies } from '../draftOptions';
import { format, type StudioStrings } from '../strings';

export class CompressionControl {
  readonly field: HTMLElement;
  private readonly on: HTMLInputElement;
  private readonly slider: HTMLInputElement;
  private readonly value: HTMLOutputElement;

  constructor(
    private readonly s: StudioStrings,
    onChange: () => void,
  ) {
    this.on = h('input', { id: 'compression-on', type: 'checkbox' });
    this.slider = h('input', {
      id: 'compression',
      type: 'range',
      min: 0,
      max: 100,
      step: 1,
      value: 85,
      'aria-label': s.compressionLabel,
    });
    this.value = h('output', { for: 'compression', class: 'range-value' });
    this.field = h(
      'div',
      { class: 'field field-wide' },
      h(
        'div',
        { class: 'compression-row' },
        h('label', { class: 'checkbox' }, this.on, s.compressionLabel),
        this.slider,
        this.value,
      ),
    );
    this.on.addEventListener('change', () => onChange());
    this.slider.addEventListener('input', () => onChange());
  }

  show(outputCompression: number | undefined): void {
    this.on.checked = outputCompression !== undefined;
    if (outputCompression !== undefined) this.slider.value = String(outputCompression);
  }

  /** The compression chosen, when it applies to `outputFormat`. */
  read(view: ModelOptionsView, outputFormat: string | undefined): number | undefined {
    return compressionApplies(view, outputFormat) && this.on.checked ? Number(this.slider.value) : undefined;
  }

  /** Shows the slider only where it applies, and its value only while it is on. */
  validate(view: ModelOptionsView, outputFormat: string | undefined): void {
    setHidden(this.field, !compressionApplies(view, outputFormat));
    this.slider.disabled = !this.on.checked;
    setText(
      this.value,
      this.on.checked ? format(this.s.compressionValue, this.slider.value) : this.s.optionDefaultShort,
    );
  }
}
