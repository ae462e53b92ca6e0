/**
 * LiteLLM nests its error texts: an upstream answer rendered as a Python dict inside a message string
 * (`400: {'error': '/image/generations: Invalid model name passed in model=X. …'}`), JSON inside JSON, a class name in
 * front (`litellm.BadRequestError: OpenAIException - {"error": {"message": "…"}}`). People need the sentence inside,
 * never dict or JSON syntax. This reads such texts with a small parser for JSON and Python literals (both bounded)
 * and keeps the innermost message.
 */

/** Levels of nesting unwrapped at most; real answers have two or three. */
const MAX_LEVELS = 6;
/** Texts are cut before this by the caller; a literal longer than this is not parsed. */
const MAX_TEXT = 8_000;
/** Containers inside one literal at most (bounds the parser's recursion). */
const MAX_DEPTH = 32;

/** The keys whose value is the message, in the order they are looked at. */
const MESSAGE_KEYS = ['error', 'message', 'detail', 'msg', 'error_message'];

/** The sentence a nested error text carries, or the text itself when it nests nothing readable. */
export function unwrapNestedError(text: string): string {
  let current = text.trim();
  for (let level = 0; level < MAX_LEVELS; level++) {
    const inner = innerMessage(current);
    if (inner === undefined || inner === current) break;
    current = inner.trim();
  }
  return tidy(current);
}

/** `/image/generations: Invalid model …` → `Invalid model …`; backticks around a path are not prose. */
function tidy(text: string): string {
  return text
    .replace(/^(\d{3}:\s*)+/, '')
    .replace(/^\/[\w./-]*:\s+/, '')
    .replace(/`([^`\s]{1,200})`/g, '$1')
    .trim();
}

/** The message one level down: the literal at the first `{` (or the whole text) and its message key. */
function innerMessage(text: string): string | undefined {
  if (text.length > MAX_TEXT) return undefined;
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  const parsed = new LiteralParser(text, start).parseValue(0);
  if (parsed === undefined) return undefined;
  return messageOf(parsed.value);
}

function messageOf(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return value;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    const parts = value.map((v) => messageOf(v, depth + 1)).filter((v): v is string => Boolean(v));
    return parts.length ? parts.join('; ') : undefined;
  }
  const record = value as Record<string, unknown>;
  for (const key of MESSAGE_KEYS) {
    const found = messageOf(record[key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * JSON and Python literals (`'str'`, `"str"`, `None`, `True`, `False`, numbers, dicts, lists, tuples), read from
 * `pos`. Undefined when the text there is neither; what follows the literal is ignored.
 */
class LiteralParser {
  constructor(
    private readonly s: string,
    private pos: number,
  ) {}

  parseValue(depth: number): { value: unknown } | undefined {
    if (depth > MAX_DEPTH) return undefined;
    this.space();
    const c = this.s[this.pos];
    if (c === '{') return this.container(depth, '}', true);
    if (c === '[') return this.container(depth, ']', false);
    if (c === '(') return this.container(depth, ')', false);
    if (c === "'" || c === '"') {
      const str = this.string();
      return str === undefined ? undefined : { value: str };
    }
    const word = /^(None|null|True|true|False|false|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      this.s.slice(this.pos, this.pos + 40),
    );
    if (!word) return undefined;
    this.pos += word[0].length;
    const w = word[0];
    if (w === 'None' || w === 'null') return { value: null };
    if (w === 'True' || w === 'true') return { value: true };
    if (w === 'False' || w === 'false') return { value: false };
    return { value: Number(w) };
  }

  private container(depth: number, close: string, keyed: boolean): { value: unknown } | undefined {
    this.pos++;
    const record: Record<string, unknown> = {};
    const list: unknown[] = [];
    for (;;) {
      this.space();
      if (this.s[this.pos] === close) {
        this.pos++;
        return { value: keyed ? record : list };
      }
      const item = this.parseValue(depth + 1);
      if (!item) return undefined;
      if (keyed) {
        this.space();
        if (this.s[this.pos] !== ':') return undefined;
        this.pos++;
        const value = this.parseValue(depth + 1);
        if (!value) return undefined;
        record[String(item.value)] = value.value;
      } else list.push(item.value);
      this.space();
      if (this.s[this.pos] === ',') this.pos++;
      else if (this.s[this.pos] !== close) return undefined;
    }
  }

  /** A quoted string, either quote, with JSON's and Python's common escapes. */
  private string(): string | undefined {
    const quote = this.s[this.pos++];
    let out = '';
    while (this.pos < this.s.length) {
      const c = this.s[this.pos++]!;
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.s[this.pos++];
      if (e === 'n') out += '\n';
      else if (e === 't') out += '\t';
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.s.slice(this.pos, this.pos + 4))) {
        out += String.fromCharCode(parseInt(this.s.slice(this.pos, this.pos + 4), 16));
        this.pos += 4;
      } else if (e !== undefined) out += e;
    }
    return undefined;
  }

  private space(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos]!)) this.pos++;
  }
}
