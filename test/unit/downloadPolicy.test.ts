// Image downloads are no more private than the proxy that offered them (issue 9, item 10). Part 1 is the rule as a
// pure function (proxy class × target class × opt-in) and the classes the policy gives to vetted URLs. Part 2 runs
// the client against a hostile LiteLLM-like server: on 127.0.0.1 for the loopback proxy, and inside a network
// namespace the test creates (test/fixtures/netns.ts) for the private and public proxies, while an "internal admin"
// server on 127.0.0.1 in the root namespace counts every request that reaches it. The namespace tests need root and
// iproute2; without them they are marked pending with the reason, never passed. No test touches a real private or
// public address: the namespace's addresses exist only on its veth pair.
import * as assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LiteLLMClient, LiteLLMError, parseSettings } from '../../src/core';
import { AddressClass, ResolvedAddress, Resolver, vetUrl } from '../../src/core/networkPolicy';
import { downloadDecision, reachOf } from '../../src/core/downloadPolicy';
import { createNetns, Netns, netnsUnavailable, tsxArgs } from '../fixtures/netns';
import { encodePng } from '../fixtures/png';
import { textOf } from '../support/messageText';

const KEY = 'sk-download-policy-test';
const PNG = encodePng(4, 4, Buffer.alloc(4 * 4 * 4, 200));
const WAIT_MS = 15_000;

// ---------------------------------------------------------------------------------------------------------------
// Part 1: the rule.

describe('download policy: the rule', () => {
  const classes: AddressClass[] = ['loopback', 'private', 'public'];
  // [proxy, target, opt-in] → allowed, or the reason of the refusal.
  const expected: Record<string, string> = {
    'loopback loopback off': 'allowed',
    'loopback loopback on': 'allowed',
    'loopback private off': 'private-needs-opt-in',
    'loopback private on': 'allowed',
    'loopback public off': 'allowed',
    'loopback public on': 'allowed',
    'private loopback off': 'loopback-needs-loopback-proxy',
    'private loopback on': 'loopback-needs-loopback-proxy',
    'private private off': 'private-needs-opt-in',
    'private private on': 'allowed',
    'private public off': 'allowed',
    'private public on': 'allowed',
    'public loopback off': 'loopback-needs-loopback-proxy',
    'public loopback on': 'loopback-needs-loopback-proxy',
    'public private off': 'private-needs-private-proxy',
    'public private on': 'private-needs-private-proxy',
    'public public off': 'allowed',
    'public public on': 'allowed',
  };
  for (const proxy of classes)
    for (const target of classes)
      for (const optIn of [false, true]) {
        const key = `${proxy} ${target} ${optIn ? 'on' : 'off'}`;
        it(`proxy ${proxy}, target ${target}, opt-in ${optIn ? 'on' : 'off'} → ${expected[key]}`, () => {
          const d = downloadDecision(proxy, target, optIn);
          assert.equal(d.allowed ? 'allowed' : d.reason, expected[key]);
        });
      }

  const v4 = (address: string): ResolvedAddress => ({ address, family: 4 });
  const v6 = (address: string): ResolvedAddress => ({ address, family: 6 });
  const dns =
    (answer: ResolvedAddress[]): Resolver =>
    async () =>
      answer;
  // [url, DNS answer, class as a proxy, class as a download target]; all vetted with the opt-in on.
  const rows: Array<[string, ResolvedAddress[], AddressClass, AddressClass]> = [
    ['http://127.0.0.1:4000/', [], 'loopback', 'loopback'],
    ['http://127.8.9.10/', [], 'loopback', 'loopback'],
    ['http://[::1]/', [], 'loopback', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', [], 'loopback', 'loopback'],
    ['http://0.0.0.0:9000/', [], 'loopback', 'loopback'],
    ['http://[::]/', [], 'loopback', 'loopback'],
    ['http://localhost:4000/', [], 'loopback', 'loopback'],
    ['http://admin.localhost/', [], 'loopback', 'loopback'],
    ['http://10.1.2.3/', [], 'private', 'private'],
    ['http://192.168.1.10/', [], 'private', 'private'],
    ['http://169.254.169.254/', [], 'private', 'private'],
    ['http://[fd00::1]/', [], 'private', 'private'],
    ['http://8.8.8.8/', [], 'public', 'public'],
    ['http://[4444::1]/', [], 'public', 'public'],
    ['http://host.docker.internal:4000/', [v4('192.168.65.254')], 'loopback', 'loopback'],
    ['http://host.docker.internal:4000/', [v4('127.0.0.1')], 'loopback', 'loopback'],
    ['http://host.docker.internal/', [v4('169.254.169.254')], 'private', 'private'],
    ['http://proxy.example.com/', [v4('10.0.0.5')], 'private', 'private'],
    ['http://proxy.example.com/', [v4('127.0.0.1')], 'loopback', 'loopback'],
    ['http://proxy.example.com/', [v4('8.8.4.4'), v6('4444::2')], 'public', 'public'],
    // Mixed answers: a proxy is as public as its most public address, a target as private as its most private.
    ['http://mixed.example.com/', [v4('8.8.4.4'), v4('127.0.0.1')], 'public', 'loopback'],
    ['http://mixed.example.com/', [v4('10.0.0.5'), v4('127.0.0.1')], 'private', 'loopback'],
    ['http://mixed.example.com/', [v4('10.0.0.5'), v4('8.8.4.4')], 'public', 'private'],
    // Local and internal names stay private even when DNS answers a public address.
    ['http://intranet/', [v4('8.8.4.4')], 'public', 'private'],
    ['http://wiki.internal/', [v4('8.8.4.4')], 'public', 'private'],
  ];
  for (const [url, answer, asProxy, asTarget] of rows)
    it(`${url}${answer.length ? ` (${answer.map((a) => a.address).join(', ')})` : ''} is ${asProxy} as a proxy, ${asTarget} as a target`, async () => {
      const v = await vetUrl(url, { allowPrivateNetwork: true, resolver: dns(answer) });
      assert.equal(reachOf(v, 'proxy'), asProxy);
      assert.equal(reachOf(v, 'target'), asTarget);
    });
});

// ---------------------------------------------------------------------------------------------------------------
// Part 2: the client against real servers.

/** The hostile proxy fixture as a child process: its port, and the requests it saw (from its stdout). */
interface ProxyProcess {
  port: number;
  hits: string[];
  /** The requests seen so far, once all of them have been read from the child's stdout (a marker request). */
  settled(base: string): Promise<string[]>;
  stop(): void;
}

async function startProxy(child: ChildProcess): Promise<ProxyProcess> {
  const hits: string[] = [];
  let stderr = '';
  let buffered = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()).slice(-4000));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the proxy fixture did not start: ${stderr}`)), WAIT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the proxy fixture exited (${code}): ${stderr}`));
    });
    child.stdout!.on('data', (c: Buffer) => {
      buffered += c.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const listening = /^listening (\d+)$/.exec(line);
        if (listening) {
          clearTimeout(timer);
          resolve(Number(listening[1]));
        } else if (line.startsWith('hit ')) hits.push(line.slice(4));
      }
    });
  });
  let markers = 0;
  const settled = async (base: string) => {
    const marker = `GET /settled-${++markers}`;
    await fetch(`${base}/settled-${markers}`).then((r) => r.arrayBuffer());
    // The fixture writes each line before it answers, and the pipe keeps their order.
    for (const t0 = Date.now(); !hits.includes(marker); await new Promise((r) => setTimeout(r, 10)))
      if (Date.now() - t0 > WAIT_MS) throw new Error(`the proxy fixture did not report ${marker}`);
    return hits.filter((h) => !h.startsWith('GET /settled-'));
  };
  return { port, hits, settled, stop: () => void child.kill('SIGTERM') };
}

/** The "internal admin" service on this machine's loopback: it must never be reached by a refused download. */
interface Admin {
  port: number;
  hits: Array<{ url?: string; auth?: string }>;
  server: http.Server;
}

async function startAdmin(): Promise<Admin> {
  const hits: Admin['hits'] = [];
  const server = http.createServer((req, res) => {
    hits.push({ url: req.url, auth: req.headers.authorization });
    res.setHeader('content-type', 'image/png');
    res.end(PNG); // an image, so that a download that gets here succeeds and the test sees it
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, hits, server };
}

describe('download policy: image URLs from a proxy', function () {
  this.timeout(30_000);
  let admin: Admin;
  const clients: LiteLLMClient[] = [];
  let adminUrl: string;

  function client(baseUrl: string, allowPrivateNetwork: boolean, resolver?: Resolver): LiteLLMClient {
    const c = new LiteLLMClient(parseSettings({ baseUrl, allowPrivateNetwork, timeoutMs: WAIT_MS }), {
      apiKey: KEY,
      ...(resolver ? { resolver } : {}),
    });
    clients.push(c);
    return c;
  }

  /** The fixture answers one good b64 image and one url item: `url` (the prompt), `{self}` being its own origin. */
  async function generate(c: LiteLLMClient, url: string) {
    return c.generate({ prompt: url, options: { n: 2 } });
  }

  function assertRefused(r: Awaited<ReturnType<typeof generate>>, message: string | RegExp): void {
    assert.deepEqual(admin.hits, [], 'the internal admin service was reached');
    assert.equal(r.images.length, 1, 'the good b64 image is kept');
    assert.equal(r.images[0]!.source, 'b64_json');
    assert.ok(r.incomplete instanceof LiteLLMError, 'the url item is reported');
    assert.equal(r.incomplete.kind, 'policy', textOf(r.incomplete));
    if (typeof message === 'string') assert.equal(textOf(r.incomplete), message);
    else assert.match(textOf(r.incomplete), message);
    assert.doesNotMatch(textOf(r.incomplete), /token=|secret/, 'the query is not shown');
  }

  /** The hostile proxy fixture run in the root namespace, on 127.0.0.1. */
  let loopbackProxy: ProxyProcess;

  before(async () => {
    admin = await startAdmin();
    adminUrl = `http://127.0.0.1:${admin.port}/internal-admin/keys?token=secret`;
    loopbackProxy = await startProxy(
      spawn(process.execPath, tsxArgs('netnsProxyServer.ts', PNG.toString('base64')), { stdio: 'pipe' }),
    );
  });
  beforeEach(() => (admin.hits.length = 0));
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  after(async () => {
    loopbackProxy?.stop();
    await new Promise<void>((r) => admin.server.close(() => r()));
  });

  describe('a proxy on loopback', () => {
    for (const host of ['127.0.0.1', 'localhost'])
      it(`at ${host}: a url on this machine's loopback is followed, without the key`, async () => {
        const r = await generate(client(`http://${host}:${loopbackProxy.port}`, false), adminUrl);
        assert.equal(r.incomplete, undefined, textOf(r.incomplete));
        assert.deepEqual(
          r.images.map((i) => i.source),
          ['b64_json', 'url'],
        );
        assert.deepEqual(admin.hits, [{ url: '/internal-admin/keys?token=secret', auth: undefined }]);
      });
  });

  describe('proxies in a network namespace', () => {
    let netns: Netns | undefined;
    let proxy: ProxyProcess;
    let privateProxy: string;
    let publicProxy: string;

    before(async function () {
      const why = netnsUnavailable();
      if (why) {
        console.log(`      (pending: ${why}; CI runs these as root with iproute2 from .ci/run)`);
        this.skip();
      }
      try {
        netns = createNetns();
      } catch (e) {
        console.log(`      (pending: could not create a network namespace: ${(e as Error).message.trim()})`);
        this.skip();
      }
      proxy = await startProxy(netns.spawnNode(tsxArgs('netnsProxyServer.ts', PNG.toString('base64'))));
      privateProxy = `http://${netns.privateAddress}:${proxy.port}`;
      publicProxy = `http://[${netns.publicAddress}]:${proxy.port}`;
      const pub = await vetUrl(publicProxy, { allowPrivateNetwork: false });
      assert.equal(
        reachOf(pub, 'proxy'),
        'public',
        'the namespace address must count as public for these tests',
      );
    });
    beforeEach(() => proxy && (proxy.hits.length = 0));
    after(() => {
      proxy?.stop();
      netns?.remove();
    });

    const loopbackWhy = (where: string) =>
      `is ${where}; an image URL on this machine's loopback is not followed.`;
    const adminShown = () => `http://127.0.0.1:${admin.port}/internal-admin/keys`;

    it('a public proxy answering a url on 127.0.0.1: refused, the admin is not reached, the b64 image is kept', async () => {
      const r = await generate(client(publicProxy, false), adminUrl);
      assertRefused(
        r,
        `Refused to download the image from ${adminShown()}: the proxy at ${publicProxy} ${loopbackWhy('on the public internet')}`,
      );
    });

    it('a public proxy redirecting its own url to 127.0.0.1: the redirect hop is refused', async () => {
      const r = await generate(
        client(publicProxy, false),
        `{self}/redirect?to=${encodeURIComponent(adminUrl)}`,
      );
      assertRefused(
        r,
        `Refused to download the image from ${publicProxy}/redirect (it redirects to ${adminShown()}): the proxy at ${publicProxy} ${loopbackWhy('on the public internet')}`,
      );
      assert.deepEqual(await proxy.settled(privateProxy), ['POST /images/generations', 'GET /redirect']);
    });

    for (const [what, url] of [
      ['localhost', () => `http://localhost:${admin.port}/internal-admin/keys`],
      ['an IPv4-mapped IPv6 loopback', () => `http://[::ffff:127.0.0.1]:${admin.port}/internal-admin/keys`],
      ['0.0.0.0', () => `http://0.0.0.0:${admin.port}/internal-admin/keys`],
    ] as const)
      it(`a public proxy answering a url on ${what}, even with the opt-in: refused`, async () => {
        const r = await generate(client(publicProxy, true), url());
        assertRefused(
          r,
          /is on the public internet; an image URL on this machine's loopback is not followed\.$/,
        );
      });

    it('a public proxy (a name, pinned to its address) answering a url on 127.0.0.1: refused', async () => {
      const resolver: Resolver = async () => [{ address: netns!.publicAddress, family: 6 }];
      const named = `http://proxy.example.test:${proxy.port}`;
      const r = await generate(client(named, false, resolver), adminUrl);
      assertRefused(
        r,
        `Refused to download the image from ${adminShown()}: the proxy at ${named} ${loopbackWhy('on the public internet')}`,
      );
      assert.deepEqual(await proxy.settled(privateProxy), ['POST /images/generations']);
    });

    it('a public proxy answering a url on a private network, even with the opt-in: refused', async () => {
      const r = await generate(client(publicProxy, true), `${privateProxy}/image.png`);
      assertRefused(
        r,
        `Refused to download the image from ${privateProxy}/image.png: the proxy at ${publicProxy} is on the public internet; an image URL on a private network is not followed.`,
      );
      assert.deepEqual(await proxy.settled(privateProxy), ['POST /images/generations']);
    });

    it('a public proxy answering a public url: followed', async () => {
      const r = await generate(client(publicProxy, false), '{self}/image.png');
      assert.equal(r.incomplete, undefined, textOf(r.incomplete));
      assert.equal(r.images.length, 2);
      assert.deepEqual(await proxy.settled(privateProxy), ['POST /images/generations', 'GET /image.png']);
    });

    for (const [what, url] of [
      ['127.0.0.1', () => adminUrl],
      ['0.0.0.0', () => `http://0.0.0.0:${admin.port}/internal-admin/keys`],
      ['127.0.0.1 through its own redirect', () => `{self}/redirect?to=${encodeURIComponent(adminUrl)}`],
    ] as const)
      it(`a private proxy with the opt-in answering a url on ${what}: refused`, async () => {
        const r = await generate(client(privateProxy, true), url());
        assertRefused(
          r,
          new RegExp(
            `the proxy at http://${netns!.privateAddress.replaceAll('.', '\\.')}:${proxy.port} is on a private network; an image URL on this machine's loopback is not followed\\.$`,
          ),
        );
      });

    it('a private proxy with the opt-in answering a url on another private address of its network: followed', async () => {
      const other = `http://[${netns!.privateAddress6}]:${proxy.port}/image.png`;
      const r = await generate(client(privateProxy, true), other);
      assert.equal(r.incomplete, undefined, textOf(r.incomplete));
      assert.deepEqual(
        r.images.map((i) => i.source),
        ['b64_json', 'url'],
      );
      assert.deepEqual(await proxy.settled(privateProxy), ['POST /images/generations', 'GET /image.png']);
    });

    it('a loopback proxy answering a url on a private network: refused without the opt-in, followed with it', async () => {
      const url = `${privateProxy}/image.png`;
      const r = await generate(client(`http://127.0.0.1:${loopbackProxy.port}`, false), url);
      assertRefused(
        r,
        `Refused to download the image from ${url}: an image URL on a private network is followed only when litellm.allowPrivateNetwork is on.`,
      );
      assert.deepEqual(r.incomplete!.actions, ['allow_private_network', 'open_settings']);
      assert.deepEqual(await proxy.settled(privateProxy), []);
      const allowed = await generate(client(`http://127.0.0.1:${loopbackProxy.port}`, true), url);
      assert.equal(allowed.incomplete, undefined, textOf(allowed.incomplete));
      assert.equal(allowed.images.length, 2);
      assert.deepEqual(await proxy.settled(privateProxy), ['GET /image.png']);
    });
  });
});
