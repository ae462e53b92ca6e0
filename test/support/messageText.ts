/**
 * The English text a user of the extension sees for a core message (the extension's surface with VS Code's
 * untranslated l10n), so unit tests assert on what is shown, not on codes alone. `cliText` is the CLI's.
 */
import type { LiteLLMError } from '../../src/core/errors';
import type { Message } from '../../src/core/messages';
import { extensionSurface } from '../../src/extension/messageSurface';
import { englishL10n, renderMessage } from '../../src/shared/messages';

export { cliText } from '../../src/cli/surface';

/** The rendered text of an error or a message; anything else as a string (so a failed assertion shows it). */
export function textOf(x: LiteLLMError | Message | unknown): string {
  const m = (x as LiteLLMError)?.reported ?? x;
  if (m && typeof m === 'object' && 'code' in m && 'params' in m)
    return renderMessage(m as Message, extensionSurface(englishL10n, 'en'));
  return String(x);
}

/** For assert.rejects/throws: true when the thrown error's text matches (else assert shows the text). */
export function textMatches(pattern: RegExp): (e: unknown) => boolean {
  return (e) => {
    const text = textOf(e);
    if (!pattern.test(text)) throw new Error(`expected ${pattern} to match: ${text}`);
    return true;
  };
}

/** The extension's surface in English, for renderers that take one directly. */
export const englishSurface = extensionSurface(englishL10n, 'en');
