/**
 * The option fields of the composer (size, aspect ratio, resolution, quality, count, background, format,
 * compression, moderation, style), offering only what the model accepts. An empty choice means "default (from settings)"; a field whose list is
 * empty is hidden, and a hidden field contributes nothing to the draft. Each kind of field is its own file in
 * options/; this one lays them out, hands them the model's view and puts the draft's options together.
 */
import type { ModelOptionsView } from '../shared/studio/protocol';
import { h } from './dom';
import { ANY_MODEL, type DraftOptions } from './draftOptions';
import { ChoiceControls } from './options/choiceControls';
import { CompressionControl } from './options/compressionControl';
import { CountControl } from './options/countControl';
import { SizeControl } from './options/sizeControl';
import type { StudioStrings } from './strings';

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

  private readonly size: SizeControl;
  private readonly count: CountControl;
  private readonly choices: ChoiceControls;
  private readonly compression: CompressionControl;

  constructor(
    s: StudioStrings,
    private readonly onChange: () => void,
  ) {
    const changed = () => this.changed();
    this.size = new SizeControl(s, changed);
    this.count = new CountControl(s, changed);
    this.choices = new ChoiceControls(s, changed);
    this.compression = new CompressionControl(s, changed);
    const choice = this.choices.fields;
    this.root = h(
      'div',
      { class: 'options', role: 'group', 'aria-label': s.optionsLabel },
      this.size.field,
      this.size.customField,
      choice.aspectRatio,
      choice.imageSize,
      choice.quality,
      this.count.field,
      choice.background,
      choice.outputFormat,
      this.compression.field,
      choice.style,
      choice.moderation,
    );
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
    this.size.offer(next);
    this.choices.offer(next);
    this.count.offer(next);
    this.setValues(current.options, current.customSize);
    return true;
  }

  /** Shows these options (a value the model does not offer shows as the default). */
  setValues(options: DraftOptions, customSize?: string): void {
    this.size.show(this.view, options.size, customSize);
    this.count.show(options.n);
    this.choices.show(options);
    this.compression.show(options.outputCompression);
    this.validate();
  }

  /** The options as chosen; a field that is hidden or not (yet) valid contributes nothing. */
  read(): OptionsReading {
    const options: DraftOptions = {};
    const size = this.size.read(this.view);
    // A ratio is the shape when one is chosen (the size field greys out): sending both could disagree.
    if (size.size !== undefined && !this.choices.aspectRatio) options.size = size.size;
    const count = this.count.read(this.view);
    if (count.n !== undefined) options.n = count.n;
    this.choices.readInto(options);
    const compression = this.compression.read(this.view, options.outputFormat);
    if (compression !== undefined) options.outputCompression = compression;
    const valid = size.valid && count.valid;
    return size.customSize === undefined
      ? { options, valid }
      : { options, valid, customSize: size.customSize };
  }

  private changed(): void {
    this.validate();
    this.onChange();
  }

  /** Shows why a typed value is not usable, and the compression slider only where it applies. */
  private validate(): void {
    this.size.validate(this.view);
    this.size.setEnabled(this.choices.aspectRatio === undefined);
    this.count.validate(this.view);
    this.choices.validate();
    this.compression.validate(this.view, this.choices.outputFormat);
  }
}
