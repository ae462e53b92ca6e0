// The Studio's mask painter keeps its mask here, apart from the DOM, so painting, undo/redo and export stay exact
// and unit-testable in Node: one hard-edged coverage byte per pixel at the reference image's natural resolution.
// Pure TypeScript: no DOM and no Node imports (it runs in the webview bundle and in plain Node tests).
// This file holds the model's state and its undo history; the pixel geometry is strokeGeometry.ts, the op replay
// maskOps.ts.
import { applyOp, countMarked } from './maskOps';
import { emptyRect, MARKED, type DirtyRect, type MaskOp, type MaskTool, type Point } from './maskTypes';
import { Bounds, stampCapsule } from './strokeGeometry';

export type { DirtyRect, MaskOp, MaskTool, Point } from './maskTypes';

export interface MaskModelOptions {
  /** Undoable ops kept before the oldest is baked into the base snapshot (default 200). */
  maxHistory?: number;
}

/** Largest accepted side: 16384² bytes is already 256 MiB of coverage. */
export const MAX_MASK_SIDE = 16384;
export const DEFAULT_MAX_HISTORY = 200;

function checkPoint(p: Point): void {
  if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) throw new RangeError(`bad mask point ${p.x},${p.y}`);
}

/**
 * The mask being painted. `coverage` holds one byte per pixel, row-major: 255 = marked for change, 0 = keep.
 * Every edit is an op; undo replays the committed ops from a base snapshot (blank until the history bound
 * bakes the oldest ops into it), which keeps the result exactly equal to what was painted.
 */
export class MaskModel {
  readonly width: number;
  readonly height: number;
  /** One byte per pixel, row-major: 255 = marked for change, 0 = keep. */
  readonly coverage: Uint8Array;

  private readonly maxHistory: number;
  private readonly committed: MaskOp[] = [];
  private readonly undone: MaskOp[] = [];
  /** The mask before committed[0]; undefined = blank. */
  private base: Uint8Array | undefined;
  private marked = 0;
  private stroke: { tool: MaskTool; radius: number; points: Point[] } | undefined;

  constructor(width: number, height: number, options: MaskModelOptions = {}) {
    for (const side of [width, height]) {
      if (!Number.isInteger(side) || side < 1 || side > MAX_MASK_SIDE) {
        throw new RangeError(`bad mask size ${width}x${height} (each side 1..${MAX_MASK_SIDE})`);
      }
    }
    const maxHistory = options.maxHistory ?? DEFAULT_MAX_HISTORY;
    if (!Number.isInteger(maxHistory) || maxHistory < 1) throw new RangeError(`bad maxHistory ${maxHistory}`);
    this.width = width;
    this.height = height;
    this.maxHistory = maxHistory;
    this.coverage = new Uint8Array(width * height);
  }

  /** Committed, still undoable ops, oldest first (ops older than the history bound are baked in and gone). */
  get ops(): readonly MaskOp[] {
    return this.committed;
  }

  get canUndo(): boolean {
    return this.committed.length > 0 || this.stroke !== undefined;
  }

  /** False while a stroke is in progress: committing it clears the redo stack. */
  get canRedo(): boolean {
    return this.undone.length > 0 && this.stroke === undefined;
  }

  /** True between beginStroke and endStroke. */
  get strokeActive(): boolean {
    return this.stroke !== undefined;
  }

  markedPixels(): number {
    return this.marked;
  }

  isEmpty(): boolean {
    return this.marked === 0;
  }

  /** Starts a stroke (ending any stroke in progress) and stamps a disc at `p`. */
  beginStroke(tool: MaskTool, radius: number, p: Point): DirtyRect {
    if (tool !== 'brush' && tool !== 'eraser') throw new RangeError(`bad mask tool ${String(tool)}`);
    if (!Number.isFinite(radius) || radius <= 0) throw new RangeError(`bad brush radius ${radius}`);
    checkPoint(p);
    this.endStroke();
    const start = { x: p.x, y: p.y };
    this.stroke = { tool, radius, points: [start] };
    return this.paint(tool, radius, start, start);
  }

  /** Paints the capsule from the stroke's previous point to `p`; an empty rect when no stroke is in progress. */
  extendStroke(p: Point): DirtyRect {
    checkPoint(p);
    const stroke = this.stroke;
    if (!stroke) return emptyRect();
    const prev = stroke.points[stroke.points.length - 1];
    if (prev.x === p.x && prev.y === p.y) return emptyRect();
    const next = { x: p.x, y: p.y };
    stroke.points.push(next);
    return this.paint(stroke.tool, stroke.radius, prev, next);
  }

  /** Commits the stroke in progress (if any) as one undoable op; clears the redo stack. */
  endStroke(): void {
    const stroke = this.stroke;
    if (!stroke) return;
    this.stroke = undefined;
    this.commit({ kind: 'stroke', tool: stroke.tool, radius: stroke.radius, points: stroke.points });
  }

  clear(): DirtyRect {
    this.endStroke();
    this.commit({ kind: 'clear' });
    this.coverage.fill(0);
    this.marked = 0;
    return this.fullRect();
  }

  invert(): DirtyRect {
    this.endStroke();
    this.commit({ kind: 'invert' });
    applyOp(this.coverage, this.width, this.height, { kind: 'invert' });
    this.marked = this.coverage.length - this.marked;
    return this.fullRect();
  }

  /** Undoes the last op (ending a stroke in progress first); undefined when there is nothing to undo. */
  undo(): DirtyRect | undefined {
    this.endStroke();
    const op = this.committed.pop();
    if (!op) return undefined;
    this.undone.push(op);
    this.rebuild();
    return this.fullRect();
  }

  /** Re-applies the last undone op; undefined when there is nothing to redo. */
  redo(): DirtyRect | undefined {
    this.endStroke();
    const op = this.undone.pop();
    if (!op) return undefined;
    this.committed.push(op);
    applyOp(this.coverage, this.width, this.height, op);
    this.marked = countMarked(this.coverage);
    return this.fullRect();
  }

  private paint(tool: MaskTool, radius: number, a: Point, b: Point): DirtyRect {
    const bounds = new Bounds();
    const value = tool === 'brush' ? MARKED : 0;
    this.marked += stampCapsule(this.coverage, this.width, this.height, a, b, radius, value, bounds);
    return bounds.rect();
  }

  private fullRect(): DirtyRect {
    return { x: 0, y: 0, width: this.width, height: this.height };
  }

  private commit(op: MaskOp): void {
    this.committed.push(op);
    this.undone.length = 0;
    while (this.committed.length > this.maxHistory) {
      const oldest = this.committed.shift() as MaskOp;
      this.base ??= new Uint8Array(this.width * this.height);
      applyOp(this.base, this.width, this.height, oldest);
    }
  }

  /** coverage = base + committed ops, replayed from after the last clear (nothing before it matters). */
  private rebuild(): void {
    let from = 0;
    for (let i = this.committed.length - 1; i >= 0; i--) {
      if (this.committed[i].kind === 'clear') {
        from = i + 1;
        break;
      }
    }
    if (from === 0 && this.base) this.coverage.set(this.base);
    else this.coverage.fill(0);
    for (let i = from; i < this.committed.length; i++) {
      applyOp(this.coverage, this.width, this.height, this.committed[i]);
    }
    this.marked = countMarked(this.coverage);
  }
}
