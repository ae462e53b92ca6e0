/**
 * Pointer input on the mask canvas: a press starts a stroke, every move extends it (coalesced events included, so a
 * fast stroke has no gaps), a release or a lost capture commits it; the brush outline follows a mouse or a pen.
 * Client (CSS) coordinates become natural image pixels here.
 */
import { setHidden } from './dom';
import type { DirtyRect, MaskModel, MaskTool, Point } from './mask/maskModel';

export interface StrokeHost {
  /** The mask being painted; undefined while there is none (no image yet, or one too large). */
  model(): MaskModel | undefined;
  brush(): { readonly tool: MaskTool; readonly radius: number };
  repaint(rect: DirtyRect | undefined): void;
  /** A stroke was committed. */
  strokeEnded(): void;
}

export class MaskPointer {
  /** The pointer painting the stroke in progress. */
  private pointer: number | undefined;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly cursor: HTMLElement,
    stage: HTMLElement,
    private readonly host: StrokeHost,
  ) {
    const c = canvas;
    c.addEventListener('pointerdown', (e) => {
      const model = host.model();
      if (!model || this.pointer !== undefined || (e.pointerType === 'mouse' && e.button !== 0)) return;
      e.preventDefault();
      c.setPointerCapture(e.pointerId);
      this.pointer = e.pointerId;
      stage.focus({ preventScroll: true });
      const { tool, radius } = host.brush();
      host.repaint(model.beginStroke(tool, radius, this.toNatural(e)));
    });
    c.addEventListener('pointermove', (e) => {
      this.moveCursor(e);
      const model = host.model();
      if (e.pointerId !== this.pointer || !model) return;
      let dirty: DirtyRect | undefined;
      for (const ev of e.getCoalescedEvents?.() ?? [e])
        dirty = union(dirty, model.extendStroke(this.toNatural(ev)));
      host.repaint(dirty);
    });
    const end = (e: PointerEvent) => {
      if (e.pointerId !== this.pointer) return;
      this.pointer = undefined;
      host.model()?.endStroke();
      host.strokeEnded();
    };
    c.addEventListener('pointerup', end);
    c.addEventListener('pointercancel', end);
    c.addEventListener('lostpointercapture', end);
    c.addEventListener('pointerleave', () => setHidden(this.cursor, true));
  }

  /** Forgets the stroke in progress (its mask is gone). */
  forget(): void {
    this.pointer = undefined;
  }

  /** Shows the brush outline as eraser or brush. */
  setTool(tool: MaskTool): void {
    this.cursor.classList.toggle('eraser', tool === 'eraser');
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
    if (!this.host.model() || e.pointerType === 'touch') return setHidden(this.cursor, true);
    const r = this.canvas.getBoundingClientRect();
    const d = (2 * this.host.brush().radius * r.width) / this.canvas.width;
    const style = this.cursor.style;
    style.width = style.height = `${d}px`;
    style.transform = `translate(${e.clientX - r.left - d / 2}px, ${e.clientY - r.top - d / 2}px)`;
    setHidden(this.cursor, false);
  }
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
