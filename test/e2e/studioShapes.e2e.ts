// The Studio's shape fields per family in the real workbench: a Gemini model on Vertex AI offers aspect ratios and
// resolutions (and LiteLLM's table sizes, not OpenAI's list), an AI Studio Gemini model says that its route carries
// no shape, gpt-image offers its sizes; a 16:9 generate sends `aspectRatio` and comes back 16:9 with no mark, and
// one answered square is marked in ratios.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { sharedSetup, type Setup } from './support/shared';
import { openStudio, typePrompt } from './support/studio';
import { imageRequests, listFiles, resetWorkbench, shot, waitForNewPngs, waitUntil } from './support/ui';

/** Commits a model name as a user does (typing, then leaving the field), which sends the draft to the host. */
async function chooseModel(frame: Frame, model: string): Promise<void> {
  const field = frame.locator('#model');
  await field.fill(model);
  await field.press('Tab');
}

const visible = (frame: Frame, selector: string) => frame.locator(selector).isVisible();

async function sizeOptions(frame: Frame): Promise<string[]> {
  return frame.locator('#size option').evaluateAll((os) => os.map((o) => (o as { value: string }).value));
}

describe('Image Studio: aspect ratio and resolution per model family (browser)', function () {
  let s: Setup;
  let frame: Frame;

  before(async () => {
    s = await sharedSetup('env-key');
    await resetWorkbench(s);
    frame = await openStudio(s.wb);
    await frame.locator('#run').waitFor({ state: 'visible', timeout: 30_000 });
  });

  after(async () => {
    await chooseModel(frame, '').catch(() => undefined);
    await s.wb.runCommand('View: Close All Editors').catch(() => undefined);
  });

  it('Gemini on Vertex AI: aspect ratio and resolution, no OpenAI size list', async () => {
    await chooseModel(frame, 'nano-banana-pro');
    await frame.locator('#aspect-ratio').waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(await visible(frame, '#image-size'), 'Gemini 3 Pro has 1K/2K/4K');
    const ratios = await frame
      .locator('#aspect-ratio option')
      .evaluateAll((os) => os.map((o) => (o as { value: string }).value).filter(Boolean));
    assert.deepEqual(ratios, ['1:1', '2:3', '3:2', '3:4', '4:3', '9:16', '16:9', '21:9']);
    const sizes = await sizeOptions(frame);
    assert.ok(!sizes.includes('1536x1024'), `no OpenAI size LiteLLM would square: ${sizes.join(', ')}`);
    assert.ok(!sizes.includes('auto'));
    assert.equal(await visible(frame, '#shape-note'), false);
    await shot(s.wb, 'studio-vertex-gemini-shape');
  });

  it('Gemini on Google AI Studio: no shape fields, and the reason in words', async () => {
    await chooseModel(frame, 'nano-banana');
    const note = frame.locator('#shape-note');
    await note.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(
      await note.innerText(),
      /LiteLLM drops size and aspect ratio on this model’s "gemini" route/,
    );
    assert.equal(await visible(frame, '#aspect-ratio'), false);
    assert.equal(await visible(frame, '#image-size'), false);
    assert.equal(await visible(frame, '#size'), false);
    await shot(s.wb, 'studio-ai-studio-gemini-shape');
  });

  it('gpt-image-1: its sizes, no aspect ratio, no note', async () => {
    await chooseModel(frame, 'gpt-image-1');
    await waitUntil(
      'the gpt-image-1 sizes',
      async () => (await sizeOptions(frame)).includes('1536x1024'),
      30_000,
    );
    assert.equal(await visible(frame, '#size'), true);
    assert.equal(await visible(frame, '#aspect-ratio'), false);
    assert.equal(await visible(frame, '#shape-note'), false);
  });

  it('a 16:9 generate sends aspectRatio, reaches imageConfig, and the 1344x768 result carries no mark', async () => {
    s.fake.reset();
    const images = path.join(s.wb.workspace, 'images');
    const before = listFiles(images);
    await chooseModel(frame, 'nano-banana-pro');
    await frame.locator('#aspect-ratio').waitFor({ state: 'visible', timeout: 30_000 });
    await frame.locator('#aspect-ratio').selectOption('16:9');
    assert.equal(await frame.locator('#size').isDisabled(), true, 'the ratio decides the shape');
    await typePrompt(frame, 'a wide harbour at dusk');
    await frame.locator('#run').click();
    const files = await waitForNewPngs(images, before, 90_000);
    assert.equal(files.length, 1, `new files: ${JSON.stringify(files)}`);
    const post = imageRequests(s, 'generations').at(-1)!;
    const body = post.json as Record<string, unknown>;
    assert.equal(body.model, 'nano-banana-pro');
    assert.equal(body.aspectRatio, '16:9');
    assert.equal(body.size, undefined, 'no size beside the ratio');
    const upstream = post.upstream as { generationConfig: { imageConfig: unknown } };
    assert.deepEqual(upstream.generationConfig.imageConfig, { aspectRatio: '16:9' });
    const card = frame.locator('#results .image-card').first();
    await card.locator('.card-size').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await card.locator('.card-size').innerText(), '1344×768');
    assert.equal(await card.locator('.badge.mismatch').count(), 0, '1344x768 is 16:9 within rounding');
    await shot(s.wb, 'studio-vertex-gemini-16-9');

    // The same request answered square: the card's mark says it in ratios, with the pixels.
    s.fake.produce = { 'nano-banana-pro': { size: '1024x1024' } };
    try {
      const more = listFiles(images);
      await frame.locator('#run').click();
      await waitForNewPngs(images, more, 90_000);
      const squared = frame.locator('#results .image-card').first();
      const mark = squared.locator('.badge.mismatch');
      await mark.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(
        (await mark.getAttribute('title')) ?? '',
        /Not what was asked for: asked for 16:9, got 1:1 \(1024×1024\)/,
      );
      assert.equal(await squared.locator('.card-differs').innerText(), 'asked for 16:9, got 1:1 (1024×1024)');
    } finally {
      s.fake.produce = {};
    }
  });
});
