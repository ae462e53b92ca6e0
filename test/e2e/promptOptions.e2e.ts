// The ⚙ button of the Generate prompt box: model, size, quality and count for one image, chosen in quick picks that
// offer only what the chosen model accepts, then back to the prompt with the text kept and the choices in the title.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { sharedSetup, type Setup } from './support/shared';
import {
  imageRequests,
  listFiles,
  pickRow,
  quickInput,
  quickInputField,
  resetWorkbench,
  shot,
  waitForNewPngs,
  waitForQuickInput,
  waitUntil,
} from './support/ui';

/** Clicks the quick-pick row whose accessible name is exactly `label` ("2" must not match "2048x1152"). */
async function pickExactly(page: Page, label: string): Promise<void> {
  const row = quickInput(page).getByRole('option', { name: label, exact: true });
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}

describe('Generate Image options for one image (browser)', function () {
  let s: Setup;

  before(async () => {
    s = await sharedSetup('env-key');
  });

  beforeEach(async () => {
    await resetWorkbench(s);
  });

  it('⚙ → dall-e-3, 1792x1024, hd, 2 → the prompt is kept and the request carries exactly those options', async () => {
    const { wb } = s;
    const page = wb.page;
    const images = path.join(wb.workspace, 'images');
    const before = listFiles(images);
    const prompt = 'three harbour cranes at night';

    await wb.startCommand('LiteLLM: Generate Image…');
    await waitForQuickInput(page, 'Generate Image');
    await quickInputField(page).fill(prompt);
    const optionsButton = quickInput(page).locator('[aria-label^="Model, size, quality and count"]').first();
    // The gear the box's help names (⚙), not the sliders of the plain `settings` codicon.
    assert.match(
      await quickInput(page)
        .locator('.quick-input-message, .quick-input-description')
        .allInnerTexts()
        .then((t) => t.join(' ')),
      /⚙/,
    );
    // The codicon class sits on the button itself or on an icon inside it, depending on the workbench version.
    const gears = await optionsButton.evaluate((el) => {
      const button = el as { matches(q: string): boolean; querySelector(q: string): unknown };
      return button.matches('.codicon-settings-gear') || !!button.querySelector('.codicon-settings-gear');
    });
    assert.ok(gears, 'the options button is a gear');
    await optionsButton.click();

    await waitForQuickInput(page, '(1/4): model');
    await pickRow(page, /dall-e-3/); // listed once the proxy's models have arrived
    await waitForQuickInput(page, '(2/4): size');
    const sizes = await quickInput(page).locator('.quick-input-list .monaco-list-row').allInnerTexts();
    assert.ok(
      !sizes.some((t) => t.includes('1536x1024')),
      `only dall-e-3 sizes are offered: ${sizes.join(' | ')}`,
    );
    assert.ok(!sizes.some((t) => /Custom size/.test(t)), 'dall-e-3 has no custom sizes');
    await shot(wb, 'options-1-size');
    await pickExactly(page, '1792x1024');
    await waitForQuickInput(page, '(3/4): quality');
    await pickExactly(page, 'hd');
    await waitForQuickInput(page, '(4/4): how many images');
    await pickExactly(page, '2');

    // Back in the prompt box: the text kept, the choices in the title.
    await waitForQuickInput(page, 'dall-e-3 · 1792x1024 · hd · 2 images');
    assert.equal(await quickInputField(page).inputValue(), prompt);
    await shot(wb, 'options-2-back-in-prompt');
    await quickInputField(page).press('Enter');

    const files = await waitUntil(
      'two new PNGs (dall-e-3 makes one per request)',
      async () => {
        const fresh = await waitForNewPngs(images, before);
        return fresh.length === 2 ? fresh : undefined;
      },
      60_000,
    );
    assert.equal(files.length, 2);
    const calls = imageRequests(s, 'generations');
    assert.equal(calls.length, 2);
    for (const c of calls) {
      const body = c.json as Record<string, unknown>;
      assert.equal(body.prompt, prompt);
      assert.equal(body.model, 'dall-e-3');
      assert.equal(body.size, '1792x1024');
      assert.equal(body.quality, 'hd');
      assert.equal(body.n, 1);
    }
  });
});
