// Every failure kind reaches the user as one specific message with the next steps, nothing received is lost, and a
// cancelled request leaves no file behind.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FakeFault } from '../../fixtures/fakeLitellm';
import { readPngSize } from '../../fixtures/readPng';
import { freshFolder, generate, listFiles, setSettings, waitFor, withFakeProxy } from '../support';

describe('failures', () => {
  const proxy = withFakeProxy();

  const cases: Array<[string, FakeFault, string, RegExp, string[]]> = [
    ['a wrong key (401)', { kind: 'status', status: 401 }, 'auth', /key/i, ['set_api_key']],
    [
      'an exhausted budget',
      {
        kind: 'status',
        status: 400,
        body: {
          error: {
            message: 'Budget has been exceeded! Current cost: 10.1, Max budget: 10.0',
            type: 'budget_exceeded',
            param: null,
            code: '400',
          },
        },
      },
      'budget',
      /budget/i,
      ['show_log'],
    ],
    ['a rate limit (429)', { kind: 'status', status: 429 }, 'rate_limit', /Rate limit/, ['retry']],
    [
      'a content policy refusal',
      {
        kind: 'status',
        status: 400,
        body: {
          error: {
            message: 'Your request was rejected as a result of our safety system.',
            type: 'invalid_request_error',
            param: null,
            code: 'content_policy_violation',
          },
        },
      },
      'content_policy',
      /safety system/,
      [],
    ],
    ['an upstream 500', { kind: 'status', status: 500 }, 'upstream', /HTTP 500/, ['retry', 'show_log']],
    ['a connection reset', { kind: 'reset' }, 'network', /closed before the answer was complete/, ['retry']],
    ['HTML instead of JSON', { kind: 'not-json' }, 'bad_response', /not JSON/, ['show_log']],
    ['an answer without images', { kind: 'empty-data' }, 'bad_response', /without any images/, []],
    ['bytes that are not an image', { kind: 'not-image' }, 'bad_response', /not an image/, []],
  ];
  for (const [name, fault, kind, message, actions] of cases) {
    it(`reports ${name} as ${kind} with its next steps, writing no file`, async () => {
      const folder = await freshFolder(kind);
      proxy().failNext(fault);
      const r = await generate({ prompt: `fault ${kind}`, folder });
      assert.equal(r.status, 'failed');
      assert.equal(r.error?.kind, kind, r.error?.message);
      assert.match(r.error!.message, message);
      for (const a of actions)
        assert.ok(r.error!.actions.includes(a as never), `${a} offered: ${r.error!.actions}`);
      assert.deepEqual(await listFiles(folder), []);
    });
  }

  it('names every model tried when the whole chain fails', async () => {
    proxy().failNext({ kind: 'status', status: 503 }, { times: 2 });
    const r = await generate({
      prompt: 'chain',
      model: 'gpt-image-2',
      fallbacks: ['gpt-image-1'],
      folder: await freshFolder('chain'),
    });
    assert.equal(r.error?.kind, 'all_failed');
    assert.match(r.error!.message, /gpt-image-2/);
    assert.match(r.error!.message, /gpt-image-1/);
  });

  it('an unknown model offers Select Model', async () => {
    const r = await generate({ prompt: 'who', model: 'no-such-model', folder: await freshFolder('unknown') });
    assert.equal(r.error?.kind, 'unknown_model', r.error?.message);
    assert.ok(r.error!.actions.includes('select_model'));
  });

  it('times out at litellm.image.timeoutMs and says which setting to raise', async () => {
    await setSettings({ 'image.timeoutMs': 1000 });
    proxy().failNext({ kind: 'delay', ms: 4000 });
    const r = await generate({ prompt: 'slow', folder: await freshFolder('timeout') });
    assert.equal(r.error?.kind, 'timeout');
    assert.match(r.error!.message, /litellm\.image\.timeoutMs/);
  });

  it('saves the images already received before reporting a later failure', async () => {
    // dall-e-3 makes one image per request: the first of three requests succeeds (after a short delay), the second
    // fails.
    proxy().failNext({ kind: 'delay', ms: 10 }, { model: 'dall-e-3' });
    proxy().failNext({ kind: 'status', status: 500 }, { model: 'dall-e-3' });
    const folder = await freshFolder('partial');
    const r = await generate({ prompt: 'three lighthouses', model: 'dall-e-3', n: 3, folder });
    assert.equal(r.status, 'partial', r.error?.message);
    assert.ok(r.files.length >= 1 && r.files.length < 3, `saved ${r.files.length}`);
    assert.equal(r.error?.kind, 'upstream');
    assert.match(r.error!.message, /^Saved \d image\(s\), then: /);
    for (const f of r.files) assert.ok(readPngSize(await fs.readFile(f)));
    assert.deepEqual((await listFiles(folder)).length, r.files.length);
  });

  it('cancels mid-request and leaves no file, partial or temporary', async () => {
    const folder = await freshFolder('cancel');
    proxy().failNext({ kind: 'stall-body', afterBytes: 2000, ms: 10_000 });
    const controller = new AbortController();
    const pending = generate({ prompt: 'cancel me', folder, signal: controller.signal });
    await waitFor('the request to reach the proxy', () => proxy().requests.some((q) => q.method === 'POST'));
    await new Promise((r) => setTimeout(r, 200));
    controller.abort();
    const r = await pending;
    assert.equal(r.status, 'cancelled');
    assert.equal(r.error?.kind, 'cancelled');
    assert.deepEqual(await listFiles(folder), []);
  });

  it('refuses a private-network proxy unless allowed, without connecting', async () => {
    await setSettings({ baseUrl: 'http://10.255.255.1:4000' });
    const r = await generate({ prompt: 'private', folder: await freshFolder('policy') });
    assert.equal(r.error?.kind, 'policy');
    assert.match(r.error!.message, /litellm\.allowPrivateNetwork/);
    assert.ok(r.error!.actions.includes('allow_private_network'));
  });

  it('reports an unusable setting by name with Open Settings', async () => {
    await setSettings({ baseUrl: 'ftp://example' });
    const r = await generate({ prompt: 'bad setting', folder: await freshFolder('settings') });
    assert.equal(r.error?.kind, 'invalid_settings');
    assert.match(r.error!.message, /litellm\.baseUrl/);
    assert.deepEqual(r.error!.actions, ['open_settings']);
  });

  it('reports a folder that cannot be written with the folder name, keeping nothing half-written', async () => {
    const blocker = path.join(await freshFolder('blocked'), 'file-not-folder');
    await fs.writeFile(blocker, 'x');
    const r = await generate({ prompt: 'nowhere', folder: path.join(blocker, 'sub') });
    assert.equal(r.status, 'failed');
    assert.match(r.error!.message, /Could not save an image into/);
    assert.equal(await fs.readFile(blocker, 'utf8'), 'x');
  });
});
