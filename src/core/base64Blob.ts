/**
 * Decoding the base64 of a `b64_json` string as it streams in, straight into preallocated memory: each chunk's
 * base64 is turned into one latin1 string at a 4-character boundary and written by Node's native decoder
 * (`Buffer.write(…, 'base64')`) at the end of what is already decoded. No per-chunk buffers, no concatenation of the
 * parts at the end, no string built up over the whole value.
 *
 * The memory is one arena per response: when the answer declared its length, the arena is sized from what is left of
 * it (3 bytes for every 4 of base64), so every image of that response is a slice of it and nothing is copied; pages
 * the decoder never writes are never touched. Without a declared length (or if the body runs past it) blocks are
 * added as needed and an image that spans blocks is joined once, when it ends.
 */

const BACKSLASH = 0x5c;
const MIN_BLOCK = 1 << 20;

/** Where the decoded bytes go: one block (or a few), shared by every image of the response. */
export class DecodeArena {
  private block: Buffer | undefined;
  private pos = 0;
  private blobStart = 0;
  /** Earlier blocks' part of the current image, when it did not fit in one. */
  private parts: Buffer[] = [];

  /**
   * `room()`: how many decoded bytes the rest of the response can still bring: `declared` from its Content-Length
   * (undefined without one), `allowed` from what is left of its byte budget.
   */
  constructor(private readonly room: () => { declared?: number; allowed: number }) {}

  startBlob(): void {
    this.parts = [];
    this.blobStart = this.pos;
  }

  /**
   * Decodes `text` (whole quads of base64) after what is there; false when it did not decode to the length its
   * size promises (Node's decoder skips characters outside the alphabet instead of failing, so every stray character
   * or misplaced "=" makes the output shorter: ~20x faster than testing the text with a regular expression).
   */
  write(text: string): boolean {
    const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
    const expected = Math.floor((text.length * 3) / 4) - pad;
    if (expected < 0) return false; // "==" alone
    if (!this.block || this.block.length - this.pos < expected) this.grow(expected);
    const written = this.block!.write(text, this.pos, expected, 'base64');
    this.pos += written;
    return written === expected;
  }

  private grow(need: number): void {
    if (this.block && this.pos > this.blobStart)
      this.parts.push(this.block.subarray(this.blobStart, this.pos));
    const { declared, allowed } = this.room();
    // Declared: all that is left of it, in one block. Otherwise at least 1 MB, doubling what this image has needed
    // so far, never more than the budget allows.
    const decodedSoFar = this.parts.reduce((sum, p) => sum + p.length, 0);
    const size =
      declared !== undefined && declared >= need
        ? declared
        : Math.max(need, Math.min(Math.max(MIN_BLOCK, 2 * decodedSoFar), allowed));
    // Not zero-filled (that cost ~10 ms for a 4K answer): only the decoded bytes are ever handed out as slices, and
    // nothing in the project reads a slice's underlying ArrayBuffer. Pages the decoder never writes are never mapped.
    this.block = Buffer.allocUnsafeSlow(size);
    this.pos = 0;
    this.blobStart = 0;
  }

  /** The current image's bytes (a slice of the arena unless it spanned blocks). */
  finishBlob(): Buffer {
    const tail = this.block ? this.block.subarray(this.blobStart, this.pos) : Buffer.alloc(0);
    const out = this.parts.length === 0 ? tail : Buffer.concat([...this.parts, tail]);
    this.parts = [];
    this.blobStart = this.pos;
    return out;
  }

  /** Forgets the current image (it did not decode): its space is reused by the next one. */
  dropBlob(): void {
    this.parts = [];
    this.pos = this.blobStart;
  }
}

/**
 * One `b64_json` value's base64, fed range by range as chunks arrive: JSON escapes ("\/" for "/", "\n" or "\r" where
 * an encoder wrapped lines) are undone, up to 3 characters wait for the next chunk, and padding ends the data.
 */
export class Base64Blob {
  private carry = '';
  private padded = false;
  /** A backslash that ended the previous range: its escaped character arrives with the next one. */
  private pendingBackslash = false;
  bad = false;

  constructor(private readonly arena: DecodeArena) {
    arena.startBlob();
  }

  feed(chunk: Buffer, from: number, to: number): void {
    if (this.bad || to <= from) return;
    const slash = chunk.indexOf(BACKSLASH, from);
    if (this.pendingBackslash || (slash !== -1 && slash < to)) return this.feedEscaped(chunk, from, to);
    if (this.carry) {
      // Complete the quad the previous chunk left open, then decode this chunk from a 4-character boundary.
      const take = Math.min(4 - this.carry.length, to - from);
      this.carry += chunk.toString('latin1', from, from + take);
      from += take;
      if (this.carry.length < 4) return;
      const quad = this.carry;
      this.carry = '';
      if (!this.decode(quad)) return;
    }
    const whole = from + (to - from - ((to - from) % 4));
    if (whole > from && !this.decode(chunk.toString('latin1', from, whole))) return;
    if (whole < to) this.carry = chunk.toString('latin1', whole, to);
  }

  /** The rare path: a range with escapes, unescaped as a string first. */
  private feedEscaped(chunk: Buffer, from: number, to: number): void {
    let text = (this.pendingBackslash ? '\\' : '') + chunk.toString('latin1', from, to);
    this.pendingBackslash = false;
    const trailing = /\\+$/.exec(text)?.[0].length ?? 0;
    if (trailing % 2 === 1) {
      this.pendingBackslash = true;
      text = text.slice(0, -1);
    }
    // JSON allows "\/" for "/" and some encoders wrap base64 with "\n"; anything else cannot be base64.
    text = this.carry + text.replace(/\\[nr]|\\\//g, (m) => (m === '\\/' ? '/' : ''));
    const whole = text.length - (text.length % 4);
    this.carry = text.slice(whole);
    if (whole > 0) this.decode(text.slice(0, whole));
  }

  private decode(quads: string): boolean {
    // Padding closes the data: once a quad with "=" is decoded, nothing may follow.
    if (this.padded || !this.arena.write(quads)) {
      this.fail();
      return false;
    }
    if (quads.endsWith('=')) this.padded = true;
    return true;
  }

  private fail(): void {
    this.bad = true;
    this.carry = '';
    this.arena.dropBlob();
  }

  /** At the closing quote: the decoded bytes, or undefined when they were no valid base64. */
  finish(): Buffer | undefined {
    if (!this.bad && (this.carry.length === 1 || this.pendingBackslash)) this.fail();
    if (!this.bad && this.carry) this.decode(this.carry);
    if (this.bad) return undefined;
    return this.arena.finishBlob();
  }
}
