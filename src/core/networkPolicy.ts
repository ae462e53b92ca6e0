/**
 * Where the key may be sent. Loopback proxies are always allowed; everything private or special needs the
 * `allowPrivateNetwork` opt-in; every resolved address of a hostname is checked and the connection is later pinned to
 * exactly those addresses (see transport.ts), so a second DNS answer cannot redirect it.
 */
import * as dns from 'node:dns';
import ipaddr from 'ipaddr.js';
import { LiteLLMError } from './errors';

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
  /** One sentence for the connection report. */
  summary: string;
}

export interface PolicyOptions {
  allowPrivateNetwork: boolean;
  resolver?: Resolver;
}

const LOOPBACK_ADDRESSES: ResolvedAddress[] = [
  { address: '127.0.0.1', family: 4 },
  { address: '::1', family: 6 },
];

function refuse(url: string, why: string, canOptIn: boolean): LiteLLMError {
  const fix = canOptIn
    ? ' If this is your own proxy on a private network, enable litellm.allowPrivateNetwork (the API key will be sent there).'
    : '';
  return new LiteLLMError('policy', `Refused to connect to ${url}: ${why}.${fix}`, {
    actions: canOptIn ? ['allow_private_network', 'open_settings'] : ['open_settings'],
  });
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
    throw new LiteLLMError('policy', `"${shown}" is not a valid URL.`, {
      actions: ['open_settings'],
    });
  }
  const shown = `${url.protocol}//${url.host}`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw refuse(shown, `only http: and https: URLs are allowed (got ${url.protocol})`, false);
  if (url.username || url.password)
    throw refuse(shown, 'the URL contains a user name or password; credentials never go in URLs', false);
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
    return { url, hostname, hostKind, addresses: [], summary: 'loopback address' };
  if (hostKind === 'ip-literal') {
    const v = classifyAddress(hostname);
    if (v.class === 'public') return { url, hostname, hostKind, addresses: [], summary: 'public address' };
    if (!allow) throw refuse(shown, `${hostname} is a private or special address (${v.range})`, true);
    return {
      url,
      hostname,
      hostKind,
      addresses: [],
      summary: `private address (${v.range}), allowed by opt-in`,
    };
  }
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    // RFC 6761: these names are loopback by definition; never ask DNS, which an attacker might answer.
    return { url, hostname, hostKind, addresses: LOOPBACK_ADDRESSES, summary: 'loopback name' };
  }
  if (hostKind === 'private-name' && !allow)
    throw refuse(shown, `"${hostname}" is a local or internal network name`, true);

  let addresses: ResolvedAddress[];
  try {
    addresses = await resolver(hostname);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new LiteLLMError(
      'network',
      `Could not resolve ${hostname}${code ? ` (${code})` : ''}. Check litellm.baseUrl and your network.`,
      {
        cause: e,
      },
    );
  }
  if (addresses.length === 0)
    throw new LiteLLMError('network', `${hostname} has no addresses. Check litellm.baseUrl.`);
  const verdicts = addresses.map((a) => {
    if (!ipaddr.isValid(a.address))
      throw new LiteLLMError(
        'network',
        `The DNS answer for ${hostname} is not an IP address. Check your network.`,
      );
    return classifyAddress(a.address);
  });
  if (hostKind === 'loopback-name') {
    // host.docker.internal: the user's own machine seen from a container; it resolves to a loopback or private LAN
    // address. Anything else (metadata, link-local, public) is what a hostile DNS answer would look like.
    const pub = verdicts.find((v) => v.class === 'public');
    if (pub) throw refuse(shown, `${hostname} resolved to the public address ${pub.address}`, false);
    const ok = (v: AddressVerdict) =>
      v.class === 'loopback' || v.range === 'private' || v.range === 'uniqueLocal';
    const bad = verdicts.find((v) => !ok(v));
    if (bad && !allow)
      throw refuse(
        shown,
        `${hostname} resolved to ${bad.address} (${bad.range}), which is not a Docker host address`,
        true,
      );
    return { url, hostname, hostKind, addresses, summary: 'Docker host name' };
  }
  const nonPublic = verdicts.filter((v) => v.class !== 'public');
  if (nonPublic.length > 0 && !allow) {
    const list = nonPublic.map((v) => `${v.address} (${v.range})`).join(', ');
    throw refuse(shown, `${hostname} resolves to a private or special address: ${list}`, true);
  }
  return {
    url,
    hostname,
    hostKind,
    addresses,
    summary: nonPublic.length ? 'private addresses, allowed by opt-in' : 'public addresses',
  };
}
