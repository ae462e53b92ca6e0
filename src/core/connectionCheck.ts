/**
 * The "Test Connection" report: policy verdict, reachability (no key), version, whether the key works, and the image
 * models, each with what to fix. It never throws for a proxy problem: the report says what went wrong.
 */
import { CallControl, LiteLLMClient } from './client';
import { DiscoveredModel } from './discovery';
import { isLiteLLMError, LiteLLMError } from './errors';
import { message, Message } from './messages';
import { proxyDisplay } from './forwardProxy';
import { displayUrl } from './networkPolicy';
import { apiRoot } from './settings';

export type AuthState = 'ok' | 'not_required' | 'missing' | 'rejected' | 'unknown';

export interface ConnectionReport {
  baseUrl: string;
  /** The verdict when allowed, the refusal otherwise. */
  policy: { allowed: boolean; summary?: Message };
  /** The forward proxy the requests went through (never its credentials), or none. */
  forwardProxy: Message<'connection.forwardProxy'>;
  /** Where the trusted certificates came from; absent when the CA files could not be read (see problems). */
  certificates?: Message<'connection.certificates'>;
  reachable: boolean;
  version?: string;
  auth: AuthState;
  models: Array<Pick<DiscoveredModel, 'id' | 'canGenerate' | 'canEdit' | 'evidence'>>;
  problems: Message[];
  ok: boolean;
}

export async function checkConnection(
  client: LiteLLMClient,
  ctl: CallControl = {},
): Promise<ConnectionReport> {
  const s = client.settings;
  const report: ConnectionReport = {
    baseUrl: displayUrl(apiRoot(s.baseUrl)),
    policy: { allowed: false },
    forwardProxy: forwardProxyLine(client),
    reachable: false,
    auth: 'unknown',
    models: [],
    problems: [],
    ok: false,
  };
  try {
    const v = await client.vetProxy();
    report.policy = { allowed: true, summary: v.summary };
  } catch (e) {
    const refusal = reportedOf(e);
    report.policy = { allowed: false, summary: refusal };
    report.problems.push(refusal);
    return report;
  }
  try {
    const trust = await client.trust();
    report.certificates = message('connection.certificates', {
      system: trust.system,
      files: trust.files.map((f) => f.path),
      https: new URL(s.baseUrl).protocol === 'https:',
    });
  } catch (e) {
    report.problems.push(reportedOf(e));
    return report;
  }
  try {
    await client.liveliness(ctl);
    report.reachable = true;
  } catch (e) {
    const err = e as LiteLLMError;
    if (err.kind === 'cancelled') throw err;
    // Some deployments hide /health; a later authenticated call can still prove the proxy is there.
    if (err.kind !== 'bad_request' && err.kind !== 'auth') {
      report.problems.push(err.reported);
      return report;
    }
    report.reachable = true;
  }
  report.version = (await client.readiness(ctl).catch(() => ({ version: undefined }))).version;
  try {
    const { version } = await client.authCheck(ctl);
    report.version ??= version;
    report.auth = client.hasKey ? 'ok' : 'not_required';
  } catch (e) {
    const err = e as LiteLLMError;
    if (err.kind === 'cancelled') throw err;
    if (err.kind === 'auth') {
      report.auth = client.hasKey ? 'rejected' : 'missing';
      const { baseUrl } = report;
      report.problems.push(
        client.hasKey
          ? message('connection.keyRejected', {
              baseUrl,
              ...(err.proxyMessage ? { proxyMessage: err.proxyMessage } : {}),
            })
          : message('connection.keyNeeded', { baseUrl }),
      );
      return report;
    }
    report.problems.push(err.reported);
  }
  try {
    const models = await client.listImageModels(ctl);
    report.models = models.map(({ id, canGenerate, canEdit, evidence }) => ({
      id,
      canGenerate,
      canEdit,
      evidence,
    }));
    if (models.length === 0) report.problems.push(message('connection.noImageModels', {}));
    const configured = s.model;
    if (models.length > 0 && !models.some((m) => m.id === configured))
      report.problems.push(
        message('connection.modelNotListed', { model: configured, models: models.map((m) => m.id) }),
      );
  } catch (e) {
    const err = e as LiteLLMError;
    if (err.kind === 'cancelled') throw err;
    report.problems.push(message('connection.listFailed', { error: err.reported }));
  }
  report.ok = report.problems.length === 0;
  return report;
}

function forwardProxyLine(client: LiteLLMClient): Message<'connection.forwardProxy'> {
  const proxy = client.forwardProxy;
  if (!proxy) return message('connection.forwardProxy', {});
  const unverified = proxy.url.protocol === 'https:' && !proxy.strictSSL;
  return message('connection.forwardProxy', {
    proxy: proxyDisplay(proxy),
    source: proxy.source,
    ...(unverified ? { unverified } : {}),
  });
}

/** What a thrown value reports; anything that is not a LiteLLMError is a bug, said as such. */
function reportedOf(e: unknown): Message {
  return isLiteLLMError(e) ? e.reported : message('unexpected', { detail: String(e) });
}
