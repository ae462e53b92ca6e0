/**
 * The reference images of an edit: a strip of thumbnails with remove buttons, "Paint mask" on the first one (the
 * mask applies to it), "Add reference…", and dropping files onto the panel. References live in the host; this
 * renders them and sends intents by id.
 */
import type { ReferenceView, WebviewMessage } from '../shared/studio/protocol';
import { h, iconButton, setHidden, setText } from './dom';
import { droppedUris, mayCarryFiles } from './dropUris';
import { icon } from './icons';
import { format, type StudioStrings } from './strings';

export class References {
  readonly root: HTMLElement;
  /** Covers the panel while something droppable is dragged over it. */
  readonly dropOverlay: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly dropMessage: HTMLElement;
  private key = '';
  private firstId: string | undefined;
  private maskStatus: string | undefined;
  private painterOpen = false;
  private dragTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly s: StudioStrings,
    private readonly post: (message: WebviewMessage) => void,
    private readonly togglePainter: () => void,
  ) {
    const add = h(
      'button',
      { id: 'add-reference', type: 'button', class: 'secondary' },
      icon('add'),
      s.addReference,
    );
    add.addEventListener('click', () => this.post({ type: 'pickReferences' }));
    this.list = h('ul', { id: 'references', class: 'reference-strip', role: 'list', hidden: true });
    this.dropMessage = h('p', { class: 'hint', 'aria-live': 'polite' });
    this.root = h(
      'section',
      { class: 'references', 'aria-labelledby': 'references-heading' },
      h('div', { class: 'section-header' }, h('h3', { id: 'references-heading' }, s.referencesHeading), add),
      this.list,
      h('p', { class: 'hint' }, s.dropHint),
      this.dropMessage,
    );
    this.dropOverlay = h(
      'div',
      { class: 'drop-overlay', 'aria-hidden': 'true' },
      h('div', { class: 'drop-overlay-text' }, s.dropOverlay),
    );

    this.list.addEventListener('click', (e) => {
      const button = (e.target as Element).closest<HTMLButtonElement>('button[data-action]');
      const id = button?.closest<HTMLElement>('[data-id]')?.dataset.id;
      if (!button || !id) return;
      if (button.dataset.action === 'remove') this.post({ type: 'removeReference', id });
      else if (button.dataset.action === 'paintMask') this.togglePainter();
    });
    this.listenForDrops();
  }

  render(references: readonly ReferenceView[]): void {
    const key = JSON.stringify(references);
    if (key === this.key) return;
    this.key = key;
    this.firstId = references[0]?.id;
    this.list.replaceChildren(...references.map((ref, i) => this.item(ref, i === 0)));
    setHidden(this.list, references.length === 0);
    this.showMaskState();
  }

  /** "Mask: 12% of the image" on the first thumbnail, or nothing when there is no mask. */
  setMaskStatus(text: string | undefined): void {
    this.maskStatus = text;
    this.showMaskState();
  }

  setPainterOpen(open: boolean): void {
    this.painterOpen = open;
    this.showMaskState();
  }

  private showMaskState(): void {
    const first = this.list.firstElementChild;
    if (!first) return;
    const status = first.querySelector<HTMLElement>('.mask-status');
    if (status) {
      setText(status, this.maskStatus ?? '');
      setHidden(status, !this.maskStatus);
    }
    const paint = first.querySelector<HTMLButtonElement>('#paint-mask');
    if (paint) {
      paint.setAttribute('aria-expanded', String(this.painterOpen));
      paint.classList.toggle('active', this.painterOpen);
    }
  }

  private item(ref: ReferenceView, first: boolean): HTMLLIElement {
    const s = this.s;
    const dims = ref.width && ref.height ? `${ref.width} × ${ref.height}` : '';
    return h(
      'li',
      { class: 'reference', 'data-id': ref.id },
      h(
        'div',
        { class: 'reference-thumb' },
        h('img', { src: ref.src, alt: ref.name, decoding: 'async', draggable: 'false' }),
      ),
      h(
        'div',
        { class: 'reference-info' },
        h('span', { class: 'reference-name', title: ref.label }, ref.name),
        dims && h('span', { class: 'reference-size' }, dims),
        first && h('span', { class: 'mask-status badge', hidden: true }),
        first &&
          h(
            'button',
            {
              id: 'paint-mask',
              type: 'button',
              class: 'secondary small',
              'data-action': 'paintMask',
              'aria-controls': 'mask-painter',
              'aria-expanded': 'false',
            },
            icon('mask'),
            s.paintMask,
          ),
      ),
      iconButton(icon('remove'), format(s.removeReference, ref.name), {
        class: 'icon-button reference-remove',
        'data-action': 'remove',
      }),
    );
  }

  private listenForDrops(): void {
    const hide = () => {
      document.body.classList.remove('drop-active');
      if (this.dragTimer !== undefined) clearTimeout(this.dragTimer);
      this.dragTimer = undefined;
    };
    const over = (e: DragEvent) => {
      if (!e.dataTransfer || !mayCarryFiles([...e.dataTransfer.types])) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      document.body.classList.add('drop-active');
      // dragleave fires for every child crossed; a drag that stops arriving has left the panel.
      if (this.dragTimer !== undefined) clearTimeout(this.dragTimer);
      this.dragTimer = setTimeout(hide, 400);
    };
    document.addEventListener('dragenter', over);
    document.addEventListener('dragover', over);
    document.addEventListener('dragend', hide);
    document.addEventListener('drop', (e) => {
      hide();
      if (!e.dataTransfer) return;
      e.preventDefault();
      const uris = droppedUris(e.dataTransfer);
      if (uris.length) {
        setText(this.dropMessage, '');
        this.post({ type: 'dropReferences', uris });
      } else setText(this.dropMessage, this.s.dropNothing);
    });
  }

  /** The id of the reference the mask applies to. */
  get maskReferenceId(): string | undefined {
    return this.firstId;
  }
}
