/**
 * The mask painter's toolbar: brush and eraser, the brush size, undo/redo/clear/invert, show/hide and Done. It keeps
 * the chosen tool and radius (the slider bounds the radius); what the buttons do to the mask is the painter's.
 */
import { h, iconButton, isMac, setText } from './dom';
import { icon } from './icons';
import type { MaskModel, MaskTool } from './mask/maskModel';
import { format, type StudioStrings } from './strings';

export type MaskEdit = 'undo' | 'redo' | 'clear' | 'invert';

export interface MaskToolbarHandlers {
  /** A tool button was pressed. */
  tool(tool: MaskTool): void;
  edit(edit: MaskEdit): void;
  /** The overlay was shown (true) or hidden. */
  toggle(shown: boolean): void;
  done(): void;
}

export class MaskToolbar {
  readonly root: HTMLElement;
  private readonly buttons: Record<MaskTool | MaskEdit | 'toggle' | 'done', HTMLButtonElement>;
  private readonly size: HTMLInputElement;
  private readonly sizeValue: HTMLOutputElement;
  private currentTool: MaskTool = 'brush';
  private currentRadius = 24;
  private shown = true;

  constructor(
    private readonly s: StudioStrings,
    on: MaskToolbarHandlers,
  ) {
    const mod = isMac ? '⌘' : 'Ctrl+';
    const toolButton = (id: MaskTool, label: string, key: string) =>
      h(
        'button',
        {
          id,
          type: 'button',
          class: 'secondary small tool',
          'aria-pressed': 'false',
          title: `${label} (${key})`,
        },
        icon(id),
        h('span', {}, label),
      );
    this.buttons = {
      brush: toolButton('brush', s.maskBrush, 'B'),
      eraser: toolButton('eraser', s.maskEraser, 'E'),
      undo: iconButton(icon('undo'), `${s.maskUndo} (${mod}Z)`, { id: 'mask-undo' }),
      redo: iconButton(icon('redo'), `${s.maskRedo} (${isMac ? '⇧⌘Z' : 'Ctrl+Y'})`, { id: 'mask-redo' }),
      clear: iconButton(icon('clear'), s.maskClear, { id: 'mask-clear' }),
      invert: iconButton(icon('invert'), s.maskInvert, { id: 'mask-invert' }),
      toggle: iconButton(icon('eye'), s.maskShow, { id: 'mask-toggle', 'aria-pressed': 'true' }),
      done: h(
        'button',
        { id: 'mask-done', type: 'button', class: 'secondary small', title: `${s.maskDone} (Esc)` },
        s.maskDone,
      ),
    };
    this.size = h('input', { id: 'brush-size', type: 'range', min: 1, max: 200, step: 1 });
    this.sizeValue = h('output', { for: 'brush-size', class: 'range-value' });

    this.root = h(
      'div',
      { class: 'mask-toolbar', role: 'group', 'aria-label': s.maskToolbar },
      h('div', { class: 'toolbar-group' }, this.buttons.brush, this.buttons.eraser),
      h(
        'div',
        { class: 'toolbar-group brush-size' },
        h('label', { for: 'brush-size' }, s.maskBrushSize),
        this.size,
        this.sizeValue,
      ),
      h(
        'div',
        { class: 'toolbar-group' },
        this.buttons.undo,
        this.buttons.redo,
        this.buttons.clear,
        this.buttons.invert,
        this.buttons.toggle,
      ),
      this.buttons.done,
    );

    const b = this.buttons;
    b.brush.addEventListener('click', () => on.tool('brush'));
    b.eraser.addEventListener('click', () => on.tool('eraser'));
    for (const edit of ['undo', 'redo', 'clear', 'invert'] as const)
      b[edit].addEventListener('click', () => on.edit(edit));
    b.toggle.addEventListener('click', () => {
      this.shown = !this.shown;
      b.toggle.setAttribute('aria-pressed', String(this.shown));
      on.toggle(this.shown);
    });
    b.done.addEventListener('click', () => on.done());
    this.size.addEventListener('input', () => this.setRadius(Number(this.size.value)));
    this.setTool('brush');
    this.setRadius(this.currentRadius);
  }

  get tool(): MaskTool {
    return this.currentTool;
  }

  get radius(): number {
    return this.currentRadius;
  }

  setTool(tool: MaskTool): void {
    this.currentTool = tool;
    this.buttons.brush.setAttribute('aria-pressed', String(tool === 'brush'));
    this.buttons.eraser.setAttribute('aria-pressed', String(tool === 'eraser'));
  }

  /** Rounds and bounds `radius` by the slider (1 to its max). */
  setRadius(radius: number): void {
    this.currentRadius = Math.max(1, Math.min(Number(this.size.max), Math.round(radius)));
    this.size.value = String(this.currentRadius);
    setText(this.sizeValue, format(this.s.maskBrushSizeValue, this.currentRadius));
  }

  /** A new image: brush sizes scale with its longest side. */
  fitImage(width: number, height: number): void {
    const longest = Math.max(width, height);
    this.size.max = String(Math.max(8, Math.round(longest / 6)));
    this.setRadius(Math.max(2, Math.round(longest / 40)));
  }

  focusTool(): void {
    this.buttons[this.currentTool].focus({ preventScroll: true });
  }

  /** Enables what the mask allows now (nothing without a mask). */
  update(m: MaskModel | undefined): void {
    this.buttons.undo.disabled = !m?.canUndo;
    this.buttons.redo.disabled = !m?.canRedo;
    this.buttons.clear.disabled = !m || m.isEmpty();
    this.buttons.invert.disabled = !m;
  }
}
