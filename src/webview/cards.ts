/**
 * Image cards for the results and the history: a lazy thumbnail in a fixed-aspect box (no layout shift), the name,
 * and — once the host knows them — model, size, cost and prompt. One delegated click listener per list serves every
 * card's actions, so 500 cards cost 500 subtrees and no closures. Details can arrive later and are patched in place.
 */
import type { ImageAction, ImageCard, ImageDetails, WebviewMessage } from '../shared/studio/protocol';
import { h, iconButton, setHidden, setText } from './dom';
import { icon, type IconName } from './icons';
import { format, type StudioStrings } from './strings';

/** Alt text is for recognising an image, not for reading a 30,000-character prompt. */
const ALT_CHARS = 200;

interface CardNode {
  el: HTMLLIElement;
  card: ImageCard;
  details?: ImageDetails;
  /** Lower-cased name, prompt, model and revised prompt, for the filter. */
  haystack: string;
}

export class CardList {
  readonly list: HTMLUListElement;
  private readonly nodes = new Map<string, CardNode>();
  /** Cards built ahead, off the page (prepare), which the next setCards puts in place. */
  private readonly prepared = new Map<string, CardNode>();
  /** Details known per id, from cards or from later batches; kept across re-lists of the same images. */
  private readonly knownDetails = new Map<string, ImageDetails>();
  private linkTarget: string | undefined;
  private template: HTMLLIElement | undefined;
  private query: string[] = [];
  /** Made on the first tooltip: creating the formatter alone takes milliseconds, and most cards are never hovered. */
  private date?: Intl.DateTimeFormat;

  constructor(
    private readonly s: StudioStrings,
    private readonly post: (message: WebviewMessage) => void,
    attrs: { id?: string; label: string },
  ) {
    this.list = h('ul', { class: 'card-list', role: 'list', 'aria-label': attrs.label });
    // The name's tooltip (where the file is, when it was made) is written when the pointer first reaches the card,
    // not for each of hundreds of cards while the list is built.
    this.list.addEventListener('pointerover', (e) => this.writeTooltip(e.target));
    this.list.addEventListener('click', (e) => {
      const button = (e.target as Element).closest<HTMLButtonElement>('button[data-action]');
      const id = button?.closest<HTMLElement>('[data-id]')?.dataset.id;
      if (!button || !id || button.disabled) return;
      this.post({ type: 'imageAction', action: button.dataset.action as ImageAction, id });
    });
    this.list.addEventListener('keydown', (e) => moveInToolbar(e));
    // `load` does not bubble: one capturing listener shapes every thumbnail as it loads.
    this.list.addEventListener('load', (e) => fitThumbnail(e.target), true);
    // Double-clicking a thumbnail opens the image (the Open button is the keyboard way).
    this.list.addEventListener('dblclick', (e) => {
      const thumb = (e.target as Element).closest('.thumb');
      const id = thumb?.closest<HTMLElement>('[data-id]')?.dataset.id;
      if (id) this.post({ type: 'imageAction', action: 'open', id });
    });
  }

  get size(): number {
    return this.nodes.size;
  }

  /** Shows these cards in this order, reusing the nodes of cards already shown. Returns how many are visible. */
  setCards(cards: readonly ImageCard[]): number {
    const next = new Map<string, CardNode>();
    const els: HTMLLIElement[] = [];
    for (const card of cards) {
      if (card.details) this.knownDetails.set(card.id, card.details);
      const details = this.knownDetails.get(card.id);
      let node = this.nodes.get(card.id) ?? this.prepared.get(card.id);
      if (!node || node.card.src !== card.src || node.card.name !== card.name) node = this.build(card);
      else {
        // The tooltip is written on hover from the card it had then; a new date makes it stale.
        if (node.card.time !== card.time) node.el.querySelector('.card-name')?.removeAttribute('title');
        node.card = card;
      }
      if (details && node.details !== details) this.fillDetails(node, details);
      next.set(card.id, node);
      els.push(node.el);
    }
    this.nodes.clear();
    this.prepared.clear();
    for (const [id, node] of next) this.nodes.set(id, node);
    for (const id of this.knownDetails.keys()) if (!next.has(id)) this.knownDetails.delete(id);

    const current = this.list.children;
    // The cards on the page that are already in place: when the new list only adds cards after them (the history
    // built a chunk at a time), those are appended and the rest is left alone, so a chunk costs what it adds instead
    // of re-inserting (and re-laying out) every card before it.
    let kept = 0;
    while (kept < current.length && kept < els.length && current[kept] === els[kept]) kept++;
    if (kept < current.length) kept = 0;
    if (kept < els.length || current.length !== els.length) {
      // One fragment: a single insertion however many cards there are.
      const fragment = document.createDocumentFragment();
      fragment.append(...(kept ? els.slice(kept) : els));
      if (kept) this.list.append(fragment);
      else this.list.replaceChildren(fragment);
    }
    return this.applyFilter();
  }

  /** Builds these cards off the page, for the next setCards that lists them (the history builds in slices). */
  prepare(cards: readonly ImageCard[]): void {
    for (const card of cards) {
      const node = this.nodes.get(card.id) ?? this.prepared.get(card.id);
      if (node && node.card.src === card.src && node.card.name === card.name) continue;
      const built = this.build(card);
      const details = card.details ?? this.knownDetails.get(card.id);
      if (card.details) this.knownDetails.set(card.id, card.details);
      if (details) this.fillDetails(built, details);
      this.prepared.set(card.id, built);
    }
  }

  /**
   * Keeps details that arrived after the list, for the cards still to be built; returns the ones for cards already
   * on the page, which patchDetails fills in (the history does that in slices).
   */
  rememberDetails(
    batch: readonly { id: string; details: ImageDetails }[],
  ): { id: string; details: ImageDetails }[] {
    for (const { id, details } of batch) this.knownDetails.set(id, details);
    return batch.filter(({ id, details }) => {
      const node = this.nodes.get(id) ?? this.prepared.get(id);
      return node !== undefined && node.details !== details;
    });
  }

  /** Details that arrived after the list (history provenance, read in batches). */
  patchDetails(batch: readonly { id: string; details: ImageDetails }[]): void {
    for (const { id, details } of batch) {
      this.knownDetails.set(id, details);
      const node = this.nodes.get(id) ?? this.prepared.get(id);
      if (node) this.fillDetails(node, details);
    }
    if (this.query.length) this.applyFilter();
  }

  /** The editor "Insert link" writes into; the buttons say which, and are disabled when there is none. */
  setLinkTarget(target: string | undefined): void {
    if (target === this.linkTarget) return;
    this.linkTarget = target;
    this.template = undefined;
    const label = this.insertLinkLabel();
    for (const b of this.list.querySelectorAll<HTMLButtonElement>('button[data-action="insertLink"]'))
      this.labelInsertLink(b, label);
  }

  /** Hides the cards that do not match every word of `query`; returns how many remain. */
  filter(query: string): number {
    this.query = query.toLowerCase().split(/\s+/).filter(Boolean);
    return this.applyFilter();
  }

  private applyFilter(): number {
    let visible = 0;
    for (const node of this.nodes.values()) {
      const match = this.query.every((word) => node.haystack.includes(word));
      setHidden(node.el, !match);
      if (match) visible++;
    }
    return visible;
  }

  /**
   * A new card: a deep clone of one template per list (one native call instead of ~60 element and attribute
   * calls; it matters at 500 cards), then the few per-card values.
   */
  private build(card: ImageCard): CardNode {
    const el = (this.template ??= this.buildTemplate()).cloneNode(true) as HTMLLIElement;
    el.dataset.id = card.id;
    const [thumb, body] = el.children as unknown as [HTMLElement, HTMLElement];
    const img = thumb.firstElementChild as HTMLImageElement;
    img.alt = card.name;
    img.src = card.src; // after `loading="lazy"` (from the template): set first, src would load at once
    const [name, , , actions] = body.children as unknown as HTMLElement[];
    name!.textContent = card.name;
    actions!.setAttribute('aria-label', format(this.s.cardActions, card.name));
    return { el, card, haystack: card.name.toLowerCase() };
  }

  /** The card skeleton: thumbnail box, name, empty details, and the action buttons. */
  private buildTemplate(): HTMLLIElement {
    const s = this.s;
    // One Tab stop per card (Open); the arrow keys move along the card's actions.
    const action = (name: ImageAction, iconName: IconName, label: string, disabled = false) =>
      iconButton(icon(iconName), label, {
        'data-action': name,
        disabled,
        tabindex: name === 'open' ? 0 : -1,
      });
    const insert = action('insertLink', 'insertLink', '');
    this.labelInsertLink(insert, this.insertLinkLabel());
    return h(
      'li',
      { class: 'image-card' },
      h('div', { class: 'thumb' }, h('img', { loading: 'lazy', decoding: 'async', draggable: 'false' })),
      h(
        'div',
        { class: 'card-body' },
        h('div', { class: 'card-name' }),
        h('div', { class: 'card-meta', hidden: true }),
        h('p', { class: 'card-prompt', hidden: true }),
        h(
          'div',
          { class: 'card-actions', role: 'toolbar' },
          action('open', 'open', s.actionOpen),
          action('reveal', 'reveal', s.actionReveal),
          insert,
          action('copyPath', 'copyPath', s.actionCopyPath),
          action('useAsReference', 'useAsReference', s.actionUseAsReference),
          action('rerun', 'rerun', s.actionRerun, true),
          action('loadSettings', 'loadSettings', s.actionLoadSettings, true),
        ),
      ),
    );
  }

  private fillDetails(node: CardNode, d: ImageDetails): void {
    const s = this.s;
    node.details = d;
    const el = node.el;
    const meta = el.querySelector<HTMLElement>('.card-meta')!;
    const model = h('span', { class: 'card-model' }, d.model);
    const parts: Node[] = [model];
    if (d.usedFallback) {
      const tip = d.requestedModel ? format(s.fallbackTooltip, d.requestedModel) : s.fallbackTooltipUnknown;
      // The tooltip for the pointer, the same words as hidden text for screen readers (a span's title is not read).
      parts.push(
        h(
          'span',
          { class: 'badge fallback', title: tip },
          s.fallbackBadge,
          h('span', { class: 'sr-only' }, tip),
        ),
      );
    }
    if (d.operation === 'edit') parts.push(h('span', { class: 'badge' }, s.editedBadge));
    if (d.notAsRequested) {
      const tip = format(s.notAsRequestedTooltip, d.notAsRequested);
      parts.push(
        h(
          'span',
          { class: 'badge mismatch', title: tip },
          s.notAsRequestedBadge,
          h('span', { class: 'sr-only' }, tip),
        ),
      );
    }
    if (d.size) parts.push(h('span', { class: 'card-size' }, d.size.replace('x', '×')));
    // The host's format (the status bar's), and only the proxy's own figure: an unknown cost shows nothing.
    if (d.costText) parts.push(h('span', { class: 'card-cost', title: s.costTooltip }, d.costText));
    meta.replaceChildren(...parts);
    setHidden(meta, false);

    // The difference in words, visible under the meta line (the badge's tooltip says it again for the pointer).
    el.querySelector('.card-differs')?.remove();
    if (d.notAsRequested)
      meta.after(h('p', { class: 'card-differs', 'aria-hidden': 'true' }, d.notAsRequested));

    const prompt = el.querySelector<HTMLElement>('.card-prompt')!;
    setText(prompt, d.prompt);
    prompt.title = d.prompt;
    setHidden(prompt, !d.prompt);

    el.querySelector('.card-revised')?.remove();
    if (d.revisedPrompt && d.revisedPrompt !== d.prompt) {
      prompt.after(
        h(
          'details',
          { class: 'card-revised' },
          h('summary', {}, s.revisedPrompt),
          h('p', {}, d.revisedPrompt),
        ),
      );
    }
    const img = el.querySelector('img')!;
    img.alt = d.prompt ? truncate(d.prompt, ALT_CHARS) : node.card.name;
    for (const b of el.querySelectorAll<HTMLButtonElement>(
      '[data-action="rerun"],[data-action="loadSettings"]',
    ))
      b.disabled = false;
    node.haystack = [node.card.name, d.prompt, d.model, d.requestedModel ?? '', d.revisedPrompt ?? '']
      .join('\n')
      .toLowerCase();
  }

  /** The card name's tooltip, the first time the pointer is over its card. */
  private writeTooltip(target: EventTarget | null): void {
    const el = target instanceof Element ? target.closest<HTMLElement>('[data-id]') : null;
    const node = el?.dataset.id ? this.nodes.get(el.dataset.id) : undefined;
    const name = node?.el.querySelector<HTMLElement>('.card-name');
    if (!node || !name || name.title) return;
    this.date ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    name.title = `${node.card.label}\n${this.date.format(node.card.time)}`;
  }

  private insertLinkLabel(): string {
    return this.linkTarget ? format(this.s.actionInsertLink, this.linkTarget) : this.s.actionInsertLinkNone;
  }

  private labelInsertLink(button: HTMLButtonElement, label: string): void {
    button.setAttribute('aria-label', label);
    button.title = label;
    button.disabled = !this.linkTarget;
    if (button.disabled && button.tabIndex === 0) {
      // Keep the card's one Tab stop on something focusable.
      button.tabIndex = -1;
      const open = button.parentElement?.querySelector<HTMLButtonElement>('[data-action="open"]');
      if (open) open.tabIndex = 0;
    }
  }
}

/**
 * Arrow keys, Home and End within a card's toolbar (roving tabindex): 500 cards × 7 actions would otherwise be
 * 3,500 Tab stops between the filter and the end of the list.
 */
function moveInToolbar(e: KeyboardEvent): void {
  const keys = ['ArrowLeft', 'ArrowRight', 'Home', 'End'];
  if (!keys.includes(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
  const current = (e.target as Element).closest<HTMLButtonElement>('.card-actions button');
  const toolbar = current?.parentElement;
  if (!current || !toolbar) return;
  const buttons = [...toolbar.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
  const i = buttons.indexOf(current);
  const next =
    e.key === 'Home'
      ? buttons[0]
      : e.key === 'End'
        ? buttons[buttons.length - 1]
        : buttons[(i + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length];
  if (!next || next === current) return;
  e.preventDefault();
  for (const b of toolbar.querySelectorAll<HTMLButtonElement>('button')) b.tabIndex = b === next ? 0 : -1;
  next.focus();
}

/** The thumbnail's shape, from square up to these: wider or taller images are cropped to it. */
const MIN_ASPECT = 1 / 2;
const MAX_ASPECT = 2;

/**
 * Gives a loaded thumbnail's box its image's shape (within 1:2 … 2:1), so a landscape image fills its card instead
 * of sitting on a band of checkerboard; the checkerboard then shows through transparent pixels only.
 */
function fitThumbnail(target: EventTarget | null): void {
  if (!(target instanceof HTMLImageElement) || !target.naturalWidth || !target.naturalHeight) return;
  const box = target.parentElement;
  if (!box?.classList.contains('thumb')) return;
  box.style.aspectRatio = String(thumbAspect(target.naturalWidth / target.naturalHeight));
}

/** A thumbnail box's aspect ratio for an image of this shape: clamped to 1:2 … 2:1, rounded for a stable style. */
export function thumbAspect(aspect: number): number {
  return Math.round(Math.min(MAX_ASPECT, Math.max(MIN_ASPECT, aspect)) * 1000) / 1000;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
