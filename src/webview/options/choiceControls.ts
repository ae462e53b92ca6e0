/**
 * The option fields that are a plain choice (aspect ratio, resolution, quality, background, output format,
 * moderation, style): each offers what the model accepts under a readable label, and is hidden when it accepts
 * nothing.
 */
import type { ModelOptionsView } from '../../shared/studio/protocol';
import { h, setHidden } from '../dom';
import type { DraftOptions } from '../draftOptions';
import type { StudioStrings } from '../strings';
import { fillSelect, labelledField } from './fields';

type ChoiceKey =
  'aspectRatio' | 'imageSize' | 'quality' | 'background' | 'outputFormat' | 'moderation' | 'style';

export class ChoiceControls {
  readonly fields: Record<ChoiceKey, HTMLElement>;
  private readonly selects: Record<ChoiceKey, HTMLSelectElement>;

  constructor(
    private readonly s: StudioStrings,
    onChange: () => void,
  ) {
    this.selects = {
      aspectRatio: h('select', { id: 'aspect-ratio' }),
      imageSize: h('select', { id: 'image-size' }),
      quality: h('select', { id: 'quality' }),
      background: h('select', { id: 'background' }),
      outputFormat: h('select', { id: 'output-format' }),
      moderation: h('select', { id: 'moderation' }),
      style: h('select', { id: 'style' }),
    };
    this.fields = {
      aspectRatio: labelledField(s.aspectRatioLabel, this.selects.aspectRatio),
      imageSize: labelledField(s.imageSizeLabel, this.selects.imageSize),
      quality: labelledField(s.qualityLabel, this.selects.quality),
      background: labelledField(s.backgroundLabel, this.selects.background),
      outputFormat: labelledField(s.outputFormatLabel, this.selects.outputFormat),
      moderation: labelledField(s.moderationLabel, this.selects.moderation),
      style: labelledField(s.styleLabel, this.selects.style),
    };
    for (const select of Object.values(this.selects)) select.addEventListener('change', () => onChange());
  }

  offer(view: ModelOptionsView): void {
    const s = this.s;
    const labelled = (values: readonly string[], labels: Record<string, string>) =>
      values.map((v) => [v, labels[v] ?? v] as const);
    // Ratios and resolutions read the same in every language ("16:9", "2K"): shown as they are sent.
    fillSelect(this.selects.aspectRatio, labelled(view.aspectRatios, {}), s.optionDefault);
    fillSelect(this.selects.imageSize, labelled(view.imageSizes, {}), s.optionDefault);
    fillSelect(
      this.selects.quality,
      labelled(view.qualities, {
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
      labelled(view.backgrounds, {
        transparent: s.backgroundTransparent,
        opaque: s.backgroundOpaque,
        auto: s.valueAuto,
      }),
      s.optionDefault,
    );
    fillSelect(
      this.selects.outputFormat,
      labelled(view.outputFormats, { png: 'PNG', jpeg: 'JPEG', webp: 'WebP' }),
      s.optionDefault,
    );
    fillSelect(
      this.selects.moderation,
      view.moderation ? labelled(['low', 'auto'], { low: s.moderationLow, auto: s.valueAuto }) : [],
      s.optionDefault,
    );
    fillSelect(
      this.selects.style,
      labelled(view.styles, { vivid: s.styleVivid, natural: s.styleNatural }),
      s.optionDefault,
    );
    setHidden(this.fields.aspectRatio, view.aspectRatios.length === 0);
    setHidden(this.fields.imageSize, view.imageSizes.length === 0);
    setHidden(this.fields.quality, view.qualities.length === 0);
    setHidden(this.fields.background, view.backgrounds.length === 0);
    setHidden(this.fields.outputFormat, view.outputFormats.length === 0);
    setHidden(this.fields.style, view.styles.length === 0);
    setHidden(this.fields.moderation, !view.moderation);
  }

  /** Shows these choices (a value not on offer shows as the default). */
  show(options: DraftOptions): void {
    selectValue(this.selects.aspectRatio, options.aspectRatio);
    selectValue(this.selects.imageSize, options.imageSize);
    selectValue(this.selects.quality, options.quality);
    selectValue(this.selects.background, options.background);
    selectValue(this.selects.outputFormat, options.outputFormat);
    selectValue(this.selects.moderation, options.moderation);
    selectValue(this.selects.style, options.style);
  }

  /** The aspect ratio chosen; undefined for the default. */
  get aspectRatio(): string | undefined {
    return this.selects.aspectRatio.value || undefined;
  }

  /** The output format chosen; undefined for the default. */
  get outputFormat(): string | undefined {
    return this.selects.outputFormat.value || undefined;
  }

  /** Adds the choices made to `options` (the default adds nothing). */
  readInto(options: DraftOptions): void {
    const { aspectRatio, imageSize, quality, background, outputFormat, moderation, style } = this.selects;
    if (aspectRatio.value) options.aspectRatio = aspectRatio.value as DraftOptions['aspectRatio'];
    if (imageSize.value) options.imageSize = imageSize.value as DraftOptions['imageSize'];
    if (quality.value) options.quality = quality.value as DraftOptions['quality'];
    if (background.value) options.background = background.value as DraftOptions['background'];
    if (outputFormat.value) options.outputFormat = outputFormat.value as DraftOptions['outputFormat'];
    if (moderation.value) options.moderation = moderation.value as DraftOptions['moderation'];
    if (style.value) options.style = style.value as DraftOptions['style'];
  }

  /** No transparent JPEG (the core refuses it): each choice greys out the other's conflicting value. */
  validate(): void {
    const { background, outputFormat } = this.selects;
    for (const o of Array.from(outputFormat.options))
      if (o.value === 'jpeg') o.disabled = background.value === 'transparent';
    for (const o of Array.from(background.options))
      if (o.value === 'transparent') o.disabled = outputFormat.value === 'jpeg';
  }
}

function selectValue(select: HTMLSelectElement, value: string | undefined): void {
  select.value = value ?? '';
  if (select.selectedIndex < 0) select.value = '';
}
