/**
 * Draws the mask over the image on a canvas at the image's natural size, repainting only the rectangle an edit
 * changed, in the legend swatch's colour (a theme variable in studio.css) at the overlay's opacity.
 */
import type { DirtyRect, MaskModel } from './mask/maskModel';
import { paintOverlay } from './mask/maskPng';

/** The overlay's opacity over the image (the colour comes from the theme, via the legend swatch). */
const OVERLAY_ALPHA = 128;

export class MaskOverlay {
  private readonly context: CanvasRenderingContext2D;
  private color: [number, number, number, number] | undefined;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly swatch: HTMLElement,
  ) {
    this.context = canvas.getContext('2d')!;
  }

  /** The canvas takes the mask's size (which clears it). */
  resize(width: number, height: number): void {
    this.canvas.width = width;
    this.canvas.height = height;
  }

  /** The theme changed: the next repaint reads the colour again. */
  themeChanged(): void {
    this.color = undefined;
  }

  repaint(model: MaskModel | undefined, rect: DirtyRect | undefined): void {
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
