/**
 * The core's coded messages as text in the user's language. The sentences live in their own bundle
 * (dist/messages.js), loaded on the first message: activation never pays for them.
 */
import * as vscode from 'vscode';
import type { Message } from '../core/messages';
import type * as Messages from '../shared/messages';
import { extensionSurface } from './messageSurface';

let loaded: typeof Messages | undefined;

function messages(): typeof Messages {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, deliberately late load
  loaded ??= require('./messages.js') as typeof Messages;
  return loaded;
}

export function messageText(m: Message): string {
  return messages().renderMessage(
    m,
    extensionSurface(vscode.l10n, vscode.env.language, vscode.env.remoteName),
  );
}

/** A refusal the extension words itself (already through vscode.l10n), carried as a coded message. */
export function ownText(text: string): Message<'frontEnd.text'> {
  return { code: 'frontEnd.text', params: { text } };
}

/** A size problem of the flexible rule (the custom-size box checks as the user types). */
export function sizeProblemText(problem: Parameters<typeof Messages.sizeProblemText>[0]): string {
  return messages().sizeProblemText(
    problem,
    extensionSurface(vscode.l10n, vscode.env.language, vscode.env.remoteName),
  );
}
