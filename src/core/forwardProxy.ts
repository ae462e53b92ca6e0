/**
 * Forward proxies (a company's HTTP proxy between this machine and the LiteLLM proxy): which one a request goes
 * through, from what the front end found (VS Code's `http.proxy`, the CLI's `--proxy`, or the HTTPS_PROXY /
 * HTTP_PROXY / NO_PROXY environment variables). Loopback targets never go through one: a forward proxy cannot reach
 * this machine's loopback, and a LiteLLM proxy on it must not be handed to another machine. The transport sends
 * `https:` targets through CONNECT (the forward proxy relays TLS it cannot read); `http:` targets would hand it the
 * key and the prompts in clear text, so transport.ts refuses them unless the user opted in.
 */
import ipaddr from 'ipaddr.js';
import { coded } from './errors';
import type { ProxySource } from './messages';
import { checkUrlShape } from './networkPolicy';

export interface ForwardProxy {
  /** The proxy's URL without credentials (they move to `authorization`). */
  url: URL;
  /** Where it was configured, for messages and the connection report. */
  source: ProxySource;
  /** The `Proxy-Authorization` header value: from `http.proxyAuthorization`, or Basic from the URL's user info. */
  authorization?: string;
  /** For an `https:` forward proxy: verify its own certificate (VS Code's `http.proxyStrictSSL`, default true). */
  strictSSL: boolean;
}

/** What the front end found: one proxy per target scheme, and the hosts that bypass them. */
export interface ForwardProxies {
  https?: ForwardProxy;
  http?: ForwardProxy;
  /** NO_PROXY / `http.noProxy` entries: `*`, `host`, `.domain` or `domain` (and subdomains), `[:port]`, an IP or CIDR. */
  noProxy: string[];
}

/** The forward proxy as shown to people: scheme, host and port, never credentials. */
export function proxyDisplay(p: ForwardProxy): string {
  return `${p.url.protocol}//${p.url.host}`;
}

/**
 * Parses one configured proxy. Credentials in the URL become a Basic `Proxy-Authorization` (unless one is given),
 * and never stay in the URL that is shown or logged. Only `http:` and `https:` forward proxies are supported.
 */
export function parseForwardProxy(
  raw: string,
  source: ProxySource,
  opts: { authorization?: string; strictSSL?: boolean } = {},
): ForwardProxy {
  const text = raw.trim();
  let url: URL;
  try {
    // `proxy.corp:3128` (no scheme) is common in HTTP_PROXY; curl and VS Code read it as http.
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    const shown = text.replace(/\/\/[^/@]*@/, '//').slice(0, 200);
    throw coded('invalid_settings', 'net.proxyInvalid', { proxy: shown, source, reason: 'url' });
  }
  const shown = `${url.protocol}//${url.host}`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw coded('invalid_settings', 'net.proxyInvalid', { proxy: shown, source, reason: 'scheme' });
  let authorization = opts.authorization?.trim() || undefined;
  if (!authorization && (url.username || url.password)) {
    const user = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    authorization = `Basic ${Buffer.from(user).toString('base64')}`;
  }
  url.username = '';
  url.password = '';
  return { url, source, ...(authorization ? { authorization } : {}), strictSSL: opts.strictSSL ?? true };
}

/** The first non-empty variable of `names`, with its name (HTTPS_PROXY before https_proxy, as curl reads them). */
function envValue(env: Record<string, string | undefined>, names: string[]) {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

/** The proxies the environment names: HTTPS_PROXY for https targets, HTTP_PROXY for http targets, and NO_PROXY. */
export function forwardProxiesFromEnv(env: Record<string, string | undefined>): ForwardProxies {
  const https = envValue(env, ['HTTPS_PROXY', 'https_proxy']);
  const http = envValue(env, ['HTTP_PROXY', 'http_proxy']);
  const no = envValue(env, ['NO_PROXY', 'no_proxy']);
  return {
    ...(https ? { https: parseForwardProxy(https.value, { kind: 'env', variable: https.name }) } : {}),
    ...(http ? { http: parseForwardProxy(http.value, { kind: 'env', variable: http.name }) } : {}),
    noProxy: splitNoProxy(no?.value ?? ''),
  };
}

export function splitNoProxy(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .slice(0, 200);
}

/** Whether one NO_PROXY entry covers this host and port. */
function bypasses(entry: string, host: string, port: string): boolean {
  if (entry === '*') return true;
  let pattern = entry;
  let wantPort: string | undefined;
  const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
  if (m) [, pattern, wantPort] = m as unknown as [string, string, string];
  if (wantPort && wantPort !== port) return false;
  pattern = pattern.replace(/^\[|\]$/g, '').replace(/^\*\./, '.');
  if (ipaddr.isValid(host)) {
    if (pattern.includes('/')) {
      try {
        const [range, bits] = ipaddr.parseCIDR(pattern);
        const addr = ipaddr.parse(host);
        return addr.kind() === range.kind() && addr.match([range, bits]);
      } catch {
        return false;
      }
    }
    return ipaddr.isValid(pattern) && ipaddr.parse(pattern).toString() === ipaddr.parse(host).toString();
  }
  const bare = pattern.replace(/^\./, '');
  return host === bare || host.endsWith(`.${bare}`);
}

/**
 * The forward proxy a request to `target` goes through, or undefined for a direct connection: loopback targets
 * (literals and `localhost` names) always go direct, and so does every host NO_PROXY / `http.noProxy` lists.
 */
export function forwardProxyFor(target: URL, proxies: ForwardProxies | undefined): ForwardProxy | undefined {
  if (!proxies) return undefined;
  const proxy = target.protocol === 'https:' ? proxies.https : proxies.http;
  if (!proxy) return undefined;
  const { hostname, hostKind } = checkUrlShape(target);
  // host.docker.internal is this machine seen from a container: as close as loopback, never a forward proxy's.
  if (hostKind === 'loopback-literal' || hostKind === 'loopback-name') return undefined;
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  if (proxies.noProxy.some((e) => bypasses(e, hostname, port))) return undefined;
  return proxy;
}
