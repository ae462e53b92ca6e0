/** The shape of the message tables: one rendering function per code, typed by that code's parameters. */
import type { MessageCode, MessageParams } from '../../core/messages';
import type { Render, Surface } from './surface';

export type Renderer<C extends MessageCode> = (p: MessageParams[C], s: Surface, render: Render) => string;
export type Table<C extends MessageCode> = { [K in C]: Renderer<K> };

/** Sentences one after another, joined the way the language does (a space in English, none after 。 in Japanese). */
export function sentences(s: Surface, first: string, ...rest: string[]): string {
  return rest.reduce(
    (text, next) => s.l10n.t('{sentence} {nextSentence}', { sentence: text, nextSentence: next }),
    first,
  );
}

/** Appends what the proxy said, when it said something, as its own sentence. */
export function withProxyMessage(s: Surface, text: string, proxyMessage: string | undefined): string {
  return proxyMessage
    ? sentences(s, text, s.l10n.t('The proxy said: {message}', { message: proxyMessage }))
    : text;
}
