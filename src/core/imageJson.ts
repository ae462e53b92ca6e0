/**
 * Reads an images response as it streams in, decoding every `"b64_json"` string straight into bytes. The JSON around
 * the images is kept as a small skeleton (with a placeholder where each image was) and parsed at the end. This avoids
 * holding the response three times over (raw bytes, a JS string, the parsed string) before decoding: a 4K PNG
 * response is tens of megabytes, and peak memory stays close to the decoded size.
 */
import { LiteLLMError } from './errors';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const KEY = 'b64_json';
export const BLOB_PLACEHOLDER = /^@@blob:(\d+)$/;

type Mode = 'json' | 'string' | 'afterColon' | 'b64';

export class StreamingImageJson {
  private readonly skeleton: Buffer[] = [];
  private mode: Mode = 'json';
  private escaped = false;
  /** The first bytes of the current string, enough to recognise the key. */
  private stringHead = '';
  private lastStringWasKey = false;
  private blobParts: Buffer[] = [];
  private carry = '';
  private padded = false;
  /** A backslash that ended the previous chunk: its escaped character arrives with the next one. */
  private pendingBackslash = false;
  readonly blobs: Buffer[] = [];
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  write(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) throw tooLarge(this.maxBytes);
    let i = 0;
    let copyFrom = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.mode === 'b64') {
        const end = chunk.indexOf(QUOTE, i);
        const stop = end === -1 ? n : end;
        this.feedBase64(chunk, i, stop);
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
            this.skeleton.push(Buffer.from(`@@blob:${this.blobs.length}`));
            this.mode = 'b64';
            this.lastStringWasKey = false;
            this.blobParts = [];
            this.carry = '';
            this.padded = false;
            this.pendingBackslash = false;
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

  private feedBase64(chunk: Buffer, from: number, to: number): void {
    if (to <= from) return;
    let text = (this.pendingBackslash ? '\\' : '') + chunk.toString('latin1', from, to);
    this.pendingBackslash = false;
    if (text.includes('\\')) {
      // JSON allows "\/" for "/" and some encoders wrap base64 with "\n"; anything else cannot be base64.
      const trailing = /\\+$/.exec(text)?.[0].length ?? 0;
      if (trailing % 2 === 1) {
        this.pendingBackslash = true;
        text = text.slice(0, -1);
      }
      text = text.replace(/\\[nr]|\\\//g, (m) => (m === '\\/' ? '/' : ''));
    }
    text = this.carry + text;
    if (this.padded && text.length > 0) throw badBase64();
    const whole = text.length - (text.length % 4);
    // Padding closes the data: once a quad with "=" is decoded, nothing may follow.
    if (whole > 0 && text[whole - 1] === '=') this.padded = true;
    this.carry = text.slice(whole);
    if (whole > 0) this.blobParts.push(decodeExactly(text.slice(0, whole)));
  }

  private finishBlob(): void {
    if (this.carry.length === 1 || this.pendingBackslash) throw badBase64();
    if (this.carry) this.blobParts.push(decodeExactly(this.carry));
    this.blobs.push(this.blobParts.length === 1 ? this.blobParts[0]! : Buffer.concat(this.blobParts));
    this.blobParts = [];
    this.carry = '';
  }

  /** The parsed JSON with each b64_json replaced by "@@blob:<index into blobs>". */
  end(): unknown {
    if (this.mode === 'b64' || this.mode === 'string')
      throw new LiteLLMError(
        'bad_response',
        'The proxy’s answer ended in the middle of the JSON (truncated response).',
      );
    const text = Buffer.concat(this.skeleton).toString('utf8');
    try {
      return JSON.parse(text);
    } catch {
      throw new LiteLLMError(
        'bad_response',
        `The proxy answered with something that is not JSON: ${preview(text)}`,
      );
    }
  }
}

function preview(text: string): string {
  const flat = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat ? `"${flat.slice(0, 120)}${flat.length > 120 ? '…' : ''}"` : '(empty body)';
}

/**
 * Node's decoder skips characters outside the alphabet instead of failing, so validity is checked by length: every
 * stray character (or misplaced "=") makes the output shorter than the input length promises. This is ~20x faster
 * than testing the text with a regular expression, which dominated the time of large responses.
 */
function decodeExactly(text: string): Buffer {
  const out = Buffer.from(text, 'base64');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const expected = Math.floor((text.length * 3) / 4) - pad;
  if (out.length !== expected) throw badBase64();
  return out;
}

function badBase64(): LiteLLMError {
  return new LiteLLMError('bad_response', 'The proxy returned an image whose base64 data cannot be decoded.');
}

export function tooLarge(max: number): LiteLLMError {
  return new LiteLLMError(
    'too_large',
    `The response is larger than the limit of ${Math.round(max / (1024 * 1024))} MB (litellm.image.maxResponseBytes). Ask for fewer or smaller images, or raise the limit.`,
    { actions: ['open_settings'] },
  );
}
