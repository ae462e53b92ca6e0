/**
 * The mask painter for the first reference: the image at fit-to-width with a canvas on top at the image's natural
 * size, so what is painted maps 1:1 to the mask the host uploads. The mask itself lives in MaskModel (pure, tested
 * in Node); the toolbar (maskToolbar.ts), pointer input (maskPointer.ts) and drawing (maskOverlay.ts) are apart. This
 * file ties them to the model, follows the reference, handles the keys and reports how much is painted.
 */
import type { MaskUpload, ReferenceView } from '../shared/studio/protocol';
import { h, primaryModifier, setHidden, setText } from './dom';
import { MaskModel, type DirtyRect, type MaskTool } from './mask/maskModel';
import { encodeMaskPng, streamDeflate, toBase64 } from './mask/maskPng';
import { MaskOverlay } from './maskOverlay';
import { MaskPointer } from './maskPointer';
import { MaskToolbar } from './maskToolbar';
import { format, type StudioStrings } from './strings';

export class MaskPainter {
  readonly root: HTMLElement;
  private readonly stage: HTMLElement;
  private readonly image: HTMLImageElement;
  private readonly status: HTMLElement;
  private readonly loading: HTMLElement;
  private readonly toolbar: MaskToolbar;
  private readonly overlay: MaskOverlay;
  private readonly pointer: MaskPointer;

  private model: MaskModel | undefined;
  private referenceId: string | undefined;
  private src: string | undefined;

  constructor(
    private readonly s: StudioStrings,
    /** "Mask: 12% of the image", or undefined when nothing is painted. */
    private readonly onStatus: (text: string | undefined) => void,
    private readonly onOpenChange: (open: boolean) => void,
  ) {
    const swatch = h('span', { class: 'mask-swatch', 'aria-hidden': 'true' });
    this.status = h('span', { class: 'mask-status-text', 'aria-live': 'polite' });
    this.loading = h('p', { class: 'hint' }, s.maskLoading);

    this.image = h('img', { class: 'mask-image', alt: '', draggable: 'false' });
    const canvas = h('canvas', { id: 'mask-canvas', class: 'mask-canvas', 'aria-label': s.maskCanvasLabel });
    const cursor = h('div', { class: 'mask-cursor', 'aria-hidden': 'true', hidden: true });
    this.stage = h('div', { class: 'mask-stage', tabindex: -1 }, this.image, canvas, cursor);
    this.overlay = new MaskOverlay(canvas, swatch);
    this.pointer = new MaskPointer(canvas, cursor, this.stage, {
      model: () => this.model,
      brush: () => this.toolbar,
      repaint: (rect) => this.repaint(rect),
      strokeEnded: () => this.changed(),
    });
    this.toolbar = new MaskToolbar(s, {
      tool: (tool) => this.setTool(tool),
      edit: (edit) => this.apply(this.model?.[edit]()),
      toggle: (shown) => canvas.classList.toggle('mask-hidden', !shown),
      done: () => this.close(true),
    });

    this.root = h(
      'section',
      { id: 'mask-painter', class: 'mask-painter', 'aria-labelledby': 'mask-heading', hidden: true },
      h(
        'div',
        { class: 'section-header' },
        h('h3', { id: 'mask-heading' }, s.maskHeading),
        h('span', { class: 'mask-legend' }, swatch, s.maskLegend),
      ),
      this.toolbar.root,
      this.loading,
      h('div', { class: 'mask-frame' }, this.stage),
      h('p', { class: 'hint mask-footer' }, this.status, ' ', h('span', {}, s.maskKeys)),
    );

    this.root.addEventListener('keydown', (e) => this.onKey(e));
    this.image.addEventListener('load', () => this.imageLoaded());
    this.image.addEventListener('error', () => {
      if (this.image.getAttribute('src')) setText(this.loading, this.s.maskLoadFailed);
    });
    // Theme switches change the overlay colour: repaint with the new one.
    new MutationObserver(() => {
      this.overlay.themeChanged();
      if (this.model && this.isOpen) this.repaint(fullRect(this.model));
    }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
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
      this.pointer.forget();
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
    this.toolbar.update(this.model);
    this.toolbar.focusTool();
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
      this.overlay.resize(width, height);
      this.toolbar.fitImage(width, height);
      this.report();
    }
    this.repaint(fullRect(this.model));
    this.toolbar.update(this.model);
    this.reveal();
  }

  /** Brings the whole image into view (it is at most 70vh tall), so painting needs no scrolling first. */
  private reveal(): void {
    if (this.isOpen) this.stage.scrollIntoView({ block: 'nearest' });
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
      else if (key === '[') this.toolbar.setRadius(Math.max(1, Math.round(this.toolbar.radius / 1.25)));
      else if (key === ']') this.toolbar.setRadius(Math.round(this.toolbar.radius * 1.25) + 1);
      else return;
      e.preventDefault();
    }
  }

  private setTool(tool: MaskTool): void {
    this.toolbar.setTool(tool);
    this.pointer.setTool(tool);
  }

  /** After undo/redo/clear/invert: repaint what changed (nothing when the model had nothing to do). */
  private apply(rect: DirtyRect | undefined): void {
    if (!rect) return;
    this.repaint(rect);
    this.changed();
  }

  private changed(): void {
    this.toolbar.update(this.model);
    this.report();
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
    this.overlay.repaint(this.model, rect);
  }
}

function fullRect(model: MaskModel): DirtyRect {
  return { x: 0, y: 0, width: model.width, height: model.height };
}
