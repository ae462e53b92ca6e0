import { strict as assert } from 'node:assert';
import { LiteLLMError, MAX_PROMPT_CHARS, parseSettings, planRequest } from '../../src/core';
import { textOf } from '../support/messageText';

describe('request plan', () => {
  const settings = parseSettings({
    model: 'litellm/gpt-image-2',
    fallbacks: ['gpt-image-1', 'litellm/gpt-image-2', 'dall-e-3'],
    defaults: { quality: 'high', size: '1024x1024', n: 2 },
  });

  it('lays request options over the settings defaults and drops unset ones', () => {
    const plan = planRequest(
      settings,
      { prompt: '  a cat  ', options: { size: '1536x1024', quality: undefined } },
      'generate',
    );
    assert.equal(plan.prompt, 'a cat');
    assert.deepEqual(plan.options, { quality: 'high', size: '1536x1024', n: 2 });
  });

  it('normalises refs, drops duplicates and skips fallbacks that cannot take the request', () => {
    const plan = planRequest(settings, { prompt: 'x' }, 'generate');
    assert.equal(plan.primary, 'gpt-image-2');
    assert.deepEqual(plan.models, ['gpt-image-2', 'gpt-image-1']);
    assert.deepEqual(
      plan.skipped.map((s) => s.model),
      ['dall-e-3'],
      'dall-e-3 cannot take quality "high"',
    );
    assert.equal(plan.skipped[0]!.skipped, true);
    assert.match(textOf(plan.skipped[0]!.error), /^dall-e-3 does not accept quality "high"/);
  });

  it('lets the request choose its own model and fallbacks', () => {
    const plan = planRequest(settings, { prompt: 'x', model: 'litellm/my-alias', fallbacks: [] }, 'edit');
    assert.deepEqual(plan.models, ['my-alias']);
  });

  it('refuses an invalid option value with its name', () => {
    assert.throws(
      () => planRequest(settings, { prompt: 'x', options: { n: 0 } }, 'generate'),
      (e: unknown) =>
        e instanceof LiteLLMError && e.kind === 'invalid_request' && /Invalid option n/.test(textOf(e)),
    );
  });

  it('refuses a prompt longer than any image model takes, saying how long it is', () => {
    assert.doesNotThrow(() => planRequest(settings, { prompt: 'x'.repeat(MAX_PROMPT_CHARS) }, 'generate'));
    assert.throws(
      () => planRequest(settings, { prompt: 'x'.repeat(MAX_PROMPT_CHARS + 1) }, 'generate'),
      (e: unknown) =>
        e instanceof LiteLLMError &&
        e.kind === 'invalid_request' &&
        /The prompt has 32,001 characters; image models take at most 32,000\. Shorten it\./.test(textOf(e)),
    );
  });
});
