// The Studio's text helpers (src/webview/strings.ts): `{0}` placeholders filled in the webview, plurals, and the
// strings JSON read from `<body data-strings>` without ever breaking the panel (a missing string shows its key).
import { strict as assert } from 'node:assert';
import { format, plural, readStrings } from '../../src/webview/strings';

type Body = Parameters<typeof readStrings>[0];

/** The one member readStrings reads from the body. */
function body(strings: string | undefined): Body {
  return {
    dataset: strings === undefined ? {} : { strings },
  } as unknown as Body;
}

describe('webview strings: format', () => {
  it('fills numbered placeholders in any order, repeated ones every time', () => {
    assert.equal(format('{0} of {1}', 2, 5), '2 of 5');
    assert.equal(format('{1}, then {0}', 'a', 'b'), 'b, then a');
    assert.equal(format('{0} and {0} again', 'x'), 'x and x again');
    assert.equal(format('{10}', ...'abcdefghijk'), 'k');
  });

  it('leaves a placeholder without an argument as it is', () => {
    assert.equal(format('{0} of {1}', 2), '2 of {1}');
    assert.equal(format('{2}'), '{2}');
    assert.equal(format('no placeholders', 'unused'), 'no placeholders');
  });

  it('leaves braces that are not placeholders alone', () => {
    for (const text of ['{}', '{name}', '{ 0 }', '{-1}', '{0', '0}', '{{}', '{1.5}', '{0x1}'])
      assert.equal(format(text, 'A', 'B'), text, text);
    assert.equal(format('{{0}}', 'A'), '{A}');
  });

  it('inserts arguments as text, without reading placeholders or $ patterns in them', () => {
    assert.equal(format('{0}-{1}', '{1}', 'B'), '{1}-B');
    assert.equal(format('cost: {0}', '$&$1$$'), 'cost: $&$1$$');
    assert.equal(format('{0}', 0), '0');
    assert.equal(format('{0}', ''), '');
    assert.equal(format('{0}%', 85), '85%');
  });
});

describe('webview strings: plural', () => {
  it('uses the singular message for exactly one and the plural one otherwise, filling {0}', () => {
    assert.equal(plural(1, '1 image', '{0} images'), '1 image');
    assert.equal(plural(1, '{0} image', '{0} images'), '1 image');
    assert.equal(plural(0, '{0} image', '{0} images'), '0 images');
    assert.equal(plural(3, '{0} image', '{0} images'), '3 images');
  });
});

describe('webview strings: readStrings', () => {
  it('reads the strings the host put in the body', () => {
    const s = readStrings(body(JSON.stringify({ generate: 'Generate', cancel: 'Abbrechen' })));
    assert.equal(s.generate, 'Generate');
    assert.equal(s.cancel, 'Abbrechen');
  });

  it('shows the key of a missing or non-string entry', () => {
    const s = readStrings(body(JSON.stringify({ generate: 42, cancel: null, edit: { text: 'x' } })));
    assert.equal(s.generate, 'generate');
    assert.equal(s.cancel, 'cancel');
    assert.equal(s.edit, 'edit');
    assert.equal(s.promptLabel, 'promptLabel');
  });

  it('falls back to the keys when the JSON is missing, malformed or not an object', () => {
    for (const raw of [undefined, '', '{', 'not json', 'null', '42', '"generate"', 'true']) {
      let s: ReturnType<typeof readStrings> | undefined;
      assert.doesNotThrow(() => (s = readStrings(body(raw))), String(raw));
      assert.equal(s!.generate, 'generate', String(raw));
    }
  });

  it('does not take strings from the prototype chain', () => {
    const s = readStrings(body('{"__proto__": {"generate": "Injected"}}'));
    assert.equal(s.generate, 'generate');
    assert.equal(readStrings(body('{}')).cancel, 'cancel');
  });
});
