// Stroke geometry: which pixels a brush segment (a capsule; a disc for a single point) covers, computed row by row so
// the cost follows the painted area, and the exact per-pixel rule at the rim. Pure TypeScript: no DOM, no Node.
import { emptyRect, MARKED, type DirtyRect, type Point } from './maskTypes';

/**
 * Row spans are computed for the radius ± this slack: float rounding can only add pixels to the outer span
 * (candidates) and only drop them from the inner one (set without a test); the exact test decides in between.
 */
const SEARCH_SLACK = 1e-6;

/** Accumulates the bounds of changed pixels (inclusive); empty while minX > maxX. */
export class Bounds {
  minX = Infinity;
  minY = Infinity;
  maxX = -Infinity;
  maxY = -Infinity;

  addRow(y: number, x0: number, x1: number): void {
    if (x0 < this.minX) this.minX = x0;
    if (x1 > this.maxX) this.maxX = x1;
    if (y < this.minY) this.minY = y;
    if (y > this.maxY) this.maxY = y;
  }

  rect(): DirtyRect {
    if (this.minX > this.maxX) return emptyRect();
    return {
      x: this.minX,
      y: this.minY,
      width: this.maxX - this.minX + 1,
      height: this.maxY - this.minY + 1,
    };
  }
}

/** Scratch for rowSlice's result ([lo, hi]), which keeps the per-row work allocation-free. */
const SLICE = new Float64Array(2);

/**
 * The capsule's slice along one row of pixel centres, for radius `r`, as an interval of t = X - a.x: the union of
 * the slices of disc a, disc b and the band between them (a single interval, since the capsule is convex).
 * `eya`/`eyb` are the row's vertical offsets from a and b; (ux, uy) the unit direction a→b (0, 0 when len = 0).
 * Writes [lo, hi] into SLICE; lo > hi when the row misses the capsule.
 */
function rowSlice(
  eya: number,
  eyb: number,
  dx: number,
  len: number,
  ux: number,
  uy: number,
  r: number,
): void {
  const r2 = r * r;
  let lo = Infinity;
  let hi = -Infinity;
  if (eya * eya <= r2) {
    const half = Math.sqrt(r2 - eya * eya);
    lo = -half;
    hi = half;
  }
  if (eyb * eyb <= r2) {
    const half = Math.sqrt(r2 - eyb * eyb);
    lo = Math.min(lo, dx - half);
    hi = Math.max(hi, dx + half);
  }
  if (len > 0) {
    // Band: along the segment s = t*ux + eya*uy in [0, len]; across it q = -t*uy + eya*ux in [-r, r].
    let blo = -Infinity;
    let bhi = Infinity;
    const s0 = eya * uy;
    if (ux !== 0) {
      const p = -s0 / ux;
      const q = (len - s0) / ux;
      blo = Math.min(p, q);
      bhi = Math.max(p, q);
    } else if (s0 < 0 || s0 > len) blo = Infinity;
    const q0 = eya * ux;
    if (uy !== 0) {
      const p = (q0 + r) / uy;
      const q = (q0 - r) / uy;
      blo = Math.max(blo, Math.min(p, q));
      bhi = Math.min(bhi, Math.max(p, q));
    } else if (q0 < -r || q0 > r) blo = Infinity;
    if (blo <= bhi) {
      lo = Math.min(lo, blo);
      hi = Math.max(hi, bhi);
    }
  }
  SLICE[0] = lo;
  SLICE[1] = hi;
}

/** The segment being stamped, with what every pixel test needs precomputed. */
interface Segment {
  a: Point;
  b: Point;
  dx: number;
  dy: number;
  /** 1 / |b - a|², or 0 for a single point. */
  invLen2: number;
  r2: number;
}

/**
 * The exact rule: is the centre (cx, cy) within the radius of the segment? The closest point is a or b
 * themselves when the projection falls outside, so a disc (a = b) gives the plain centre distance.
 */
function within(s: Segment, cx: number, cy: number): boolean {
  const t = ((cx - s.a.x) * s.dx + (cy - s.a.y) * s.dy) * s.invLen2;
  let ex: number;
  let ey: number;
  if (t <= 0) {
    ex = cx - s.a.x;
    ey = cy - s.a.y;
  } else if (t >= 1) {
    ex = cx - s.b.x;
    ey = cy - s.b.y;
  } else {
    ex = cx - (s.a.x + t * s.dx);
    ey = cy - (s.a.y + t * s.dy);
  }
  return ex * ex + ey * ey <= s.r2;
}

/**
 * Set every pixel whose centre lies within `radius` of the segment a–b (a capsule; a disc when a = b) to `value`.
 * Only the rows the capsule crosses are visited, and on each row only the span it covers (±1 pixel), so the cost
 * follows the painted area rather than the image or even the segment's bounding box. Pixels inside by more than
 * SEARCH_SLACK are set without a test; the few on the rim get the exact test.
 * With `bounds`, returns the change in the number of marked pixels and adds the changed pixels to `bounds`.
 * Without (replaying ops), the sure span is filled at memset speed and the return value is 0: recount after.
 */
export function stampCapsule(
  data: Uint8Array,
  w: number,
  h: number,
  a: Point,
  b: Point,
  radius: number,
  value: number,
  bounds: Bounds | undefined,
): number {
  const outer = radius + SEARCH_SLACK;
  const inner = radius - SEARCH_SLACK;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const seg: Segment = { a, b, dx, dy, invLen2: len2 > 0 ? 1 / len2 : 0, r2: radius * radius };
  const len = Math.sqrt(len2);
  const ux = len > 0 ? dx / len : 0;
  const uy = len > 0 ? dy / len : 0;

  // Candidate rows and columns (centre within `outer` of the bounding box), widened by one for rounding.
  const y0 = Math.max(0, Math.ceil(Math.min(a.y, b.y) - outer - 0.5) - 1);
  const y1 = Math.min(h - 1, Math.floor(Math.max(a.y, b.y) + outer - 0.5) + 1);
  const bx0 = Math.max(0, Math.ceil(Math.min(a.x, b.x) - outer - 0.5) - 1);
  const bx1 = Math.min(w - 1, Math.floor(Math.max(a.x, b.x) + outer - 0.5) + 1);
  if (y0 > y1 || bx0 > bx1) return 0;

  let delta = 0;
  for (let y = y0; y <= y1; y++) {
    const cy = y + 0.5;
    const eya = cy - a.y;
    const eyb = cy - b.y;
    rowSlice(eya, eyb, dx, len, ux, uy, outer);
    if (SLICE[0] > SLICE[1]) continue;
    // Pixel x has its centre at x + 0.5. [x0, x1]: candidates; [in0, in1]: surely inside (may be empty).
    const x0 = Math.max(bx0, Math.ceil(a.x + SLICE[0] - 0.5) - 1);
    const x1 = Math.min(bx1, Math.floor(a.x + SLICE[1] - 0.5) + 1);
    let in0 = x1 + 1;
    let in1 = x1;
    if (inner > 0) {
      rowSlice(eya, eyb, dx, len, ux, uy, inner);
      if (SLICE[0] <= SLICE[1]) {
        in0 = Math.max(x0, Math.ceil(a.x + SLICE[0] - 0.5));
        in1 = Math.min(x1, Math.floor(a.x + SLICE[1] - 0.5));
      }
    }

    const row = y * w;
    if (!bounds) {
      if (in0 <= in1) data.fill(value, row + in0, row + in1 + 1);
      else in0 = in1 = x1 + 1; // nothing sure: test the whole span below
      for (let x = x0; x < in0; x++) if (within(seg, x + 0.5, cy)) data[row + x] = value;
      for (let x = in1 + 1; x <= x1; x++) if (within(seg, x + 0.5, cy)) data[row + x] = value;
      continue;
    }
    let cx0 = Infinity;
    let cx1 = -Infinity;
    for (let x = x0; x <= x1; x++) {
      const i = row + x;
      if (data[i] === value) continue;
      if ((x < in0 || x > in1) && !within(seg, x + 0.5, cy)) continue;
      delta += value === MARKED ? 1 : data[i] === MARKED ? -1 : 0;
      data[i] = value;
      if (x < cx0) cx0 = x;
      cx1 = x;
    }
    if (cx0 <= cx1) bounds.addRow(y, cx0, cx1);
  }
  return delta;
}
