/**
 * The mask painter for the first reference: the image at fit-to-width with a canvas on top at the image's natural
 * size, so what is painted maps 1:1 to the mask the host uploads. The mask itself lives in MaskModel (pure, tested
 * in Node); this file only turns pointer and key events into model calls and repaints the rectangles they change.
 */
import type { MaskUpload, ReferenceView } from '../shared/studio/protocol';
import { h, iconButton, isMac, primaryModifier, setHidden, setText } from './dom';
import { icon } from './icons';
import { MaskModel, type DirtyRect, type MaskTool, type Point } from './mask/maskModel';
import { encodeMaskPng, paintOverlay, streamDeflate, toBase64 } from './mask/maskPng';
import { format, type StudioStrings } from './strings';

/** The overlay's opacity over the image (the colour comes from the theme, via the legend swatch). */
const OVERLAY_ALPHA = 128;

export class MaskPainter {
  readonly root: HTMLElement;
  private readonly stage: HTMLElement;
  private readonly image: HTMLImageElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly context: CanvasRenderingContext2D;
  private readonly cursor: HTMLElement;
  private readonly swatch: HTMLElement;
  private readonly status: HTMLElement;
  private readonly loading: HTMLElement;
  private readonly buttons: Record<
    'brush' | 'eraser' | 'undo' | 'redo' | 'clear' | 'invert' | 'toggle' | 'done',
    HTMLButtonElement
  >;
  private readonly size: HTMLInputElement;
  private readonly sizeValue: HTMLOutputElement;

  private model: MaskModel | undefined;
  private referenceId: string | undefined;
  private src: string | undefined;
  private tool: MaskTool = 'brush';
  private radius = 24;
  private shown = true;
  private pointer: number | undefined;
  private color: [number, number, number, number] | undefined;

  constructor(
    private readonly s: StudioStrings,
    /** "Mask: 12% of the image", or undefined when nothing is painted. */
    private readonly onStatus: (text: string | undefined) => void,
    private readonly onOpenChange: (open: boolean) => void,
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
    this.swatch = h('span', { class: 'mask-swatch', 'aria-hidden': 'true' });
    this.status = h('span', { class: 'mask-status-text', 'aria-live': 'polite' });
    this.loading = h('p', { class: 'hint' }, s.maskLoading);

    this.image = h('img', { class: 'mask-image', alt: '', draggable: 'false' });
    this.canvas = h('canvas', { id: 'mask-canvas', class: 'mask-canvas', 'aria-label': s.maskCanvasLabel });
    this.context = this.canvas.getContext('2d')!;
    this.cursor = h('div', { class: 'mask-cursor', 'aria-hidden': 'true', hidden: true });
    this.stage = h('div', { class: 'mask-stage', tabindex: -1 }, this.image, this.canvas, this.cursor);

    this.root = h(
      'section',
      { id: 'mask-painter', class: 'mask-painter', 'aria-labelledby': 'mask-heading', hidden: true },
      h(
        'div',
        { class: 'section-header' },
        h('h3', { id: 'mask-heading' }, s.maskHeading),
        h('span', { class: 'mask-legend' }, this.swatch, s.maskLegend),
      ),
      h(
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
      ),
      this.loading,
      h('div', { class: 'mask-frame' }, this.stage),
      h('p', { class: 'hint mask-footer' }, this.status, ' ', h('span', {}, s.maskKeys)),
    );

    this.wireToolbar();
    this.wirePointer();
    this.root.addEventListener('keydown', (e) => this.onKey(e));
    this.image.addEventListener('load', () => this.imageLoaded());
    this.image.addEventListener('error', () => {
      if (this.image.getAttribute('src')) setText(this.loading, this.s.maskLoadFailed);
    });
    // Theme switches change the overlay colour: repaint with the new one.
    new MutationObserver(() => {
      this.color = undefined;
      if (this.model && this.isOpen) this.repaint(fullRect(this.model));
    }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
    this.setTool('brush');
    this.setRadius(this.radius);
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  /** Follows the first reference: another image (or none) discards the mask and closes the painter. */
  setReference(ref: ReferenceView | undefined): void {
    if (ref?.id === this.referenceId && ref?.src === this.src) return;
    const sameImage = ref?.id === this.referenceId;
    this.referenceId = ref?.id;
    this.src = ref?.src;
    if (!sameImage) {
      this.model = undefined;
      this.pointer = undefined;
      this.report();
      if (this.isOpen) this.close(false);
      this.image.removeAttribute('src');
    } else if (this.isOpen && ref) this.image.src = ref.src;
  }

  toggle(): void {
    if (this.isOpen) this.close(true);
    else this.open();
  }

  open(): void {
    if (!this.src) return;
    setHidden(this.root, false);
    this.onOpenChange(true);
    if (this.image.getAttribute('src') !== this.src) {
      setText(this.loading, this.s.maskLoading);
      setHidden(this.loading, false);
      this.image.src = this.src;
    } else if (this.model) this.repaint(fullRect(this.model));
    this.updateButtons();
    this.buttons[this.tool].focus({ preventScroll: true });
    this.reveal();
  }

  close(returnFocus: boolean): void {
    setHidden(this.root, true);
    this.onOpenChange(false);
    if (returnFocus) document.getElementById('paint-mask')?.focus();
  }

  /** The painted mask as the host uploads it, or undefined when nothing is painted. */
  async exportMask(): Promise<MaskUpload | undefined> {
    const model = this.model;
    const referenceId = this.referenceId;
    if (!model || !referenceId || model.isEmpty()) return undefined;
    const png = await encodeMaskPng(model, streamDeflate);
    return { referenceId, width: model.width, height: model.height, pngBase64: toBase64(png) };
  }

  private imageLoaded(): void {
    setHidden(this.loading, true);
    const width = this.image.naturalWidth;
    const height = this.image.naturalHeight;
    if (!width || !height) return;
    if (!this.model || this.model.width !== width || this.model.height !== height) {
      try {
        this.model = new MaskModel(width, height);
      } catch {
        this.model = undefined; // larger than any mask the host accepts: painting stays off
        setText(this.status, this.s.maskTooLarge);
        return;
      }
      this.canvas.width = width;
      this.canvas.height = height;
      const longest = Math.max(width, height);
      this.size.max = String(Math.max(8, Math.round(longest / 6)));
      this.setRadius(Math.max(2, Math.round(longest / 40)));
      this.report();
    }
    this.repaint(fullRect(this.model));
    this.updateButtons();
    this.reveal();
  }

  /** Brings the whole image into view (it is at most 70vh tall), so painting needs no scrolling first. */
  private reveal(): void {
    if (this.isOpen) this.stage.scrollIntoView({ block: 'nearest' });
  }

  private wireToolbar(): void {
    const b = this.buttons;
    b.brush.addEventListener('click', () => this.setTool('brush'));
    b.eraser.addEventListener('click', () => this.setTool('eraser'));
    b.undo.addEventListener('click', () => this.apply(this.model?.undo()));
    b.redo.addEventListener('click', () => this.apply(this.model?.redo()));
    b.clear.addEventListener('click', () => this.apply(this.model?.clear()));
    b.invert.addEventListener('click', () => this.apply(this.model?.invert()));
    b.toggle.addEventListener('click', () => {
      this.shown = !this.shown;
      b.toggle.setAttribute('aria-pressed', String(this.shown));
      this.canvas.classList.toggle('mask-hidden', !this.shown);
    });
    b.done.addEventListener('click', () => this.close(true));
    this.size.addEventListener('input', () => this.setRadius(Number(this.size.value)));
  }

  private wirePointer(): void {
    const c = this.canvas;
    c.addEventListener('pointerdown', (e) => {
      if (!this.model || this.pointer !== undefined || (e.pointerType === 'mouse' && e.button !== 0)) return;
      e.preventDefault();
      c.setPointerCapture(e.pointerId);
      this.pointer = e.pointerId;
      this.stage.focus({ preventScroll: true });
      this.repaint(this.model.beginStroke(this.tool, this.radius, this.toNatural(e)));
    });
    c.addEventListener('pointermove', (e) => {
      this.moveCursor(e);
      if (e.pointerId !== this.pointer || !this.model) return;
      let dirty: DirtyRect | undefined;
      for (const ev of e.getCoalescedEvents?.() ?? [e])
        dirty = union(dirty, this.model.extendStroke(this.toNatural(ev)));
      this.repaint(dirty);
    });
    const end = (e: PointerEvent) => {
      if (e.pointerId !== this.pointer) return;
      this.pointer = undefined;
      this.model?.endStroke();
      this.changed();
    };
    c.addEventListener('pointerup', end);
    c.addEventListener('pointercancel', end);
    c.addEventListener('lostpointercapture', end);
    c.addEventListener('pointerleave', () => setHidden(this.cursor, true));
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.close(true);
      return;
    }
    const mod = primaryModifier(e);
    const key = e.key.toLowerCase();
    if (mod && key === 'z') {
      e.preventDefault();
      this.apply(e.shiftKey ? this.model?.redo() : this.model?.undo());
    } else if (e.ctrlKey && key === 'y') {
      e.preventDefault();
      this.apply(this.model?.redo());
    } else if (!mod && !e.altKey && !e.ctrlKey && !e.metaKey && target.tagName !== 'INPUT') {
      if (key === 'b') this.setTool('brush');
      else if (key === 'e') this.setTool('eraser');
      else if (key === '[') this.setRadius(Math.max(1, Math.round(this.radius / 1.25)));
      else if (key === ']') this.setRadius(Math.round(this.radius * 1.25) + 1);
      else return;
      e.preventDefault();
    }
  }

  private setTool(tool: MaskTool): void {
    this.tool = tool;
    this.buttons.brush.setAttribute('aria-pressed', String(tool === 'brush'));
    this.buttons.eraser.setAttribute('aria-pressed', String(tool === 'eraser'));
    this.cursor.classList.toggle('eraser', tool === 'eraser');
  }

  private setRadius(radius: number): void {
    this.radius = Math.max(1, Math.min(Number(this.size.max), Math.round(radius)));
    this.size.value = String(this.radius);
    setText(this.sizeValue, format(this.s.maskBrushSizeValue, this.radius));
  }

  /** Client (CSS) coordinates to natural image pixels. */
  private toNatural(e: { clientX: number; clientY: number }): Point {
    const r = this.canvas.getBoundingClientRect();
    return {
      x: ((e.clientX - r.left) * this.canvas.width) / r.width,
      y: ((e.clientY - r.top) * this.canvas.height) / r.height,
    };
  }

  /** The brush outline follows the pointer at the brush's on-screen size. */
  private moveCursor(e: PointerEvent): void {
    if (!this.model || e.pointerType === 'touch') return setHidden(this.cursor, true);
    const r = this.canvas.getBoundingClientRect();
    const d = (2 * this.radius * r.width) / this.canvas.width;
    const style = this.cursor.style;
    style.width = style.height = `${d}px`;
    style.transform = `translate(${e.clientX - r.left - d / 2}px, ${e.clientY - r.top - d / 2}px)`;
    setHidden(this.cursor, false);
  }

  /** After undo/redo/clear/invert: repaint what changed (nothing when the model had nothing to do). */
  private apply(rect: DirtyRect | undefined): void {
    if (!rect) return;
    this.repaint(rect);
    this.changed();
  }

  private changed(): void {
    this.updateButtons();
    this.report();
  }

  private updateButtons(): void {
    const m = this.model;
    this.buttons.undo.disabled = !m?.canUndo;
    this.buttons.redo.disabled = !m?.canRedo;
    this.buttons.clear.disabled = !m || m.isEmpty();
    this.buttons.invert.disabled = !m;
  }

  private report(): void {
    const m = this.model;
    let text: string | undefined;
    if (m && !m.isEmpty()) {
      const percent = (100 * m.markedPixels()) / (m.width * m.height);
      text = format(this.s.maskCoverage, percent < 1 ? percent.toFixed(1) : String(Math.round(percent)));
    }
    setText(this.status, text ?? this.s.maskEmpty);
    this.onStatus(text);
  }

  private repaint(rect: DirtyRect | undefined): void {
    const model = this.model;
    if (!model || !rect || rect.width === 0 || rect.height === 0) return;
    const image = this.context.createImageData(rect.width, rect.height);
    paintOverlay(model, rect, image.data, (this.color ??= this.themeColor()));
    this.context.putImageData(image, rect.x, rect.y);
  }

  /** The legend swatch's computed colour (a theme variable in studio.css), at the overlay's opacity. */
  private themeColor(): [number, number, number, number] {
    const [r = 255, g = 0, b = 128] = (getComputedStyle(this.swatch).color.match(/[\d.]+/g) ?? []).map(
      Number,
    );
    return [r, g, b, OVERLAY_ALPHA];
  }
}

function fullRect(model: MaskModel): DirtyRect {
  return { x: 0, y: 0, width: model.width, height: model.height };
}

function union(a: DirtyRect | undefined, b: DirtyRect): DirtyRect | undefined {
  if (b.width === 0 || b.height === 0) return a;
  if (!a) return b;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}
