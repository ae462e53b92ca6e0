/**
 * Reads an images response as it streams in, decoding every `"b64_json"` string straight into bytes. The JSON around
 * the images is kept as a small skeleton (with a placeholder where each image was) and parsed at the end. This avoids
 * holding the response three times over (raw bytes, a JS string, the parsed string) before decoding: a 4K PNG
 * response is tens of megabytes, and peak memory stays close to the decoded size.
 *
 * The answer is untrusted: placeholders carry a random token drawn for each parse (the response cannot know it, so
 * it cannot forge one), a blob that does not decode is an error for that image only, and blobs beyond the number of
 * images wanted are skipped without being decoded or kept.
 */
import { randomBytes } from 'node:crypto';
import { Base64Blob, DecodeArena } from './base64Blob';
import { coded, LiteLLMError } from './errors';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const KEY = 'b64_json';

type Mode = 'json' | 'string' | 'afterColon' | 'b64';
/** What happens to the base64 being read: decoded (it may still turn out bad), or not wanted. */
type BlobState = 'decode' | 'skip';

/** One byte limit for everything a response brings in: its JSON and every image downloaded for it. */
export class ByteBudget {
  private used = 0;
  constructor(readonly max: number) {}

  get remaining(): number {
    return Math.max(0, this.max - this.used);
  }

  take(bytes: number): void {
    this.used += bytes;
    if (this.used > this.max) throw tooLarge(this.max);
  }
}

export class StreamingImageJson {
  private readonly skeleton: Buffer[] = [];
  /** Per parse, so no response can spell a placeholder of this parse. */
  private readonly prefix = `@@blob:${randomBytes(12).toString('hex')}:`;
  private readonly slots: Array<Buffer | LiteLLMError> = [];
  private readonly budget: ByteBudget;
  private mode: Mode = 'json';
  private escaped = false;
  /** The first bytes of the current string, enough to recognise the key. */
  private stringHead = '';
  private lastStringWasKey = false;
  private blob: Base64Blob | undefined;
  private blobState: BlobState = 'decode';
  /** A backslash ended the previous chunk inside the string: whatever comes first in the next one is escaped. */
  private escapedAtStart = false;
  /** Bytes of the body before the current chunk. */
  private received = 0;
  private readonly arena: DecodeArena;

  /**
   * `maxBlobs`: how many b64_json values to decode; later ones are skipped (the caller reports the surplus).
   * `declaredBytes`: the body's Content-Length, if it had one (sizes the memory the images are decoded into).
   */
  constructor(
    budget: ByteBudget | number,
    private readonly maxBlobs = Infinity,
    declaredBytes?: number,
  ) {
    this.budget = typeof budget === 'number' ? new ByteBudget(budget) : budget;
    const decoded = (bytes: number) => Math.ceil((Math.max(0, bytes) * 3) / 4) + 3;
    this.arena = new DecodeArena(() => ({
      declared: declaredBytes === undefined ? undefined : decoded(declaredBytes - this.received),
      allowed: decoded(this.budget.remaining),
    }));
  }

  write(chunk: Buffer): void {
    this.budget.take(chunk.length);
    try {
      this.scan(chunk);
    } finally {
      this.received += chunk.length;
    }
  }

  private scan(chunk: Buffer): void {
    let i = 0;
    let copyFrom = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.mode === 'b64') {
        const end = this.stringEnd(chunk, i);
        const stop = end === -1 ? n : end;
        if (this.blobState === 'decode') this.blob!.feed(chunk, i, stop);
        if (end === -1) {
          i = n;
          copyFrom = n;
          break;
        }
        this.finishBlob();
        i = end + 1;
        copyFrom = end; // keep the closing quote in the skeleton
        this.mode = 'json';
        continue;
      }
      const c = chunk[i]!;
      switch (this.mode) {
        case 'json':
          if (c === QUOTE) {
            this.mode = 'string';
            this.stringHead = '';
            this.escaped = false;
          } else if (this.lastStringWasKey && c === 0x3a /* : */) {
            this.mode = 'afterColon';
          } else if (c > 0x20) this.lastStringWasKey = false;
          i++;
          break;
        case 'string':
          if (this.escaped) this.escaped = false;
          else if (c === BACKSLASH) this.escaped = true;
          else if (c === QUOTE) {
            this.mode = 'json';
            this.lastStringWasKey = this.stringHead === KEY;
            i++;
            break;
          }
          if (this.stringHead.length <= KEY.length) this.stringHead += String.fromCharCode(c);
          i++;
          break;
        case 'afterColon':
          if (c === QUOTE) {
            // Write everything up to and including the opening quote, then a placeholder instead of the base64.
            this.skeleton.push(Buffer.from(chunk.subarray(copyFrom, i + 1)));
            this.skeleton.push(Buffer.from(this.prefix + this.slots.length));
            this.mode = 'b64';
            this.blobState = this.slots.length < this.maxBlobs ? 'decode' : 'skip';
            this.lastStringWasKey = false;
            this.blob = this.blobState === 'decode' ? new Base64Blob(this.arena) : undefined;
            this.escapedAtStart = false;
            i++;
            copyFrom = i;
          } else {
            if (c > 0x20) {
              this.mode = 'json';
              this.lastStringWasKey = false;
              continue; // re-read this byte in json mode (null, a number…)
            }
            i++;
          }
          break;
        default:
          i++;
      }
    }
    if (copyFrom < n && this.mode !== 'b64') this.skeleton.push(Buffer.from(chunk.subarray(copyFrom, n)));
  }

  /**
   * The closing quote of the string being read from `from`, or -1 when it goes on in the next chunk. The first
   * quote is nearly always it; only a quote right after a backslash needs the run of backslashes counted.
   */
  private stringEnd(chunk: Buffer, from: number): number {
    for (let at = from; ;) {
      const q = chunk.indexOf(QUOTE, at);
      if (q === -1) {
        const n = chunk.length;
        if (n > from && chunk[n - 1] === BACKSLASH)
          this.escapedAtStart = oddBackslashesBefore(chunk, from, n, this.escapedAtStart);
        else if (n > from) this.escapedAtStart = false;
        return -1;
      }
      const escaped =
        q > from
          ? chunk[q - 1] === BACKSLASH && oddBackslashesBefore(chunk, from, q, this.escapedAtStart)
          : this.escapedAtStart;
      if (!escaped) return q;
      at = q + 1;
    }
  }

  private finishBlob(): void {
    const bytes = this.blob?.finish();
    this.slots.push(bytes ?? (this.blobState === 'skip' ? skipped() : badBase64()));
    this.blob = undefined;
  }

  /**
   * What a `b64_json` value of the parsed skeleton stands for: the decoded bytes, the error that image had, or
   * undefined when the value is no placeholder of this parse (the response's own text, e.g. under a key the stream
   * did not recognise because it was spelled with escapes).
   */
  blobFor(value: string): Buffer | LiteLLMError | undefined {
    if (!value.startsWith(this.prefix)) return undefined;
    const digits = value.slice(this.prefix.length);
    const index = /^\d{1,9}$/.test(digits) ? Number(digits) : -1;
    return index >= 0 && index < this.slots.length && String(index) === digits
      ? this.slots[index]
      : undefined;
  }

  /** How many b64_json values were read (decoded, bad or skipped). */
  get blobCount(): number {
    return this.slots.length;
  }

  /** The parsed JSON with each b64_json replaced by a placeholder that `blobFor` resolves. */
  end(): unknown {
    if (this.mode === 'b64' || this.mode === 'string') throw coded('bad_response', 'response.truncated', {});
    const text = Buffer.concat(this.skeleton).toString('utf8');
    try {
      return JSON.parse(text);
    } catch {
      throw coded('bad_response', 'response.notJson', { preview: preview(text) });
    }
  }
}

function preview(text: string): string {
  const flat = text
    .replace(/<[^<>]*>/g, ' ') // [^<>]: a run of '<' without '>' costs linear time, not quadratic
    .replace(/\s+/g, ' ')
    .trim();
  return flat ? `${flat.slice(0, 120)}${flat.length > 120 ? '…' : ''}` : '';
}

/**
 * Node's decoder skips characters outside the alphabet instead of failing, so validity is checked by length: every
 * stray character (or misplaced "=") makes the output shorter than the input length promises. This is ~20x faster
 * than testing the text with a regular expression, which dominated the time of large responses.
 */
function decodeExactly(text: string): Buffer | undefined {
  const out = Buffer.from(text, 'base64');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const expected = Math.floor((text.length * 3) / 4) - pad;
  return out.length === expected ? out : undefined;
}

function oddBackslashesBefore(chunk: Buffer, from: number, pos: number, carried: boolean): boolean {
  let run = 0;
  let p = pos - 1;
  while (p >= from && chunk[p] === BACKSLASH) {
    run++;
    p--;
  }
  if (p < from && carried) run++;
  return run % 2 === 1;
}

/**
 * Base64 that JSON.parse has already unescaped (a b64_json the stream did not decode), checked as strictly as the
 * streamed kind. Its text was counted against the response's budget as it arrived.
 */
export function decodeBase64Text(text: string): Buffer | LiteLLMError {
  const plain = /[\r\n]/.test(text) ? text.replace(/[\r\n]/g, '') : text;
  if (plain.length % 4 === 1) return badBase64();
  return decodeExactly(plain) ?? badBase64();
}

function badBase64(): LiteLLMError {
  return coded('bad_response', 'response.badBase64', {});
}

function skipped(): LiteLLMError {
  return coded('bad_response', 'response.extraImage', {});
}

export function tooLarge(max: number): LiteLLMError {
  return coded(
    'too_large',
    'response.tooLarge',
    { limitMb: Math.round(max / (1024 * 1024)) },
    { actions: ['open_settings'] },
  );
}
