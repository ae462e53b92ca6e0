/**
 * The "Test Connection" report: policy verdict, reachability (no key), version, whether the key works, and the image
 * models, each with what to fix. It never throws for a proxy problem: the report says what went wrong.
 */
import { CallControl, LiteLLMClient } from './client';
import { DiscoveredModel } from './discovery';
import { LiteLLMError } from './errors';
import { displayUrl } from './networkPolicy';
import { apiRoot } from './settings';

export type AuthState = 'ok' | 'not_required' | 'missing' | 'rejected' | 'unknown';

export interface ConnectionReport {
  baseUrl: string;
  policy: { allowed: boolean; summary: string };
  reachable: boolean;
  version?: string;
  auth: AuthState;
  models: Array<Pick<DiscoveredModel, 'id' | 'canGenerate' | 'canEdit' | 'evidence'>>;
  problems: string[];
  ok: boolean;
}

export async function checkConnection(
  client: LiteLLMClient,
  ctl: CallControl = {},
): Promise<ConnectionReport> {
  const s = client.settings;
  const report: ConnectionReport = {
    baseUrl: displayUrl(apiRoot(s.baseUrl)),
    policy: { allowed: false, summary: '' },
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
    report.policy = { allowed: false, summary: (e as Error).message };
    report.problems.push((e as Error).message);
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
      report.problems.push(err.message);
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
      report.problems.push(
        client.hasKey
          ? `The proxy rejected the API key. ${err.proxyMessage ? `(${err.proxyMessage}) ` : ''}Set the key for ${report.baseUrl}.`
          : `The proxy needs an API key. Set one for ${report.baseUrl} (or LITELLM_API_KEY).`,
      );
      return report;
    }
    report.problems.push(err.message);
  }
  try {
    const models = await client.listImageModels(ctl);
    report.models = models.map(({ id, canGenerate, canEdit, evidence }) => ({
      id,
      canGenerate,
      canEdit,
      evidence,
    }));
    if (models.length === 0)
      report.problems.push(
        'The proxy lists no image models. Add one to its config (mode: image_generation).',
      );
    const configured = s.model;
    if (models.length > 0 && !models.some((m) => m.id === configured))
      report.problems.push(
        `The configured model "${configured}" is not among the proxy's image models: ${models.map((m) => m.id).join(', ')}.`,
      );
  } catch (e) {
    const err = e as LiteLLMError;
    if (err.kind === 'cancelled') throw err;
    report.problems.push(`Could not list models: ${err.message}`);
  }
  report.ok = report.problems.length === 0;
  return report;
}
