import { strict as assert } from 'node:assert';
import { apiRoot, endpoint, LiteLLMError, normalizeModelRef, parseSettings } from '../../src/core';
import { cliText, textOf } from '../support/messageText';

function settingsError(raw: unknown): LiteLLMError {
  try {
    parseSettings(raw);
  } catch (e) {
    assert.ok(e instanceof LiteLLMError);
    assert.equal(e.kind, 'invalid_settings');
    assert.deepEqual(e.actions, ['open_settings']);
    return e;
  }
  assert.fail('expected an invalid_settings error');
}

describe('settings', () => {
  it('fills defaults', () => {
    const s = parseSettings({});
    assert.equal(s.baseUrl, 'http://localhost:4000');
    assert.equal(s.model, 'gpt-image-2');
    assert.deepEqual(s.fallbacks, []);
    assert.equal(s.timeoutMs, 300_000);
    assert.equal(s.allowPrivateNetwork, false);
    assert.deepEqual(s.requestHeaders, {});
    assert.deepEqual(s.defaults, {});
  });

  it('normalises model refs: only the first litellm/ is a prefix', () => {
    assert.equal(normalizeModelRef('litellm/gpt-image-1'), 'gpt-image-1');
    assert.equal(normalizeModelRef('gpt-image-1'), 'gpt-image-1');
    assert.equal(normalizeModelRef('litellm/openai/gpt-image-2'), 'openai/gpt-image-2');
    assert.equal(normalizeModelRef('litellm/litellm/x'), 'litellm/x');
    const s = parseSettings({ model: 'litellm/dall-e-3', fallbacks: ['litellm/gpt-image-1', 'dall-e-2'] });
    assert.equal(s.model, 'dall-e-3');
    assert.deepEqual(s.fallbacks, ['gpt-image-1', 'dall-e-2']);
  });

  const invalid: Array<[string, unknown, RegExp]> = [
    ['timeout as text', { timeoutMs: 'abc' }, /litellm\.image\.timeoutMs must be a number/],
    ['timeout too small', { timeoutMs: 10 }, /litellm\.image\.timeoutMs.*at least 1000/],
    ['timeout fractional', { timeoutMs: 1500.5 }, /timeoutMs.*whole number/],
    ['base URL not a URL', { baseUrl: 'localhost:4000' }, /litellm\.baseUrl.*http:\/\/ or https:\/\/ URL/],
    ['base URL ftp', { baseUrl: 'ftp://x.example' }, /litellm\.baseUrl.*http/],
    [
      'base URL with credentials',
      { baseUrl: 'http://u:p@localhost:4000' },
      /litellm\.baseUrl.*must not contain a user name or password/,
    ],
    ['empty model', { model: '  ' }, /litellm\.image\.model.*model name/],
    ['model with spaces', { model: 'gpt image' }, /litellm\.image\.model/],
    ['fallbacks not a list', { fallbacks: 'dall-e-3' }, /litellm\.image\.fallbacks.*list/],
    [
      'key in headers',
      { requestHeaders: { Authorization: 'Bearer sk-x' } },
      /litellm\.requestHeaders.*"Authorization".*secret storage/,
    ],
    ['api-key in headers', { requestHeaders: { 'x-litellm-api-key': 'sk-x' } }, /litellm\.requestHeaders/],
    ['bad header name', { requestHeaders: { 'bad name': 'x' } }, /"bad name" is not a valid header name/],
    ['header with newline', { requestHeaders: { 'x-litellm-tags': 'a\r\nInjected: 1' } }, /one line/],
    [
      'quality enum',
      { defaults: { quality: 'ultra' } },
      /litellm\.image\.quality must be one of "low", "medium", "high", "auto", "standard", "hd"/,
    ],
    ['count range', { defaults: { n: 11 } }, /litellm\.image\.count.*at most 10/],
    ['size shape', { defaults: { size: 'big' } }, /litellm\.image\.size.*WIDTHxHEIGHT/],
    [
      'compression range',
      { defaults: { outputCompression: 101 } },
      /litellm\.image\.outputCompression.*at most 100/,
    ],
    ['private network flag', { allowPrivateNetwork: 'yes' }, /litellm\.allowPrivateNetwork.*true or false/],
  ];
  for (const [name, raw, pattern] of invalid) {
    it(`names the setting when invalid: ${name}`, () => {
      assert.match(textOf(settingsError(raw)), pattern);
    });
  }

  it('reports several invalid settings at once', () => {
    const e = settingsError({ timeoutMs: -1, defaults: { style: 'pop' } });
    assert.match(textOf(e), /timeoutMs/);
    assert.match(textOf(e), /litellm\.image\.style/);
  });

  it('derives endpoints with or without /v1 and trailing slashes', () => {
    for (const base of ['http://h:4000', 'http://h:4000/', 'http://h:4000/v1', 'http://h:4000/v1/']) {
      assert.equal(endpoint(base, 'images/generations').href, 'http://h:4000/images/generations');
    }
    assert.equal(
      endpoint('https://gw.example/litellm/v1', 'model/info').href,
      'https://gw.example/litellm/model/info',
    );
    assert.equal(apiRoot('https://gw.example/litellm/').href, 'https://gw.example/litellm');
  });
});

describe('settings messages in each front end', () => {
  it('name the setting in the editor and the flag in the CLI', () => {
    assert.throws(
      () => parseSettings({ timeoutMs: 5 }),
      (e: Error) => /^Invalid setting: litellm\.image\.timeoutMs must be at least 1000/.test(textOf(e)),
    );
    assert.throws(
      () => parseSettings({ timeoutMs: 5 }),
      (e: Error) =>
        /^Invalid setting: --timeout-ms must be at least 1000/.test(cliText((e as LiteLLMError).reported)) &&
        !cliText((e as LiteLLMError).reported).includes('litellm.'),
    );
    assert.match(
      cliText(settingsError({ defaults: { quality: 'ultra' } }).reported),
      /^Invalid setting: --quality must be one of "low", "medium", "high", "auto", "standard", "hd"/,
    );
  });
});
