// Requested vs. produced in the real workbench: when the "upstream" squares a landscape request, the Studio's result
// card carries a visible mark, the difference in words, and the file's real pixel size.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { sharedSetup, type Setup } from './support/shared';
import { openStudio, typePrompt } from './support/studio';
import { listFiles, resetWorkbench, shot, waitForNewPngs } from './support/ui';

describe('Image Studio: requested vs. produced (browser)', function () {
  let s: Setup;

  before(async () => {
    s = await sharedSetup('env-key');
    await resetWorkbench(s);
  });

  after(async () => {
    s.fake.produce = {};
    await s.wb.runCommand('View: Close All Editors').catch(() => undefined);
  });

  it('marks a card whose image is not the size asked for, with the difference in words', async () => {
    s.fake.produce = { 'gpt-image-2': { size: '1024x1024' } };
    const images = path.join(s.wb.workspace, 'images');
    const before = listFiles(images);
    const frame = await openStudio(s.wb);
    await frame.locator('#run').waitFor({ state: 'visible', timeout: 30_000 });
    await typePrompt(frame, 'a wide valley at noon');
    await frame.locator('#size').selectOption('1536x1024');
    await frame.locator('#run').click();
    const files = await waitForNewPngs(images, before, 60_000);
    assert.equal(files.length, 1, `new files: ${JSON.stringify(files)}`);
    const card = frame.locator('#results .image-card').first();
    const mark = card.locator('.badge.mismatch');
    await mark.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(
      (await mark.getAttribute('title')) ?? '',
      /Not what was asked for: asked for 1536×1024, got 1024×1024/,
    );
    assert.equal(await card.locator('.card-differs').innerText(), 'asked for 1536×1024, got 1024×1024');
    assert.equal(await card.locator('.card-size').innerText(), '1024×1024', "the file's real size");
    await shot(s.wb, 'studio-not-as-asked');

    // The control: the same request answered as asked carries no mark.
    s.fake.produce = {};
    const more = listFiles(images);
    await frame.locator('#run').click();
    await waitForNewPngs(images, more, 60_000);
    const next = frame.locator('#results .image-card').first();
    await next.locator('.card-size').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await next.locator('.card-size').innerText(), '1536×1024');
    assert.equal(await next.locator('.badge.mismatch').count(), 0);
  });
});
