// The command palette lists the extension's commands, and "LiteLLM: Show Log" runs without an error and shows the
// extension's output channel.
import { strict as assert } from 'node:assert';
import { sharedSetup, type Setup } from './support/shared';
import { resetWorkbench } from './support/ui';

describe('command palette', function () {
  let s: Setup;

  before(async () => {
    s = await sharedSetup('env-key');
    await resetWorkbench(s);
  });

  it('lists "LiteLLM: Show Log"', async () => {
    const rows = await s.wb.paletteRows('LiteLLM:', 'LiteLLM: Show Log');
    assert.ok(
      rows.some((r) => r.startsWith('LiteLLM: Show Log')),
      `rows: ${JSON.stringify(rows)}`,
    );
  });

  it('runs "LiteLLM: Show Log": the output channel "LiteLLM Images" shows, no error notification', async () => {
    const wb = s.wb;
    const page = wb.page;
    await wb.runCommand('LiteLLM: Show Log');
    const panel = page.locator('.part.panel');
    await panel.waitFor({ state: 'visible', timeout: 30_000 });
    // The Output view's channel picker has the extension's channel selected.
    const selected = panel
      .locator('select.monaco-select-box option:checked')
      .filter({ hasText: /^LiteLLM Images$/ })
      .first();
    await selected.waitFor({ state: 'attached', timeout: 30_000 });
    await wb.screenshot('show-log');
    const errors = (await wb.notifications()).filter((t) => /error|failed|not found/i.test(t));
    assert.deepEqual(errors, []);
  });
});
