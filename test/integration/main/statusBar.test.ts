// The status bar cost item: the last call's cost and, where the proxy has a database (/key/info answers), the key's
// spend against its budget.
import { strict as assert } from 'node:assert';
import { extensionApi, freshFolder, generate, waitFor, withFakeProxy } from '../support';

describe('status bar cost and key spend', () => {
  withFakeProxy({ keyInfo: { key: 'hashed', info: { key_alias: 'team-a', spend: 1.5, max_budget: 10 } } });

  it("shows the call's cost, then the key's spend against its budget", async () => {
    const r = await generate({
      prompt: 'budgeted',
      model: 'dall-e-2',
      n: 2,
      folder: await freshFolder('spend'),
    });
    assert.equal(r.status, 'done', r.error?.message);
    const api = await extensionApi();
    const state = await waitFor('the key spend in the status bar', () => {
      const s = api.costStatus();
      return s.visible && s.text.includes('$1.50/$10.00') ? s : undefined;
    });
    assert.match(state.text, /\$0\.040/, 'two dall-e-2 images at $0.02');
    assert.match(state.tooltip, /2 image\(s\) from dall-e-2/);
    assert.match(state.tooltip, /Key spend: \$1\.50 of a \$10\.00 budget/);
  });
});
