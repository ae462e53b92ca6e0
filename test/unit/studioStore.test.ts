import { strict as assert } from 'node:assert';
import type { ComposerDraft, ErrorView, ImageCard, ModelsView } from '../../src/shared/studio/protocol';
import {
  EMPTY_DRAFT,
  MAX_REFERENCES,
  MAX_RESULTS,
  type Reference,
  StudioStore,
} from '../../src/extension/studio/studioStore';

const models: ModelsView = { status: 'ready', items: [] };
const draft = (prompt: string, model = ''): ComposerDraft => ({ prompt, model, options: {} });
const ref = (n: number): Reference => ({
  path: `/ws/ref-${n}.png`,
  view: { id: `r${n}`, name: `ref-${n}.png`, label: `ref-${n}.png`, src: `src-${n}`, width: 8, height: 8 },
});
const card = (n: number): ImageCard => ({
  id: `c${n}`,
  name: `${n}.png`,
  label: `${n}.png`,
  src: `s${n}`,
  time: n,
});
const error: ErrorView = { kind: 'network', message: 'The proxy did not answer.', actions: [] };
const running = { operation: 'generate' as const, detail: 'Connecting…', count: 1 };

/** A store with a clock the test moves by hand. */
function makeStore(seed: { draft?: ComposerDraft; defaultModel?: string } = {}) {
  let now = 1000;
  const store = new StudioStore({ defaultModel: 'gpt-image-1', ...seed }, () => now);
  return { store, tick: (ms: number) => (now += ms), state: () => store.snapshot({ models }) };
}

describe('Studio store (the panel state, in plain Node)', () => {
  it('starts from the saved draft, or an empty one, at revision 1 with nothing running', () => {
    const fresh = makeStore().state();
    assert.deepEqual(fresh.draft, EMPTY_DRAFT);
    assert.equal(fresh.composerRevision, 1);
    assert.equal(fresh.defaultModel, 'gpt-image-1');
    assert.deepEqual(
      [fresh.references, fresh.results, fresh.job, fresh.error, fresh.notice],
      [[], [], undefined, undefined, undefined],
    );
    assert.deepEqual(makeStore({ draft: draft('a kite') }).state().draft, draft('a kite'));
  });

  it('a typed draft keeps the revision; "load settings" replaces the composer, bumps it and drops the references', () => {
    const { store, state } = makeStore();
    store.addReference(ref(1));
    store.changeDraft(draft('a kite'));
    assert.equal(state().composerRevision, 1, 'typing does not reset the webview inputs');
    assert.equal(state().references.length, 1);
    store.loadComposer(draft('a red kite', 'dall-e-3'));
    assert.equal(state().composerRevision, 2);
    assert.deepEqual(state().draft, draft('a red kite', 'dall-e-3'));
    assert.deepEqual(state().references, []);
    assert.deepEqual(store.saved(), { draft: draft('a red kite', 'dall-e-3'), references: [] });
  });

  it('the model a run uses is the composer’s, or the configured default when left empty', () => {
    const { store } = makeStore();
    store.changeDraft(draft('x', '  '));
    assert.equal(store.effectiveModel, 'gpt-image-1');
    store.setDefaultModel('gpt-image-2');
    assert.equal(store.effectiveModel, 'gpt-image-2');
    store.changeDraft(draft('x', ' dall-e-3 '));
    assert.equal(store.effectiveModel, 'dall-e-3');
  });

  it('references: added once each, at most MAX_REFERENCES, removed by id, saved as paths', () => {
    const { store, state } = makeStore();
    assert.equal(store.addReference(ref(1)), 'added');
    assert.equal(store.addReference(ref(1)), 'duplicate');
    assert.ok(store.hasReference('/ws/ref-1.png'));
    for (let i = 2; i <= MAX_REFERENCES; i++) assert.equal(store.addReference(ref(i)), 'added');
    assert.ok(store.referencesFull);
    assert.equal(store.addReference(ref(MAX_REFERENCES + 1)), 'full');
    assert.equal(state().references.length, MAX_REFERENCES);
    store.removeReference('r1');
    assert.equal(store.firstReference?.view.id, 'r2', 'the mask now belongs to the next one');
    assert.equal(store.referencesFull, false);
    assert.deepEqual(store.saved().references.slice(0, 2), ['/ws/ref-2.png', '/ws/ref-3.png']);
    store.removeReference('no-such-id');
    assert.equal(state().references.length, MAX_REFERENCES - 1);
  });

  it('a run clears the last error and notice, shows its progress and elapsed time, and ends with no job', () => {
    const { store, state, tick } = makeStore();
    store.showError(error);
    store.showNotice('Copied /ws/a.png');
    assert.equal(store.startRun(running), true);
    assert.ok(store.running);
    assert.deepEqual([state().error, state().notice], [undefined, undefined]);
    tick(250);
    store.progress('Waiting for gpt-image-1…');
    assert.deepEqual(state().job, { ...running, detail: 'Waiting for gpt-image-1…', elapsedMs: 250 });
    store.finishRun();
    assert.equal(state().job, undefined);
    assert.equal(store.running, false);
    store.progress('late event');
    assert.equal(state().job, undefined, 'a progress event after the end does not bring the job back');
  });

  it('a second run is refused while one runs, and allowed once it has finished', () => {
    const { store, state } = makeStore();
    assert.equal(store.startRun(running), true);
    store.showError(error);
    assert.equal(store.startRun({ ...running, operation: 'edit', count: 4 }), false);
    assert.equal(state().job?.operation, 'generate', 'the first run is still the one shown');
    assert.deepEqual(state().error, error, 'the refused run cleared nothing');
    store.finishRun();
    assert.equal(store.startRun({ ...running, operation: 'edit' }), true);
    assert.equal(state().job?.operation, 'edit');
  });

  it('results: newest first, a re-saved file appears once, at most MAX_RESULTS kept', () => {
    const { store, state } = makeStore();
    store.addResult(card(1));
    store.addResult(card(2));
    store.addResult({ ...card(1), time: 99 });
    assert.deepEqual(
      state().results.map((c) => [c.id, c.time]),
      [
        ['c1', 99],
        ['c2', 2],
      ],
    );
    for (let i = 3; i < MAX_RESULTS + 20; i++) store.addResult(card(i));
    const ids = state().results.map((c) => c.id);
    assert.equal(ids.length, MAX_RESULTS);
    assert.equal(ids[0], `c${MAX_RESULTS + 19}`);
    assert.ok(!ids.includes('c2'), 'the oldest went first');
  });

  it('a cancelled run ends the job and leaves a notice, keeping the results and showing no error', () => {
    const { store, state } = makeStore();
    store.startRun({ ...running, count: 2 });
    store.addResult(card(1));
    store.showNotice('Cancelled.');
    store.finishRun();
    const s = state();
    assert.deepEqual([s.job, s.error, s.notice], [undefined, undefined, 'Cancelled.']);
    assert.deepEqual(
      s.results.map((c) => c.id),
      ['c1'],
      'an image saved before the cancel stays',
    );
  });

  it('dismiss clears the error and the notice together, and nothing else', () => {
    const { store, state } = makeStore({ draft: draft('a kite') });
    store.addReference(ref(1));
    store.addResult(card(1));
    store.showError(error);
    store.showNotice('The original mask is not loaded.');
    assert.deepEqual([state().error, state().notice], [error, 'The original mask is not loaded.']);
    store.dismiss();
    const s = state();
    assert.deepEqual([s.error, s.notice], [undefined, undefined]);
    assert.deepEqual([s.draft.prompt, s.references.length, s.results.length], ['a kite', 1, 1]);
  });

  it('a snapshot is a copy: later transitions do not change what was sent', () => {
    const { store, state } = makeStore();
    store.addResult(card(1));
    store.addReference(ref(1));
    const sent = state();
    store.addResult(card(2));
    store.addReference(ref(2));
    store.startRun(running);
    assert.deepEqual([sent.results.length, sent.references.length, sent.job], [1, 1, undefined]);
  });

  it('the snapshot carries what the controller owns: models, model options and the link target', () => {
    const { store } = makeStore();
    const loading: ModelsView = { status: 'loading', items: [] };
    const s = store.snapshot({ models: loading, linkTarget: 'notes.md' });
    assert.deepEqual([s.models, s.linkTarget, s.modelOptions], [loading, 'notes.md', undefined]);
  });
});
