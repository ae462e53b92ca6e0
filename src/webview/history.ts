/**
 * The output folder's images: the cards that fill the view painted first, then the rest built in slices of a few
 * milliseconds each (a folder can hold hundreds), details patched in by id as the host reads them, and a filter that
 * only toggles `hidden` (no re-render while typing). The first paint of a non-empty list is marked for the benchmark
 * (`studio:history-painted`, `body[data-history-painted]`).
 */
import type { HistoryView, ImageCard, ImageDetails, WebviewMessage } from '../shared/studio/protocol';
import { CardList } from './cards';
import { h, iconButton, setHidden, setText } from './dom';
import { historyNotice } from './historyNotice';
import { icon } from './icons';
import { format, plural, type StudioStrings } from './strings';

/**
 * Work per slice after the first paint: building cards and filling in details stops once a slice has taken this
 * long, and the next slice runs in a new task, so the panel answers input between slices and no task of the Studio's
 * own comes near the 50 ms of a long task, however slow or busy the machine (fixed chunks of fifty cards measured up
 * to 76 ms on a loaded 2-core machine).
 */
const SLICE_MS = 8;
/** Cards (or detail patches) between two looks at the clock: one card takes a fraction of a millisecond. */
const GROUP = 4;
/** The first paint builds the cards that fill the view, and never more than this (a very tall panel). */
const FIRST_PAINT_MAX = 48;

/** rAF runs before the frame's paint; the task queued from it runs once the frame is on screen. */
function afterNextFrame(run: () => void): void {
  requestAnimationFrame(() => setTimeout(run, 0));
}

export class History {
  readonly root: HTMLElement;
  private readonly cards: CardList;
  private readonly filter: HTMLInputElement;
  private readonly folder: HTMLElement;
  private readonly count: HTMLElement;
  private readonly status: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly noMatch: HTMLElement;
  private total = 0;
  private painted = false;
  /** The newest list's cards; the first `built` of them are on the page. */
  private target: readonly ImageCard[] = [];
  private built = 0;
  /** Details that arrived for cards already built, filled in by the slices. */
  private readonly details: { id: string; details: ImageDetails }[] = [];
  /** A slice is queued (or the first paint is pending, which queues one after it). */
  private scheduled = false;

  constructor(
    private readonly s: StudioStrings,
    post: (message: WebviewMessage) => void,
  ) {
    this.cards = new CardList(s, post, { label: s.historyHeading });
    this.filter = h('input', {
      id: 'history-filter',
      type: 'search',
      placeholder: s.historyFilterPlaceholder,
      'aria-label': s.historyFilterLabel,
      'aria-controls': 'history-list',
      autocomplete: 'off',
      spellcheck: 'false',
    });
    this.cards.list.id = 'history-list';
    this.folder = h('span', { class: 'history-folder' });
    this.count = h('span', { class: 'history-count', 'aria-live': 'polite' });
    this.status = h('p', { class: 'history-status hint', 'aria-live': 'polite', hidden: true });
    this.notice = h('p', { class: 'history-notice hint', 'aria-live': 'polite', hidden: true });
    this.noMatch = h('p', { class: 'hint', hidden: true }, s.historyNoMatch);
    const refresh = iconButton(icon('refresh'), s.refreshHistory, { id: 'refresh-history' });
    refresh.addEventListener('click', () => post({ type: 'refreshHistory' }));
    this.root = h(
      'section',
      { id: 'history', class: 'history', 'aria-labelledby': 'history-heading' },
      h(
        'div',
        { class: 'section-header' },
        h('h2', { id: 'history-heading' }, s.historyHeading),
        this.folder,
        this.count,
        refresh,
      ),
      this.filter,
      this.status,
      this.notice,
      this.noMatch,
      this.cards.list,
    );
    this.filter.addEventListener('input', () => this.showCount(this.cards.filter(this.filter.value)));
  }

  /**
   * Shows a list: at once the cards already built (reused) or, the first time, the cards that fill the view; the rest
   * in slices once that has painted. A newer list (the whole folder after its newest screenful, a refresh) simply
   * becomes the target of the slices still to come.
   */
  render(history: HistoryView): void {
    const s = this.s;
    setText(this.folder, history.folder ? format(s.historyFolder, history.folder) : '');
    const status =
      history.status === 'loading'
        ? s.historyLoading
        : history.status === 'no-folder'
          ? (history.message ?? s.historyNoFolder)
          : history.status === 'failed'
            ? (history.message ?? s.historyFailed)
            : history.items.length === 0
              ? s.historyEmpty
              : '';
    setText(this.status, status);
    setHidden(this.status, !status);
    this.status.classList.toggle('field-error', history.status === 'failed');
    // While loading again, keep showing the images already listed.
    if (history.status === 'loading' && this.total > 0) return;

    this.total = history.total ?? history.items.length;
    const notice = history.status === 'ready' ? historyNotice(this.total, history.partial, s) : '';
    setText(this.notice, notice);
    setHidden(this.notice, !notice);
    setHidden(this.filter, this.total === 0);
    this.target = history.items;
    if (this.painted) {
      this.show(Math.min(this.target.length, this.built));
      this.schedule();
      return;
    }
    this.show(this.fillView());
    if (this.total > 0) {
      this.painted = true;
      this.scheduled = true;
      const count = this.total;
      afterNextFrame(() => {
        performance.mark('studio:history-painted');
        document.body.dataset.historyPainted = String(count);
        this.scheduled = false;
        this.schedule();
      });
    }
  }

  /** The first paint: cards until the list reaches the bottom of the view (one layout per group), or all of them. */
  private fillView(): number {
    const end = Math.min(this.target.length, FIRST_PAINT_MAX);
    let n = Math.min(end, GROUP);
    this.show(n);
    while (n < end && this.cards.list.getBoundingClientRect().bottom < window.innerHeight) {
      n = Math.min(end, n + GROUP);
      this.show(n);
    }
    return n;
  }

  /** The first `n` cards of the target on the page, and the count. */
  private show(n: number): void {
    this.built = n;
    this.showCount(this.cards.setCards(n === this.target.length ? this.target : this.target.slice(0, n)));
  }

  private schedule(): void {
    if (this.scheduled || (this.built >= this.target.length && this.details.length === 0)) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.slice();
    }, 0);
  }

  /**
   * One slice: details for cards already built (they may be in view), else more cards, until SLICE_MS have passed;
   * then the next slice.
   */
  private slice(): void {
    const deadline = performance.now() + SLICE_MS;
    let built = this.built;
    while (performance.now() < deadline) {
      if (this.details.length) this.cards.patchDetails(this.details.splice(0, GROUP));
      else if (built < this.target.length) {
        const from = built;
        built = Math.min(this.target.length, built + GROUP);
        // Built off the page: the list is updated once per slice, with the cards this slice made.
        this.cards.prepare(this.target.slice(from, built));
      } else break;
    }
    if (built !== this.built) this.show(built);
    else if (this.filter.value.trim()) this.showCount(this.cards.filter(this.filter.value));
    this.schedule();
  }

  /** Details the host read: kept for cards still to be built, filled in by the slices for cards already built. */
  patchDetails(batch: readonly { id: string; details: ImageDetails }[]): void {
    const now = this.cards.rememberDetails(batch);
    this.details.push(...now);
    this.schedule();
  }

  setLinkTarget(target: string | undefined): void {
    this.cards.setLinkTarget(target);
  }

  private showCount(visible: number): void {
    const s = this.s;
    const filtering = this.filter.value.trim() !== '';
    setText(
      this.count,
      this.total === 0
        ? ''
        : filtering
          ? format(s.historyCountFiltered, visible, this.total)
          : plural(this.total, s.historyCountOne, s.historyCountMany),
    );
    setHidden(this.noMatch, !(filtering && visible === 0 && this.total > 0));
  }
}
