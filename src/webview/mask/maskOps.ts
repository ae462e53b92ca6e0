// Replaying the mask's ops onto a coverage buffer (undo, redo and the history bound rebuild the mask this way), and
// counting what a replay marked. Pure TypeScript: no DOM, no Node.
import { MARKED, type MaskOp } from './maskTypes';
import { stampCapsule } from './strokeGeometry';

/** Number of marked pixels. */
export function countMarked(data: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === MARKED) n++;
  return n;
}

/** Applies one op to `data` (as a replay: marked pixels are not counted). */
export function applyOp(data: Uint8Array, w: number, h: number, op: MaskOp): void {
  switch (op.kind) {
    case 'clear':
      data.fill(0);
      return;
    case 'invert': {
      // Every byte is 0 or 255, so inverting is XOR 0xFF: a word at a time, then the odd tail bytes.
      const words = data.byteOffset % 4 === 0 ? data.length >>> 2 : 0;
      const view = new Int32Array(data.buffer, data.byteOffset, words);
      for (let i = 0; i < words; i++) view[i] = ~view[i];
      for (let i = words * 4; i < data.length; i++) data[i] ^= MARKED;
      return;
    }
    case 'stroke': {
      const value = op.tool === 'brush' ? MARKED : 0;
      const pts = op.points;
      stampCapsule(data, w, h, pts[0], pts[0], op.radius, value, undefined);
      for (let i = 1; i < pts.length; i++)
        stampCapsule(data, w, h, pts[i - 1], pts[i], op.radius, value, undefined);
      return;
    }
  }
}
