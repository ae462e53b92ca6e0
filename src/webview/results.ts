/**
 * The images saved from the Studio in this window, newest first (the host keeps the list). While a job runs, a
 * placeholder card per image still to come sits at the top of the list, and the list is scrolled to it when the job
 * starts: in a narrow editor group the composer fills the view and the new cards would arrive below the fold.
 */
import type { ImageCard, JobView, WebviewMessage } from '../shared/studio/protocol';
import { CardList, thumbAspect } from './cards';
import { h, setHidden } from './dom';
import { jobTitle } from './progress';
import type { StudioStrings } from './strings';

/** Placeholders shown at most (a job of dall-e-3 requests can ask for more images than fit a view). */
const MAX_PLACEHOLDERS = 10;

export class Results {
  readonly root: HTMLElement;
  private readonly cards: CardList;
  private readonly empty: HTMLElement;
  /** The placeholders; hidden from screen readers, which hear the composer's progress row instead. */
  private readonly pending: HTMLUListElement;
  private key = '';
  /** The cards shown when the running job started: the ones not in it are the job's. */
  private beforeJob: Set<string> | undefined;

  constructor(
    private readonly s: StudioStrings,
    post: (message: WebviewMessage) => void,
  ) {
    this.cards = new CardList(s, post, { label: s.resultsHeading });
    this.empty = h('p', { class: 'hint empty' }, s.resultsEmpty);
    this.pending = h('ul', {
      id: 'results-pending',
      class: 'card-list',
      'aria-hidden': 'true',
      hidden: true,
    });
    this.root = h(
      'section',
      { id: 'results', class: 'results', 'aria-labelledby': 'results-heading' },
      h('div', { class: 'section-header' }, h('h2', { id: 'results-heading' }, s.resultsHeading)),
      this.empty,
      this.pending,
      this.cards.list,
    );
  }

  render(cards: readonly ImageCard[], linkTarget: string | undefined, job?: JobView): void {
    this.cards.setLinkTarget(linkTarget);
    const started = job !== undefined && this.beforeJob === undefined;
    if (!job) this.beforeJob = undefined;
    else this.beforeJob ??= new Set(cards.map((c) => c.id));
    const arrived = job ? cards.filter((c) => !this.beforeJob!.has(c.id)).length : 0;
    const waiting = job ? Math.min(MAX_PLACEHOLDERS, Math.max(0, job.count - arrived)) : 0;
    const title = job ? jobTitle(this.s, job) : '';
    const key = JSON.stringify([cards, waiting, title, job?.aspect]);
    if (key !== this.key) {
      this.key = key;
      this.cards.setCards(cards);
      this.renderPending(waiting, title, job?.aspect);
      setHidden(this.empty, cards.length > 0 || waiting > 0);
      setHidden(this.cards.list, cards.length === 0);
    }
    // Only when the job starts: after that the user may scroll away and should stay where they went.
    if (started && waiting > 0) this.pending.scrollIntoView({ block: 'nearest' });
  }

  private renderPending(count: number, title: string, aspect: number | undefined): void {
    const items = Array.from({ length: count }, () => {
      const thumb = h('div', { class: 'thumb placeholder-thumb' });
      // The shape the image is expected to have, within the cards' own limits, so nothing jumps when it arrives.
      if (aspect !== undefined) thumb.style.aspectRatio = String(thumbAspect(aspect));
      return h(
        'li',
        { class: 'placeholder-card' },
        thumb,
        h('div', { class: 'card-body' }, h('div', { class: 'card-name' }, title)),
      );
    });
    this.pending.replaceChildren(...items);
    setHidden(this.pending, count === 0);
  }
}
