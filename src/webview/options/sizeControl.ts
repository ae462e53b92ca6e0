/**
 * The size field: the sizes the model lists, and "Custom…" where it takes a typed size, which is checked against the
 * model's rule as it is typed (the rule itself is the hint under the custom field).
 */
import type { ModelOptionsView } from '../../shared/studio/protocol';
import { h, setHidden, setText } from '../dom';
import { allowsCustomSize, checkCustomSize } from '../draftOptions';
import { sizeProblemText } from '../sizeProblemText';
import { format, type StudioStrings } from '../strings';
import { fillSelect, labelledField } from './fields';

const CUSTOM = '__custom__';

export interface SizeReading {
  size?: string;
  /** False while the typed size is not usable. */
  valid: boolean;
  /** The custom size text when the custom field is in use, valid or not. */
  customSize?: string;
}

export class SizeControl {
  readonly field: HTMLElement;
  /** Goes right after `field`; shown only while "Custom…" is chosen. */
  readonly customField: HTMLElement;
  private readonly select: HTMLSelectElement;
  private readonly custom: HTMLInputElement;
  private readonly hint: HTMLElement;
  private readonly error: HTMLElement;

  constructor(
    private readonly s: StudioStrings,
    onChange: () => void,
  ) {
    this.select = h('select', { id: 'size' });
    this.custom = h('input', {
      id: 'custom-size',
      type: 'text',
      inputmode: 'numeric',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: s.customSizePlaceholder,
      'aria-describedby': 'size-error size-hint',
    });
    this.hint = h('p', { id: 'size-hint', class: 'hint' });
    this.error = h('p', { id: 'size-error', class: 'field-error', 'aria-live': 'polite' });
    this.customField = h(
      'div',
      { class: 'field field-wide', hidden: true },
      h('label', { for: 'custom-size' }, s.customSizeLabel),
      this.custom,
      this.error,
      this.hint,
    );
    this.field = labelledField(s.sizeLabel, this.select);

    this.select.addEventListener('change', () => {
      this.syncCustomField();
      if (this.select.value === CUSTOM) this.custom.focus();
      onChange();
    });
    this.custom.addEventListener('input', () => onChange());
  }

  /** Greyed out while an aspect ratio decides the shape. */
  setEnabled(enabled: boolean): void {
    this.select.disabled = !enabled;
    this.custom.disabled = !enabled;
  }

  /** Offers the sizes `view` lists, and "Custom…" when it takes typed sizes; hidden when it takes neither. */
  offer(view: ModelOptionsView): void {
    const s = this.s;
    fillSelect(
      this.select,
      [
        ...view.sizes.map((v) => [v, sizeLabel(s, v)] as const),
        ...(allowsCustomSize(view) ? [[CUSTOM, s.sizeCustom] as const] : []),
      ],
      s.optionDefault,
    );
    this.hint.textContent = view.flexibleSize
      ? format(
          s.sizeRuleHint,
          view.flexibleSize.multipleOf,
          view.flexibleSize.maxSide,
          view.flexibleSize.minPixels.toLocaleString(),
          view.flexibleSize.maxPixels.toLocaleString(),
          view.flexibleSize.maxAspect,
        )
      : s.anySizeHint;
    setHidden(this.field, view.sizes.length === 0 && !allowsCustomSize(view));
  }

  /** Shows `size`: a listed one in the list, another one (or `customSize`) typed where the model allows it. */
  show(view: ModelOptionsView, size: string | undefined, customSize: string | undefined): void {
    if (size !== undefined && view.sizes.includes(size)) {
      this.select.value = size;
      this.custom.value = '';
    } else if (allowsCustomSize(view) && (size !== undefined || customSize !== undefined)) {
      this.select.value = CUSTOM;
      this.custom.value = size ?? customSize ?? '';
    } else {
      this.select.value = '';
      this.custom.value = '';
    }
    this.syncCustomField();
  }

  read(view: ModelOptionsView): SizeReading {
    if (this.select.value === CUSTOM) {
      const customSize = normalizeSize(this.custom.value);
      if (checkCustomSize(customSize, view).ok) return { size: customSize, valid: true, customSize };
      return { valid: false, customSize };
    }
    return this.select.value ? { size: this.select.value, valid: true } : { valid: true };
  }

  /** Shows why a typed size is not usable. */
  validate(view: ModelOptionsView): void {
    const s = this.s;
    let problem = '';
    if (this.select.value === CUSTOM) {
      const typed = normalizeSize(this.custom.value);
      const check = checkCustomSize(typed, view);
      if (!check.ok)
        problem =
          check.reason === 'format'
            ? s.customSizeFormat
            : format(s.customSizeDoesNotFit, typed, sizeProblemText(check.problem, s));
    }
    setText(this.error, problem);
    this.custom.setAttribute('aria-invalid', String(problem !== ''));
  }

  private syncCustomField(): void {
    setHidden(this.customField, this.select.value !== CUSTOM);
  }
}

/** "1536 X 1024", "1536×1024" and " 1536x1024 " all mean 1536x1024. */
export function normalizeSize(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, '').replace(/[×*]/g, 'x');
}

function sizeLabel(s: StudioStrings, size: string): string {
  if (size === 'auto') return s.valueAuto;
  const m = /^(\d+)x(\d+)$/.exec(size);
  if (!m) return size;
  const w = Number(m[1]);
  const h = Number(m[2]);
  const dims = `${w} × ${h}`;
  return format(w === h ? s.sizeSquare : w > h ? s.sizeLandscape : s.sizePortrait, dims);
}
