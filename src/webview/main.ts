/**
 * The Image Studio webview's entry point. The extension host owns the state and sends it whole (`state`), plus the
 * output folder's history (`history`, then `historyDetails` batches); this script renders it and sends the user's
 * intents back. Plain DOM and TypeScript: the bundle imports only types from the protocol, so it carries no zod.
 */
import type { ComposerDraft, HostMessage, StudioState, WebviewMessage } from '../shared/studio/protocol';
import { Composer } from './composer';
import { h } from './dom';
import { ErrorBanner } from './errorBanner';
import { History } from './history';
import { MaskPainter } from './maskPainter';
import { References } from './references';
import { Results } from './results';
import { readStrings } from './strings';
import { connectHost } from './vscodeApi';

const s = readStrings(document.body);
const host = connectHost();
const post = (message: WebviewMessage) => host.post(message);
let state: StudioState | undefined;

const errors = new ErrorBanner(s, post);
const painter = new MaskPainter(
  s,
  (status) => references.setMaskStatus(status),
  (open) => references.setPainterOpen(open),
);
const references = new References(s, post, () => painter.toggle());
const composer = new Composer(s, host, run);
const results = new Results(s, post);
const history = new History(s, post);

/** Sends the run; with references, the painted mask of the first one goes along. */
async function run(draft: ComposerDraft): Promise<void> {
  const mask = state && state.references.length > 0 ? await painter.exportMask() : undefined;
  post(mask ? { type: 'run', draft, mask } : { type: 'run', draft });
}

function render(next: StudioState): void {
  state = next;
  errors.render(next.error, next.notice);
  composer.applyState(next);
  references.render(next.references);
  painter.setReference(next.references[0]);
  results.render(next.results, next.linkTarget, next.job);
  history.setLinkTarget(next.linkTarget);
}

const app = document.getElementById('app') ?? document.body.appendChild(h('main', { id: 'app' }));
app.replaceChildren(
  h(
    'div',
    { class: 'studio' },
    h(
      'section',
      { class: 'column composer-column', 'aria-labelledby': 'composer-heading' },
      h('h2', { id: 'composer-heading' }, s.composerHeading),
      errors.error,
      errors.notice,
      composer.promptField,
      references.root,
      painter.root,
      composer.settings,
      composer.actions,
    ),
    h('div', { class: 'column output-column' }, results.root, history.root),
  ),
  references.dropOverlay,
);

composer.restore(host.load());

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (!message || typeof message !== 'object') return;
  switch (message.type) {
    case 'state':
      render(message.state);
      break;
    case 'history':
      history.render(message.history);
      break;
    case 'historyDetails':
      history.patchDetails(message.details);
      break;
  }
});

post({ type: 'ready' });
