/**
 * How the extension renders the core's messages: through vscode.l10n (passed in, so this file runs in plain Node
 * tests too), naming settings by their full id (`litellm.image.timeoutMs`) and the key by its command. remoteName is
 * vscode.env.remoteName (undefined in a local window).
 */
import type { L10n, Surface } from '../shared/messages/surface';
import { SECTION } from './ids';

export function extensionSurface(l10n: L10n, locale: string, remoteName?: string): Surface {
  return {
    l10n,
    locale,
    ...(remoteName ? { remoteName } : {}),
    setting: (key) => `${SECTION}.${key}`,
    setKeyAdvice: () => l10n.t('Set the API key for this proxy with "LiteLLM: Set API Key".'),
    forwardProxy: {
      setting: 'http.proxy',
      noProxy: 'http.noProxy',
      login: l10n.t('{setting} or the user info of {proxy}', {
        setting: 'http.proxyAuthorization',
        proxy: 'http.proxy',
      }),
    },
  };
}
