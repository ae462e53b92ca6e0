// The key must never show up in anything the core says: error messages, proxy messages it relays, log lines.
// Every scenario below runs with a recognisable key; the test then greps everything that was produced.
import { strict as assert } from 'node:assert';
import { LiteLLMClient, LiteLLMError, Logger, parseSettings } from '../../src/core';
import { checkConnection } from '../../src/core/connectionCheck';
import { FakeLitellm, FakeFault } from '../fixtures/fakeLitellm';

const KEY = 'sk-canary-7f3a9c1e55d2';

describe('secrets', () => {
  const fake = new FakeLitellm({ masterKey: KEY });
  const lines: string[] = [];
  const logger: Logger = {
    debug: (m) => lines.push(m),
    info: (m) => lines.push(m),
    warn: (m) => lines.push(m),
    error: (m) => lines.push(m),
  };
  before(() => fake.start());
  after(() => fake.stop());

  function texts(e: unknown): string[] {
    if (!(e instanceof LiteLLMError)) return [String(e)];
    return [
      e.message,
      e.proxyMessage ?? '',
      JSON.stringify(e.attempts ?? []),
      String(e.stack),
      JSON.stringify(e),
    ];
  }

  it('never appears in errors or logs, even when the proxy echoes it', async () => {
    const produced: string[] = [];
    const faults: FakeFault[] = [
      {
        kind: 'status',
        status: 401,
        body: {
          error: {
            message: `Invalid proxy server token passed. Received API Key = ${KEY}`,
            type: 'auth_error',
            param: 'None',
            code: '401',
          },
        },
      },
      {
        kind: 'status',
        status: 500,
        body: {
          error: {
            message: `upstream said Authorization: Bearer ${KEY}`,
            type: null,
            param: null,
            code: '500',
          },
        },
      },
      { kind: 'detail', status: 422, detail: `bad header ${KEY}` },
      { kind: 'status', status: 502, body: `<html>${KEY}</html>` },
      { kind: 'not-json' },
      { kind: 'reset' },
      { kind: 'bad-base64' },
    ];
    const client = new LiteLLMClient(parseSettings({ baseUrl: fake.baseUrl, fallbacks: ['gpt-image-1'] }), {
      apiKey: KEY,
      logger,
    });
    try {
      for (const fault of faults) {
        fake.failNext(fault, { times: 2 });
        try {
          await client.generate({ prompt: 'x' });
          assert.fail('expected a failure');
        } catch (e) {
          produced.push(...texts(e));
        }
        fake.clearFaults();
      }
      const wrong = new LiteLLMClient(parseSettings({ baseUrl: fake.baseUrl }), {
        apiKey: `${KEY}-wrong`,
        logger,
      });
      await wrong.generate({ prompt: 'x' }).catch((e) => produced.push(...texts(e)));
      produced.push(JSON.stringify(await checkConnection(wrong)));
      await wrong.dispose();
      const ok = await client.generate({ prompt: 'fine' });
      produced.push(JSON.stringify({ ...ok, images: ok.images.map((i) => ({ ...i, bytes: undefined })) }));
    } finally {
      await client.dispose();
    }
    produced.push(...lines);
    assert.ok(produced.length > 20, 'the scenarios produced output to check');
    assert.ok(
      lines.some((l) => /call=/.test(l)),
      'log lines carry call ids',
    );
    const leaks = produced.filter((t) => t.includes(KEY) || t.includes(KEY.slice(3)));
    assert.deepEqual(leaks, []);
    // It was really sent to the proxy, so the absence above means something.
    assert.ok(fake.requests.some((r) => r.headers.authorization === `Bearer ${KEY}`));
  });
});
