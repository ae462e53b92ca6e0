/**
 * The output folder's images: the newest screenful painted first, then the rest built fifty cards per frame (a
 * folder can hold hundreds), details patched in by id as the host reads them, and a filter that only toggles `hidden` (no re-render while typing). The first paint of
 * a non-empty list is marked for the benchmark (`studio:history-painted`, `body[data-history-painted]`).
 */
import type { HistoryView, ImageDetails, WebviewMessage } from '../shared/studio/protocol';
import { CardList } from './cards';
import { h, iconButton, setHidden, setText } from './dom';
import { historyNotice } from './historyNotice';
import { icon } from './icons';
import { format, plural, type StudioStrings } from './strings';

/**
 * Cards built per frame after the first screenful: about 10–20 ms of work on a slow machine, so a chunk stays under
 * the 50 ms of a long task on a busy machine (with a hundred, the Studio's own long tasks reached 76 ms, median of 3
 * windows, on a loaded 2-core machine).
 */
const CHUNK = 50;

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
  /** The last list was the first part of the folder. */
  private partial = false;
  /** Bumped by every render, so a deferred render that a newer list overtook does nothing. */
  private renders = 0;

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
   * A list that completes a partial one (the host sends the newest screenful first) is built after the partial one
   * has painted, so the first cards show before hundreds more are made.
   */
  render(history: HistoryView): void {
    const completes = this.partial && history.status === 'ready' && history.total === undefined;
    this.partial = history.total !== undefined && history.total > history.items.length;
    const token = ++this.renders;
    if (!completes) return this.renderNow(history, history.items.length, token);
    afterNextFrame(() => {
      if (token === this.renders) this.renderNow(history, this.cards.list.children.length + CHUNK, token);
    });
  }

  /**
   * Shows the first `upTo` items, then the next CHUNK after each frame, so building hundreds of cards never blocks
   * the panel for long (a newer list stops an unfinished one).
   */
  private renderNow(history: HistoryView, upTo: number, token: number): void {
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
    const shown = history.items.length <= upTo ? history.items : history.items.slice(0, upTo);
    const visible = this.cards.setCards(shown);
    this.showCount(visible);
    if (shown.length < history.items.length)
      afterNextFrame(() => {
        if (token === this.renders) this.renderNow(history, upTo + CHUNK, token);
      });
    setHidden(this.filter, this.total === 0);
    if (!this.painted && this.total > 0) {
      this.painted = true;
      const count = this.total;
      afterNextFrame(() => {
        performance.mark('studio:history-painted');
        document.body.dataset.historyPainted = String(count);
      });
    }
  }

  patchDetails(batch: readonly { id: string; details: ImageDetails }[]): void {
    this.cards.patchDetails(batch);
    if (this.filter.value.trim()) this.showCount(this.cards.filter(this.filter.value));
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
