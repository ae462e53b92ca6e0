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

describe('status bar with a proxy without a database', () => {
  const fake = withFakeProxy(); // /key/info answers 500 "Database not connected", as LiteLLM without a database does

  it('asks for key details once, not after every image', async () => {
    const keyInfoCalls = () => fake().requests.filter((q) => q.path === '/key/info').length;
    const folder = await freshFolder('no-db');
    const first = await generate({ prompt: 'first', model: 'dall-e-2', folder });
    assert.equal(first.status, 'done', first.error?.message);
    await waitFor('the status bar asking for key details', () => keyInfoCalls() === 1);
    for (const prompt of ['second', 'third']) {
      const r = await generate({ prompt, model: 'dall-e-2', folder });
      assert.equal(r.status, 'done', r.error?.message);
    }
    // The request would follow each image within milliseconds; give it ample time to show up if it were sent.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(keyInfoCalls(), 1, 'no GET /key/info after the second and third images');
    const api = await extensionApi();
    assert.match(api.costStatus().text, /\$0\.020/, "the call's cost is still shown");
  });
});
