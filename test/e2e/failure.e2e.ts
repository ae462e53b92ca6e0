// Failures reach the user as one error notification with the next steps as buttons, and the buttons work:
// "Set API Key" opens the masked key box; "Retry" repeats the request without asking again.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { sharedSetup, type Setup } from './support/shared';
import {
  imageRequests,
  listFiles,
  quickInput,
  resetWorkbench,
  shot,
  sleep,
  submitPrompt,
  toast,
  toastButton,
  toastButtons,
  toastMessage,
  waitForNewPngs,
  waitForQuickInput,
  waitForToast,
} from './support/ui';

describe('failure notifications (browser)', function () {
  describe('no API key for a proxy that needs one', function () {
    let s: Setup;

    before(async () => {
      s = await sharedSetup('no-key');
    });

    beforeEach(async () => {
      // Another spec may have stored a key for this proxy: remove it (the env key is empty for this server).
      await s.wb.runCommand('LiteLLM: Clear API Key');
      await waitForToast(s.wb.page, /API key for .* removed|No API key was stored/);
      await resetWorkbench(s);
    });

    it('Generate → an error explaining the key problem, with "Set API Key" and "Show Log"; Set API Key opens the key box', async () => {
      const { wb } = s;
      const page = wb.page;
      const images = path.join(wb.workspace, 'images');
      const before = listFiles(images);

      await wb.startCommand('LiteLLM: Generate Image…');
      await submitPrompt(wb, 'Generate Image', 'a teapot on a windowsill');

      const error = await waitForToast(page, /API key/i);
      const message = await toastMessage(error);
      assert.match(message, /API key is missing or wrong|API key/i, message);
      assert.match(message, /set the api key/i, message);
      const buttons = await toastButtons(error);
      assert.ok(buttons.includes('Set API Key'), `buttons: ${JSON.stringify(buttons)}`);
      assert.ok(buttons.includes('Show Log'), `buttons: ${JSON.stringify(buttons)}`);
      // The progress notification of the failed call is gone.
      await toast(page, 'Generating image').waitFor({ state: 'hidden', timeout: 10_000 });
      await shot(wb, 'failure-1-auth-toast');

      // Whatever reached the proxy carried no key; nothing was saved.
      for (const r of imageRequests(s, 'generations'))
        assert.equal(r.headers.authorization, undefined, 'a request carried an Authorization header');
      assert.deepEqual(listFiles(images), before);

      await toastButton(error, 'Set API Key').click();
      await waitForQuickInput(page, `LiteLLM API key for ${s.origin}`);
      await quickInput(page).locator('input[type="password"]').waitFor({ state: 'visible', timeout: 10_000 });
      await wb.screenshot('failure-2-set-key-box');
      await page.keyboard.press('Escape');
      await quickInput(page).waitFor({ state: 'hidden', timeout: 10_000 });
    });
  });

  describe('rate limit (HTTP 429)', function () {
    let s: Setup;

    before(async () => {
      s = await sharedSetup('env-key');
    });

    beforeEach(async () => {
      await resetWorkbench(s);
    });

    it('→ an error with "Retry"; Retry generates the image without asking again', async () => {
      const { wb, fake } = s;
      const page = wb.page;
      const images = path.join(wb.workspace, 'images');
      const before = listFiles(images);
      const prompt = 'a paper boat on a puddle';

      fake.failNext({ kind: 'status', status: 429 });
      await wb.startCommand('LiteLLM: Generate Image…');
      await submitPrompt(wb, 'Generate Image', prompt);

      const error = await waitForToast(page, /Rate limit/i);
      const message = await toastMessage(error);
      assert.match(message, /HTTP 429/, message);
      const buttons = await toastButtons(error);
      assert.ok(buttons.includes('Retry'), `buttons: ${JSON.stringify(buttons)}`);
      await toast(page, 'Generating image').waitFor({ state: 'hidden', timeout: 10_000 });
      await shot(wb, 'failure-3-rate-limit-toast');
      assert.equal(imageRequests(s, 'generations').length, 1);
      // Nothing was saved for the failed attempt.
      await sleep(300);
      assert.deepEqual(listFiles(images), before);

      await toastButton(error, 'Retry').click();
      const files = await waitForNewPngs(images, before);
      assert.equal(files.length, 1, `new files: ${JSON.stringify(files)}`);
      assert.match(path.basename(files[0]!), /^a-paper-boat.*\.png$/);
      // No prompt box this time: the same request again.
      assert.equal(await quickInput(page).isVisible(), false, 'Retry asked for the prompt again');
      const calls = imageRequests(s, 'generations');
      assert.equal(calls.length, 2);
      assert.deepEqual(calls[1]!.json, calls[0]!.json, 'Retry sent a different request');
      await wb.screenshot('failure-4-after-retry');
    });
  });
});
