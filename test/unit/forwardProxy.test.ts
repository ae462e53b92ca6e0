// Forward proxies with real parts: Debian's tinyproxy (test/fixtures/tinyproxy.ts) and the fake LiteLLM proxy over
// TLS with certificates made for this run. A target behind a forward proxy must not be on loopback (loopback never
// goes through one), so the through-proxy cases put tinyproxy in a network namespace of their own
// (test/fixtures/netns.ts) whose /etc/hosts is the only place that knows the LiteLLM proxy's name: it points at the
// root side of the test's veth pair, where the fake listens. Nothing here reaches an address outside this machine;
// the client's own DNS is an injected resolver. Without root or iproute2 those cases are pending with the reason.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LiteLLMClient } from '../../src/core/client';
import type { NetworkEnvironment } from '../../src/core/clientTypes';
import { checkConnection } from '../../src/core/connectionCheck';
import { isLiteLLMError, LiteLLMError } from '../../src/core/errors';
import {
  forwardProxiesFromEnv,
  forwardProxyFor,
  parseForwardProxy,
  type ForwardProxies,
} from '../../src/core/forwardProxy';
import { reachOf } from '../../src/core/downloadPolicy';
import { type Resolver, vetUrl } from '../../src/core/networkPolicy';
import { parseSettings } from '../../src/core/settings';
import { cliText } from '../../src/cli/surface';
import { extensionSurface } from '../../src/extension/messageSurface';
import { englishL10n, renderMessage } from '../../src/shared/messages';
import { FakeLitellm } from '../fixtures/fakeLitellm';
import { createNetns, Netns, netnsUnavailable } from '../fixtures/netns';
import { makeTestPki, opensslUnavailable, TEST_HOST, type TestPki } from '../fixtures/testPki';
import { freePort, startTinyproxy, Tinyproxy, tinyproxyUnavailable } from '../fixtures/tinyproxy';

const KEY = 'sk-master-test';
const PROMPT = 'a secret product launch poster 7f3a';
const editorText = (e: LiteLLMError) => renderMessage(e.reported, extensionSurface(englishL10n, 'en'));

/** This machine's DNS does not know the name: where only the forward proxy can resolve outside names. */
const unknownHere: Resolver = async (host) => {
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
};

async function failure(work: Promise<unknown>): Promise<LiteLLMError> {
  try {
    await work;
  } catch (e) {
    assert.ok(isLiteLLMError(e), `a LiteLLMError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a failure');
}

function proxies(url: string, noProxy: string[] = []): ForwardProxies {
  const proxy = parseForwardProxy(url, { kind: 'env', variable: 'HTTPS_PROXY' });
  return { https: proxy, http: proxy, noProxy };
}

describe('forward proxies: which requests go through one', () => {
  it('reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY, upper case first, and moves credentials out of the URL', () => {
    const p = forwardProxiesFromEnv({
      https_proxy: 'http://lower:3128',
      HTTPS_PROXY: 'http://alice:s%40cret@proxy.corp:3128',
      http_proxy: 'proxy.corp:8080',
      no_proxy: 'intranet.corp, .svc.local,10.0.0.0/8 ,llm.corp.test:4443',
    });
    assert.equal(p.https?.url.href, 'http://proxy.corp:3128/');
    assert.equal(p.https?.authorization, `Basic ${Buffer.from('alice:s@cret').toString('base64')}`);
    assert.deepEqual(p.https?.source, { kind: 'env', variable: 'HTTPS_PROXY' });
    assert.equal(p.http?.url.href, 'http://proxy.corp:8080/');
    assert.deepEqual(p.http?.source, { kind: 'env', variable: 'http_proxy' });
    assert.deepEqual(p.noProxy, ['intranet.corp', '.svc.local', '10.0.0.0/8', 'llm.corp.test:4443']);
  });

  it('never sends loopback targets through a forward proxy, and honours every NO_PROXY form', () => {
    const p = proxies('http://proxy.corp:3128', [
      'intranet.corp',
      '.svc.local',
      '10.0.0.0/8',
      'llm.corp.test:4443',
    ]);
    const via = (u: string) => forwardProxyFor(new URL(u), p) !== undefined;
    for (const direct of [
      'https://localhost:4000',
      'https://a.localhost',
      'http://127.0.0.1:4000',
      'http://127.9.9.9',
      'https://[::1]:4000',
      'http://host.docker.internal:4000',
      'https://intranet.corp',
      'https://api.intranet.corp',
      'https://x.svc.local',
      'https://10.1.2.3',
      'https://llm.corp.test:4443',
    ])
      assert.equal(via(direct), false, direct);
    for (const proxied of [
      'https://llm.corp.test',
      'https://llm.corp.test:4444',
      'https://notintranet.corp',
      'https://11.1.2.3',
      'https://127.evil.test',
    ])
      assert.equal(via(proxied), true, proxied);
    assert.equal(forwardProxyFor(new URL('https://x.test'), proxies('http://p:1', ['*'])), undefined);
    assert.equal(forwardProxyFor(new URL('https://x.test'), undefined), undefined);
  });

  it('leaves a name this machine cannot resolve to the forward proxy only when one is used', async () => {
    const url = `https://${TEST_HOST}`;
    const e = await failure(vetUrl(url, { allowPrivateNetwork: false, resolver: unknownHere }));
    assert.equal(e.code, 'net.dnsFailed');
    const v = await vetUrl(url, { allowPrivateNetwork: false, resolver: unknownHere, viaForwardProxy: true });
    assert.deepEqual(v.addresses, []);
    assert.equal(v.summary.params.summary, 'forwardProxyResolves');
    // As a proxy it counts as public (downloads it offers must be public); as a download target, as private.
    assert.equal(reachOf(v, 'proxy'), 'public');
    assert.equal(reachOf(v, 'target'), 'private');
    // A broken answer is still an error, forward proxy or not.
    const broken: Resolver = async () => {
      throw Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    };
    const e2 = await failure(
      vetUrl(url, { allowPrivateNetwork: false, resolver: broken, viaForwardProxy: true }),
    );
    assert.equal(e2.code, 'net.dnsFailed');
  });

  it('refuses a forward proxy it cannot use, without showing its credentials', () => {
    for (const [raw, reason] of [
      ['socks5://u:pw@p:1080', 'scheme'],
      ['http://u:pw@[x', 'url'],
    ] as const) {
      try {
        parseForwardProxy(raw, { kind: 'setting' });
        assert.fail(raw);
      } catch (e) {
        assert.ok(isLiteLLMError(e));
        assert.equal(e.code, 'net.proxyInvalid');
        assert.equal((e.params as { reason: string }).reason, reason);
        assert.doesNotMatch(cliText(e.reported), /pw/);
      }
    }
  });
});

describe('forward proxies: requests that never reach one', function () {
  let tmp: string;
  let pki: TestPki;
  let fake: FakeLitellm;
  let deadProxy: string;

  before(async function () {
    const why = opensslUnavailable();
    if (why) {
      console.log(`      (pending: ${why})`);
      this.skip();
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lli-fwd-'));
    pki = makeTestPki(path.join(tmp, 'pki'));
    fake = new FakeLitellm({ tls: { key: pki.good.key, cert: pki.good.cert } });
    await fake.start();
    deadProxy = `http://127.0.0.1:${await freePort()}`;
  });
  after(async () => {
    await fake?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  function client(baseUrl: string, network: NetworkEnvironment, extra: object = {}, resolver?: Resolver) {
    return new LiteLLMClient(parseSettings({ baseUrl, caCertificates: [pki.caFile], ...extra }), {
      apiKey: KEY,
      network,
      ...(resolver ? { resolver } : {}),
    });
  }

  it('a loopback proxy URL goes direct even with a forward proxy configured', async () => {
    const c = client(fake.baseUrl, { proxies: proxies(deadProxy) });
    try {
      assert.ok((await c.listImageModels()).length > 0);
      const report = await checkConnection(c);
      assert.deepEqual(report.forwardProxy.params, {});
    } finally {
      await c.dispose();
    }
  });

  it('NO_PROXY sends a listed host direct, pinned to the address the policy checked', async () => {
    const c = client(
      `https://${TEST_HOST}:${fake.listeningPort}`,
      { proxies: proxies(deadProxy, [TEST_HOST]) },
      { allowPrivateNetwork: true },
      async () => [{ address: '127.0.0.1', family: 4 }],
    );
    try {
      assert.ok((await c.listImageModels()).length > 0);
      assert.equal(fake.requests.at(-1)?.headers.authorization, `Bearer ${KEY}`);
    } finally {
      await c.dispose();
    }
  });

  it('a forward proxy that is down is named as such, with where it was configured', async () => {
    const c = client(`https://${TEST_HOST}`, { proxies: proxies(deadProxy) }, {}, unknownHere);
    try {
      const e = await failure(c.listImageModels());
      assert.equal(e.code, 'net.proxyUnreachable');
      assert.deepEqual(e.params, {
        proxy: deadProxy,
        source: { kind: 'env', variable: 'HTTPS_PROXY' },
        code: 'ECONNREFUSED',
      });
      assert.match(
        cliText(e.reported),
        /forward proxy http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\).*HTTPS_PROXY/,
      );
      const report = await checkConnection(c);
      assert.equal(report.problems[0]?.code, 'net.proxyUnreachable');
      assert.deepEqual(report.forwardProxy.params, {
        proxy: deadProxy,
        source: { kind: 'env', variable: 'HTTPS_PROXY' },
      });
    } finally {
      await c.dispose();
    }
  });

  it('refuses an http: LiteLLM proxy through a forward proxy before connecting, and says why', async () => {
    const c = client(`http://${TEST_HOST}:4000`, { proxies: proxies(deadProxy) }, {}, unknownHere);
    try {
      const e = await failure(c.listImageModels());
      assert.equal(e.code, 'net.httpThroughProxy');
      assert.equal(e.kind, 'policy');
      assert.match(editorText(e), /API key and the prompts in clear text/);
      assert.match(editorText(e), /litellm\.allowKeyThroughHttpForwardProxy/);
      assert.match(editorText(e), /http\.noProxy/);
      assert.match(cliText(e.reported), /--allow-http-through-proxy/);
      assert.match(cliText(e.reported), /NO_PROXY/);
    } finally {
      await c.dispose();
    }
  });
});

describe('forward proxies: through a real tinyproxy', function () {
  let tmp: string;
  let pki: TestPki;
  let netns: Netns;
  let hostsDir: string;
  let fake: FakeLitellm;
  let plainFake: FakeLitellm;
  let open: Tinyproxy;
  let guarded: Tinyproxy;
  const AUTH = { user: 'alice', password: 'corp-pass-42' };

  before(async function () {
    const why = netnsUnavailable() ?? tinyproxyUnavailable() ?? opensslUnavailable();
    if (why) {
      console.log(
        `      (pending: ${why}; CI runs these as root with iproute2, tinyproxy and openssl from .ci/run)`,
      );
      this.skip();
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lli-tp-'));
    pki = makeTestPki(path.join(tmp, 'pki'));
    netns = createNetns();
    // `ip netns exec` bind-mounts /etc/netns/<name>/hosts over /etc/hosts: only tinyproxy resolves the name, to the
    // root side of the veth pair (10.234.x.1), where the fakes listen.
    const rootSide = netns.privateAddress.replace(/\.2$/, '.1');
    hostsDir = path.join('/etc/netns', netns.name);
    fs.mkdirSync(hostsDir, { recursive: true });
    fs.writeFileSync(path.join(hostsDir, 'hosts'), `127.0.0.1 localhost\n${rootSide} ${TEST_HOST}\n`);
    fake = new FakeLitellm({ host: rootSide, tls: { key: pki.good.key, cert: pki.good.cert } });
    await fake.start();
    plainFake = new FakeLitellm({ host: rootSide });
    await plainFake.start();
    const allow = `${rootSide}/30`;
    const listen = netns.privateAddress;
    open = await startTinyproxy({
      dir: path.join(tmp, 'open'),
      listen,
      port: 3128,
      allow,
      netns: netns.name,
    });
    guarded = await startTinyproxy({
      dir: path.join(tmp, 'guarded'),
      listen,
      port: 3129,
      allow,
      basicAuth: AUTH,
      netns: netns.name,
    });
  });
  after(async () => {
    await Promise.all([open?.stop(), guarded?.stop(), fake?.stop(), plainFake?.stop()]);
    netns?.remove();
    if (hostsDir) fs.rmSync(hostsDir, { recursive: true, force: true });
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  function client(baseUrl: string, network: NetworkEnvironment, extra: object = {}, resolver = unknownHere) {
    return new LiteLLMClient(parseSettings({ baseUrl, caCertificates: [pki.caFile], ...extra }), {
      apiKey: KEY,
      network,
      resolver,
    });
  }

  /** Every request line tinyproxy logged. */
  const requestLines = (p: Tinyproxy) => p.log().match(/Request \(file descriptor \d+\): .*/g) ?? [];

  it('tunnels https with CONNECT: the forward proxy logs only CONNECT and never sees the key or the prompt', async () => {
    const before = requestLines(open).length;
    const target = `https://${TEST_HOST}:${fake.listeningPort}`;
    const c = client(target, { proxies: proxies(open.url) });
    try {
      const result = await c.generate({ prompt: PROMPT });
      assert.equal(result.images.length, 1);
      const seen = fake.requests.find((r) => r.path.endsWith('/images/generations'));
      assert.equal(seen?.headers.authorization, `Bearer ${KEY}`, 'the LiteLLM proxy got the key');
      const report = await checkConnection(c);
      assert.equal(report.ok, true, JSON.stringify(report.problems));
      assert.deepEqual(report.forwardProxy.params, {
        proxy: open.url,
        source: { kind: 'env', variable: 'HTTPS_PROXY' },
      });
      assert.equal(report.policy.summary?.code, 'policy.summary');
      assert.equal((report.policy.summary?.params as { summary: string }).summary, 'forwardProxyResolves');
    } finally {
      await c.dispose();
    }
    const lines = requestLines(open).slice(before);
    assert.ok(lines.length > 0, open.log());
    for (const line of lines)
      assert.match(line, new RegExp(`: CONNECT ${TEST_HOST}:${fake.listeningPort} HTTP/1\\.1$`));
    const everything = open.log();
    assert.ok(!everything.includes(KEY), 'the key is not in the forward proxy log');
    assert.ok(!everything.includes('7f3a'), 'the prompt is not in the forward proxy log');
    assert.ok(!everything.includes('images/generations'), 'no path is in the forward proxy log');
  });

  it('still judges what this machine resolves: a private answer is refused before the forward proxy is asked', async () => {
    const before = requestLines(open).length;
    const c = client(
      `https://${TEST_HOST}:${fake.listeningPort}`,
      { proxies: proxies(open.url) },
      {},
      async () => [{ address: '10.9.8.7', family: 4 }],
    );
    try {
      const e = await failure(c.listImageModels());
      assert.equal(e.code, 'policy.refused');
    } finally {
      await c.dispose();
    }
    assert.equal(requestLines(open).length, before, 'nothing was sent to the forward proxy');
  });

  it('logs in to a forward proxy that asks for it, and says so when the login is missing', async () => {
    const target = `https://${TEST_HOST}:${fake.listeningPort}`;
    const anonymous = client(target, { proxies: proxies(guarded.url) });
    try {
      const e = await failure(anonymous.listImageModels());
      assert.equal(e.code, 'net.proxyAuth');
      assert.match(editorText(e), /asks for a login \(407\).*http\.proxyAuthorization/);
      assert.match(cliText(e.reported), /http:\/\/user:password@host:port/);
    } finally {
      await anonymous.dispose();
    }
    const withLogin = guarded.url.replace('//', `//${AUTH.user}:${AUTH.password}@`);
    const c = client(target, { proxies: proxies(withLogin) });
    try {
      assert.ok((await c.listImageModels()).length > 0);
      const report = await checkConnection(c);
      assert.equal(report.ok, true);
      // The report names the forward proxy without its login.
      assert.equal((report.forwardProxy.params as { proxy: string }).proxy, guarded.url);
      assert.doesNotMatch(cliText(report.forwardProxy), /alice|corp-pass/);
    } finally {
      await c.dispose();
    }
    assert.ok(!guarded.log().includes(KEY));
  });

  it("reports the forward proxy's refusal to open a tunnel with its status", async () => {
    // A name the namespace's hosts file does not know, and the namespace has no route to any DNS server.
    const c = client('https://unknown.corp.test', { proxies: proxies(open.url) });
    try {
      const e = await failure(c.listImageModels());
      assert.equal(e.code, 'net.proxyTunnel');
      const status = (e.params as { status: number }).status;
      assert.ok(status >= 400 && status < 600, String(status));
      assert.match(cliText(e.reported), /did not connect to https:\/\/unknown\.corp\.test \(status \d{3}\)/);
    } finally {
      await c.dispose();
    }
  });

  it('refuses a wrong-host certificate through the tunnel, naming the LiteLLM proxy', async () => {
    const other = new FakeLitellm({
      host: netns.privateAddress.replace(/\.2$/, '.1'),
      tls: { key: pki.wrongHost.key, cert: pki.wrongHost.cert },
    });
    await other.start();
    const c = client(`https://${TEST_HOST}:${other.listeningPort}`, { proxies: proxies(open.url) });
    try {
      const e = await failure(c.listImageModels());
      assert.equal(e.code, 'net.certificate');
      assert.deepEqual(e.params, {
        host: `${TEST_HOST}:${other.listeningPort}`,
        problem: 'nameMismatch',
        code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      });
      assert.equal(other.requests.length, 0);
    } finally {
      await c.dispose();
      await other.stop();
    }
  });

  it('sends an http: LiteLLM proxy through the forward proxy only after the explicit opt-in (which it then sees)', async () => {
    const target = `http://${TEST_HOST}:${plainFake.listeningPort}`;
    const refused = client(target, { proxies: proxies(open.url) });
    const before = requestLines(open).length;
    try {
      assert.equal((await failure(refused.listImageModels())).code, 'net.httpThroughProxy');
    } finally {
      await refused.dispose();
    }
    assert.equal(requestLines(open).length, before);
    const c = client(target, { proxies: proxies(open.url) }, { allowHttpThroughForwardProxy: true });
    try {
      assert.ok((await c.listImageModels()).length > 0);
    } finally {
      await c.dispose();
    }
    // What the opt-in means: a plain request the forward proxy reads.
    assert.ok(
      requestLines(open)
        .slice(before)
        .some((l) => l.includes(`GET ${target}/`)),
      open.log(),
    );
  });
});
