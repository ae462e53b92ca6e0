// The network policy decides where the API key may be sent; the transport must connect exactly where the policy
// looked. Part 1 is a table of URLs judged by vetUrl, with and without `allowPrivateNetwork`; every refusal is also
// sent through a real PolicyTransport to show that no connection is even attempted. Part 2 runs real requests
// against local HTTP servers on 127.0.0.x: refused names that resolve to the server (so a regression would reach
// it), DNS pinning and rebinding, and redirects. DNS is always the injected resolver; the system resolver is
// replaced by a spy that fails, and no test ever connects to a non-loopback address.
import * as assert from 'node:assert/strict';
import dns from 'node:dns';
import * as dc from 'node:diagnostics_channel';
import * as http from 'node:http';
import { isIP, type AddressInfo, type Socket } from 'node:net';
import { LiteLLMError } from '../../src/core/errors';
import { ResolvedAddress, Resolver, vetUrl } from '../../src/core/networkPolicy';
import { PolicyTransport, SendRequest, SendResponse } from '../../src/core/transport';
import { textOf } from '../support/messageText';

// ---------------------------------------------------------------------------------------------------------------
// Instruments: connection counters, a guard against real connections, fake DNS.

/**
 * Counted from Node's and undici's diagnostics channels. `budget` is how many sockets the current test may open:
 * any socket over it is failed before it connects, so a policy regression fails the test instead of reaching a
 * real private address.
 */
const wire = { sockets: 0, connects: 0, systemLookups: 0, budget: Infinity };
type Counts = { sockets: number; connects: number; systemLookups: number };
const snapshot = (): Counts => ({
  sockets: wire.sockets,
  connects: wire.connects,
  systemLookups: wire.systemLookups,
});
const since = (t0: Counts): Counts => ({
  sockets: wire.sockets - t0.sockets,
  connects: wire.connects - t0.connects,
  systemLookups: wire.systemLookups - t0.systemLookups,
});

function onSocket(message: unknown): void {
  const { socket } = message as { socket: Socket };
  wire.sockets++;
  if (wire.sockets > wire.budget) {
    // Node 20 publishes before connect() runs, Node 24 after it has started: stop it either way, before any byte.
    const block = new Error('blocked by the test: socket over budget');
    socket.connect = (() => socket.destroy(block)) as Socket['connect'];
    process.nextTick(() => socket.destroy(block));
  }
}
function onBeforeConnect(): void {
  wire.connects++;
}

// The system resolver must never be asked for a name: both entry points are replaced by spies that count and fail
// (IP literals, which Node itself passes through lookup when a server listens, go to the real function).
const dnsModule = dns as unknown as { lookup: unknown; promises: { lookup: unknown } };
const realLookup = dnsModule.lookup;
const realPromisesLookup = dnsModule.promises.lookup;
const systemLookupError = (host: unknown) =>
  Object.assign(new Error(`test: system DNS lookup for ${String(host)}`), { code: 'ENOTFOUND' });
function spyLookup(...args: unknown[]): void {
  if (typeof args[0] === 'string' && isIP(args[0])) return (realLookup as (...a: unknown[]) => void)(...args);
  wire.systemLookups++;
  process.nextTick(args[args.length - 1] as (e: Error) => void, systemLookupError(args[0]));
}
async function spyPromisesLookup(host: unknown): Promise<never> {
  wire.systemLookups++;
  throw systemLookupError(host);
}

const v4 = (address: string): ResolvedAddress => ({ address, family: 4 });
const v6 = (address: string): ResolvedAddress => ({ address, family: 6 });
const nxdomain = () => Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
type Answer = ResolvedAddress[] | Error;

/** An injected resolver: a plain async function answering `answers` in turn (the last one repeats), recording calls. */
function fakeDns(...answers: Answer[]): { resolver: Resolver; calls: string[] } {
  const calls: string[] = [];
  const resolver: Resolver = async (hostname) => {
    const answer = answers[Math.min(calls.length, answers.length - 1)] ?? nxdomain();
    calls.push(hostname);
    if (answer instanceof Error) throw answer;
    return answer.map((a) => ({ ...a }));
  };
  return { resolver, calls };
}

/** Settles `p` and returns its LiteLLMError, failing the test if it resolved or threw something else. */
async function rejection(p: Promise<unknown>): Promise<LiteLLMError> {
  const outcome = await p.then(
    () => 'resolved',
    (e: unknown) => e,
  );
  if (!(outcome instanceof LiteLLMError)) assert.fail(`expected a LiteLLMError, got ${String(outcome)}`);
  return outcome;
}

const transports: PolicyTransport[] = [];
function transport(allowPrivateNetwork: boolean, resolver: Resolver): PolicyTransport {
  const t = new PolicyTransport({ allowPrivateNetwork, resolver }, { timeoutMs: 5000 });
  transports.push(t);
  return t;
}
const send = (t: PolicyTransport, req: Omit<SendRequest, 'signal'>): Promise<SendResponse> =>
  t.send({ ...req, signal: AbortSignal.timeout(5000) });

/** Hooks for the outer describe (not root hooks: other test files must not see the spies or the counters). */
function installInstruments(): void {
  before(() => {
    dc.subscribe('net.client.socket', onSocket);
    dc.subscribe('undici:client:beforeConnect', onBeforeConnect);
    dnsModule.lookup = spyLookup;
    dnsModule.promises.lookup = spyPromisesLookup;
  });
  afterEach(async () => {
    wire.budget = Infinity;
    await Promise.all(transports.splice(0).map((t) => t.close()));
  });
  after(() => {
    dc.unsubscribe('net.client.socket', onSocket);
    dc.unsubscribe('undici:client:beforeConnect', onBeforeConnect);
    dnsModule.lookup = realLookup;
    dnsModule.promises.lookup = realPromisesLookup;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Part 1: the table.

type Outcome = 'allowed' | 'refused' | 'network';
interface Row {
  url: string;
  why: string;
  strict: Outcome;
  optIn: Outcome;
  /** The resolver's answer for this row's hostname; without it the resolver must not be called at all. */
  dns?: Answer;
  /** Resolver calls expected [without, with] the opt-in; defaults to [1, 1] with `dns`, [0, 0] without. */
  dnsCalls?: [number, number];
  /** Text the error message must contain besides the host (e.g. the offending resolved address). */
  names?: string[];
  /** Text the error message must not contain (credentials). */
  hides?: string;
  /** The addresses an allowed name must be pinned to when DNS is not asked (localhost names). */
  pins?: ResolvedAddress[];
}
type Extra = Partial<Pick<Row, 'dns' | 'dnsCalls' | 'names' | 'hides' | 'pins'>>;
const outcome =
  (strict: Outcome, withOptIn: Outcome) =>
  (url: string, why: string, x: Extra = {}): Row => ({ url, why, strict, optIn: withOptIn, ...x });
/** Allowed with or without the opt-in. */
const allowed = outcome('allowed', 'allowed');
/** Refused unless `allowPrivateNetwork: true`; the message must point at that setting. */
const optIn = outcome('refused', 'allowed');
/** Refused whatever the opt-in says; the message must not suggest the setting. */
const never = outcome('refused', 'refused');
/** DNS failed: a network error (nothing to opt into). */
const unresolvable = outcome('network', 'network');

const PUBLIC = [v4('93.184.216.34'), v6('2606:2800:220:1::1')];
const LOOPBACK = { pins: [v4('127.0.0.1'), v6('::1')] };
const privateNameDns = (address: string): Extra => ({ dns: [v4(address)], dnsCalls: [0, 1] });

const ROWS: Row[] = [
  // Only http(s), and never credentials in the URL, not even to loopback: no opt-in changes that.
  never('ftp://127.0.0.1/', 'ftp scheme', { names: ['ftp:'] }),
  never('file:///etc/passwd', 'file scheme', { names: ['file:'] }),
  never('javascript:alert(1)', 'javascript scheme', { names: ['javascript:'] }),
  never('ws://127.0.0.1:4000/', 'websocket scheme', { names: ['ws:'] }),
  never('http://user:pw@127.0.0.1:4000', 'user and password on loopback', { hides: 'user:pw' }),
  never('http://:pw@localhost:4000/', 'password only, loopback name', { hides: ':pw@' }),
  never('http://:pw@host/', 'password only, single-label host', { hides: ':pw@' }),
  never('https://user@8.8.8.8/', 'user name only, public address', { hides: 'user@' }),
  never('http://exa mple.com/', 'not a URL at all', { names: ['exa mple.com'] }),
  never('http://user:hunter2@exa mple.com/', 'not a URL, with credentials that must not be quoted', {
    names: ['exa mple.com'],
    hides: 'hunter2',
  }),

  // Loopback literals are always allowed; the WHATWG parser turns odd spellings into 127.0.0.1 first.
  allowed('http://127.0.0.1:4000/', 'loopback'),
  allowed('http://127.255.255.254/', 'top of 127/8'),
  allowed('http://[::1]:4000/', 'IPv6 loopback'),
  allowed('http://[0:0:0:0:0:0:0:1]/', 'IPv6 loopback, long form'),
  allowed('http://[::ffff:127.0.0.1]/', 'IPv4-mapped loopback'),
  allowed('http://127.0.0.1./', 'loopback with a trailing dot'),
  allowed('http://2130706433/', 'decimal 127.0.0.1'),
  allowed('http://0x7f.1/', 'hex, short 127.0.0.1'),
  allowed('http://127.1/', 'short 127.0.0.1'),
  allowed('http://0177.0.0.1/', 'octal 127.0.0.1'),
  allowed('http://0x7f000001/', 'hex 127.0.0.1'),

  // Loopback names: localhost and *.localhost are pinned without DNS; host.docker.internal is resolved and may be
  // private (it is the user's machine seen from a container) but never public.
  allowed('http://localhost:4000/', 'localhost', LOOPBACK),
  allowed('http://LOCALHOST:4000/', 'localhost, upper case', LOOPBACK),
  allowed('http://api.localhost/', 'subdomain of localhost', LOOPBACK),
  allowed('http://localhost./', 'localhost with a trailing dot', LOOPBACK),
  allowed('http://host.docker.internal:4000/', 'Docker host, private answer', {
    dns: [v4('192.168.65.254')],
  }),
  allowed('http://HOST.DOCKER.INTERNAL/', 'Docker host, upper case', {
    dns: [v4('172.17.0.1'), v6('fd00::1')],
  }),
  never('http://host.docker.internal/', 'Docker host answering a public address', {
    dns: [v4('93.184.216.34')],
    names: ['93.184.216.34'],
  }),
  optIn('http://host.docker.internal/', 'Docker host answering the metadata address', {
    dns: [v4('169.254.169.254')],
    names: ['169.254.169.254'],
  }),
  optIn('http://host.docker.internal/', 'Docker host answering 0.0.0.0', {
    dns: [v4('0.0.0.0')],
    names: ['0.0.0.0'],
  }),
  never('http://host.docker.internal/', 'Docker host answering private + public', {
    dns: [v4('172.17.0.1'), v4('93.184.216.34')],
    names: ['93.184.216.34'],
  }),

  // IPv4 literals in every private or special range, with their edges.
  optIn('http://10.0.0.1/', '10/8'),
  optIn('http://10.255.255.255/', 'top of 10/8'),
  optIn('http://172.16.0.0/', 'bottom of 172.16/12'),
  optIn('http://172.31.255.255/', 'top of 172.16/12'),
  optIn('http://192.168.0.1/', '192.168/16'),
  optIn('http://192.168.255.255/', 'top of 192.168/16'),
  optIn('http://169.254.0.1/', 'link-local'),
  optIn('http://169.254.169.254/latest/meta-data', 'cloud metadata'),
  optIn('http://100.64.0.0/', 'bottom of CGNAT 100.64/10'),
  optIn('http://100.127.255.255/', 'top of CGNAT 100.64/10'),
  optIn('http://0.0.0.0:4000/', 'unspecified (reaches local services on Linux)'),
  optIn('http://0.1.2.3/', '"this network" 0/8'),
  optIn('http://224.0.0.1/', 'multicast'),
  optIn('http://239.255.255.250/', 'multicast (SSDP)'),
  optIn('http://240.0.0.1/', 'reserved 240/4'),
  optIn('http://255.255.255.255/', 'broadcast'),
  optIn('http://192.0.0.8/', 'IETF protocol assignments 192.0.0/24'),
  optIn('http://192.0.2.1/', 'documentation TEST-NET-1'),
  optIn('http://198.18.0.1/', 'benchmarking 198.18/15'),
  optIn('http://198.19.255.255/', 'top of benchmarking 198.18/15'),
  optIn('http://198.51.100.1/', 'documentation TEST-NET-2'),
  optIn('http://203.0.113.1/', 'documentation TEST-NET-3'),

  // Public IPv4 literals, including the addresses just outside the special ranges (vetUrl only, never connected).
  allowed('http://172.15.255.255/', 'just below 172.16/12'),
  allowed('http://172.32.0.0/', 'just above 172.16/12'),
  allowed('http://100.63.255.255/', 'just below CGNAT'),
  allowed('http://100.128.0.0/', 'just above CGNAT'),
  allowed('http://198.17.255.255/', 'just below benchmarking'),
  allowed('http://169.255.0.0/', 'just above link-local'),
  allowed('http://8.8.8.8/', 'public'),
  allowed('https://1.1.1.1/', 'public, https'),

  // Other spellings of private addresses: the message must show the canonical address.
  optIn('http://10.1/', 'short 10.0.0.1', { names: ['10.0.0.1'] }),
  optIn('http://0xa000001/', 'hex 10.0.0.1', { names: ['10.0.0.1'] }),
  optIn('http://167772161/', 'decimal 10.0.0.1', { names: ['10.0.0.1'] }),
  optIn('http://012.0.0.1/', 'octal 10.0.0.1', { names: ['10.0.0.1'] }),
  optIn('http://0xA9.0xFE.0xA9.0xFE/', 'hex metadata address', { names: ['169.254.169.254'] }),
  optIn('http://2852039166/', 'decimal metadata address', { names: ['169.254.169.254'] }),
  optIn('http://0/', 'short 0.0.0.0', { names: ['0.0.0.0'] }),
  optIn('http://192.168.1/', 'short 192.168.0.1', { names: ['192.168.0.1'] }),

  // IPv6 literals; IPv4-mapped addresses are judged as the IPv4 address they carry (the parser shows them in hex).
  optIn('http://[::]/', 'unspecified'),
  optIn('http://[fc00::1]/', 'unique-local fc00::/7'),
  optIn('http://[fd12:3456::1]/', 'unique-local fd00::/8'),
  optIn('http://[fe80::1]/', 'link-local'),
  optIn('http://[ff02::1]/', 'multicast'),
  optIn('http://[2001:db8::1]/', 'documentation'),
  optIn('http://[fec0::1]/', 'deprecated site-local'),
  optIn('http://[fd00:ec2::254]/', 'AWS IPv6 metadata'),
  optIn('http://[::ffff:10.0.0.1]/', 'IPv4-mapped 10.0.0.1', { names: ['[::ffff:a00:1]'] }),
  optIn('http://[::ffff:169.254.169.254]/', 'IPv4-mapped metadata', { names: ['[::ffff:a9fe:a9fe]'] }),
  optIn('http://[::ffff:192.168.1.1]/', 'IPv4-mapped 192.168.1.1', { names: ['[::ffff:c0a8:101]'] }),
  optIn('http://[64:ff9b::a00:1]/', 'NAT64 of 10.0.0.1'),
  optIn('http://[::127.0.0.1]/', 'IPv4-compatible (deprecated ::/96) loopback', { names: ['[::7f00:1]'] }),
  optIn('http://[::169.254.169.254]/', 'IPv4-compatible metadata', { names: ['[::a9fe:a9fe]'] }),
  optIn('http://[::a00:1]/', 'IPv4-compatible 10.0.0.1'),
  allowed('http://[::ffff:8.8.8.8]/', 'IPv4-mapped public'),
  allowed('http://[2606:4700::1111]/', 'public IPv6'),

  // Names that mean "local network" are refused before DNS is even asked; with the opt-in they are resolved.
  optIn('http://printer.local/', '.local (mDNS)', privateNameDns('192.168.1.20')),
  optIn('http://PRINTER.LOCAL./', '.local, upper case, trailing dot', privateNameDns('192.168.1.20')),
  optIn('http://db.internal:4000/', '.internal', privateNameDns('10.1.2.3')),
  optIn('http://myproxy:4000/', 'single-label name', privateNameDns('192.168.1.5')),
  optIn('http://myproxy./', 'single-label name, trailing dot', privateNameDns('192.168.1.5')),

  // Ordinary hostnames: every resolved address is checked; one private address is enough to refuse. A name that
  // resolves to 127.x is not a loopback literal (DNS is not trusted to say "this is your machine").
  allowed('https://api.example.com/', 'all public (IPv4 + IPv6)', { dns: PUBLIC }),
  optIn('http://127.evil.com:4000/', 'public-looking name resolving to 127.0.0.1', {
    dns: [v4('127.0.0.1')],
    names: ['127.0.0.1'],
  }),
  optIn('http://v6loop.example.com/', 'resolves to ::1', { dns: [v6('::1')], names: ['::1'] }),
  optIn('http://private.example.com/', 'all private', { dns: [v4('10.0.0.7')], names: ['10.0.0.7'] }),
  optIn('http://mixed.example.com/', 'public + private', {
    dns: [v4('93.184.216.34'), v4('10.0.0.7')],
    names: ['10.0.0.7'],
  }),
  optIn('http://mixed6.example.com/', 'public + IPv4-mapped private', {
    dns: [v4('93.184.216.34'), v6('::ffff:192.168.1.1')],
    names: ['::ffff:192.168.1.1'],
  }),
  optIn('http://ula.example.com/', 'IPv6 unique-local', { dns: [v6('fd00::5')], names: ['fd00::5'] }),
  optIn('http://ll6.example.com/', 'IPv6 link-local with a zone', {
    dns: [v6('fe80::1%eth0')],
    names: ['fe80::1'],
  }),
  optIn('http://meta.example.com/', 'the metadata address', {
    dns: [v4('169.254.169.254')],
    names: ['169.254.169.254'],
  }),
  optIn('http://cgnat.example.com/', 'CGNAT', { dns: [v4('100.64.0.1')], names: ['100.64.0.1'] }),
  optIn('http://mapped-loop.example.com/', 'IPv4-mapped loopback', {
    dns: [v6('::ffff:127.0.0.1')],
    names: ['::ffff:127.0.0.1'],
  }),
  unresolvable('http://empty.example.com/', 'empty DNS answer', { dns: [] }),
  unresolvable('http://garbage.example.com/', 'a DNS answer that is not an IP address', {
    dns: [v4('not-an-ip')],
  }),
  unresolvable('http://nxdomain.example.com/', 'ENOTFOUND', { dns: nxdomain(), names: ['ENOTFOUND'] }),
];

describe('network policy', () => {
  installInstruments();

  describe('vetUrl table', () => {
    for (const row of ROWS) {
      for (const allowPrivateNetwork of [false, true]) {
        const expected = allowPrivateNetwork ? row.optIn : row.strict;
        const title = `${row.url} (${row.why})${allowPrivateNetwork ? ' with the opt-in' : ''} → ${expected}`;
        it(title, async () => {
          const dnsAnswer = row.dns === undefined ? [] : [row.dns];
          const vetDns = fakeDns(...dnsAnswer);
          const vetting = vetUrl(row.url, { allowPrivateNetwork, resolver: vetDns.resolver });
          const calls = row.dnsCalls ?? (row.dns === undefined ? [0, 0] : [1, 1]);
          if (expected === 'allowed') {
            const verdict = await vetting;
            assert.equal(vetDns.calls.length, calls[allowPrivateNetwork ? 1 : 0], 'resolver calls');
            // A resolved name is pinned to exactly what DNS said, localhost names to loopback; literals need no pin.
            assert.deepEqual(verdict.addresses, row.pins ?? (row.dns instanceof Array ? row.dns : []));
            return;
          }

          const err = await rejection(vetting);
          assert.equal(err.kind, expected === 'refused' ? 'policy' : 'network', textOf(err));
          assert.equal(vetDns.calls.length, calls[allowPrivateNetwork ? 1 : 0], 'resolver calls');
          const parsed = URL.canParse(row.url) ? new URL(row.url) : undefined;
          const host = parsed && /^https?:$/.test(parsed.protocol) ? parsed.hostname : parsed?.protocol;
          for (const text of [...(host ? [host] : []), ...(row.names ?? [])])
            assert.ok(textOf(err).includes(text), `message should name ${text}: ${textOf(err)}`);
          if (row.hides)
            assert.ok(!textOf(err).includes(row.hides), `message leaks ${row.hides}: ${textOf(err)}`);
          // The hint appears exactly when the opt-in would turn this refusal into an allowed request.
          const optInHelps = expected === 'refused' && row.optIn === 'allowed';
          assert.equal(textOf(err).includes('litellm.allowPrivateNetwork'), optInHelps, textOf(err));
          if (expected === 'refused') assert.equal(err.actions.includes('allow_private_network'), optInHelps);

          // The same URL through the transport: refused the same way, and not a single socket was opened.
          if (!parsed) return;
          const sendDns = fakeDns(...dnsAnswer);
          const t = transport(allowPrivateNetwork, sendDns.resolver);
          wire.budget = wire.sockets;
          const t0 = snapshot();
          const sendErr = await rejection(send(t, { method: 'GET', url: parsed }));
          assert.equal(sendErr.kind, err.kind, textOf(sendErr));
          assert.deepEqual(since(t0), { sockets: 0, connects: 0, systemLookups: 0 });
        });
      }
    }

    it('has enough rows to mean something', () => {
      assert.ok(ROWS.length >= 60, `${ROWS.length} rows`);
    });

    // DNS rebinding at the policy level: each vet asks again and judges the new answer (no caching of a good one).
    it('vets a hostname afresh each time: public, then private → refused without the opt-in', async () => {
      const rebinding = fakeDns([v4('93.184.216.34')], [v4('10.0.0.7')]);
      const opts = { allowPrivateNetwork: false, resolver: rebinding.resolver };
      const first = await vetUrl('https://api.example.com/', opts);
      assert.deepEqual(first.addresses, [v4('93.184.216.34')]);
      const err = await rejection(vetUrl('https://api.example.com/', opts));
      assert.equal(err.kind, 'policy');
      assert.match(textOf(err), /10\.0\.0\.7/);
      assert.deepEqual(rebinding.calls, ['api.example.com', 'api.example.com']);
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Part 2: real requests against local servers.

  interface Seen {
    server: 'A' | 'B' | 'C';
    method: string;
    path: string;
    localAddress: string;
    headers: http.IncomingHttpHeaders;
  }

  describe('PolicyTransport against local servers', () => {
    const seen: Seen[] = [];
    const servers: http.Server[] = [];
    let portA = 0;
    let portB = 0;
    /** Server C listens on 127.0.0.2 at A's port, so a re-pinned connection is visible (not on every OS). */
    let haveC = false;
    const originA = () => `http://127.0.0.1:${portA}`;

    function handler(name: Seen['server']): http.RequestListener {
      return (req, res) => {
        const path = req.url ?? '';
        seen.push({
          server: name,
          method: req.method ?? '',
          path,
          localAddress: req.socket.localAddress ?? '',
          headers: req.headers,
        });
        const redirects: Record<string, [number, string]> = {
          '/to-private': [302, 'http://10.0.0.5/x'],
          '/to-metadata': [302, 'http://169.254.169.254/latest/meta-data'],
          '/to-internal': [302, `http://internal.example:${portA}/`],
          '/to-rebind': [302, `http://127.evil.com:${portA}/landing`],
          '/to-credentials': [302, `http://user:pw@127.0.0.1:${portA}/landing`],
          '/to-file': [302, 'file:///etc/passwd'],
          '/to-other-origin': [302, `http://localhost:${portB}/landing`],
          '/to-other-name': [302, `http://localhost:${portA}/landing`],
          '/same-origin': [302, '/landing'],
          '/post-307': [307, `http://localhost:${portB}/landing`],
          '/via-other-origin': [302, `http://localhost:${portB}/back`],
          '/back': [302, `http://127.0.0.1:${portA}/landing`],
        };
        const hit = redirects[path];
        req.resume();
        req.on('end', () => {
          if (hit) res.writeHead(hit[0], { location: hit[1] }).end();
          else res.end(`${name} ${path}`);
        });
      };
    }
    async function listen(name: Seen['server'], host: string, port: number): Promise<number> {
      const server = http.createServer(handler(name));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, resolve);
      });
      servers.push(server);
      return (server.address() as AddressInfo).port;
    }

    before(async () => {
      portA = await listen('A', '127.0.0.1', 0);
      portB = await listen('B', '127.0.0.1', 0);
      haveC = await listen('C', '127.0.0.2', portA).then(
        () => true,
        () => false,
      );
    });
    beforeEach(() => {
      seen.length = 0;
    });
    after(async () => {
      for (const s of servers) s.closeAllConnections();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    });

    const get = async (t: PolicyTransport, url: string, extra: Partial<SendRequest> = {}) => {
      const res = await send(t, { method: 'GET', url: new URL(url), ...extra });
      return { status: res.status, url: res.url.href, text: await res.body.text() };
    };
    const brief = () => seen.map((s) => `${s.server} ${s.method} ${s.path} @${s.localAddress}`);

    // The counters themselves must be able to fail: a socket over budget is counted and blocked.
    it('counts and blocks a connection over budget (self-test of the instruments)', async () => {
      const t = transport(false, fakeDns().resolver);
      wire.budget = wire.sockets;
      const t0 = snapshot();
      const err = await rejection(send(t, { method: 'GET', url: new URL(`${originA()}/`) }));
      assert.equal(err.kind, 'network');
      assert.deepEqual(since(t0), { sockets: 1, connects: 1, systemLookups: 0 });
      assert.equal(seen.length, 0, brief().join('; '));
    });

    // Loopback is always allowed, and these reach the server without the system resolver; localhost names are pinned
    // to 127.0.0.1/::1 without asking the injected resolver either.
    const LOOPBACK_URLS: Array<[string, number]> = [
      ['http://127.0.0.1:PORT/', 0],
      ['http://2130706433:PORT/', 0],
      ['http://0x7f.1:PORT/', 0],
      ['http://[::ffff:127.0.0.1]:PORT/', 0],
      ['http://localhost:PORT/', 0],
      ['http://LOCALHOST.:PORT/', 0],
      ['http://api.localhost:PORT/', 0],
      ['http://host.docker.internal:PORT/', 1],
    ];
    for (const [template, dnsCalls] of LOOPBACK_URLS) {
      it(`connects to ${template} without the opt-in`, async () => {
        const local = fakeDns([v4('127.0.0.1')]);
        const t = transport(false, local.resolver);
        const t0 = snapshot();
        const res = await get(t, template.replace('PORT', String(portA)));
        assert.equal(res.status, 200);
        assert.deepEqual(brief(), ['A GET / @127.0.0.1']);
        assert.equal(local.calls.length, dnsCalls);
        assert.deepEqual(since(t0), { sockets: 1, connects: 1, systemLookups: 0 });
      });
    }

    // Refusals that would reach the server if the policy let them through (on Linux even 0.0.0.0 does).
    for (const template of [
      'http://0.0.0.0:PORT/',
      'http://user:pw@127.0.0.1:PORT/',
      'http://:pw@localhost:PORT/',
    ]) {
      it(`refuses ${template} without a connection`, async () => {
        const t = transport(false, fakeDns([v4('127.0.0.1')]).resolver);
        wire.budget = wire.sockets;
        const t0 = snapshot();
        const err = await rejection(
          send(t, { method: 'GET', url: new URL(template.replace('PORT', String(portA))) }),
        );
        assert.equal(err.kind, 'policy');
        assert.deepEqual(since(t0), { sockets: 0, connects: 0, systemLookups: 0 });
        assert.equal(seen.length, 0, brief().join('; '));
      });
    }

    // Names the policy refuses, answered by DNS with the server's own address: refused without the opt-in (no socket,
    // server untouched); with the opt-in the same request arrives, through the pinned address and one resolver call.
    const REFUSED_NAMES: Array<[string, number]> = [
      ['127.evil.com', 1],
      ['rebind.example.com', 1],
      ['db.internal', 0],
      ['printer.local', 0],
      ['myproxy', 0],
    ];
    for (const [name, strictCalls] of REFUSED_NAMES) {
      it(`${name} resolving to the local server: refused, then allowed with the opt-in`, async () => {
        const url = `http://${name}:${portA}/hello`;
        const strict = fakeDns([v4('127.0.0.1')]);
        wire.budget = wire.sockets;
        let t0 = snapshot();
        const err = await rejection(
          send(transport(false, strict.resolver), { method: 'GET', url: new URL(url) }),
        );
        assert.equal(err.kind, 'policy');
        assert.ok(
          textOf(err).includes(name) && textOf(err).includes('litellm.allowPrivateNetwork'),
          textOf(err),
        );
        assert.deepEqual(since(t0), { sockets: 0, connects: 0, systemLookups: 0 });
        assert.equal(strict.calls.length, strictCalls);
        assert.equal(seen.length, 0, brief().join('; '));

        wire.budget = Infinity;
        const open = fakeDns([v4('127.0.0.1')]);
        t0 = snapshot();
        const res = await get(transport(true, open.resolver), url);
        assert.equal(res.status, 200);
        assert.deepEqual(brief(), ['A GET /hello @127.0.0.1']);
        assert.equal(seen[0]?.headers.host, `${name}:${portA}`);
        assert.deepEqual(open.calls, [name]);
        assert.deepEqual(since(t0), { sockets: 1, connects: 1, systemLookups: 0 });
      });
    }

    // Pinning and rebinding: DNS answers differently each time. Each request is vetted once (one resolver call) and
    // connects to exactly the address that was vetted; a later answer the policy dislikes is refused before connecting.
    it('re-pins each request to its own vetted answer (opt-in, 127.0.0.1 then 127.0.0.2)', async function () {
      if (!haveC) this.skip();
      const rebinding = fakeDns([v4('127.0.0.1')], [v4('127.0.0.2')]);
      const t = transport(true, rebinding.resolver);
      const t0 = snapshot();
      assert.equal((await get(t, `http://rebind.example.com:${portA}/one`)).text, 'A /one');
      assert.equal(rebinding.calls.length, 1);
      assert.equal((await get(t, `http://rebind.example.com:${portA}/two`)).text, 'C /two');
      assert.equal(rebinding.calls.length, 2);
      assert.deepEqual(brief(), ['A GET /one @127.0.0.1', 'C GET /two @127.0.0.2']);
      assert.deepEqual(since(t0), { sockets: 2, connects: 2, systemLookups: 0 });
    });

    it('re-vets a rebinding host.docker.internal and refuses the public answer without connecting', async function () {
      if (!haveC) this.skip();
      const rebinding = fakeDns([v4('127.0.0.1')], [v4('127.0.0.2')], [v4('93.184.216.34')]);
      const t = transport(false, rebinding.resolver);
      const url = `http://host.docker.internal:${portA}/`;
      const t0 = snapshot();
      assert.equal((await get(t, `${url}one`)).text, 'A /one');
      assert.equal((await get(t, `${url}two`)).text, 'C /two');
      wire.budget = wire.sockets;
      const err = await rejection(get(t, `${url}three`));
      assert.equal(err.kind, 'policy');
      assert.match(textOf(err), /93\.184\.216\.34/);
      assert.equal(rebinding.calls.length, 3);
      assert.deepEqual(brief(), ['A GET /one @127.0.0.1', 'C GET /two @127.0.0.2']);
      assert.deepEqual(since(t0), { sockets: 2, connects: 2, systemLookups: 0 });
    });

    it('makes exactly one resolver call per request, whether or not the connection is reused', async () => {
      const counting = fakeDns([v4('127.0.0.1')]);
      const t = transport(true, counting.resolver);
      const t0 = snapshot();
      for (const path of ['/a', '/b', '/c']) await get(t, `http://127.evil.com:${portA}${path}`);
      assert.equal(counting.calls.length, 3);
      assert.equal(since(t0).systemLookups, 0);
      // undici may or may not reuse the socket; either way every request went to the vetted address.
      assert.deepEqual(brief(), ['A GET /a @127.0.0.1', 'A GET /b @127.0.0.1', 'A GET /c @127.0.0.1']);
    });

    // Image downloads (`offeredBy`): no more private than the proxy. The real attack runs in network namespaces
    // (downloadPolicy.test.ts); here the proxy is only vetted, never connected to, so fake public answers are safe.
    it('refuses a download on loopback offered by a proxy whose name is public, without a connection', async () => {
      const dns = fakeDns([v4('8.8.8.8')]);
      const t = transport(true, dns.resolver);
      wire.budget = wire.sockets;
      const t0 = snapshot();
      const err = await rejection(
        get(t, `${originA()}/x?key=1`, { offeredBy: new URL('https://proxy.example.com/litellm') }),
      );
      assert.equal(err.kind, 'policy');
      assert.equal(
        textOf(err),
        `Refused to download the image from ${originA()}/x: the proxy at https://proxy.example.com is on the public internet; an image URL on this machine's loopback is not followed.`,
      );
      assert.deepEqual(since(t0), { sockets: 0, connects: 0, systemLookups: 0 });
      assert.deepEqual(dns.calls, ['proxy.example.com']);
    });

    it("refuses a download from the proxy's own name when DNS rebinds it to loopback", async () => {
      // The proxy was public when vetted; its own name answering 127.0.0.1 for the download is not followed.
      const dns = fakeDns([v4('8.8.8.8')], [v4('127.0.0.1')]);
      const t = transport(true, dns.resolver);
      wire.budget = wire.sockets;
      const t0 = snapshot();
      const err = await rejection(
        get(t, `http://proxy.example.com:${portA}/image.png`, {
          offeredBy: new URL(`http://proxy.example.com:${portA}`),
        }),
      );
      assert.equal(err.kind, 'policy');
      assert.match(
        textOf(err),
        /is on the public internet; an image URL on this machine's loopback is not followed/,
      );
      assert.deepEqual(since(t0), { sockets: 0, connects: 0, systemLookups: 0 });
      assert.equal(dns.calls.length, 2);
    });

    it('follows a download offered by a loopback proxy through a redirect, one resolver call per hop, pinned', async () => {
      const dns = fakeDns([v4('127.0.0.1')]);
      const t = transport(true, dns.resolver);
      const res = await get(t, `${originA()}/to-rebind`, { offeredBy: new URL(originA()) });
      assert.equal(res.text, 'A /landing');
      assert.deepEqual(dns.calls, ['127.evil.com']);
      assert.deepEqual(brief(), ['A GET /to-rebind @127.0.0.1', 'A GET /landing @127.0.0.1']);
    });

    it('keeps the proxy rules for downloads: a loopback answer for another name still needs the opt-in', async () => {
      const dns = fakeDns([v4('127.0.0.1')]);
      const t = transport(false, dns.resolver);
      wire.budget = wire.sockets + 1;
      const err = await rejection(get(t, `${originA()}/to-rebind`, { offeredBy: new URL(originA()) }));
      assert.equal(err.kind, 'policy');
      assert.ok(textOf(err).includes('127.evil.com'), textOf(err));
      assert.deepEqual(brief(), ['A GET /to-rebind @127.0.0.1']);
      assert.deepEqual(dns.calls, ['127.evil.com']);
    });

    // Redirects: every hop is vetted again. Refused hops cost exactly the first connection and nothing more.
    const REFUSED_REDIRECTS: Array<[string, string, number]> = [
      ['/to-private', '10.0.0.5', 0],
      ['/to-metadata', '169.254.169.254', 0],
      ['/to-internal', '192.168.1.10', 1],
      ['/to-rebind', '127.evil.com', 1],
      ['/to-credentials', 'user name or password', 0],
      ['/to-file', 'file:', 0],
    ];
    for (const [path, names, dnsCalls] of REFUSED_REDIRECTS) {
      it(`refuses the redirect hop from ${path}, after exactly one connection`, async () => {
        const hops = fakeDns(path === '/to-internal' ? [v4('192.168.1.10')] : [v4('127.0.0.1')]);
        const t = transport(false, hops.resolver);
        wire.budget = wire.sockets + 1;
        const t0 = snapshot();
        const err = await rejection(get(t, `${originA()}${path}`));
        assert.equal(err.kind, 'policy');
        assert.ok(textOf(err).includes(names), textOf(err));
        assert.deepEqual(since(t0), { sockets: 1, connects: 1, systemLookups: 0 });
        assert.deepEqual(brief(), [`A GET ${path} @127.0.0.1`]);
        assert.equal(hops.calls.length, dnsCalls);
      });
    }

    it('follows a redirect to a refused name once the opt-in allows it, still pinned', async () => {
      const hops = fakeDns([v4('127.0.0.1')]);
      const res = await get(transport(true, hops.resolver), `${originA()}/to-rebind`);
      assert.equal(res.text, 'A /landing');
      assert.deepEqual(hops.calls, ['127.evil.com']);
      assert.equal(seen[1]?.headers.host, `127.evil.com:${portA}`);
    });

    const credentials = () => ({ origin: originA(), headers: { authorization: 'Bearer sk-secret-test' } });
    const auth = (s: Seen | undefined) => s?.headers.authorization;

    it('drops the credentials on a redirect to another origin', async () => {
      const t = transport(false, fakeDns().resolver);
      const res = await get(t, `${originA()}/to-other-origin`, { credentials: credentials() });
      assert.equal(res.status, 200);
      assert.equal(res.url, `http://localhost:${portB}/landing`);
      assert.deepEqual(brief(), ['A GET /to-other-origin @127.0.0.1', 'B GET /landing @127.0.0.1']);
      assert.equal(auth(seen[0]), 'Bearer sk-secret-test');
      assert.equal(auth(seen[1]), undefined);
      assert.ok(!JSON.stringify(seen[1]?.headers).includes('sk-secret-test'));
    });

    it('drops the credentials when the redirect only changes the host name (same server, other origin)', async () => {
      const t = transport(false, fakeDns().resolver);
      await get(t, `${originA()}/to-other-name`, { credentials: credentials() });
      assert.deepEqual(brief(), ['A GET /to-other-name @127.0.0.1', 'A GET /landing @127.0.0.1']);
      assert.equal(auth(seen[0]), 'Bearer sk-secret-test');
      assert.equal(auth(seen[1]), undefined);
    });

    it('does not restore the credentials when a redirect chain comes back to their origin', async () => {
      const t = transport(false, fakeDns().resolver);
      const res = await get(t, `${originA()}/via-other-origin`, { credentials: credentials() });
      assert.equal(res.text, 'A /landing');
      assert.deepEqual(
        seen.map((s) => [s.server, s.path, auth(s)]),
        [
          ['A', '/via-other-origin', 'Bearer sk-secret-test'],
          ['B', '/back', undefined],
          ['A', '/landing', undefined],
        ],
      );
    });

    it('sends the credentials only to their own origin, even on the first request', async () => {
      const t = transport(false, fakeDns().resolver);
      const elsewhere = { ...credentials(), origin: `http://localhost:${portA}` };
      await get(t, `${originA()}/hello`, { credentials: elsewhere });
      assert.deepEqual(brief(), ['A GET /hello @127.0.0.1']);
      assert.equal(auth(seen[0]), undefined);
    });

    it('keeps the credentials on a same-origin redirect', async () => {
      const t = transport(false, fakeDns().resolver);
      const res = await get(t, `${originA()}/same-origin`, { credentials: credentials() });
      assert.equal(res.text, 'A /landing');
      assert.deepEqual(
        seen.map((s) => [s.path, auth(s)]),
        [
          ['/same-origin', 'Bearer sk-secret-test'],
          ['/landing', 'Bearer sk-secret-test'],
        ],
      );
    });

    // POSTs are never redirected: re-sending an image request could cost money or leak the body.
    for (const path of ['/post-307', '/same-origin']) {
      it(`does not follow a redirect for a POST (${path})`, async () => {
        const t = transport(false, fakeDns().resolver);
        wire.budget = wire.sockets + 1;
        const t0 = snapshot();
        const err = await rejection(
          send(t, {
            method: 'POST',
            url: new URL(`${originA()}${path}`),
            headers: { 'content-type': 'application/json' },
            body: '{"prompt":"a cat"}',
            credentials: credentials(),
          }),
        );
        assert.equal(err.kind, 'bad_response');
        assert.deepEqual(brief(), [`A POST ${path} @127.0.0.1`]);
        assert.deepEqual(since(t0), { sockets: 1, connects: 1, systemLookups: 0 });
      });
    }
  });
});
