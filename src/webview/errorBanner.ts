/**
 * The error of the last run, shown in place at the top of the composer with the host's suggested actions as
 * buttons, and the softer notice line. Both are live regions that stay in the DOM and are emptied when there is
 * nothing to say, so a new message is announced; an unchanged one is not re-rendered (or re-announced).
 */
import type { ErrorView, WebviewMessage } from '../shared/studio/protocol';
import { h, iconButton } from './dom';
import { icon } from './icons';
import type { StudioStrings } from './strings';

export class ErrorBanner {
  readonly error: HTMLElement;
  readonly notice: HTMLElement;
  private errorKey = '';
  private noticeText = '';

  constructor(
    private readonly s: StudioStrings,
    private readonly post: (message: WebviewMessage) => void,
  ) {
    this.error = h('div', { id: 'error', class: 'error-banner', role: 'alert' });
    this.notice = h('div', { id: 'notice', class: 'notice', role: 'status' });
    this.error.addEventListener('click', (e) => {
      const button = (e.target as Element).closest<HTMLButtonElement>('button[data-action]');
      if (!button) return;
      const action = button.dataset.action!;
      if (action === 'dismiss') this.post({ type: 'dismissError' });
      else this.post({ type: 'errorAction', action: action as ErrorView['actions'][number]['action'] });
    });
  }

  render(error: ErrorView | undefined, notice: string | undefined): void {
    const key = error ? JSON.stringify(error) : '';
    if (key !== this.errorKey) {
      this.errorKey = key;
      this.error.replaceChildren(...(error ? this.errorContent(error) : []));
    }
    const text = notice ?? '';
    if (text !== this.noticeText) {
      this.noticeText = text;
      this.notice.replaceChildren(...(text ? [h('p', {}, text)] : []));
    }
  }

  private errorContent(error: ErrorView): Node[] {
    const actions = error.actions.map((a) =>
      h('button', { type: 'button', class: 'secondary', 'data-action': a.action }, a.label),
    );
    return [
      h('p', { class: 'error-message' }, error.message),
      h('div', { class: 'error-actions' }, ...actions),
      iconButton(icon('close'), this.s.dismissError, {
        class: 'icon-button dismiss',
        'data-action': 'dismiss',
      }),
    ];
  }
}
