// "LiteLLM: Set API Key…": a masked input box naming the proxy's origin, a confirmation, and the key then used for
// requests to that proxy; the key never shows up in the page's text (notifications, log).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sharedSetup, type Setup } from './support/shared';
import {
  filesUnder,
  imageRequests,
  listFiles,
  quickInput,
  quickInputField,
  resetWorkbench,
  shot,
  submitPrompt,
  tab,
  waitForNewPngs,
  waitForQuickInput,
  waitForToast,
  waitUntil,
} from './support/ui';

describe('Set API Key (browser)', function () {
  let s: Setup;

  before(async () => {
    s = await sharedSetup('no-key');
  });

  beforeEach(async () => {
    await resetWorkbench(s);
  });

  it('masked box titled with the proxy origin → saved → Generate sends Bearer <typed key>; the key is never shown', async () => {
    const { wb, origin } = s;
    const page = wb.page;
    // The fake proxy of this setup accepts only its random master key, which is what the user "types".
    const key = s.masterKey;
    const visibleText = () => page.locator('body').innerText();

    await wb.startCommand('LiteLLM: Set API Key…');
    await waitForQuickInput(page, `LiteLLM API key for ${origin}`);
    const field = quickInputField(page);
    assert.equal(await field.getAttribute('type'), 'password', 'the key box is not a password box');
    await field.pressSequentially(key, { delay: 5 });
    assert.equal(await field.inputValue(), key);
    assert.ok(!(await visibleText()).includes(key), 'the typed key is visible in the page');
    await wb.screenshot('api-key-1-masked-input');
    await field.press('Enter');
    await quickInput(page).waitFor({ state: 'hidden', timeout: 15_000 });

    const saved = await waitForToast(page, `API key saved for ${origin}.`);
    assert.ok(!(await saved.innerText()).includes(key));
    await wb.screenshot('api-key-2-saved');

    const images = path.join(wb.workspace, 'images');
    const before = listFiles(images);
    await wb.startCommand('LiteLLM: Generate Image…');
    await submitPrompt(wb, 'Generate Image', 'a brass key on green velvet');
    const files = await waitForNewPngs(images, before);
    await tab(page, path.basename(files[0]!)).waitFor({ state: 'visible', timeout: 30_000 });

    const calls = imageRequests(s, 'generations');
    assert.equal(calls.length, 1, `requests: ${JSON.stringify(s.fake.requests.map((r) => r.path))}`);
    assert.equal(calls[0]!.headers.authorization, `Bearer ${key}`);

    // Not in the log either: neither in the Output view nor in any log file of the server.
    await wb.runCommand('LiteLLM: Show Log');
    const panel = page.locator('.part.panel');
    await panel.waitFor({ state: 'visible', timeout: 30_000 });
    await panel
      .locator('select.monaco-select-box option:checked')
      .filter({ hasText: /^LiteLLM Images$/ })
      .first()
      .waitFor({ state: 'attached', timeout: 30_000 });
    await panel.locator('.view-lines', { hasText: 'images' }).first().waitFor({ timeout: 30_000 });
    assert.ok(!(await visibleText()).includes(key), 'the key is visible in the page (log or notifications)');
    await shot(wb, 'api-key-3-log');

    const logs = [...filesUnder(path.join(wb.server.runDir, 'ud', 'logs')), wb.server.logFile];
    const extensionLog = await waitUntil('the extension log to record the stored key', () =>
      logs.find(
        (f) =>
          f.endsWith('LiteLLM Images.log') &&
          readFileSync(f, 'utf8').includes(`API key stored for ${origin}`),
      ),
    );
    assert.ok(extensionLog);
    const leaking = logs.filter((f) => readFileSync(f, 'utf8').includes(key));
    assert.deepEqual(leaking, [], 'the key was written to a log file');
  });
});
