// The mask's vocabulary, shared by its geometry, its op replay and the model: pixel points, dirty rects, ops and the
// coverage value of a marked pixel. Pure TypeScript: no DOM and no Node imports.

export type MaskTool = 'brush' | 'eraser';

/** Natural-resolution pixel coordinates (floats are fine); pixel (x, y) has its centre at (x + 0.5, y + 0.5). */
export interface Point {
  x: number;
  y: number;
}

/** Integer, clipped to the image; width/height 0 = nothing changed. */
export interface DirtyRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type MaskOp =
  | { kind: 'stroke'; tool: MaskTool; radius: number; points: Point[] }
  | { kind: 'clear' }
  | { kind: 'invert' };

/** Coverage value of a marked pixel (to change); kept pixels are 0. */
export const MARKED = 255;

export function emptyRect(): DirtyRect {
  return { x: 0, y: 0, width: 0, height: 0 };
}
