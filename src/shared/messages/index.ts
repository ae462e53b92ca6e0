/**
 * Renders the core's coded messages (src/core/messages.ts) for one front end. Every code has exactly one rendering
 * here, written once in English through the front end's translator (`vscode.l10n` in the extension, whose bundles
 * hold the German and Japanese text); the front end's Surface names its settings or flags. Bundled on its own
 * (dist/messages.js) so the extension loads it on the first message rather than at activation.
 */
import type { Message, MessageCode } from '../../core/messages';
import { answerMessages } from './answerMessages';
import { corporateMessages } from './corporateMessages';
import { localMessages } from './localMessages';
import { networkMessages } from './networkMessages';
import { producedMessages } from './producedMessages';
import { requestMessages } from './requestMessages';
import type { Surface } from './surface';
import type { Renderer, Table } from './table';

const TABLE: Table<MessageCode> = {
  ...requestMessages,
  ...answerMessages,
  ...networkMessages,
  ...corporateMessages,
  ...localMessages,
  ...producedMessages,
};

export function renderMessage(m: Message, s: Surface): string {
  const render = (x: Message): string =>
    (TABLE[x.code] as Renderer<typeof x.code>)(x.params as never, s, render);
  return render(m);
}

/** The codes this table renders (the test compares them with the core's list). */
export const RENDERED_CODES = Object.keys(TABLE) as MessageCode[];

export { englishL10n, type L10n, type Surface } from './surface';
export { sizeProblemText, valueProblemText } from './valueText';
