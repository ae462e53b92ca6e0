/**
 * HTTP under the network policy, on undici. Every request is vetted first; the connection is then made to exactly the
 * vetted addresses through a custom `lookup`, so DNS cannot change the answer between check and connect. Redirects
 * are never followed blindly: GETs re-vet each hop and drop credentials when the origin changes; POSTs are not
 * redirected (nor retried) at all, because re-sending an image request can cost money. Image downloads (`offeredBy`)
 * are also held, on every hop, to no more private than the proxy that offered them (see networkPolicy.ts).
 *
 * Certificates: `network.secureContext` (trust.ts) when more CAs are trusted, else Node's defaults; never unverified. Forward
 * proxies (forwardProxy.ts): an `https:` target goes through CONNECT, so the forward proxy relays TLS it cannot read;
 * the target is still vetted first, but the forward proxy resolves the name itself, so that connection is not pinned.
 * An `http:` request to the LiteLLM proxy through a forward proxy would show it the key and the prompts: refused
 * unless `allowHttpThroughProxy`.
 */
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import type { SecureContext } from 'node:tls';
import { Agent, Dispatcher, ProxyAgent, request } from 'undici';
import { coded } from './errors';
import { ForwardProxies, ForwardProxy, forwardProxyFor, proxyDisplay } from './forwardProxy';
import { transportError } from './netErrors';
import {
  AddressClass,
  PolicyOptions,
  PolicyVerdict,
  ResolvedAddress,
  displayUrl,
  resolveOnce,
  systemResolver,
  vetUrl,
} from './networkPolicy';
import { downloadDecision, downloadRefusal, morePublic, reachOf } from './downloadPolicy';

export interface SendRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  body?: string | Buffer | Readable;
  /** Sent only while the request's origin is `origin`; dropped on any redirect elsewhere. */
  credentials?: { origin: string; headers: Record<string, string> };
  signal: AbortSignal;
  /** Redirects to follow for GETs (POSTs never follow). */
  maxRedirects?: number;
  /**
   * Set for an image URL the proxy at this URL answered with: every hop must be no more private than that proxy,
   * whose class is taken from this transport's own connections to it.
   */
  offeredBy?: URL;
}

export interface SendResponse {
  status: number;
  headers: Record<string, string>;
  url: URL;
  body: Dispatcher.ResponseData['body'];
}

/** How this transport reaches the network beyond the policy: extra trust and forward proxies. */
export interface TransportNetwork {
  /** The TLS context holding the trusted CAs for every connection (trust.ts); undefined keeps Node's defaults. */
  secureContext?: SecureContext;
  proxies?: ForwardProxies;
  /** The user's explicit opt-in to send requests to an `http:` LiteLLM proxy through a forward proxy. */
  allowHttpThroughProxy?: boolean;
}

const USER_AGENT = 'litellm-images/0.1';

function pinnedLookup(hostname: string, addresses: ResolvedAddress[]): LookupFunction {
  return (host, options, callback) => {
    // Only the vetted host may be looked up through this agent, and only its vetted addresses come back.
    if (host.toLowerCase().replace(/\.$/, '') !== hostname) {
      callback(coded('policy', 'net.unexpectedLookup', { host }), '', 4);
      return;
    }
    const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
    const list = wanted ? addresses.filter((a) => a.family === wanted) : addresses;
    if (options.all) (callback as (e: null, a: ResolvedAddress[]) => void)(null, list);
    else callback(null, list[0]?.address ?? '', list[0]?.family ?? 4);
  };
}

export class PolicyTransport {
  private readonly agents = new Map<string, Agent>();
  private readonly proxyAgents = new Map<string, ProxyAgent>();
  private readonly direct: Agent;
  /** Per origin, the most public class its requests were pinned to: the ceiling for the downloads it offers. */
  private readonly reached = new Map<string, AddressClass>();

  constructor(
    private readonly policy: PolicyOptions,
    private readonly timeouts: { timeoutMs: number },
    private readonly network: TransportNetwork = {},
  ) {
    this.direct = this.makeAgent();
  }

  private get connectTimeout(): number {
    return Math.min(this.timeouts.timeoutMs, 30_000);
  }

  private makeAgent(lookup?: LookupFunction): Agent {
    const secureContext = this.network.secureContext;
    return new Agent({
      headersTimeout: this.timeouts.timeoutMs,
      bodyTimeout: this.timeouts.timeoutMs,
      connect: {
        ...(lookup ? { lookup } : {}),
        ...(secureContext ? { secureContext } : {}),
        timeout: this.connectTimeout,
      },
    });
  }

  /**
   * One agent per forward proxy and target scheme: `https:` targets through a CONNECT tunnel (the target's TLS, with
   * this transport's CAs, runs inside it), `http:` targets (only after the opt-in) as plain proxied requests.
   */
  private proxyAgentFor(proxy: ForwardProxy, target: URL): ProxyAgent {
    const tunnel = target.protocol === 'https:';
    const key = `${proxy.url.href}|${tunnel}`;
    let agent = this.proxyAgents.get(key);
    if (!agent) {
      const secureContext = this.network.secureContext;
      agent = new ProxyAgent({
        uri: proxy.url.href,
        ...(proxy.authorization ? { token: proxy.authorization } : {}),
        proxyTunnel: tunnel,
        requestTls: { ...(secureContext ? { secureContext } : {}), timeout: this.connectTimeout },
        proxyTls: {
          ...(secureContext ? { secureContext } : {}),
          rejectUnauthorized: proxy.strictSSL,
          timeout: this.connectTimeout,
        },
        headersTimeout: this.timeouts.timeoutMs,
        bodyTimeout: this.timeouts.timeoutMs,
        connect: { timeout: this.connectTimeout },
      });
      this.proxyAgents.set(key, agent);
    }
    return agent;
  }

  /** Refuses an `http:` request through a forward proxy that would show it the key or the prompt. */
  private refuseClearText(url: URL, proxy: ForwardProxy | undefined, carriesSecrets: boolean): void {
    if (proxy && url.protocol === 'http:' && carriesSecrets && !this.network.allowHttpThroughProxy)
      throw coded(
        'policy',
        'net.httpThroughProxy',
        { where: displayUrl(url), proxy: proxyDisplay(proxy) },
        { actions: ['open_settings'] },
      );
  }

  private agentFor(hostname: string, addresses: ResolvedAddress[]): Agent {
    if (addresses.length === 0) return this.direct;
    const key = `${hostname}|${addresses.map((a) => a.address).join(',')}`;
    let agent = this.agents.get(key);
    if (!agent) {
      agent = this.makeAgent(pinnedLookup(hostname, addresses));
      this.agents.set(key, agent);
    }
    return agent;
  }

  async send(req: SendRequest): Promise<SendResponse> {
    let url = req.url;
    let credentials = req.credentials;
    const maxRedirects = req.method === 'GET' ? (req.maxRedirects ?? 3) : 0;
    const offeredBy = req.offeredBy;
    // DNS can hang; cancelling must not wait for it.
    const proxyClass = offeredBy ? await untilAborted(this.proxyClass(offeredBy), req.signal) : undefined;
    for (let hop = 0; ; hop++) {
      if (req.signal.aborted) throw req.signal.reason;
      const sendsKey = credentials !== undefined && credentials.origin === url.origin;
      const proxy = forwardProxyFor(url, this.network.proxies);
      const policy = { ...this.policy, viaForwardProxy: proxy !== undefined };
      const verdict = await untilAborted(
        offeredBy && proxyClass
          ? this.vetDownload(url, { image: req.url, proxy: offeredBy, proxyClass }, policy)
          : vetUrl(url, policy),
        req.signal,
      );
      // A request to the LiteLLM proxy carries prompts even without a key; a download elsewhere carries neither.
      this.refuseClearText(url, proxy, sendsKey || !offeredBy);
      if (!offeredBy && hop === 0) this.remember(url.origin, verdict);
      const dispatcher = proxy
        ? this.proxyAgentFor(proxy, url)
        : this.agentFor(verdict.hostname, verdict.addresses);
      const headers: Record<string, string> = { 'user-agent': USER_AGENT, ...req.headers };
      if (sendsKey) Object.assign(headers, credentials!.headers);
      const res = await request(url, {
        method: req.method,
        headers,
        body: req.body,
        signal: req.signal,
        dispatcher,
      }).catch((e: unknown) => {
        throw transportError(e, url, proxy);
      });
      const status = res.statusCode;
      const flat = flattenHeaders(res.headers);
      if (status >= 300 && status < 400 && flat.location) {
        res.body.dump().catch(() => undefined);
        let next: URL;
        try {
          next = new URL(flat.location, url);
        } catch {
          throw coded('bad_response', 'net.redirectInvalid', { where: displayUrl(url) }, { status });
        }
        if (hop >= maxRedirects) {
          const details = { status, actions: ['open_settings' as const] };
          throw req.method === 'POST'
            ? coded(
                'bad_response',
                'net.redirectPost',
                { where: displayUrl(url), to: displayUrl(next) },
                details,
              )
            : coded('bad_response', 'net.tooManyRedirects', { where: displayUrl(req.url) }, details);
        }
        if (credentials && next.origin !== credentials.origin) credentials = undefined;
        url = next;
        continue;
      }
      return { status, headers: flat, url, body: res.body };
    }
  }

  private remember(origin: string, verdict: PolicyVerdict): void {
    const now = reachOf(verdict, 'proxy');
    const before = this.reached.get(origin);
    this.reached.set(origin, before ? morePublic(before, now) : now);
  }

  /** The proxy's class from the requests already sent to it; vetted afresh only if there were none. */
  private async proxyClass(proxy: URL): Promise<AddressClass> {
    if (!this.reached.has(proxy.origin)) this.remember(proxy.origin, await vetUrl(proxy, this.policy));
    return this.reached.get(proxy.origin)!;
  }

  /**
   * A download hop: judged against the proxy's class first (so the refusal says why), then by the proxy rules,
   * both on one DNS answer, which is also the one the connection is pinned to.
   */
  private async vetDownload(
    url: URL,
    where: { image: URL; proxy: URL; proxyClass: AddressClass },
    policy: PolicyOptions,
  ): Promise<PolicyVerdict> {
    const resolver = resolveOnce(policy.resolver ?? systemResolver);
    const seen = await vetUrl(url, { ...policy, allowPrivateNetwork: true, resolver });
    const decision = downloadDecision(where.proxyClass, reachOf(seen, 'target'), policy.allowPrivateNetwork);
    if (!decision.allowed) throw downloadRefusal(decision, { ...where, hop: url });
    return vetUrl(url, { ...policy, resolver });
  }

  async close(): Promise<void> {
    const all: Dispatcher[] = [this.direct, ...this.agents.values(), ...this.proxyAgents.values()];
    this.agents.clear();
    this.proxyAgents.clear();
    await Promise.all(all.map((a) => a.close().catch(() => undefined)));
  }
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
