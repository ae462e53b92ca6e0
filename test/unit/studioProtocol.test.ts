import { strict as assert } from 'node:assert';
import { IMAGE_ACTIONS, LIMITS, SUGGESTED_ACTIONS } from '../../src/shared/studio/protocol';
import {
  parseWebviewMessage,
  type ParsedWebviewMessage,
  type WebviewMessage,
  WebviewMessageSchema,
} from '../../src/shared/studio/webviewMessages';
import { encodePng } from '../fixtures/png';
import { mulberry32 } from '../fixtures/random';

type Kind = WebviewMessage['type'];

const MASK_PNG = encodePng(2, 2, Buffer.alloc(2 * 2 * 4, 0)).toString('base64');

/** One realistic message of every kind the webview may send. */
const EXAMPLES: { [K in Kind]: Extract<WebviewMessage, { type: K }> } = {
  ready: { type: 'ready' },
  draft: {
    type: 'draft',
    draft: {
      prompt: 'A lighthouse at dusk, oil painting',
      model: 'gpt-image-1',
      options: {
        size: '1536x1024',
        quality: 'high',
        n: 2,
        background: 'transparent',
        outputFormat: 'webp',
        outputCompression: 80,
      },
    },
  },
  run: {
    type: 'run',
    draft: { prompt: 'Make the sky stormy', model: '', options: { size: '1024x1024' } },
    mask: { referenceId: 'ref-1', width: 1024, height: 768, pngBase64: MASK_PNG },
  },
  cancel: { type: 'cancel' },
  pickReferences: { type: 'pickReferences' },
  dropReferences: {
    type: 'dropReferences',
    uris: [
      'file:///home/me/pictures/cat.png',
      'https://file+.vscode-resource.vscode-cdn.net/home/me/dog.webp',
    ],
  },
  removeReference: { type: 'removeReference', id: 'ref_2' },
  imageAction: { type: 'imageAction', action: 'insertLink', id: 'img-17' },
  errorAction: { type: 'errorAction', action: 'set_api_key' },
  dismissError: { type: 'dismissError' },
  refreshModels: { type: 'refreshModels' },
  refreshHistory: { type: 'refreshHistory' },
};
const KINDS = Object.keys(EXAMPLES) as Kind[];

function accepted(raw: unknown): WebviewMessage {
  const r = parseWebviewMessage(raw);
  if (!r.ok) assert.fail(`refused: ${r.problem}`);
  return r.message;
}

/** Asserts a refusal whose problem names `field` (the path zod reports, or the offending key). */
function refused(raw: unknown, field: string | RegExp): string {
  const r = parseWebviewMessage(raw);
  assert.equal(r.ok, false, `accepted ${show(raw)}`);
  assert.ok(!r.ok);
  assert.equal(typeof r.problem, 'string');
  if (typeof field === 'string') assert.ok(r.problem.includes(field), `"${r.problem}" names ${field}`);
  else assert.match(r.problem, field);
  return r.problem;
}

/** For failure messages only; never throws, whatever `v` is. */
function show(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, 300) ?? String(v);
  } catch {
    try {
      return Object.prototype.toString.call(v);
    } catch {
      return typeof v;
    }
  }
}

const clone = <T>(v: T): T => structuredClone(v);

// ---------------------------------------------------------------------------------------------------------------
// Fuzz machinery

const FUZZ_CASES = 500;
/** Set FUZZ_SEED to replay another run; the default keeps the suite deterministic. */
const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) >>> 0 : 0x5eed1e55;

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

interface Rng {
  (): number;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

function rng(seed: number): Rng {
  const next = mulberry32(seed);
  const r = (() => next()) as Rng;
  r.int = (n) => Math.floor(next() * n);
  r.pick = (items) => items[Math.floor(next() * items.length)];
  r.chance = (p) => next() < p;
  return r;
}

function withN(n: unknown): unknown {
  return { type: 'draft', draft: { prompt: 'x', model: '', options: { n } } };
}

function cyclic(): unknown {
  const draft: Record<string, unknown> = { prompt: 'x', model: '' };
  const options: Record<string, unknown> = {};
  options.self = options;
  draft.options = options;
  const m: Record<string, unknown> = { type: 'run', draft };
  draft.parent = m;
  return m;
}

function snapshot(o: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Reflect.ownKeys(o)) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    out[String(key)] = `${typeof d?.value}|${typeof d?.get}|${d?.enumerable}|${d?.writable}`;
  }
  return out;
}

const HUGE = 'A'.repeat(1 << 20); // valid base64 text, over every string limit but the mask's
const KEYS = [
  'type',
  'draft',
  'prompt',
  'model',
  'options',
  'mask',
  'uris',
  'id',
  'action',
  'size',
  'n',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'then',
  '',
  'ÿ',
  '0',
];
const STRINGS = [
  '',
  'ready',
  'run',
  'draft',
  'cancel',
  'imageAction',
  'open',
  'retry',
  '1024x1024',
  '../../etc/passwd',
  '\u0000',
  '\ud800',
  '🦊',
  'x'.repeat(5000),
  HUGE,
];
const NUMBERS = [
  0,
  -0,
  1,
  2,
  10,
  11,
  -1,
  0.5,
  1e308,
  -1e308,
  NaN,
  Infinity,
  -Infinity,
  2 ** 53,
  16_384,
  16_385,
];

/** Random JSON text (so `__proto__` keys become own properties, as JSON.parse makes them). */
function jsonText(r: Rng, depth: number): string {
  const roll = r.int(depth <= 0 ? 4 : 7);
  switch (roll) {
    case 0:
      return r.pick(['null', 'true', 'false']);
    case 1:
      return JSON.stringify(r.pick(NUMBERS.filter(Number.isFinite)));
    case 2:
      return JSON.stringify(r.pick(STRINGS));
    case 3:
      return r.pick(['1e400', '-1e400', '-0', '0.1e-400']); // out-of-range numbers parse to ±Infinity and 0
    case 4:
      return `[${Array.from({ length: r.int(4) }, () => jsonText(r, depth - 1)).join(',')}]`;
    default: {
      const fields = Array.from(
        { length: r.int(5) },
        () => `${JSON.stringify(r.pick(KEYS))}:${jsonText(r, depth - 1)}`,
      );
      if (r.chance(0.5)) fields.unshift(`"type":${JSON.stringify(r.pick(STRINGS.slice(0, 8)))}`);
      return `{${fields.join(',')}}`;
    }
  }
}

/** Random JS values JSON cannot express: NaN, -0, Infinity, undefined, prototype-less objects, sparse arrays. */
function jsValue(r: Rng, depth: number): unknown {
  const roll = r.int(depth <= 0 ? 5 : 8);
  switch (roll) {
    case 0:
      return r.pick([null, undefined, true, false]);
    case 1:
      return r.pick(NUMBERS);
    case 2:
      return r.pick(STRINGS);
    case 3:
      return r.pick([Symbol('s'), 5n, () => 1, new Date(0), /ready/]);
    case 4:
      return r.pick([
        new Map([['type', 'ready']]),
        new Set(['ready']),
        new String('ready'),
        Buffer.from('ready'),
      ]);
    case 5: {
      const a: unknown[] = new Array(r.int(5));
      for (let i = 0; i < a.length; i++) if (r.chance(0.7)) a[i] = jsValue(r, depth - 1);
      return a;
    }
    default: {
      const o: Record<string, unknown> = r.chance(0.5) ? Object.create(null) : {};
      if (r.chance(0.6)) o.type = r.pick(KINDS);
      for (let i = r.int(4); i > 0; i--) {
        Object.defineProperty(o, r.pick(KEYS), {
          value: jsValue(r, depth - 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return o;
    }
  }
}

type Path = string[];

/** Plain objects (also prototype-less ones) and arrays: the containers mutations walk into. */
function isContainer(v: unknown): v is Record<string | number, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null || proto === Array.prototype;
}

/** Every place in a JSON-like tree (plain objects and arrays), the root excluded. */
function pathsOf(v: unknown, prefix: Path = []): Path[] {
  if (!isContainer(v)) return [];
  const out: Path[] = [];
  for (const [k, child] of Object.entries(v)) {
    const p = [...prefix, k];
    out.push(p, ...pathsOf(child, p));
  }
  return out;
}

function parentOf(root: unknown, p: Path): Record<string | number, unknown> {
  let cur = root as Record<string | number, unknown>;
  for (const k of p.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  assert.ok(isContainer(cur), `no container at ${p.join('.')}`);
  return cur;
}

function otherTypeThan(r: Rng, v: unknown): unknown {
  const candidates: unknown[] = [null, 0, -0, NaN, 3.5, '', 'text', true, [], {}, [v], { value: v }, 10n];
  return r.pick(candidates.filter((c) => typeof c !== typeof v || Array.isArray(c) !== Array.isArray(v)));
}

/** Applies 1–3 mutations to a copy of a valid message; returns the copy and what was done. */
function mutate(r: Rng): { value: unknown; how: string } {
  const value = clone(EXAMPLES[r.pick(KINDS)]) as unknown as Record<string, unknown>;
  const done: string[] = [`${value.type}`];
  for (let i = 1 + r.int(3); i > 0; i--) {
    const paths = pathsOf(value);
    if (paths.length === 0) {
      value.type = r.pick(KINDS);
      done.push(`retag ${value.type}`);
      continue;
    }
    const p = r.pick(paths);
    const parent = parentOf(value, p);
    const key = p[p.length - 1];
    switch (r.int(5)) {
      case 0:
        if (Array.isArray(parent) && /^\d+$/.test(String(key))) parent.splice(Number(key), 1);
        else delete parent[key];
        done.push(`drop ${p.join('.')}`);
        break;
      case 1:
        parent[key] = otherTypeThan(r, parent[key]);
        done.push(`retype ${p.join('.')}`);
        break;
      case 2: {
        const target = isContainer(parent[key]) ? parent[key] : parent;
        const extra = r.pick(KEYS);
        Object.defineProperty(target, extra, {
          value: jsValue(r, 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        done.push(`add ${extra}`);
        break;
      }
      case 3:
        value.type = r.pick(KINDS);
        done.push(`retag ${value.type}`);
        break;
      default:
        if (typeof parent[key] === 'string') parent[key] = r.pick(STRINGS);
        else if (typeof parent[key] === 'number') parent[key] = r.pick(NUMBERS);
        else parent[key] = jsValue(r, 1);
        done.push(`revalue ${p.join('.')}`);
    }
  }
  return { value, how: done.join(', ') };
}

/** Values built to hurt: each `make()` builds a fresh one, because some change as they are read. */
function hostile(r: Rng): { make: () => unknown; how: string; designedInvalid: boolean } {
  const thrown = r.pick<[string, () => unknown]>([
    ['Error', () => new Error('boom')],
    ['null-proto', () => Object.create(null)],
    ['revoked proxy', () => revokedProxy()],
    ['symbol', () => Symbol('boom')],
    ['string', () => 'boom'],
    ['undefined', () => undefined],
    [
      'Error with throwing message',
      () =>
        Object.defineProperty(new Error(), 'message', {
          get() {
            throw new Error('message');
          },
        }),
    ],
  ]);
  const base = r.pick(KINDS);
  const where = r.pick(pathsOf(EXAMPLES[base]).filter((p) => p.length > 0));
  const trap = r.pick([
    'get',
    'has',
    'ownKeys',
    'getOwnPropertyDescriptor',
    'getPrototypeOf',
    'isExtensible',
  ]);
  const style = r.int(7);
  const oddPrimitive = r.pick<unknown>([Symbol('ready'), () => 'ready', 'ready']);
  const how = ['getter', 'stateful getter', 'trap', 'revoked', 'cycle', 'odd primitive', 'bigint'][style];
  const make = (): unknown => {
    const v = clone(EXAMPLES[base]) as unknown as Record<string, unknown>;
    const parent = parentOf(v, where);
    const key = where[where.length - 1];
    switch (style) {
      case 0: // a property (maybe `type`) whose getter throws
        Object.defineProperty(parent, key, {
          enumerable: true,
          get() {
            throw thrown[1]();
          },
        });
        return v;
      case 1: {
        // valid on the first read, then not, then throwing
        let reads = 0;
        const original = parent[key];
        Object.defineProperty(parent, key, {
          enumerable: true,
          get() {
            reads++;
            if (reads === 1) return original;
            if (reads === 2) return { toString: () => assert.fail('stringified') };
            throw thrown[1]();
          },
        });
        Object.defineProperty(v, 'extra', { value: 1, enumerable: true }); // so the message is refused
        return v;
      }
      case 2: {
        const target = typeof parent[key] === 'object' && parent[key] !== null ? (parent[key] as object) : v;
        const proxy = new Proxy(target, {
          [trap]: () => {
            throw thrown[1]();
          },
        });
        if (target === v) return proxy;
        parent[key] = proxy;
        return v;
      }
      case 3:
        parent[key] = revokedProxy();
        return v;
      case 4:
        parent[key] = v;
        return v;
      case 5:
        return oddPrimitive;
      default:
        parent[key] = 10n;
        return v;
    }
  };
  const label = style === 5 ? how : `${how} at ${base}.${where.join('.')} (${trap}, throws ${thrown[0]})`;
  // A trap zod never triggers leaves a valid message valid; every other style breaks the message.
  return { make, how: label, designedInvalid: style !== 2 };
}

function revokedProxy(): object {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
}

interface FuzzCase {
  family: 'random' | 'mutation' | 'hostile';
  how: string;
  make: () => unknown;
  designedInvalid?: boolean;
}

function fuzzCases(seed: number, count: number): FuzzCase[] {
  const r = rng(seed);
  const cases: FuzzCase[] = [];
  while (cases.length < count) {
    const roll = r();
    if (roll < 0.2) {
      const text = jsonText(r, 4);
      const value = JSON.parse(text) as unknown;
      cases.push({ family: 'random', how: `JSON ${text.slice(0, 80)}`, make: () => value });
    } else if (roll < 0.4) {
      const value = jsValue(r, 4);
      cases.push({ family: 'random', how: `value ${show(value).slice(0, 80)}`, make: () => value });
    } else if (roll < 0.8) {
      const { value, how } = mutate(r);
      cases.push({ family: 'mutation', how, make: () => value });
    } else {
      const h = hostile(r);
      cases.push({ family: 'hostile', ...h });
    }
  }
  return cases;
}

describe('Studio protocol: webview → host messages', () => {
  describe('valid messages', () => {
    it('covers every kind the schema knows', () => {
      const schemaKinds = WebviewMessageSchema.options.map((o) => o.shape.type.value).sort();
      assert.deepEqual([...KINDS].sort(), schemaKinds);
    });

    for (const kind of KINDS) {
      it(`accepts "${kind}" and returns it unchanged`, () => {
        const raw = clone(EXAMPLES[kind]);
        const message = accepted(raw);
        assert.deepEqual(message, EXAMPLES[kind]);
        assert.notEqual(message, raw, 'the host gets a copy, not the object the webview built');
      });
    }

    it('accepts a run without a mask, and every image and error action', () => {
      assert.deepEqual(accepted({ type: 'run', draft: EXAMPLES.draft.draft }), {
        type: 'run',
        draft: EXAMPLES.draft.draft,
      });
      for (const action of IMAGE_ACTIONS) {
        assert.deepEqual(accepted({ type: 'imageAction', action, id: 'a' }), {
          type: 'imageAction',
          action,
          id: 'a',
        });
      }
      for (const action of SUGGESTED_ACTIONS) {
        assert.deepEqual(accepted({ type: 'errorAction', action }), { type: 'errorAction', action });
      }
    });

    it('accepts the limits themselves', () => {
      const atLimit = {
        type: 'draft',
        draft: { prompt: 'p'.repeat(LIMITS.promptChars), model: 'm'.repeat(LIMITS.modelChars), options: {} },
      };
      assert.equal(accepted(atLimit).type, 'draft');
      const uris = Array.from({ length: LIMITS.droppedUris }, (_, i) => `file:///${i}.png`);
      assert.equal(accepted({ type: 'dropReferences', uris }).type, 'dropReferences');
      assert.equal(
        accepted({ type: 'removeReference', id: 'x'.repeat(LIMITS.idChars) }).type,
        'removeReference',
      );
      const mask = { ...EXAMPLES.run.mask, width: LIMITS.maskSide, height: 1 };
      assert.equal(accepted({ ...EXAMPLES.run, mask }).type, 'run');
    });
  });

  describe('refusals name what is wrong', () => {
    const draft = EXAMPLES.draft.draft;
    const withOptions = (options: Record<string, unknown>) => ({
      type: 'draft',
      draft: { ...draft, options: { ...draft.options, ...options } },
    });
    const withMask = (mask: Record<string, unknown>) => ({
      ...EXAMPLES.run,
      mask: { ...EXAMPLES.run.mask, ...mask },
    });

    it('an unknown type', () => {
      const problem = refused({ type: 'deleteEverything' }, 'type');
      assert.match(problem, /^"deleteEverything": type: /);
      refused({ type: 42 }, 'type');
      refused({}, 'type');
    });

    it('an extra property, at the top or inside', () => {
      refused({ type: 'ready', extra: 1 }, '"extra"');
      refused({ ...EXAMPLES.imageAction, path: '/etc/passwd' }, '"path"');
      refused({ type: 'draft', draft: { ...draft, folder: '/tmp' } }, '"folder"');
      refused({ ...EXAMPLES.run, mask: { ...EXAMPLES.run.mask, path: 'x' } }, '"path"');
    });

    it('a prompt over the limit', () => {
      refused(
        { type: 'draft', draft: { ...draft, prompt: 'p'.repeat(LIMITS.promptChars + 1) } },
        'draft.prompt',
      );
      refused(
        { type: 'draft', draft: { ...draft, model: 'm'.repeat(LIMITS.modelChars + 1) } },
        'draft.model',
      );
    });

    it('an image id that looks like a path, and an unknown action', () => {
      for (const id of [
        'a/b',
        '..',
        '../secret',
        '/etc/passwd',
        'C:\\Windows',
        'img 1',
        '',
        'x'.repeat(65),
      ]) {
        refused({ type: 'imageAction', action: 'open', id }, ': id: ');
        refused({ type: 'removeReference', id }, ': id: ');
      }
      refused({ type: 'imageAction', action: 'delete', id: 'img-1' }, ': action: ');
      refused({ type: 'imageAction', action: 'open' }, ': id: ');
    });

    it('an error action that is not one the host offers', () => {
      refused({ type: 'errorAction', action: 'run_shell' }, ': action: ');
      refused({ type: 'errorAction', action: 'OPEN_SETTINGS' }, ': action: ');
      refused({ type: 'errorAction' }, ': action: ');
    });

    it('a mask that is not base64, or of an impossible size', () => {
      refused(withMask({ pngBase64: 'not base64!' }), 'mask.pngBase64');
      refused(withMask({ pngBase64: 'data:image/png;base64,' + MASK_PNG }), 'mask.pngBase64');
      refused(withMask({ pngBase64: 'QUJD' }), 'mask.pngBase64'); // too short to be a PNG
      refused(withMask({ pngBase64: 'A'.repeat(LIMITS.maskBase64Chars + 4) }), 'mask.pngBase64');
      refused(withMask({ width: 0 }), 'mask.width');
      refused(withMask({ width: 20_000 }), 'mask.width');
      refused(withMask({ height: 1.5 }), 'mask.height');
      refused(withMask({ referenceId: '../ref' }), 'mask.referenceId');
    });

    it('no dropped URI, or too many', () => {
      refused({ type: 'dropReferences', uris: [] }, ': uris: ');
      const many = Array.from({ length: LIMITS.droppedUris + 1 }, (_, i) => `file:///${i}.png`);
      refused({ type: 'dropReferences', uris: many }, ': uris: ');
      refused({ type: 'dropReferences', uris: [''] }, 'uris.0');
      refused({ type: 'dropReferences', uris: ['u'.repeat(LIMITS.uriChars + 1)] }, 'uris.0');
    });

    it('options the composer cannot produce', () => {
      refused(withOptions({ size: '10x10x10' }), 'draft.options.size');
      refused(withOptions({ size: '0x1024' }), 'draft.options.size');
      refused(withOptions({ n: 0 }), 'draft.options.n');
      refused(withOptions({ n: 11 }), 'draft.options.n');
      refused(withOptions({ n: 2.5 }), 'draft.options.n');
      refused(withOptions({ quality: 'ultra' }), 'draft.options.quality');
      refused(withOptions({ outputCompression: 101 }), 'draft.options.outputCompression');
      const problem = refused(withOptions({ seed: 42 }), '"seed"');
      assert.match(problem, /draft\.options/);
    });

    it('anything that is not an object', () => {
      for (const raw of [undefined, null, 0, 'ready', true, [], [EXAMPLES.ready]]) {
        refused(raw, /: message: |: type: /);
      }
    });
  });

  describe('hostile values never make it throw', () => {
    const revoked = (): object => {
      const r = Proxy.revocable({}, {});
      r.revoke();
      return r.proxy;
    };
    const throwingWith = (thrown: () => unknown) => ({
      get type(): string {
        throw thrown();
      },
    });

    it('a getter that throws something that cannot even be turned into text', () => {
      const unprintable: Array<[string, () => unknown]> = [
        ['a prototype-less object', () => Object.create(null)],
        ['an object whose toString throws', () => ({ toString: () => assert.fail('toString was called') })],
        ['a revoked proxy', revoked],
        ['a symbol', () => Symbol('boom')],
        ['undefined', () => undefined],
        [
          'an Error whose message getter throws',
          () =>
            Object.defineProperty(new Error('x'), 'message', { get: () => assert.fail('message was read') }),
        ],
      ];
      for (const [what, thrown] of unprintable) {
        const r = parseWebviewMessage(throwingWith(thrown));
        assert.equal(r.ok, false, what);
        assert.ok(!r.ok);
        assert.match(r.problem, /^unreadable message \(/, what);
      }
    });

    it('a getter that answers differently each time it is read', () => {
      let reads = 0;
      const shifty = {
        get type(): unknown {
          reads++;
          if (reads === 1) return 'ready';
          if (reads === 2) return 'x';
          throw new Error(`read ${reads} times`);
        },
        extra: true,
      };
      const r = parseWebviewMessage(shifty);
      assert.equal(r.ok, false);
      assert.ok(reads >= 1, 'the getter was read');
    });

    it('revoked proxies, throwing traps, symbols, functions, BigInt, cycles', () => {
      const traps = ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf'] as const;
      const values: unknown[] = [
        revoked(),
        { type: 'draft', draft: revoked() },
        ...traps.map(
          (trap) =>
            new Proxy(
              { type: 'ready' },
              {
                [trap]: () => {
                  throw new Error(trap);
                },
              },
            ),
        ),
        Symbol('ready'),
        { type: Symbol('ready') },
        Object.assign(() => undefined, { type: 'ready' }),
        10n,
        withN(10n),
        cyclic(),
      ];
      for (const v of values) {
        const r = parseWebviewMessage(v);
        assert.equal(r.ok, false, show(v));
      }
    });

    it('leaves Object.prototype alone when given __proto__ and constructor keys', () => {
      const before = Object.getOwnPropertyNames(Object.prototype).sort();
      for (const text of [
        '{"type":"ready","__proto__":{"polluted":true}}',
        '{"type":"draft","draft":{"prompt":"","model":"","options":{"__proto__":{"polluted":true}}}}',
        '{"type":"ready","constructor":{"prototype":{"polluted":true}}}',
        '{"__proto__":{"type":"ready"}}',
      ]) {
        const r = parseWebviewMessage(JSON.parse(text));
        assert.equal(r.ok, false, text);
      }
      assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  });

  describe(`seeded fuzz (seed ${hex(FUZZ_SEED)})`, () => {
    it(`refuses all ${FUZZ_CASES} random, mutated and hostile values that the schema refuses, and never throws`, () => {
      const protoBefore = snapshot(Object.prototype);
      const arrayProtoBefore = snapshot(Array.prototype);
      const cases = fuzzCases(FUZZ_SEED, FUZZ_CASES);
      const tally = { random: [0, 0], mutation: [0, 0], hostile: [0, 0], schemaThrew: 0 };

      for (const [index, c] of cases.entries()) {
        const label = `case ${index} (${c.family}: ${c.how})`;
        let expected: ReturnType<typeof WebviewMessageSchema.safeParse> | undefined;
        try {
          expected = WebviewMessageSchema.safeParse(c.make());
        } catch {
          tally.schemaThrew++;
        }
        let r: ParsedWebviewMessage;
        try {
          r = parseWebviewMessage(c.make());
        } catch (e) {
          assert.fail(`${label}: parseWebviewMessage threw ${show(e)}`);
        }
        if (c.designedInvalid) assert.equal(r.ok, false, `${label} was accepted`);
        assert.equal(r.ok, expected?.success === true, `${label}: the validator and the schema disagree`);
        if (r.ok) {
          assert.ok(expected?.success);
          assert.deepEqual(r.message, expected.data, label);
          assert.equal(Object.getPrototypeOf(r.message), Object.prototype, label);
        } else {
          assert.equal(typeof r.problem, 'string', label);
          assert.ok(r.problem.length > 0, label);
        }
        tally[c.family][r.ok ? 1 : 0]++;
      }

      // [refused, accepted] per family: every family ran, and some mutations happened to stay valid.
      assert.ok(tally.random[0] > 0 && tally.mutation[0] > 0 && tally.hostile[0] > 0, JSON.stringify(tally));
      assert.ok(tally.mutation[1] > 0, `no mutation stayed valid: ${JSON.stringify(tally)}`);
      assert.ok(tally.schemaThrew > 0, 'some hostile values made zod itself throw');
      assert.deepEqual(snapshot(Object.prototype), protoBefore, 'Object.prototype is unchanged');
      assert.deepEqual(snapshot(Array.prototype), arrayProtoBefore, 'Array.prototype is unchanged');
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  });
});
