/**
 * HTTP under the network policy, on undici. Every request is vetted first; the connection is then made to exactly the
 * vetted addresses through a custom `lookup`, so DNS cannot change the answer between check and connect. Redirects
 * are never followed blindly: GETs re-vet each hop and drop credentials when the origin changes; POSTs are not
 * redirected (nor retried) at all, because re-sending an image request can cost money. Image downloads (`offeredBy`)
 * are also held, on every hop, to no more private than the proxy that offered them (see networkPolicy.ts).
 */
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { Agent, Dispatcher, request } from 'undici';
import { coded, LiteLLMError } from './errors';
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
  private readonly direct: Agent;
  /** Per origin, the most public class its requests were pinned to: the ceiling for the downloads it offers. */
  private readonly reached = new Map<string, AddressClass>();

  constructor(
    private readonly policy: PolicyOptions,
    private readonly timeouts: { timeoutMs: number },
  ) {
    this.direct = this.makeAgent();
  }

  private makeAgent(lookup?: LookupFunction): Agent {
    return new Agent({
      headersTimeout: this.timeouts.timeoutMs,
      bodyTimeout: this.timeouts.timeoutMs,
      connect: { ...(lookup ? { lookup } : {}), timeout: Math.min(this.timeouts.timeoutMs, 30_000) },
    });
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
      const verdict = await untilAborted(
        offeredBy && proxyClass
          ? this.vetDownload(url, { image: req.url, proxy: offeredBy, proxyClass })
          : vetUrl(url, this.policy),
        req.signal,
      );
      if (!offeredBy && hop === 0) this.remember(url.origin, verdict);
      const dispatcher = this.agentFor(verdict.hostname, verdict.addresses);
      const headers: Record<string, string> = { 'user-agent': USER_AGENT, ...req.headers };
      if (credentials && credentials.origin === url.origin) Object.assign(headers, credentials.headers);
      const res = await request(url, {
        method: req.method,
        headers,
        body: req.body,
        signal: req.signal,
        dispatcher,
      }).catch((e: unknown) => {
        throw transportError(e, url);
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
  ): Promise<PolicyVerdict> {
    const resolver = resolveOnce(this.policy.resolver ?? systemResolver);
    const seen = await vetUrl(url, { allowPrivateNetwork: true, resolver });
    const decision = downloadDecision(
      where.proxyClass,
      reachOf(seen, 'target'),
      this.policy.allowPrivateNetwork,
    );
    if (!decision.allowed) throw downloadRefusal(decision, { ...where, hop: url });
    return vetUrl(url, { ...this.policy, resolver });
  }

  async close(): Promise<void> {
    const all = [this.direct, ...this.agents.values()];
    this.agents.clear();
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

/** Maps socket and undici failures to one plain sentence; abort reasons pass through for the caller to classify. */
export function transportError(e: unknown, url: URL): unknown {
  if (e instanceof LiteLLMError) return e;
  const err = e as {
    name?: string;
    code?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (err?.name === 'AbortError' || err?.name === 'TimeoutError') return e;
  if (err?.cause instanceof LiteLLMError) return err.cause;
  const code = err?.code ?? err?.cause?.code ?? '';
  const where = displayUrl(url);
  const details = { cause: e };
  switch (code) {
    case 'ECONNREFUSED':
      return coded('network', 'net.refused', { where }, details);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return coded('network', 'net.dnsFailed', { host: url.hostname, code }, details);
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return coded('network', 'net.closed', { where }, details);
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return coded('network', 'net.connectTimeout', { where }, details);
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return coded('timeout', 'net.stalled', { where }, details);
    default:
      if (/CERT|SSL|TLS/i.test(code)) return coded('network', 'net.tls', { where, code }, details);
      return coded('network', 'net.failed', { where, detail: code || err?.message || '?' }, details);
  }
}
