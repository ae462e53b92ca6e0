/**
 * Where the key may be sent, and where an image URL from the proxy may be fetched.
 *
 * The proxy: loopback proxies are always allowed; everything private or special needs the `allowPrivateNetwork`
 * opt-in; every resolved address of a hostname is checked and the connection is later pinned to exactly those
 * addresses (see transport.ts), so a second DNS answer cannot redirect it.
 *
 * Image downloads (`url` items and each of their redirect hops) pass the same checks, and then must be no more
 * private than the proxy that offered them (`downloadDecision`): a target on this machine's loopback only when the
 * proxy itself is on loopback, a private target only when the proxy is private or loopback and the opt-in is on, a
 * public target always. Otherwise a proxy on the internet or the LAN could make the client fetch
 * `http://127.0.0.1:9000/internal-admin/…` for it. The proxy's class comes from its own verdict (`reachOf`): an IP
 * literal is its class; a name is the most public of the addresses its connections were pinned to (it may have been
 * reached through any of them); `localhost` names are loopback. A download target is judged the other way round: a
 * name is the most private of its addresses (the connection may use any), and local or internal names are at least
 * private. `host.docker.internal` counts as loopback on both sides while it resolves to Docker host addresses
 * (loopback or private LAN): it names the user's own machine as seen from a container, so it is trusted like
 * `localhost` as a proxy, and a proxy elsewhere cannot send downloads to it. `0.0.0.0` and `::` connect to this
 * machine on Linux, so these rules count them as loopback (as a proxy address they still need the opt-in).
 */
import * as dns from 'node:dns';
import ipaddr from 'ipaddr.js';
import { coded, LiteLLMError } from './errors';
import { message, Message, PolicyRefusal, PolicySummary } from './messages';

function summary(s: PolicySummary, range?: string): Message<'policy.summary'> {
  return message('policy.summary', range ? { summary: s, range } : { summary: s });
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
/** Injected in tests; the default asks the operating system like any other Node program. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const rows = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return rows.map((r) => ({ address: r.address, family: r.family === 6 ? 6 : 4 }));
};

export type AddressClass = 'loopback' | 'private' | 'public';

export interface AddressVerdict {
  address: string;
  class: AddressClass;
  /** ipaddr.js range name, e.g. "private", "linkLocal", "uniqueLocal", "unicast". */
  range: string;
}

/** Classifies an IP literal; IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry. */
export function classifyAddress(literal: string): AddressVerdict {
  const bare = literal.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  let addr: ipaddr.IPv4 | ipaddr.IPv6 = ipaddr.parse(bare);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress())
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  const range = addr.range();
  if (range === 'loopback') return { address: bare, class: 'loopback', range };
  // Deprecated IPv4-compatible forms (::a.b.c.d) still reach the IPv4 address on some stacks; never call them public.
  if (range === 'unicast' && addr.kind() === 'ipv6' && addr.match(ipaddr.parseCIDR('::/96')))
    return { address: bare, class: 'private', range: 'ipv4Compatible' };
  // fec0::/10 (deprecated site-local) is still routed privately on some networks; ipaddr.js calls it unicast.
  if (range === 'unicast' && addr.kind() === 'ipv6' && addr.match(ipaddr.parseCIDR('fec0::/10')))
    return { address: bare, class: 'private', range: 'siteLocal' };
  return { address: bare, class: range === 'unicast' ? 'public' : 'private', range };
}

export type HostKind = 'loopback-literal' | 'loopback-name' | 'ip-literal' | 'private-name' | 'hostname';

export interface PolicyVerdict {
  url: URL;
  hostname: string;
  hostKind: HostKind;
  /** The addresses the connection must use (pinned). Empty for IP literals: the URL already is the address. */
  addresses: ResolvedAddress[];
  /** The verdict, for the connection report. */
  summary: Message<'policy.summary'>;
}

export interface PolicyOptions {
  allowPrivateNetwork: boolean;
  resolver?: Resolver;
  /**
   * The request goes through a forward proxy, which resolves the name itself: the connection cannot be pinned, and a
   * name this machine cannot resolve (common where only the forward proxy sees outside DNS) is left to it.
   */
  viaForwardProxy?: boolean;
}

/** Answers that mean "this machine's DNS does not know the name", as opposed to a broken answer. */
const UNKNOWN_NAME = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENODATA', 'EAI_NONAME', 'EAI_FAIL']);

const LOOPBACK_ADDRESSES: ResolvedAddress[] = [
  { address: '127.0.0.1', family: 4 },
  { address: '::1', family: 6 },
];

function refuse(url: string, refusal: PolicyRefusal, canOptIn: boolean): LiteLLMError {
  return coded(
    'policy',
    'policy.refused',
    { url, canOptIn, refusal },
    { actions: canOptIn ? ['allow_private_network', 'open_settings'] : ['open_settings'] },
  );
}

/** The URL without credentials, query or fragment, safe for messages. */
export function displayUrl(u: URL): string {
  return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
}

/** Checks that need no DNS: scheme, credentials, and what kind of host this is. */
export function checkUrlShape(input: string | URL): { url: URL; hostname: string; hostKind: HostKind } {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    const shown = String(input)
      .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1')
      .slice(0, 200);
    throw coded('policy', 'policy.invalidUrl', { url: shown }, { actions: ['open_settings'] });
  }
  const shown = `${url.protocol}//${url.host}`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw refuse(shown, { reason: 'scheme', scheme: url.protocol }, false);
  if (url.username || url.password) throw refuse(shown, { reason: 'credentials' }, false);
  // The WHATWG parser has already turned 2130706433, 0x7f.1 and 127.1 into 127.0.0.1, so only canonical forms remain.
  const hostname = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (ipaddr.isValid(hostname)) {
    const v = classifyAddress(hostname);
    return { url, hostname, hostKind: v.class === 'loopback' ? 'loopback-literal' : 'ip-literal' };
  }
  const name = hostname.replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost') || name === 'host.docker.internal')
    return { url, hostname: name, hostKind: 'loopback-name' };
  if (name.endsWith('.local') || name.endsWith('.internal') || !name.includes('.'))
    return { url, hostname: name, hostKind: 'private-name' };
  return { url, hostname: name, hostKind: 'hostname' };
}

/**
 * Decides whether a request may go to `input`, resolving hostnames and checking every address. Throws a `policy`
 * LiteLLMError when refused; the verdict's `addresses` are what the transport must connect to.
 */
export async function vetUrl(input: string | URL, opts: PolicyOptions): Promise<PolicyVerdict> {
  const { url, hostname, hostKind } = checkUrlShape(input);
  const shown = `${url.protocol}//${url.host}`;
  const allow = opts.allowPrivateNetwork;
  const resolver = opts.resolver ?? systemResolver;

  if (hostKind === 'loopback-literal')
    return { url, hostname, hostKind, addresses: [], summary: summary('loopbackAddress') };
  if (hostKind === 'ip-literal') {
    const v = classifyAddress(hostname);
    if (v.class === 'public')
      return { url, hostname, hostKind, addresses: [], summary: summary('publicAddress') };
    if (!allow) throw refuse(shown, { reason: 'privateLiteral', host: hostname, range: v.range }, true);
    return {
      url,
      hostname,
      hostKind,
      addresses: [],
      summary: summary('privateAddressOptIn', v.range),
    };
  }
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    // RFC 6761: these names are loopback by definition; never ask DNS, which an attacker might answer.
    return { url, hostname, hostKind, addresses: LOOPBACK_ADDRESSES, summary: summary('loopbackName') };
  }
  if (hostKind === 'private-name' && !allow)
    throw refuse(shown, { reason: 'internalName', host: hostname }, true);

  let addresses: ResolvedAddress[];
  try {
    addresses = await resolver(hostname);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (opts.viaForwardProxy && code && UNKNOWN_NAME.has(code))
      return { url, hostname, hostKind, addresses: [], summary: summary('forwardProxyResolves') };
    throw coded(
      'network',
      'net.dnsFailed',
      { host: hostname, ...(code ? { code } : {}) },
      {
        cause: e,
      },
    );
  }
  if (addresses.length === 0) throw coded('network', 'net.noAddresses', { host: hostname });
  const verdicts = addresses.map((a) => {
    if (!ipaddr.isValid(a.address)) throw coded('network', 'net.dnsNotIp', { host: hostname });
    return classifyAddress(a.address);
  });
  if (hostKind === 'loopback-name') {
    // host.docker.internal: the user's own machine seen from a container; it resolves to a loopback or private LAN
    // address. Anything else (metadata, link-local, public) is what a hostile DNS answer would look like.
    const pub = verdicts.find((v) => v.class === 'public');
    if (pub) throw refuse(shown, { reason: 'dockerPublic', host: hostname, address: pub.address }, false);
    const ok = (v: AddressVerdict) =>
      v.class === 'loopback' || v.range === 'private' || v.range === 'uniqueLocal';
    const bad = verdicts.find((v) => !ok(v));
    if (bad && !allow)
      throw refuse(
        shown,
        { reason: 'dockerOther', host: hostname, address: bad.address, range: bad.range },
        true,
      );
    return { url, hostname, hostKind, addresses, summary: summary('dockerHost') };
  }
  const nonPublic = verdicts.filter((v) => v.class !== 'public');
  if (nonPublic.length > 0 && !allow) {
    const addresses = nonPublic.map((v) => ({ address: v.address, range: v.range }));
    throw refuse(shown, { reason: 'resolvedPrivate', host: hostname, addresses }, true);
  }
  return {
    url,
    hostname,
    hostKind,
    addresses,
    summary: summary(nonPublic.length ? 'privateAddressesOptIn' : 'publicAddresses'),
  };
}

/** A resolver that asks `inner` once per name, so two judgements of one URL look at the same DNS answer. */
export function resolveOnce(inner: Resolver): Resolver {
  const answers = new Map<string, Promise<ResolvedAddress[]>>();
  return (hostname) => {
    let answer = answers.get(hostname);
    if (!answer) answers.set(hostname, (answer = inner(hostname)));
    return answer.then((rows) => rows.map((r) => ({ ...r })));
  };
}
