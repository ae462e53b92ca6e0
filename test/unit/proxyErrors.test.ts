import { strict as assert } from 'node:assert';
import { Redactor } from '../../src/core';
import { parseProxyErrorBody, proxyHttpError } from '../../src/core/proxyErrors';
import { textOf } from '../support/messageText';

const redactor = new Redactor(['sk-secret-key-123']);
const env = (message: string, type: string | null = null, code = '400') =>
  JSON.stringify({ error: { message, type, param: 'None', code } });

describe('proxy error answers', () => {
  it('parses the error envelope and both detail shapes', () => {
    assert.deepEqual(parseProxyErrorBody(env('boom', 'auth_error')), { message: 'boom', type: 'auth_error' });
    assert.deepEqual(parseProxyErrorBody(env('x', 'None')), { message: 'x', type: undefined });
    assert.deepEqual(parseProxyErrorBody('{"detail":"Field required: image"}'), {
      message: 'Field required: image',
    });
    assert.deepEqual(
      parseProxyErrorBody('{"detail":[{"loc":["body","prompt"],"msg":"Field required","type":"missing"}]}'),
      {
        message: 'prompt: Field required',
      },
    );
    assert.equal(parseProxyErrorBody('<html><h1>502 Bad Gateway</h1></html>').message, '502 Bad Gateway');
  });

  const cases: Array<[string, number, string, string, RegExp]> = [
    [
      'missing key',
      401,
      env('Authentication Error, No api key passed in.', 'auth_error', '401'),
      'auth',
      /API key is missing or wrong/,
    ],
    [
      'wrong key without DB',
      400,
      env('No connected db.', 'no_db_connection'),
      'auth',
      /did not accept the API key.*no_db_connection/,
    ],
    [
      'budget',
      400,
      env('Budget has been exceeded! Current cost: 5.1, Max budget: 5.0', 'budget_exceeded'),
      'budget',
      /budget is used up/,
    ],
    [
      'rate limit',
      429,
      env(
        'litellm.RateLimitError: RateLimitError: OpenAIException - Rate limit reached',
        'throttling_error',
        '429',
      ),
      'rate_limit',
      /Rate limit reached/,
    ],
    [
      'unknown model',
      400,
      env(
        "400: {'error': '/image/generations: Invalid model name passed in model=no-such-model. Call `/v1/models` to view available models for your key.'}",
        'None',
      ),
      'unknown_model',
      /does not know the model "no-such-model"/,
    ],
    [
      'content policy',
      400,
      env(
        'litellm.BadRequestError: litellm.ContentPolicyViolationError: Your request was rejected by the safety system',
      ),
      'content_policy',
      /content policy/,
    ],
    [
      'proxy timeout',
      408,
      env('litellm.Timeout: APITimeoutError - Request timed out.', null, '408'),
      'timeout',
      /timed out/,
    ],
    ['upstream 503', 503, env('litellm.ServiceUnavailableError: down', null, '503'), 'upstream', /HTTP 503/],
    [
      'invalid size',
      400,
      env('Invalid size', 'invalid_request_error'),
      'bad_request',
      /rejected the request.*Invalid size/,
    ],
    ['validation detail', 422, '{"detail":"Field required: image"}', 'bad_request', /Field required: image/],
  ];
  for (const [name, status, body, kind, pattern] of cases) {
    it(`classifies ${name}`, () => {
      const e = proxyHttpError(status, body, { model: 'no-such-model', callId: 'c1', redactor });
      assert.equal(e.kind, kind);
      assert.equal(e.status, status);
      assert.equal(e.callId, 'c1');
      assert.match(textOf(e), pattern);
    });
  }

  it('drops LiteLLM routing noise from the proxy message', () => {
    const e = proxyHttpError(
      500,
      env(
        'litellm.InternalServerError: InternalServerError: OpenAIException - upstream broke. Received Model Group=gpt-image-1\nAvailable Model Group Fallbacks=None',
        null,
        '500',
      ),
      { redactor },
    );
    assert.equal(e.proxyMessage, 'OpenAIException - upstream broke');
  });

  it('never repeats a key that the proxy echoes', () => {
    const e = proxyHttpError(
      401,
      env(
        'Invalid proxy server token passed. Received API Key = sk-secret-key-123, Bearer sk-secret-key-123',
        'auth_error',
        '401',
      ),
      { redactor },
    );
    assert.ok(!textOf(e).includes('sk-secret-key-123'), textOf(e));
    assert.ok(!e.proxyMessage!.includes('sk-secret-key-123'));
    assert.match(textOf(e), /\[redacted\]/);
  });
});
