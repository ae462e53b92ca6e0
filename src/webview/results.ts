/** The images saved from the Studio in this window, newest first (the host keeps the list). */
import type { ImageCard, WebviewMessage } from '../shared/studio/protocol';
import { CardList } from './cards';
import { h, setHidden } from './dom';
import type { StudioStrings } from './strings';

export class Results {
  readonly root: HTMLElement;
  private readonly cards: CardList;
  private readonly empty: HTMLElement;
  private key = '';

  constructor(s: StudioStrings, post: (message: WebviewMessage) => void) {
    this.cards = new CardList(s, post, { label: s.resultsHeading });
    this.empty = h('p', { class: 'hint empty' }, s.resultsEmpty);
    this.root = h(
      'section',
      { id: 'results', class: 'results', 'aria-labelledby': 'results-heading' },
      h('div', { class: 'section-header' }, h('h2', { id: 'results-heading' }, s.resultsHeading)),
      this.empty,
      this.cards.list,
    );
  }

  render(cards: readonly ImageCard[], linkTarget: string | undefined): void {
    this.cards.setLinkTarget(linkTarget);
    const key = JSON.stringify(cards);
    if (key === this.key) return;
    this.key = key;
    this.cards.setCards(cards);
    setHidden(this.empty, cards.length > 0);
    setHidden(this.cards.list, cards.length === 0);
  }
}
