/**
 * What a front end supplies to render the core's messages: its translator and how it names things. The extension
 * passes `vscode.l10n` and names settings (`litellm.image.timeoutMs`); the CLI passes an English formatter and names
 * its flags and environment variables (`--timeout-ms`). The sentences themselves are written once, in this folder.
 */
import type { Message, SettingKey } from '../../core/messages';

export type L10nArgs = Record<string, string | number>;

/** The shape of `vscode.l10n` this folder uses: a literal message with named `{placeholders}`. */
export interface L10n {
  t(message: string, args?: L10nArgs): string;
}

export interface Surface {
  l10n: L10n;
  /** BCP 47 language for lists and numbers (`en`, `de`, `ja`). */
  locale: string;
  /** How a setting is named where the user changes it. */
  setting(key: SettingKey): string;
  /** One sentence telling the user how to give this front end the API key. */
  setKeyAdvice(): string;
  /**
   * How this front end configures forward proxies: where the proxy is set (VS Code's `http.proxy`, the CLI's
   * `--proxy`), the hosts that bypass it, and where a proxy login goes.
   */
  forwardProxy: { setting: string; noProxy: string; login: string };
  /**
   * Set when the code runs in a remote window (VS Code's `env.remoteName`: `ssh-remote`, `wsl`, `dev-container`,
   * `codespaces`…): the requests leave from that machine, so a loopback address in the proxy URL means it, not the
   * user's computer. The CLI runs where the user runs it and leaves it unset.
   */
  remoteName?: string;
}

/** Renders a nested message (an attempt's error, a connection problem). */
export type Render = (m: Message) => string;

/** `vscode.l10n.t`'s behaviour without translations: fills `{name}` placeholders, leaves unknown ones. */
export const englishL10n: L10n = {
  t: (message, args = {}) =>
    message.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : whole,
    ),
};

export function list(s: Surface, items: readonly string[]): string {
  return new Intl.ListFormat(s.locale, { type: 'conjunction' }).format(items);
}

/** Allowed values, quoted as they are typed: `"png", "jpeg"` (code-like, so not a sentence list). */
export function quotedList(_s: Surface, items: readonly string[]): string {
  return items.map((i) => `"${i}"`).join(', ');
}

export function num(s: Surface, n: number, fractionDigits?: number): string {
  const digits =
    fractionDigits === undefined
      ? {}
      : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits };
  return new Intl.NumberFormat(s.locale, digits).format(n);
}
