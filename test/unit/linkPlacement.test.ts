import { strict as assert } from 'node:assert';
import { keepsSelectionAsWas, placeLinks, type PlacementInput } from '../../src/extension/linkPlacement';

/** A document as placement sees it, from its text; the selection as [line, character] pairs. */
function doc(text: string, start: [number, number], end = start): PlacementInput {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  return {
    start: { line: start[0], character: start[1] },
    end: { line: end[0], character: end[1] },
    lineCount: lines.length,
    lineText: (line) => lines[line]!,
    eol,
  };
}

/** The document's text after the insertion. */
function applied(text: string, input: PlacementInput, links: string[]): string {
  const { at, text: inserted } = placeLinks(input, links);
  const lines = text.split(input.eol);
  const offset = lines.slice(0, at.line).reduce((n, l) => n + l.length + input.eol.length, 0) + at.character;
  return text.slice(0, offset) + inserted + text.slice(offset);
}

const IMG = '![cat](images/cat.png)';

describe('where inserted image links go', () => {
  it('a cursor in the middle of a heading: after the heading, which stays whole', () => {
    const text = '# Notes\nBody';
    assert.equal(applied(text, doc(text, [0, 3]), [IMG]), `# Notes\n${IMG}\nBody`);
  });

  it('a partial selection in a sentence: after the sentence’s line, not inside it', () => {
    const text = 'A cat sat on the mat.\nNext';
    assert.equal(applied(text, doc(text, [0, 2], [0, 5]), [IMG]), `A cat sat on the mat.\n${IMG}\nNext`);
  });

  it('a selection over several lines: after its last line', () => {
    const text = 'one\ntwo\nthree';
    assert.equal(applied(text, doc(text, [0, 1], [1, 2]), [IMG]), `one\ntwo\n${IMG}\nthree`);
  });

  it('a whole-line selection (ending at the start of the next line): after the selected line', () => {
    const text = 'one\ntwo\nthree';
    assert.equal(applied(text, doc(text, [0, 0], [1, 0]), [IMG]), `one\n${IMG}\ntwo\nthree`);
  });

  it('a cursor on an empty line: the links fill that line', () => {
    const text = 'Intro\n\nOutro';
    assert.equal(applied(text, doc(text, [1, 0]), [IMG]), `Intro\n${IMG}\nOutro`);
  });

  it('the last line without a final line break: a break before the links and none after', () => {
    const text = 'only line';
    assert.equal(applied(text, doc(text, [0, 4]), [IMG]), `only line\n${IMG}`);
  });

  it('the last line before a final line break: the break stays last', () => {
    const text = 'last\n';
    assert.equal(applied(text, doc(text, [0, 2]), [IMG]), `last\n${IMG}\n`);
  });

  it('an empty document: the links are its text', () => {
    assert.equal(applied('', doc('', [0, 0]), [IMG]), IMG);
  });

  it('a CRLF document gets CRLF between and around the links', () => {
    const text = '# Notes\r\nBody';
    const out = applied(text, doc(text, [0, 3]), [IMG, IMG]);
    assert.equal(out, `# Notes\r\n${IMG}\r\n${IMG}\r\nBody`);
    assert.doesNotMatch(out, /[^\r]\n/, 'no bare LF');
  });

  it('several images: one link per line', () => {
    const text = 'end';
    assert.equal(applied(text, doc(text, [0, 3]), ['a', 'b', 'c']), 'end\na\nb\nc');
  });

  it('keeps a selection that ends at or before the insertion point, lets later ones move', () => {
    const at = { line: 1, character: 0 };
    assert.equal(keepsSelectionAsWas({ end: { line: 0, character: 9 } }, at), true);
    assert.equal(keepsSelectionAsWas({ end: { line: 1, character: 0 } }, at), true, 'touching it');
    assert.equal(keepsSelectionAsWas({ end: { line: 1, character: 1 } }, at), false);
    assert.equal(keepsSelectionAsWas({ end: { line: 2, character: 0 } }, at), false);
  });
});
