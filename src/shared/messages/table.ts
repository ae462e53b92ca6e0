/** The shape of the message tables: one rendering function per code, typed by that code's parameters. */
import type { MessageCode, MessageParams } from '../../core/messages';
import type { Render, Surface } from './surface';

export type Renderer<C extends MessageCode> = (p: MessageParams[C], s: Surface, render: Render) => string;
export type Table<C extends MessageCode> = { [K in C]: Renderer<K> };

/** Appends what the proxy said, when it said something, as its own sentence. */
export function withProxyMessage(s: Surface, text: string, proxyMessage: string | undefined): string {
  return proxyMessage ? `${text} ${s.l10n.t('The proxy said: {message}', { message: proxyMessage })}` : text;
}
