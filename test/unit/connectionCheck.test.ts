import { textOf } from '../support/messageText';
import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { checkConnection, LiteLLMClient, parseSettings, RawCoreSettings } from '../../src/core';
import { FakeLitellm } from '../fixtures/fakeLitellm';

describe('connection check', () => {
  const fake = new FakeLitellm();
  const clients: LiteLLMClient[] = [];
  const make = (raw: RawCoreSettings, apiKey?: string) => {
    const c = new LiteLLMClient(parseSettings({ baseUrl: fake.baseUrl, ...raw }), { apiKey });
    clients.push(c);
    return c;
  };
  before(() => fake.start());
  afterEach(async () => Promise.all(clients.splice(0).map((c) => c.dispose())));
  after(() => fake.stop());

  it('reports version, auth, models and the policy verdict when all is well', async () => {
    const r = await checkConnection(make({}, 'sk-master-test'));
    assert.equal(r.ok, true, r.problems.join('; '));
    assert.equal(r.reachable, true);
    assert.equal(r.version, '1.81.0');
    assert.equal(r.auth, 'ok');
    assert.equal(r.policy.allowed, true);
    assert.equal(textOf(r.policy.summary), 'loopback address');
    assert.deepEqual(
      r.models.map((m) => m.id),
      ['gpt-image-2', 'gpt-image-1', 'dall-e-3', 'dall-e-2'],
    );
  });

  it('says the key is missing, or rejected, and what to do', async () => {
    const missing = await checkConnection(make({}));
    assert.equal(missing.auth, 'missing');
    assert.equal(missing.reachable, true);
    assert.match(missing.problems.map(textOf).join(' '), /needs an API key/);
    const wrong = await checkConnection(make({}, 'sk-wrong'));
    assert.equal(wrong.auth, 'rejected');
    assert.match(wrong.problems.map(textOf).join(' '), /rejected the API key/);
    assert.equal(wrong.ok, false);
  });

  it('flags a configured model the proxy does not offer', async () => {
    const r = await checkConnection(make({ model: 'gpt-image-9' }, 'sk-master-test'));
    assert.equal(r.ok, false);
    assert.match(
      textOf(r.problems[0]),
      /"gpt-image-9" is not among the proxy's image models: gpt-image-2, gpt-image-1/,
    );
  });

  it('reports an unreachable proxy without throwing', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const r = await checkConnection(make({ baseUrl: `http://127.0.0.1:${port}` }, 'sk-master-test'));
    assert.equal(r.reachable, false);
    assert.match(textOf(r.problems[0]), /connection refused.*Is the LiteLLM proxy running there\?/);
  });

  it('reports a policy refusal before contacting anything', async () => {
    const r = await checkConnection(make({ baseUrl: 'http://192.168.1.20:4000' }, 'sk-master-test'));
    assert.equal(r.policy.allowed, false);
    assert.equal(r.reachable, false);
    assert.match(
      textOf(r.problems[0]),
      /192\.168\.1\.20 is a private or special address \(private\).*litellm\.allowPrivateNetwork/,
    );
  });
});
