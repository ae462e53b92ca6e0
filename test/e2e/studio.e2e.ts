// The Image Studio in a real workbench: open it from the palette, generate (a result card and a file on disk), paint a
// mask over a reference and edit (the proxy receives a mask of the reference's size with transparent pixels), a
// failure shown in the panel with a working action, and a window reload that brings the prompt and history back.
// This file runs last (alphabetical order), because the reload test reloads the shared workbench.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { readPng, readPngSize } from '../fixtures/readPng';
import { sharedSetup, type Setup } from './support/shared';
import { openStudio, studioFrame, typePrompt } from './support/studio';
import {
  imageRequests,
  listFiles,
  resetWorkbench,
  shot,
  sleep,
  waitForNewPngs,
  waitUntil,
} from './support/ui';

/** The bits of DOM elements read in the page (the test's tsconfig has no DOM library). */
interface CanvasSize {
  width: number;
  height: number;
}
interface LoadedImage {
  complete: boolean;
  naturalWidth: number;
}

describe('Image Studio (browser)', function () {
  let s: Setup;
  let images: string;
  /** The first load's Content-Security-Policy, to check that a reload gets a fresh nonce. */
  let firstCsp = '';

  before(async () => {
    s = await sharedSetup('env-key');
    images = path.join(s.wb.workspace, 'images');
    await resetWorkbench(s);
  });

  after(async () => {
    // Leave the shared workbench without the panel for whoever comes next.
    await s.wb.runCommand('View: Close All Editors').catch(() => undefined);
  });

  async function studio(): Promise<Frame> {
    const frame = await openStudio(s.wb);
    await frame.locator('#run').waitFor({ state: 'visible', timeout: 30_000 });
    return frame;
  }

  it('opens from the palette; a prompt generates an image shown as a result card and saved to disk', async () => {
    const { wb } = s;
    const before = listFiles(images);
    const frame = await studio();
    await typePrompt(frame, 'a red fox in fresh snow, watercolour');
    await shot(wb, 'studio-1-compose');
    // A strict policy: nothing runs but the bundle with this load's nonce, images only from the webview's origin.
    const csp =
      (await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]{16,}'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /img-src [^;]*data: blob:/);
    firstCsp = csp;

    await frame.locator('#run').click();
    const files = await waitForNewPngs(images, before, 60_000);
    assert.equal(files.length, 1, `new files: ${JSON.stringify(files)}`);
    const card = frame.locator('#results .image-card').first();
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await card.innerText(), new RegExp(path.basename(files[0]!).replace(/\./g, '\\.')));
    // The thumbnail is the saved file through the webview's resource origin, and it actually loaded.
    const loaded = await waitUntil(
      'the result thumbnail to load',
      () =>
        card
          .locator('img')
          .evaluate((img) => (img as LoadedImage).complete && (img as LoadedImage).naturalWidth > 0),
      20_000,
    );
    assert.ok(loaded);
    await frame.locator('#progress').waitFor({ state: 'hidden', timeout: 20_000 });

    const calls = imageRequests(s, 'generations');
    assert.equal(calls.length, 1);
    assert.equal((calls[0]!.json as { prompt?: string }).prompt, 'a red fox in fresh snow, watercolour');
    assert.equal(calls[0]!.headers.authorization, 'Bearer sk-master-test');
    await shot(wb, 'studio-2-results');
    // The key the extension used never reaches the webview.
    assert.ok(!(await frame.content()).includes(s.masterKey), 'the API key is in the webview');
  });

  it('paints a mask over a reference and edits: the proxy receives a mask of its size with transparent pixels', async () => {
    const { wb } = s;
    const page = wb.page;
    s.fake.reset();
    const frame = await studio();
    const source = frame.locator('#results .image-card, #history .image-card').first();
    await source.waitFor({ state: 'visible', timeout: 30_000 });
    await source.locator('button[data-action="useAsReference"]').click();
    const reference = frame.locator('#references .reference').first();
    await reference.waitFor({ state: 'visible', timeout: 20_000 });
    await frame.locator('#run').filter({ hasText: /Edit/ }).waitFor({ timeout: 10_000 });

    await frame.locator('#paint-mask').click();
    const canvas = frame.locator('#mask-canvas');
    await canvas.waitFor({ state: 'visible', timeout: 20_000 });
    const natural = await canvas.evaluate((c) => ({
      width: (c as CanvasSize).width,
      height: (c as CanvasSize).height,
    }));
    const box = await waitUntil(
      'the mask canvas to be laid out',
      async () => (await canvas.boundingBox()) ?? undefined,
      10_000,
    );
    // One stroke across the middle of the image.
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.5);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++)
      await page.mouse.move(box.x + box.width * (0.2 + (0.6 * i) / 12), box.y + box.height * 0.5, {
        steps: 2,
      });
    await page.mouse.up();
    // Undo takes the stroke away, redo brings it back; invert twice is the same mask.
    const undo = frame.locator('#mask-undo');
    const redo = frame.locator('#mask-redo');
    assert.equal(await undo.isEnabled(), true, 'undo after a stroke');
    assert.equal(await redo.isEnabled(), false, 'nothing to redo yet');
    await undo.click();
    assert.equal(await frame.locator('#mask-clear').isEnabled(), false, 'the mask is empty after undo');
    assert.equal(await redo.isEnabled(), true);
    await redo.click();
    assert.equal(await frame.locator('#mask-clear').isEnabled(), true, 'the stroke is back after redo');
    await frame.locator('#mask-invert').click();
    await frame.locator('#mask-invert').click();
    const toggle = frame.locator('#mask-toggle');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false', 'the mask can be hidden');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    await shot(wb, 'studio-3-mask-painting');

    await typePrompt(frame, 'put a lantern where the mask is');
    await frame.locator('#run').click();
    await frame.locator('#results .image-card').nth(1).waitFor({ state: 'visible', timeout: 60_000 });

    const edits = imageRequests(s, 'edits');
    assert.equal(edits.length, 1, `requests: ${JSON.stringify(s.fake.requests.map((r) => r.path))}`);
    const sent = edits[0]!.files ?? [];
    const mask = sent.find((f) => f.field === 'mask');
    assert.ok(mask, `parts: ${JSON.stringify(sent.map((f) => f.field))}`);
    const image = sent.find((f) => /^image/.test(f.field));
    assert.ok(image);
    const refSize = readPngSize(image.data);
    assert.ok(refSize);
    const decoded = readPng(mask.data);
    assert.deepEqual({ width: decoded.width, height: decoded.height }, refSize, 'mask size = reference size');
    assert.deepEqual(
      { width: decoded.width, height: decoded.height },
      natural,
      'painted at natural resolution',
    );
    let transparent = 0;
    let opaque = 0;
    for (let i = 3; i < decoded.rgba.length; i += 4) {
      if (decoded.rgba[i] === 0) transparent++;
      else if (decoded.rgba[i] === 255) opaque++;
    }
    const pixels = decoded.width * decoded.height;
    assert.ok(transparent > 0, 'the painted stroke is transparent in the mask');
    assert.ok(opaque > 0, 'the unpainted area is opaque');
    assert.equal(transparent + opaque, pixels, 'no partial alpha: every pixel is either kept or changed');
    // The stroke ran along the middle row: its centre pixel is transparent, the top-left corner is kept.
    const centre = (Math.floor(decoded.height / 2) * decoded.width + Math.floor(decoded.width / 2)) * 4 + 3;
    assert.equal(decoded.rgba[centre], 0);
    assert.equal(decoded.rgba[3], 255);
    await shot(wb, 'studio-4-edit-result');
  });

  it('shows a failure in the panel with its action, and the action works (Retry)', async () => {
    const { wb } = s;
    s.fake.reset();
    const frame = await studio();
    // Back to a generation: drop the reference left by the previous test.
    const remove = frame.locator('#references .reference button[data-action="remove"]');
    for (let left = await remove.count(); left > 0; left--) {
      await remove.first().click();
      // The host removes it and sends the new state; only then is the next button the next reference.
      await waitUntil('the reference to be removed', async () => (await remove.count()) < left, 10_000);
    }
    await frame
      .locator('#run')
      .filter({ hasText: /Generate/ })
      .waitFor({ timeout: 10_000 });

    s.fake.failNext({ kind: 'status', status: 429 }, { route: 'generations', times: 3 });
    await typePrompt(frame, 'a lighthouse at dusk');
    // The keyboard way: Ctrl/Cmd+Enter in the prompt runs.
    await frame.locator('#prompt').press('ControlOrMeta+Enter');
    const error = frame.locator('#error');
    await error.waitFor({ state: 'visible', timeout: 60_000 });
    const text = await error.innerText();
    assert.match(text, /rate|limit|429|busy/i, text);
    const retry = error.locator('button[data-action="retry"]');
    await retry.waitFor({ state: 'visible', timeout: 5_000 });
    await frame.locator('#progress').waitFor({ state: 'hidden', timeout: 10_000 });
    await shot(wb, 'studio-5-error');

    s.fake.clearFaults();
    const before = listFiles(images);
    await retry.click();
    await waitForNewPngs(images, before, 60_000);
    await error.waitFor({ state: 'hidden', timeout: 20_000 });
  });

  it('after a window reload the panel is back with the prompt and the history', async () => {
    const { wb } = s;
    const frame = await studio();
    await typePrompt(frame, 'kept across reloads: a paper boat on a puddle');
    // The draft is sent to the host debounced; give it time to be stored.
    await sleep(1500);
    const historyBefore = await frame.locator('#history .image-card').count();
    assert.ok(historyBefore >= 2, `history cards before reload: ${historyBefore}`);

    await wb.runCommand('Developer: Reload Window');
    await sleep(2000);
    const again = await studioFrame(wb.page, 120_000);
    await waitUntil(
      'the prompt to be restored',
      async () =>
        (await again.locator('#prompt').inputValue()) === 'kept across reloads: a paper boat on a puddle',
      30_000,
    );
    await waitUntil(
      'the history to be listed again',
      async () => (await again.locator('#history .image-card').count()) >= historyBefore,
      30_000,
    );
    await shot(wb, 'studio-6-after-reload');
    assert.ok(!(await again.content()).includes(s.masterKey), 'the API key is in the webview');
    const csp = await again.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const nonce = (policy: string | null) => /'nonce-([^']+)'/.exec(policy ?? '')?.[1];
    assert.ok(nonce(csp) && nonce(firstCsp), 'both loads have a nonce');
    assert.notEqual(nonce(csp), nonce(firstCsp), 'the nonce is fresh on every load');
    // The restored panel is live: its history thumbnails load from the workspace.
    const first = again.locator('#history .image-card img').first();
    assert.ok(
      await waitUntil(
        'a history thumbnail to load',
        () => first.evaluate((img) => (img as LoadedImage).complete && (img as LoadedImage).naturalWidth > 0),
        20_000,
      ),
    );
  });
});
