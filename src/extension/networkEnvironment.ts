/**
 * The network around the extension host, as VS Code's own settings describe it: `http.proxy` (else the HTTPS_PROXY /
 * HTTP_PROXY environment variables), `http.noProxy` with NO_PROXY, `http.proxyAuthorization`, `http.proxyStrictSSL`,
 * `http.proxySupport` ("off": the user does not want extensions proxied) and `http.systemCertificates`. The
 * extension's own undici agent does not get VS Code's patched Node agents, so it reads the same settings itself.
 */
import * as vscode from 'vscode';
import type { NetworkEnvironment } from '../core/clientTypes';
import type { ForwardProxy } from '../core/forwardProxy';
import type { CoreModule } from './coreLoader';

/** Throws the core's `net.proxyInvalid` error when `http.proxy` or a proxy variable is not a usable URL. */
export function readNetworkEnvironment(core: CoreModule): NetworkEnvironment {
  const http = vscode.workspace.getConfiguration('http');
  const systemCertificates = http.get<boolean>('systemCertificates') ?? true;
  if (http.get<string>('proxySupport') === 'off') return { systemCertificates };
  const authorization = http.get<string | null>('proxyAuthorization') || undefined;
  const strictSSL = http.get<boolean>('proxyStrictSSL') ?? true;
  const fromEnv = core.forwardProxiesFromEnv(process.env);
  const noProxy = [
    ...(http.get<unknown[]>('noProxy') ?? []).filter((e): e is string => typeof e === 'string'),
    ...fromEnv.noProxy,
  ].flatMap(core.splitNoProxy);
  const configured = http.get<string>('proxy')?.trim();
  const opts = { authorization, strictSSL };
  if (configured) {
    const proxy = core.parseForwardProxy(configured, { kind: 'setting' }, opts);
    return { systemCertificates, proxies: { https: proxy, http: proxy, noProxy } };
  }
  // The environment's proxies with the http.* login and certificate check (a login in the URL stays the fallback).
  const withSettings = (p: ForwardProxy | undefined): ForwardProxy | undefined =>
    p && { ...p, strictSSL, ...(authorization ? { authorization } : {}) };
  const https = withSettings(fromEnv.https);
  const plain = withSettings(fromEnv.http);
  return {
    systemCertificates,
    proxies: { ...(https ? { https } : {}), ...(plain ? { http: plain } : {}), noProxy },
  };
}
