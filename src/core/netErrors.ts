/**
 * Socket, TLS and forward-proxy failures as coded messages. A refused certificate says which host and what is wrong
 * with it in plain terms (self-signed, unknown CA, expired, name mismatch), so the front end can name the fix (the
 * CA setting or flag); a failure while a forward proxy is in use names the forward proxy, because that is where a
 * refused connection, a DNS failure or a 407 comes from.
 */
import { coded, LiteLLMError } from './errors';
import type { ForwardProxy } from './forwardProxy';
import { proxyDisplay } from './forwardProxy';
import type { CertificateProblem } from './messages';
import { displayUrl } from './networkPolicy';

/** OpenSSL's verify errors (Node's `err.code`) and Node's own host check, by what a person can do about them. */
const CERTIFICATE_PROBLEMS: Record<string, CertificateProblem> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'selfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'selfSigned',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknownCa',
  UNABLE_TO_GET_ISSUER_CERT: 'unknownCa',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknownCa',
  CERT_UNTRUSTED: 'unknownCa',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'notYetValid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'nameMismatch',
  HOSTNAME_MISMATCH: 'nameMismatch',
  CERT_REVOKED: 'revoked',
};

export function certificateProblem(code: string): CertificateProblem | undefined {
  if (CERTIFICATE_PROBLEMS[code]) return CERTIFICATE_PROBLEMS[code];
  return /CERT/.test(code) && !/^ERR_SSL|^EPROTO/.test(code) ? 'other' : undefined;
}

interface ErrorShape {
  name?: string;
  code?: string;
  message?: string;
  cause?: ErrorShape;
}

/** undici's "Proxy response (407) !== 200 when HTTP Tunneling": the forward proxy's answer to CONNECT. */
function tunnelStatus(err: ErrorShape): number | undefined {
  const m = /Proxy response \((\d{3})\)/.exec(err.message ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Failures that happen while talking to the forward proxy itself (it is down, unknown, or wants a login). */
function forwardProxyError(err: ErrorShape, code: string, url: URL, proxy: ForwardProxy, cause: unknown) {
  const shown = proxyDisplay(proxy);
  const details = { cause, actions: ['open_settings' as const] };
  const status = tunnelStatus(err);
  if (status === 407) return coded('auth', 'net.proxyAuth', { proxy: shown, source: proxy.source }, details);
  if (status !== undefined)
    return coded(
      'network',
      'net.proxyTunnel',
      { proxy: shown, where: `${url.protocol}//${url.host}`, status },
      details,
    );
  if (code === 'UND_ERR_PRX_TLS') {
    const inner = err.cause?.code ?? '';
    const problem = certificateProblem(inner) ?? 'other';
    return coded('network', 'net.proxyCertificate', { proxy: shown, problem, code: inner || code }, details);
  }
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code))
    return coded('network', 'net.proxyUnreachable', { proxy: shown, source: proxy.source, code }, details);
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT')
    return coded('network', 'net.proxyUnreachable', { proxy: shown, source: proxy.source, code }, details);
  return undefined;
}

/** Maps socket and undici failures to one coded message; abort reasons pass through for the caller to classify. */
export function transportError(e: unknown, url: URL, proxy?: ForwardProxy): unknown {
  if (e instanceof LiteLLMError) return e;
  const err = e as ErrorShape;
  const code = err?.code ?? err?.cause?.code ?? '';
  // Before the abort check: undici reports a refused CONNECT as a RequestAbortedError (named AbortError).
  if (proxy) {
    const viaProxy = forwardProxyError(err, code, url, proxy, e);
    if (viaProxy) return viaProxy;
  }
  if (err?.name === 'AbortError' || err?.name === 'TimeoutError') return e;
  if (err?.cause instanceof LiteLLMError) return err.cause;
  const where = displayUrl(url);
  const details = { cause: e };
  const certCode = certificateProblem(code) ? code : (err?.cause?.code ?? '');
  const problem = certCode ? certificateProblem(certCode) : undefined;
  if (problem)
    return coded(
      'network',
      'net.certificate',
      { host: url.host, problem, code: certCode },
      { ...details, actions: ['open_settings'] },
    );
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
