// Requested vs. produced and honest cost inside the real extension host: a provider that squares a landscape
// request is reported in the command's notification and on the Studio's card, and kept in the provenance that Show
// Image Info reads; the status bar's "last call" is the sum of the cards, and a cost header of 0 is no cost at all.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Provenance } from '../../../src/core/provenance';
import type { StudioProbe } from '../../../src/extension/studio/studioPanel';
import { Commands } from '../../../src/extension/ids';
import {
  extensionApi,
  freshFolder,
  generate,
  setSettings,
  waitFor,
  withFakeProxy,
  workspaceFolder,
} from '../support';

/** Records warning notifications while `run` runs (the test shares the extension's `vscode.window`). */
async function warningsDuring(run: () => Promise<void>): Promise<string[]> {
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = window.showWarningMessage;
  const shown: string[] = [];
  window.showWarningMessage = (message: string) => {
    shown.push(message);
    return Promise.resolve(undefined);
  };
  try {
    await run();
  } finally {
    window.showWarningMessage = original;
  }
  return shown;
}

describe('requested vs. produced, and the cost the proxy reported', () => {
  const proxy = withFakeProxy();
  afterEach(() => {
    proxy().produce = {};
  });

  it('a squared landscape image: the notification says so, the result and the provenance keep both sizes', async () => {
    proxy().produce = { 'gpt-image-1': { size: '1024x1024' } };
    let r: Awaited<ReturnType<typeof generate>> | undefined;
    const shown = await warningsDuring(async () => {
      r = await generate({
        prompt: 'a wide bay',
        model: 'gpt-image-1',
        size: '1536x1024',
        folder: await freshFolder('produced'),
      });
    });
    assert.equal(r?.status, 'done', r?.error?.message);
    assert.deepEqual(shown, ['Saved 1 image: asked for 1536×1024, got 1024×1024']);
    assert.deepEqual(r?.notAsRequested, ['asked for 1536×1024, got 1024×1024']);
    const info = await vscode.commands.executeCommand<Provenance>(
      Commands.showImageInfo,
      vscode.Uri.file(r!.files[0]!),
    );
    assert.equal(info?.parameters.size, '1536x1024');
    assert.deepEqual(info?.produced, { format: 'png', width: 1024, height: 1024 });
  });

  it('the control: an image as asked raises no warning', async () => {
    const shown = await warningsDuring(async () => {
      const r = await generate({ prompt: 'as asked', size: '1536x1024', folder: await freshFolder('asked') });
      assert.equal(r.status, 'done', r.error?.message);
      assert.equal(r.notAsRequested, undefined);
    });
    assert.deepEqual(shown, []);
  });

  it('a quiet call (the agent tools) reports the difference in its result, with no notification', async () => {
    proxy().produce = { 'gpt-image-1': { format: 'jpeg', size: '32x32' } };
    const shown = await warningsDuring(async () => {
      const r = await generate({
        prompt: 'quiet jar',
        model: 'gpt-image-1',
        size: '1024x1024',
        outputFormat: 'png',
        quiet: true,
        folder: await freshFolder('quiet'),
      });
      assert.equal(path.extname(r.files[0]!), '.jpg');
      assert.deepEqual(r.notAsRequested, ['asked for 1024×1024, got 32×32; asked for PNG, got JPEG']);
    });
    assert.deepEqual(shown, []);
  });

  describe('in the Image Studio', () => {
    let studio: StudioProbe;
    beforeEach(async () => {
      const folder = await freshFolder('studio-produced');
      await setSettings({ 'image.outputFolder': path.relative(workspaceFolder(), folder) });
      await vscode.commands.executeCommand(Commands.openStudio);
      const api = await extensionApi();
      studio = await waitFor('the Studio panel', () => api.studio());
      await studio.receive({ type: 'dismissError' });
    });

    it("the card shows the file's real size and the difference; no notification repeats it", async () => {
      proxy().produce = { 'gpt-image-2': { size: '1024x1024' } };
      const before = studio.state().results.length;
      const shown = await warningsDuring(() =>
        studio.receive({
          type: 'run',
          draft: { prompt: 'a wide meadow', model: '', options: { size: '1536x1024' } },
        }),
      );
      const card = studio.state().results[0]!;
      assert.equal(studio.state().results.length, before + 1, JSON.stringify(studio.state().error));
      assert.equal(card.details?.size, '1024x1024', 'the real size, not the one asked for');
      assert.equal(card.details?.notAsRequested, 'asked for 1536×1024, got 1024×1024');
      assert.doesNotMatch(
        studio.state().notice ?? '',
        /asked for/,
        'said on the card, not again as a notice',
      );
      assert.deepEqual(shown, []);
    });

    it('dall-e-3 makes three requests: the cards add up to the status bar\'s "last call", in one format', async () => {
      await studio.receive({
        type: 'run',
        draft: { prompt: 'three castles', model: 'dall-e-3', options: { n: 3 } },
      });
      const cards = studio.state().results.slice(0, 3);
      assert.equal(cards.length, 3, JSON.stringify(studio.state().error));
      const sum = cards.reduce((total, c) => total + (c.details?.cost ?? NaN), 0);
      assert.equal(Math.round(sum * 1e10) / 1e10, 0.12);
      assert.deepEqual(
        cards.map((c) => c.details?.costText),
        ['$0.0400', '$0.0400', '$0.0400'],
      );
      const api = await extensionApi();
      const bar = await waitFor('the cost in the status bar', () => {
        const s = api.costStatus();
        return s.visible && s.text.includes('$0.1200') ? s : undefined;
      });
      assert.match(bar.tooltip, /\$0\.1200 for 3 image\(s\) from dall-e-3, as reported by the proxy/);
    });
  });

  it('a cost header of 0 is unknown: no $0.00 anywhere', async () => {
    proxy().produce = { 'gpt-image-1': { cost: '0' } };
    const r = await generate({ prompt: 'free?', model: 'gpt-image-1', folder: await freshFolder('zero') });
    assert.equal(r.status, 'done', r.error?.message);
    assert.equal(r.cost, undefined);
    const api = await extensionApi();
    const bar = api.costStatus();
    assert.doesNotMatch(bar.text, /\$0\.00/);
    if (bar.visible) assert.match(bar.tooltip, /the proxy reported no cost/);
    const info = await vscode.commands.executeCommand<Provenance>(
      Commands.showImageInfo,
      vscode.Uri.file(r.files[0]!),
    );
    assert.equal(info?.cost, undefined);
  });
});
