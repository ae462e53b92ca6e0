// The mask painter's model decides which pixels /images/edits may change, so it is checked pixel by pixel against a
// brute-force reference: discs and capsules, clipping, gap-free fast strokes, dirty rects, undo/redo and the bounded
// history (which must give exactly what an unbounded replay gives).
import { strict as assert } from 'node:assert';
import { MAX_MASK_SIDE, MaskModel } from '../../src/webview/mask/maskModel';
import type { DirtyRect, MaskTool, Point } from '../../src/webview/mask/maskModel';
import { mulberry32 as rng } from '../fixtures/random';

/** Squared distance from pixel (x, y)'s centre to the segment a–b, computed independently of the model. */
function dist2ToSegment(x: number, y: number, a: Point, b: Point): number {
  const px = x + 0.5;
  const py = y + 0.5;
  const vx = b.x - a.x;
  const vy = b.y - a.y;
  const l2 = vx * vx + vy * vy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - a.x) * vx + (py - a.y) * vy) / l2));
  const qx = px - (a.x + t * vx);
  const qy = py - (a.y + t * vy);
  return qx * qx + qy * qy;
}

/** 1 where the pixel centre is within r of the disc centre p (the exact rule, no tolerance). */
function refDisc(w: number, h: number, p: Point, r: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const dx = x + 0.5 - p.x;
      const dy = y + 0.5 - p.y;
      if (dx * dx + dy * dy <= r * r) out[y * w + x] = 255;
    }
  return out;
}

function count(cov: Uint8Array): number {
  let n = 0;
  for (const v of cov) if (v === 255) n++;
  return n;
}

/** The first index where a and b differ, or -1 (a readable failure instead of a giant deepEqual dump). */
function firstDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** The tight bounds of the pixels that differ between before and after (width 0 when none). */
function changedBounds(before: Uint8Array, after: Uint8Array, w: number): DirtyRect {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < after.length; i++) {
    if (before[i] === after[i]) continue;
    const x = i % w;
    const y = (i - x) / w;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  if (minX > maxX) return { x: 0, y: 0, width: 0, height: 0 };
  return { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}

const full = (m: MaskModel): DirtyRect => ({ x: 0, y: 0, width: m.width, height: m.height });

describe('mask model', () => {
  it('refuses non-positive, non-integer, non-finite and huge sizes', () => {
    for (const [w, h] of [
      [0, 10],
      [10, 0],
      [-1, 5],
      [1.5, 4],
      [4, 2.25],
      [NaN, 4],
      [Infinity, 4],
      [MAX_MASK_SIDE + 1, 1],
      [1, MAX_MASK_SIDE + 1],
    ]) {
      assert.throws(() => new MaskModel(w, h), RangeError, `${w}x${h}`);
    }
    assert.throws(() => new MaskModel(4, 4, { maxHistory: 0 }), RangeError);
    const m = new MaskModel(MAX_MASK_SIDE, 1);
    assert.equal(m.coverage.length, MAX_MASK_SIDE);
    const one = new MaskModel(1, 1);
    assert.deepEqual([one.width, one.height, one.coverage.length], [1, 1, 1]);
    assert.ok(one.isEmpty());
    assert.equal(one.canUndo, false);
    assert.equal(one.canRedo, false);
  });

  it('refuses bad radii and non-finite points', () => {
    const m = new MaskModel(8, 8);
    for (const r of [0, -1, NaN, Infinity])
      assert.throws(() => m.beginStroke('brush', r, { x: 1, y: 1 }), RangeError);
    assert.throws(() => m.beginStroke('brush', 2, { x: NaN, y: 1 }), RangeError);
    m.beginStroke('brush', 2, { x: 1, y: 1 });
    assert.throws(() => m.extendStroke({ x: 1, y: Infinity }), RangeError);
  });

  it('stamps a disc over exactly the pixels whose centres are within the radius, clipped at edges and corners', () => {
    const w = 23;
    const h = 17;
    const centres: Point[] = [
      { x: 10, y: 8 },
      { x: 10.5, y: 8.5 },
      { x: 10.25, y: 7.8 },
      { x: 0, y: 0 },
      { x: 0.3, y: 16.9 },
      { x: w, y: h },
      { x: w - 0.2, y: 3.1 },
      { x: -2, y: 5.5 },
      { x: 11.7, y: -3.2 },
      { x: -40, y: -40 },
    ];
    for (const r of [0.5, 0.71, 1, 1.5, 2.3, 5, 7.75, 12, 40]) {
      for (const p of centres) {
        const m = new MaskModel(w, h);
        const rect = m.beginStroke('brush', r, p);
        const ref = refDisc(w, h, p, r);
        const label = `r=${r} at ${p.x},${p.y}`;
        assert.equal(firstDiff(m.coverage, ref), -1, label);
        assert.equal(m.markedPixels(), count(ref), label);
        assert.deepEqual(rect, changedBounds(new Uint8Array(w * h), ref, w), label);
      }
    }
    // Sanity of the reference itself: radius 0.5 on a pixel centre marks that one pixel, on a corner none.
    const one = new MaskModel(w, h);
    one.beginStroke('brush', 0.5, { x: 10.5, y: 8.5 });
    assert.equal(one.markedPixels(), 1);
    assert.equal(one.coverage[8 * w + 10], 255);
    const none = new MaskModel(w, h);
    assert.deepEqual(none.beginStroke('brush', 0.5, { x: 10, y: 8 }), { x: 0, y: 0, width: 0, height: 0 });
    assert.ok(none.isEmpty());
  });

  it('paints a segment as the capsule of pixels within the radius (random segments, incl. off-image ends)', () => {
    const rand = rng(7);
    const w = 61;
    const h = 43;
    const segments: Array<[Point, Point, number]> = [
      [{ x: 5, y: 20.5 }, { x: 55, y: 20.5 }, 3], // horizontal
      [{ x: 30.5, y: -5 }, { x: 30.5, y: 50 }, 2.5], // vertical, through both edges
      [{ x: 12.25, y: 12.75 }, { x: 12.25, y: 12.75 }, 4], // zero length
      [{ x: -10, y: -10 }, { x: 70, y: 50 }, 1], // corner to corner, beyond the image
    ];
    for (let i = 0; i < 40; i++) {
      const p = (): Point => ({ x: rand() * (w + 20) - 10, y: rand() * (h + 20) - 10 });
      segments.push([p(), p(), 0.5 + rand() * 9]);
    }
    for (const [a, b, r] of segments) {
      const m = new MaskModel(w, h);
      m.beginStroke('brush', r, a);
      m.extendStroke(b);
      let compared = 0;
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const d = Math.sqrt(dist2ToSegment(x, y, a, b));
          // A centre a rounding error away from the rim may go either way; one exactly on it is marked.
          if (Math.abs(d - r) < 1e-9 && d !== r) continue;
          compared++;
          assert.equal(
            m.coverage[y * w + x],
            d <= r ? 255 : 0,
            `pixel ${x},${y} for ${JSON.stringify([a, b, r])}`,
          );
        }
      assert.ok(compared > w * h - 10);
      assert.equal(m.markedPixels(), count(m.coverage));
    }
  });

  it('leaves no gaps when the pointer jumps far between two events', () => {
    const w = 400;
    const h = 300;
    const m = new MaskModel(w, h);
    m.beginStroke('brush', 0.75, { x: 0.5, y: 0.5 });
    m.extendStroke({ x: 399.5, y: 299.5 }); // one event across the whole image
    m.extendStroke({ x: 0.5, y: 299.5 });
    m.extendStroke({ x: 399.5, y: 0.2 });
    m.endStroke();
    const path: Array<[Point, Point]> = [
      [
        { x: 0.5, y: 0.5 },
        { x: 399.5, y: 299.5 },
      ],
      [
        { x: 399.5, y: 299.5 },
        { x: 0.5, y: 299.5 },
      ],
      [
        { x: 0.5, y: 299.5 },
        { x: 399.5, y: 0.2 },
      ],
    ];
    for (const [a, b] of path) {
      for (let s = 0; s <= 20000; s++) {
        const x = Math.floor(a.x + ((b.x - a.x) * s) / 20000);
        const y = Math.floor(a.y + ((b.y - a.y) * s) / 20000);
        assert.equal(m.coverage[y * w + x], 255, `gap at ${x},${y}`);
      }
    }
    // And it is still a thin line, not a filled area.
    assert.ok(m.markedPixels() < 4 * (500 + 400 + 500));
  });

  it('erases with the eraser and counts marked pixels', () => {
    const w = 50;
    const h = 40;
    const m = new MaskModel(w, h);
    m.beginStroke('brush', 15, { x: 25, y: 20 });
    m.endStroke();
    const painted = m.coverage.slice();
    const a = { x: 0, y: 18 };
    const b = { x: 50, y: 23 };
    const rect = m.beginStroke('eraser', 3, a);
    const rect2 = m.extendStroke(b);
    m.endStroke();
    let erased = 0;
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        const d = Math.sqrt(dist2ToSegment(x, y, a, b));
        if (Math.abs(d - 3) < 1e-9) continue;
        if (d <= 3) {
          assert.equal(m.coverage[i], 0, `${x},${y} erased`);
          if (painted[i] === 255) erased++;
        } else assert.equal(m.coverage[i], painted[i], `${x},${y} untouched`);
      }
    assert.ok(erased > 100);
    assert.equal(m.markedPixels(), count(m.coverage));
    assert.equal(m.markedPixels(), count(painted) - erased);
    assert.deepEqual(
      rect,
      { x: 0, y: 0, width: 0, height: 0 },
      'the first disc lies where nothing was marked',
    );
    assert.ok(rect2.width > 0 && rect2.height > 0);
    // Erasing where nothing is marked changes nothing and says so.
    const blank = new MaskModel(w, h);
    assert.deepEqual(blank.beginStroke('eraser', 5, { x: 10, y: 10 }), { x: 0, y: 0, width: 0, height: 0 });
  });

  it('clears and inverts, each returning the full rect', () => {
    const m = new MaskModel(9, 7);
    assert.deepEqual(m.invert(), full(m));
    assert.equal(m.markedPixels(), 63);
    assert.ok(m.coverage.every((v) => v === 255));
    m.beginStroke('eraser', 1, { x: 4.5, y: 3.5 });
    m.endStroke();
    assert.equal(m.markedPixels(), 58);
    m.invert();
    assert.equal(m.markedPixels(), 5);
    assert.equal(m.coverage[3 * 9 + 4], 255);
    assert.deepEqual(m.clear(), full(m));
    assert.ok(m.isEmpty());
    assert.ok(m.coverage.every((v) => v === 0));
    assert.deepEqual(
      m.ops.map((o) => o.kind),
      ['invert', 'stroke', 'invert', 'clear'],
    );
  });

  it('undoes and redoes: paint, erase, invert, undo twice, redo, and a new stroke clears the redo stack', () => {
    const m = new MaskModel(40, 30);
    assert.equal(m.undo(), undefined);
    assert.equal(m.redo(), undefined);
    m.beginStroke('brush', 6, { x: 10, y: 10 });
    m.extendStroke({ x: 30, y: 20 });
    m.endStroke();
    const afterPaint = m.coverage.slice();
    m.beginStroke('eraser', 2, { x: 0, y: 15 });
    m.extendStroke({ x: 40, y: 15 });
    m.endStroke();
    const afterErase = m.coverage.slice();
    m.invert();
    const afterInvert = m.coverage.slice();
    assert.notEqual(firstDiff(afterPaint, afterErase), -1);

    assert.deepEqual(m.undo(), full(m));
    assert.equal(firstDiff(m.coverage, afterErase), -1);
    assert.equal(m.markedPixels(), count(afterErase));
    assert.deepEqual(m.undo(), full(m));
    assert.equal(firstDiff(m.coverage, afterPaint), -1);
    assert.equal(m.markedPixels(), count(afterPaint));
    assert.ok(m.canUndo && m.canRedo);
    assert.deepEqual(m.redo(), full(m));
    assert.equal(firstDiff(m.coverage, afterErase), -1);
    assert.equal(m.markedPixels(), count(afterErase));
    assert.ok(m.canRedo);
    assert.equal(m.ops.length, 2);

    m.beginStroke('brush', 1, { x: 1, y: 1 });
    assert.equal(m.canRedo, false, 'a stroke in progress will clear the redo stack');
    m.endStroke();
    const afterNew = m.coverage.slice();
    assert.notEqual(firstDiff(afterNew, afterErase), -1);
    assert.equal(m.canRedo, false);
    assert.equal(m.redo(), undefined);
    assert.equal(m.ops.length, 3);
    m.undo();
    assert.equal(firstDiff(m.coverage, afterErase), -1);
    m.undo();
    m.undo();
    assert.ok(m.isEmpty());
    assert.equal(m.canUndo, false);
    assert.equal(m.undo(), undefined);
    // Redo everything back: the invert was dropped by the new stroke, so we end with the new stroke on top.
    while (m.redo()) {
      /* redo all */
    }
    assert.equal(firstDiff(m.coverage, afterNew), -1);
    assert.notEqual(firstDiff(m.coverage, afterInvert), -1);
  });

  it('ends a stroke in progress before undoing it', () => {
    const m = new MaskModel(20, 20);
    m.beginStroke('brush', 3, { x: 5, y: 5 });
    m.extendStroke({ x: 15, y: 15 });
    const painted = m.coverage.slice();
    assert.ok(m.canUndo);
    assert.deepEqual(m.undo(), full(m));
    assert.ok(m.isEmpty());
    assert.equal(m.strokeActive, false);
    assert.deepEqual(
      m.extendStroke({ x: 1, y: 1 }),
      { x: 0, y: 0, width: 0, height: 0 },
      'no stroke any more',
    );
    assert.ok(m.isEmpty());
    m.redo();
    assert.equal(firstDiff(m.coverage, painted), -1);
    assert.deepEqual(m.ops, [
      {
        kind: 'stroke',
        tool: 'brush',
        radius: 3,
        points: [
          { x: 5, y: 5 },
          { x: 15, y: 15 },
        ],
      },
    ]);
  });

  it('copies stroke points and drops repeated ones', () => {
    const m = new MaskModel(20, 20);
    const p = { x: 2, y: 2 };
    m.beginStroke('brush', 1, p);
    p.x = 18; // the caller reusing its point object must not change the op
    assert.deepEqual(m.extendStroke({ x: 2, y: 2 }), { x: 0, y: 0, width: 0, height: 0 });
    m.extendStroke(p);
    m.endStroke();
    const op = m.ops[0];
    assert.ok(op.kind === 'stroke');
    assert.deepEqual(op.points, [
      { x: 2, y: 2 },
      { x: 18, y: 2 },
    ]);
  });

  it('returns dirty rects that are exactly the bounds of the changed pixels', () => {
    const rand = rng(99);
    const w = 70;
    const h = 50;
    const m = new MaskModel(w, h);
    let checked = 0;
    for (let s = 0; s < 30; s++) {
      const tool: MaskTool = rand() < 0.7 ? 'brush' : 'eraser';
      const r = 0.5 + rand() * 8;
      const pt = (): Point => ({ x: rand() * (w + 10) - 5, y: rand() * (h + 10) - 5 });
      let before = m.coverage.slice();
      let rect = m.beginStroke(tool, r, pt());
      assert.deepEqual(rect, changedBounds(before, m.coverage, w));
      for (let k = 0; k < 6; k++) {
        before = m.coverage.slice();
        rect = m.extendStroke(pt());
        const expected = changedBounds(before, m.coverage, w);
        assert.deepEqual(rect, expected, `stroke ${s} segment ${k}`);
        if (expected.width > 0) checked++;
        assert.ok(rect.x >= 0 && rect.y >= 0 && rect.x + rect.width <= w && rect.y + rect.height <= h);
      }
      m.endStroke();
      assert.equal(m.markedPixels(), count(m.coverage));
    }
    assert.ok(checked > 50, `only ${checked} segments changed anything`);
  });

  it('bounds the history without changing any result compared with an unbounded replay', () => {
    const rand = rng(2024);
    const w = 48;
    const h = 36;
    const bounded = new MaskModel(w, h, { maxHistory: 5 });
    const unbounded = new MaskModel(w, h, { maxHistory: 100000 });
    const both = (f: (m: MaskModel) => unknown): void => {
      const a = f(bounded);
      const b = f(unbounded);
      assert.deepEqual(a, b);
    };
    let undos = 0;
    for (let step = 0; step < 150; step++) {
      const pick = rand();
      if (pick < 0.55) {
        const tool: MaskTool = rand() < 0.75 ? 'brush' : 'eraser';
        const r = 1 + rand() * 6;
        const pts = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => ({
          x: rand() * w,
          y: rand() * h,
        }));
        both((m) => m.beginStroke(tool, r, pts[0]));
        for (const p of pts.slice(1)) both((m) => m.extendStroke(p));
        if (rand() < 0.8) both((m) => m.endStroke()); // otherwise left open for the next op to end
      } else if (pick < 0.62) both((m) => m.invert());
      else if (pick < 0.65) both((m) => m.clear());
      else if (pick < 0.88) {
        if (bounded.canUndo) {
          both((m) => m.undo());
          undos++;
        }
      } else both((m) => m.redo());
      assert.equal(firstDiff(bounded.coverage, unbounded.coverage), -1, `step ${step}`);
      assert.equal(bounded.markedPixels(), unbounded.markedPixels(), `step ${step}`);
      assert.equal(bounded.markedPixels(), count(bounded.coverage), `step ${step}`);
      assert.ok(bounded.ops.length <= 5);
    }
    assert.ok(undos > 10);
    // Undo as far as the bound allows: still identical; then only the unbounded model can go further.
    while (bounded.canUndo) {
      both((m) => m.undo());
      assert.equal(firstDiff(bounded.coverage, unbounded.coverage), -1);
    }
    assert.equal(bounded.undo(), undefined);
    assert.ok(unbounded.canUndo);
    assert.ok(unbounded.ops.length > 5);
  });

  it('paints a 60 px segment on a 4K mask touching only the pixels near it', () => {
    const m = new MaskModel(3840, 2160);
    const rect = m.beginStroke('brush', 60, { x: 1000, y: 1000 });
    const rect2 = m.extendStroke({ x: 1100, y: 1050 });
    m.endStroke();
    assert.deepEqual(rect, { x: 940, y: 940, width: 120, height: 120 });
    assert.ok(
      rect2.x >= 940 && rect2.x + rect2.width <= 1160 && rect2.y >= 940 && rect2.y + rect2.height <= 1110,
    );
    assert.equal(m.markedPixels(), count(m.coverage));
    assert.equal(m.coverage[1025 * 3840 + 1050], 255);
    assert.equal(m.coverage[0], 0);
  });
});
