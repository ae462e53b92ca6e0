import { strict as assert } from 'node:assert';
import { optionsFromArgs, parseEditArgs, parseGenerateArgs } from '../../src/extension/commandArgSchemas';
import { LiteLLMError } from '../../src/core/errors';
import { textOf } from '../support/messageText';

function refusal(fn: () => unknown): LiteLLMError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof LiteLLMError);
    return e;
  }
  assert.fail('expected a refusal');
}

describe('command argument objects', () => {
  it('accepts no arguments (menus and the palette pass none)', () => {
    assert.deepEqual(parseGenerateArgs('litellm.generateImage', undefined), {});
    assert.deepEqual(parseGenerateArgs('litellm.generateImage', null), {});
  });

  it('accepts every documented option and maps count to n', () => {
    const a = parseGenerateArgs('litellm.generateImage', {
      prompt: 'a fox',
      model: 'dall-e-3',
      fallbacks: ['gpt-image-1'],
      size: '1024x1792',
      quality: 'hd',
      count: 2,
      style: 'vivid',
      folder: 'art',
      insertLink: 'html',
      open: false,
    });
    assert.equal(a.prompt, 'a fox');
    assert.deepEqual(optionsFromArgs(a), { size: '1024x1792', quality: 'hd', n: 2, style: 'vivid' });
  });

  it('names unknown arguments, so a typo in a keybinding is not silently ignored', () => {
    const e = refusal(() => parseGenerateArgs('litellm.generateImage', { promt: 'x', sizee: '1' }));
    assert.equal(e.kind, 'invalid_request');
    assert.match(textOf(e), /litellm\.generateImage/);
    assert.match(textOf(e), /"promt"/);
    assert.match(textOf(e), /"sizee"/);
  });

  it('names the argument with a bad value', () => {
    assert.match(textOf(refusal(() => parseGenerateArgs('g', { size: 'big' }))), /"size"/);
    assert.match(textOf(refusal(() => parseGenerateArgs('g', { count: 11 }))), /"count"/);
    assert.match(textOf(refusal(() => parseGenerateArgs('g', { quality: 'ultra' }))), /"quality"/);
    assert.match(textOf(refusal(() => parseGenerateArgs('g', { insertLink: 'rtf' }))), /"insertLink"/);
  });

  it('takes references and a mask for edits only', () => {
    const a = parseEditArgs('litellm.editImage', {
      images: ['/a.png', 'file:///b.png'],
      mask: '/m.png',
      prompt: 'x',
    });
    assert.deepEqual(a.images, ['/a.png', 'file:///b.png']);
    assert.match(textOf(refusal(() => parseGenerateArgs('g', { images: ['/a.png'] }))), /"images"/);
    assert.match(textOf(refusal(() => parseEditArgs('e', { images: [] }))), /"images"/);
  });

  it('accepts an AbortSignal from a caller in the same extension host, and nothing else in its place', () => {
    const c = new AbortController();
    assert.equal(parseGenerateArgs('g', { signal: c.signal }).signal, c.signal);
    assert.match(textOf(refusal(() => parseGenerateArgs('g', { signal: 'stop' }))), /"signal"/);
  });
});
