/**
 * The Studio's user-visible text. The host localizes it with vscode.l10n (src/extension/studio/studioStrings.ts)
 * and hands it over as JSON in `<body data-strings>`; the webview imports only the type, and fills `{0}`
 * placeholders itself with `format`.
 */
import type { StudioStrings } from '../extension/studio/studioStrings';

export type { StudioStrings };

/**
 * Reads the strings from the body. A missing or unreadable entry shows its key rather than breaking the panel
 * (a host/webview version skew should never leave a blank button).
 */
export function readStrings(body: { readonly dataset: { readonly strings?: string } }): StudioStrings {
  let parsed: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(body.dataset.strings ?? '{}');
    if (value && typeof value === 'object') parsed = value as Record<string, unknown>;
  } catch {
    // fall through to the keys
  }
  return new Proxy(parsed, {
    get: (target, key) => {
      const text = target[key as string];
      return typeof text === 'string' ? text : String(key);
    },
  }) as unknown as StudioStrings;
}

/** Replaces `{0}`, `{1}`… with the arguments; unknown placeholders stay as they are. */
export function format(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => {
    const arg = args[Number(index)];
    return arg === undefined ? match : String(arg);
  });
}

/** "1 image" / "3 images": two messages, since languages pluralize differently. */
export function plural(n: number, one: string, many: string): string {
  return n === 1 ? format(one, n) : format(many, n);
}
