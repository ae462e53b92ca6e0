/**
 * How the CLI renders the core's messages: in English, naming its own flags and environment variables (never a VS
 * Code setting or command), from the settings registry.
 */
import { ENV_API_KEY, SETTING_SPECS } from '../core/settingsRegistry';
import { englishL10n, renderMessage, type Surface } from '../shared/messages';
import type { ConnectionReport } from '../core/connectionCheck';
import type { AttemptSummary } from '../core/errors';
import type { Message } from '../core/messages';

/** `--base-url (or LITELLM_BASE_URL)`; a setting the CLI has no flag for keeps its registry key. */
export function cliSettingName(key: string): string {
  const spec = SETTING_SPECS.find((s) => s.key === key);
  if (!spec?.cli) return key;
  return spec.env ? `${spec.cli.flag} (or ${spec.env})` : spec.cli.flag;
}

export const cliSurface: Surface = {
  l10n: englishL10n,
  locale: 'en',
  setting: cliSettingName,
  setKeyAdvice: () => `Set ${ENV_API_KEY} to the key for this proxy.`,
  forwardProxy: {
    setting: '--proxy',
    noProxy: 'NO_PROXY',
    login: 'the proxy URL (http://user:password@host:port)',
  },
};

export function cliText(m: Message): string {
  return renderMessage(m, cliSurface);
}

/** Attempts as the CLI's JSON prints them: the reason as text, not as a code. */
export function cliAttempts(attempts: readonly AttemptSummary[] | undefined) {
  return attempts?.map(({ error, ...a }) => ({ ...a, ...(error ? { message: cliText(error) } : {}) }));
}

/** The connection report as JSON: the same fields, with the policy verdict and the problems as text. */
export function cliConnectionReport(r: ConnectionReport) {
  return {
    ...r,
    policy: { allowed: r.policy.allowed, summary: r.policy.summary ? cliText(r.policy.summary) : '' },
    forwardProxy: cliText(r.forwardProxy),
    ...(r.certificates ? { certificates: cliText(r.certificates) } : {}),
    problems: r.problems.map(cliText),
  };
}
