// LiteLLM's nested error texts, as the real proxy sends them (LITELLM_FACTS §5, §9, §11) and deeper: the sentence
// inside is what a person sees, never a Python dict or JSON; the key and control characters stay out as before.
import { strict as assert } from 'node:assert';
import { Redactor } from '../../src/core';
import { unwrapNestedError } from '../../src/core/nestedErrorText';
import { proxyHttpError, tidyProxyMessage } from '../../src/core/proxyErrors';
import { ProxyText } from '../../src/core/proxyText';
import { FakeLitellm } from '../fixtures/fakeLitellm';
import { LiteLLMClient, parseSettings } from '../../src/core';
import { textOf } from '../support/messageText';

const KEY = 'sk-secret-key-123';
const redactor = new Redactor([KEY]);
const envelope = (message: string, code = '400') =>
  JSON.stringify({ error: { message, type: 'None', param: 'None', code } });
const DICT_SYNTAX = /[{}]|'error'|"error"|'message'|"message"/;

describe('nested proxy error texts', () => {
  const samples: Array<[string, string, string]> = [
    [
      'generations, unknown model (Python dict after a status)',
      "400: {'error': '/image/generations: Invalid model name passed in model=no-such-model. Call `/v1/models` to view available models for your key.'}",
      'Invalid model name passed in model=no-such-model. Call /v1/models to view available models for your key.',
    ],
    [
      'edits, unknown model (Python dict alone)',
      "{'error': '/images/edits: Invalid model name passed in model=nope. Call `/v1/models` to view available models for your key.'}",
      'Invalid model name passed in model=nope. Call /v1/models to view available models for your key.',
    ],
    [
      '/key/generate without a database',
      "{'error': 'DB not connected. See https://docs.litellm.ai/docs/proxy/virtual_keys'}",
      'DB not connected. See https://docs.litellm.ai/docs/proxy/virtual_keys',
    ],
    [
      'edits: the upstream JSON verbatim behind a class name',
      'litellm.BadRequestError: OpenAIException - {"error": {"message": "Invalid size \'9x9\'. Supported sizes are 1024x1024, 1536x1024.", "type": "invalid_request_error", "param": "size", "code": null}}',
      "Invalid size '9x9'. Supported sizes are 1024x1024, 1536x1024.",
    ],
    [
      'three levels: JSON in a Python dict in a status line',
      `500: {'error': '{"error": {"message": "400: {\\'error\\': \\'Upstream said no.\\'}", "code": 400}}'}`,
      'Upstream said no.',
    ],
    [
      'Python literals: None, True, a tuple and double quotes inside single',
      `{'error': {'message': "The model's reply was empty", 'param': None, 'retry': True, 'loc': ('body', 'n')}}`,
      "The model's reply was empty",
    ],
    [
      'FastAPI detail list in a string',
      `422: {'detail': [{'loc': ('body', 'prompt'), 'msg': 'Field required'}]}`,
      'Field required',
    ],
  ];
  for (const [what, raw, sentence] of samples)
    it(`${what} → the sentence inside`, () => {
      assert.equal(unwrapNestedError(raw), sentence);
      assert.doesNotMatch(tidyProxyMessage(raw), DICT_SYNTAX);
    });

  it('leaves prose with braces, broken literals and plain messages alone', () => {
    for (const text of [
      'Rate limit reached for gpt-image-1 in organization org-x.',
      'Invalid value {width} for size',
      "400: {'error': 'unterminated",
      '{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{',
    ])
      assert.equal(unwrapNestedError(text), text.replace(/^400:\s*/, ''));
  });

  it('gives up on hostile nesting deeper than any answer, keeping the text', () => {
    const deep = `${"{'error': ".repeat(2_000)}'x'${'}'.repeat(2_000)}`;
    assert.equal(unwrapNestedError(deep), deep, 'past the depth bound nothing is parsed');
    const six = `${"{'error': ".repeat(5)}'the sentence'${'}'.repeat(5)}`;
    assert.equal(unwrapNestedError(six), 'the sentence');
  });

  it('the error a user sees: unwrapped, still redacted, no control characters', () => {
    const raw = `400: {'error': '/image/generations: Invalid model name passed in model=x\x1b[2J for key ${KEY}. Call \`/v1/models\` to view available models for your key.'}`;
    const err = new ProxyText(redactor).error(proxyHttpError(400, envelope(raw), { redactor, model: 'x' }));
    const text = textOf(err);
    assert.equal(err.kind, 'unknown_model');
    assert.doesNotMatch(text, DICT_SYNTAX);
    assert.doesNotMatch(text, /sk-secret-key-123/);
    assert.doesNotMatch(text, /\x1b/);
    assert.match(text, /The proxy said: Invalid model name passed in model=x/);
  });

  describe('against the fake proxy', () => {
    const fake = new FakeLitellm();
    before(() => fake.start());
    after(() => fake.stop());

    it('an unknown model reads as one plain sentence', async () => {
      const client = new LiteLLMClient(
        parseSettings({ baseUrl: fake.baseUrl, model: 'no-such-model', fallbacks: [] }),
        { apiKey: 'sk-master-test' },
      );
      try {
        const err = await client.generate({ prompt: 'x' }).then(
          () => assert.fail('should fail'),
          (e: unknown) => e,
        );
        const text = textOf(err);
        assert.match(
          text,
          /The proxy said: Invalid model name passed in model=no-such-model\. Call \/v1\/models to view available models for your key\./,
        );
        assert.doesNotMatch(text, DICT_SYNTAX);
      } finally {
        await client.dispose();
      }
    });
  });
});
