/**
 * The option fields of the composer (size, quality, count, background, format, compression, moderation, style),
 * offering only what the model accepts. An empty choice means "default (from settings)"; a field whose list is
 * empty is hidden, and a hidden field contributes nothing to the draft.
 */
import type { ModelOptionsView } from '../shared/studio/protocol';
import { h, setHidden, setText } from './dom';
import {
  ANY_MODEL,
  allowsCustomSize,
  checkCustomSize,
  compressionApplies,
  type DraftOptions,
} from './draftOptions';
import { sizeProblemText } from './sizeProblemText';
import { format, type StudioStrings } from './strings';

const CUSTOM = '__custom__';

type SelectKey = 'quality' | 'background' | 'outputFormat' | 'moderation' | 'style';

export interface OptionsReading {
  options: DraftOptions;
  /** False while a typed value (custom size, count) is not usable: the run button waits. */
  valid: boolean;
  /** The custom size text when the custom field is in use, valid or not (kept across reloads). */
  customSize?: string;
}

export class OptionControls {
  readonly root: HTMLElement;
  private view: ModelOptionsView = ANY_MODEL;
  private viewKey = '';

  private readonly size: HTMLSelectElement;
  private readonly customSize: HTMLInputElement;
  private readonly customField: HTMLElement;
  private readonly sizeHint: HTMLElement;
  private readonly sizeError: HTMLElement;
  private readonly count: HTMLInputElement;
  private readonly countError: HTMLElement;
  private readonly selects: Record<SelectKey, HTMLSelectElement>;
  private readonly compressionOn: HTMLInputElement;
  private readonly compression: HTMLInputElement;
  private readonly compressionValue: HTMLOutputElement;
  private readonly fields = new Map<string, HTMLElement>();

  constructor(
    private readonly s: StudioStrings,
    private readonly onChange: () => void,
  ) {
    this.size = h('select', { id: 'size' });
    this.customSize = h('input', {
      id: 'custom-size',
      type: 'text',
      inputmode: 'numeric',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: s.customSizePlaceholder,
      'aria-describedby': 'size-error size-hint',
    });
    this.sizeHint = h('p', { id: 'size-hint', class: 'hint' });
    this.sizeError = h('p', { id: 'size-error', class: 'field-error', 'aria-live': 'polite' });
    this.customField = h(
      'div',
      { class: 'field field-wide', hidden: true },
      h('label', { for: 'custom-size' }, s.customSizeLabel),
      this.customSize,
      this.sizeError,
      this.sizeHint,
    );
    this.count = h('input', {
      id: 'count',
      type: 'number',
      min: 1,
      step: 1,
      placeholder: s.optionDefaultShort,
      'aria-describedby': 'count-error',
    });
    this.countError = h('p', { id: 'count-error', class: 'field-error', 'aria-live': 'polite' });
    this.selects = {
      quality: h('select', { id: 'quality' }),
      background: h('select', { id: 'background' }),
      outputFormat: h('select', { id: 'output-format' }),
      moderation: h('select', { id: 'moderation' }),
      style: h('select', { id: 'style' }),
    };
    this.compressionOn = h('input', { id: 'compression-on', type: 'checkbox' });
    this.compression = h('input', {
      id: 'compression',
      type: 'range',
      min: 0,
      max: 100,
      step: 1,
      value: 85,
      'aria-label': s.compressionLabel,
    });
    this.compressionValue = h('output', { for: 'compression', class: 'range-value' });

    this.root = h(
      'div',
      { class: 'options', role: 'group', 'aria-label': s.optionsLabel },
      this.field('size', s.sizeLabel, this.size),
      this.customField,
      this.field('quality', s.qualityLabel, this.selects.quality),
      this.field('count', s.countLabel, this.count, this.countError),
      this.field('background', s.backgroundLabel, this.selects.background),
      this.field('outputFormat', s.outputFormatLabel, this.selects.outputFormat),
      this.compressionField(),
      this.field('style', s.styleLabel, this.selects.style),
      this.field('moderation', s.moderationLabel, this.selects.moderation),
    );

    this.size.addEventListener('change', () => {
      this.syncCustomField();
      if (this.size.value === CUSTOM) this.customSize.focus();
      this.changed();
    });
    this.customSize.addEventListener('input', () => this.changed());
    this.count.addEventListener('input', () => this.changed());
    for (const select of Object.values(this.selects)) select.addEventListener('change', () => this.changed());
    this.compressionOn.addEventListener('change', () => this.changed());
    this.compression.addEventListener('input', () => this.changed());
    this.setView(undefined);
  }

  /** Offers what `view` accepts (everything while unknown); keeps current choices that are still on offer. */
  setView(view: ModelOptionsView | undefined): boolean {
    const next = view ?? ANY_MODEL;
    const key = JSON.stringify(next);
    if (key === this.viewKey) return false;
    const current = this.read();
    this.view = next;
    this.viewKey = key;

    const s = this.s;
    fillSelect(
      this.size,
      [
        ...next.sizes.map((v) => [v, sizeLabel(s, v)] as const),
        ...(allowsCustomSize(next) ? [[CUSTOM, s.sizeCustom] as const] : []),
      ],
      s.optionDefault,
    );
    const labelled = (values: readonly string[], labels: Record<string, string>) =>
      values.map((v) => [v, labels[v] ?? v] as const);
    fillSelect(
      this.selects.quality,
      labelled(next.qualities, {
        low: s.qualityLow,
        medium: s.qualityMedium,
        high: s.qualityHigh,
        auto: s.valueAuto,
        standard: s.qualityStandard,
        hd: s.qualityHd,
      }),
      s.optionDefault,
    );
    fillSelect(
      this.selects.background,
      labelled(next.backgrounds, {
        transparent: s.backgroundTransparent,
        opaque: s.backgroundOpaque,
        auto: s.valueAuto,
      }),
      s.optionDefault,
    );
    fillSelect(
      this.selects.outputFormat,
      labelled(next.outputFormats, { png: 'PNG', jpeg: 'JPEG', webp: 'WebP' }),
      s.optionDefault,
    );
    fillSelect(
      this.selects.moderation,
      next.moderation ? labelled(['low', 'auto'], { low: s.moderationLow, auto: s.valueAuto }) : [],
      s.optionDefault,
    );
    fillSelect(
      this.selects.style,
      labelled(next.styles, { vivid: s.styleVivid, natural: s.styleNatural }),
      s.optionDefault,
    );
    this.count.max = String(next.maxCount);
    this.sizeHint.textContent = next.flexibleSize
      ? format(
          s.sizeRuleHint,
          next.flexibleSize.multipleOf,
          next.flexibleSize.maxSide,
          next.flexibleSize.minPixels.toLocaleString(),
          next.flexibleSize.maxPixels.toLocaleString(),
          next.flexibleSize.maxAspect,
        )
      : s.anySizeHint;

    setHidden(this.fields.get('size')!, next.sizes.length === 0 && !allowsCustomSize(next));
    setHidden(this.fields.get('quality')!, next.qualities.length === 0);
    setHidden(this.fields.get('count')!, next.maxCount <= 1);
    setHidden(this.fields.get('background')!, next.backgrounds.length === 0);
    setHidden(this.fields.get('outputFormat')!, next.outputFormats.length === 0);
    setHidden(this.fields.get('style')!, next.styles.length === 0);
    setHidden(this.fields.get('moderation')!, !next.moderation);
    this.setValues(current.options, current.customSize);
    return true;
  }

  /** Shows these options (a value the model does not offer shows as the default). */
  setValues(options: DraftOptions, customSize?: string): void {
    const size = options.size;
    if (size !== undefined && this.view.sizes.includes(size)) {
      this.size.value = size;
      this.customSize.value = '';
    } else if (allowsCustomSize(this.view) && (size !== undefined || customSize !== undefined)) {
      this.size.value = CUSTOM;
      this.customSize.value = size ?? customSize ?? '';
    } else {
      this.size.value = '';
      this.customSize.value = '';
    }
    this.count.value = options.n === undefined ? '' : String(options.n);
    selectValue(this.selects.quality, options.quality);
    selectValue(this.selects.background, options.background);
    selectValue(this.selects.outputFormat, options.outputFormat);
    selectValue(this.selects.moderation, options.moderation);
    selectValue(this.selects.style, options.style);
    this.compressionOn.checked = options.outputCompression !== undefined;
    if (options.outputCompression !== undefined) this.compression.value = String(options.outputCompression);
    this.syncCustomField();
    this.validate();
  }

  /** The options as chosen; a field that is hidden or not (yet) valid contributes nothing. */
  read(): OptionsReading {
    const options: DraftOptions = {};
    let valid = true;
    let customSize: string | undefined;

    if (this.size.value === CUSTOM) {
      customSize = normalizeSize(this.customSize.value);
      if (checkCustomSize(customSize, this.view).ok) options.size = customSize;
      else valid = false;
    } else if (this.size.value) options.size = this.size.value;

    if (!this.fields.get('count')!.hidden && this.count.value.trim() !== '') {
      const n = Number(this.count.value);
      if (Number.isInteger(n) && n >= 1 && n <= this.view.maxCount) options.n = n;
      else valid = false;
    }
    const quality = this.selects.quality.value;
    if (quality) options.quality = quality as DraftOptions['quality'];
    const background = this.selects.background.value;
    if (background) options.background = background as DraftOptions['background'];
    const outputFormat = this.selects.outputFormat.value;
    if (outputFormat) options.outputFormat = outputFormat as DraftOptions['outputFormat'];
    if (compressionApplies(this.view, options.outputFormat) && this.compressionOn.checked)
      options.outputCompression = Number(this.compression.value);
    const moderation = this.selects.moderation.value;
    if (moderation) options.moderation = moderation as DraftOptions['moderation'];
    const style = this.selects.style.value;
    if (style) options.style = style as DraftOptions['style'];
    return customSize === undefined ? { options, valid } : { options, valid, customSize };
  }

  private changed(): void {
    this.validate();
    this.onChange();
  }

  /** Shows why a typed value is not usable, and the compression slider only where it applies. */
  private validate(): void {
    const s = this.s;
    let sizeProblem = '';
    if (this.size.value === CUSTOM) {
      const typed = normalizeSize(this.customSize.value);
      const check = checkCustomSize(typed, this.view);
      if (!check.ok)
        sizeProblem =
          check.reason === 'format'
            ? s.customSizeFormat
            : format(s.customSizeDoesNotFit, typed, sizeProblemText(check.problem, s));
    }
    setText(this.sizeError, sizeProblem);
    this.customSize.setAttribute('aria-invalid', String(sizeProblem !== ''));

    let countProblem = '';
    const count = this.count.value.trim();
    if (count !== '') {
      const n = Number(count);
      if (!Number.isInteger(n) || n < 1 || n > this.view.maxCount)
        countProblem = format(s.countRange, this.view.maxCount);
    }
    setText(this.countError, countProblem);
    this.count.setAttribute('aria-invalid', String(countProblem !== ''));

    // No transparent JPEG (the core refuses it): each choice greys out the other's conflicting value.
    const { background, outputFormat } = this.selects;
    for (const o of Array.from(outputFormat.options))
      if (o.value === 'jpeg') o.disabled = background.value === 'transparent';
    for (const o of Array.from(background.options))
      if (o.value === 'transparent') o.disabled = outputFormat.value === 'jpeg';

    const lossy = compressionApplies(this.view, this.selects.outputFormat.value || undefined);
    setHidden(this.fields.get('compression')!, !lossy);
    this.compression.disabled = !this.compressionOn.checked;
    setText(
      this.compressionValue,
      this.compressionOn.checked ? format(s.compressionValue, this.compression.value) : s.optionDefaultShort,
    );
  }

  private syncCustomField(): void {
    setHidden(this.customField, this.size.value !== CUSTOM);
  }

  private field(key: string, label: string, control: HTMLElement, ...extra: HTMLElement[]): HTMLElement {
    const el = h('div', { class: 'field' }, h('label', { for: control.id }, label), control, ...extra);
    this.fields.set(key, el);
    return el;
  }

  private compressionField(): HTMLElement {
    const el = h(
      'div',
      { class: 'field field-wide' },
      h(
        'div',
        { class: 'compression-row' },
        h('label', { class: 'checkbox' }, this.compressionOn, this.s.compressionLabel),
        this.compression,
        this.compressionValue,
      ),
    );
    this.fields.set('compression', el);
    return el;
  }
}

function fillSelect(select: HTMLSelectElement, items: readonly (readonly [string, string])[], empty: string) {
  const options = [
    h('option', { value: '' }, empty),
    ...items.map(([v, label]) => h('option', { value: v }, label)),
  ];
  select.replaceChildren(...options);
}

function selectValue(select: HTMLSelectElement, value: string | undefined): void {
  select.value = value ?? '';
  if (select.selectedIndex < 0) select.value = '';
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
