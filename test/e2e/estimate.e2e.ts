// The cost estimate before Generate, in the real workbench: the Studio prices the composer's request from the prices
// the fake proxy publishes in /model/info (gpt-image-1 per output image token, as LiteLLM 1.81.0 does), follows the
// size, quality and count as they change, and shows nothing for a model without prices.
import { strict as assert } from 'node:assert';
import type { Frame } from 'playwright-core';
import { sharedSetup, type Setup } from './support/shared';
import { openStudio } from './support/studio';
import { resetWorkbench, shot, waitUntil } from './support/ui';

async function estimateShown(frame: Frame, expected: RegExp | null): Promise<string> {
  const el = frame.locator('#estimate');
  return waitUntil(
    `the estimate ${expected ? `to match ${expected}` : 'to be hidden'}`,
    async () => {
      const visible = await el.isVisible();
      const text = visible ? await el.innerText() : '';
      if (expected === null) return visible ? undefined : 'hidden';
      return visible && expected.test(text) ? text : undefined;
    },
    20_000,
  );
}

async function chooseModel(frame: Frame, model: string): Promise<void> {
  const field = frame.locator('#model');
  await field.fill(model);
  await field.press('Enter');
}

describe('Image Studio: estimated cost before Generate (browser)', function () {
  let s: Setup;

  before(async () => {
    s = await sharedSetup('env-key');
    await resetWorkbench(s);
  });

  after(async () => {
    await s.wb.runCommand('View: Close All Editors').catch(() => undefined);
  });

  it('prices the size, quality and count chosen, and shows nothing for a model without prices', async () => {
    const frame = await openStudio(s.wb);
    await frame.locator('#run').waitFor({ state: 'visible', timeout: 30_000 });
    await chooseModel(frame, 'gpt-image-1');
    await frame.locator('#size').selectOption('1024x1024');
    await frame.locator('#quality').selectOption('high');
    // 4160 output tokens × $0.00004.
    const one = await estimateShown(frame, /Estimated cost: ≈ \$0\.1664$/);
    assert.match(
      (await frame.locator('#estimate').getAttribute('title')) ?? '',
      /An estimate from the prices the proxy publishes/,
    );
    await frame.locator('#count').fill('3');
    await estimateShown(frame, /≈ \$0\.4992$/);
    await shot(s.wb, 'studio-estimate');
    // Quality left to the model: the range over what it may choose.
    await frame.locator('#quality').selectOption({ index: 0 });
    await estimateShown(frame, /≈ \$0\.0326–\$0\.4992$/);
    // LiteLLM publishes no price for gpt-image-2: no estimate rather than a guess.
    await chooseModel(frame, 'gpt-image-2');
    await estimateShown(frame, null);
    assert.ok(one.length > 0);
    // The composer is kept across tests (and reloads): back to the defaults the other files start from.
    await frame.locator('#count').fill('');
    await frame.locator('#size').selectOption({ index: 0 });
    await chooseModel(frame, '');
    await frame.locator('#quality').selectOption({ index: 0 });
  });
});
