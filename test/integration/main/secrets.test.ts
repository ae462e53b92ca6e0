// API keys: stored in SecretStorage for the proxy's origin only, never sent to another origin, LITELLM_API_KEY as a
// fallback, no key for proxies without auth, and the key never written to settings or workspace files.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, SECTION } from '../../../src/extension/ids';
import { FakeLitellm } from '../../fixtures/fakeLitellm';
import {
  closeAllEditors,
  freshFolder,
  generate,
  MASTER_KEY,
  resetSettings,
  setSettings,
  startFake,
  useFake,
  workspaceFolder,
} from '../support';

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

function authorizations(fake: FakeLitellm): string[] {
  return fake.requests.map((r) => r.headers.authorization ?? '');
}

describe('API keys', () => {
  let first: FakeLitellm;
  let second: FakeLitellm;
  let open: FakeLitellm;
  const savedEnv = process.env.LITELLM_API_KEY;

  before(async () => {
    first = await startFake();
    second = await startFake({ masterKey: 'sk-second-proxy' });
    open = await startFake({ masterKey: null });
  });
  beforeEach(() => {
    for (const f of [first, second, open]) f.reset();
    delete process.env.LITELLM_API_KEY;
  });
  afterEach(async () => {
    if (savedEnv === undefined) delete process.env.LITELLM_API_KEY;
    else process.env.LITELLM_API_KEY = savedEnv;
    await closeAllEditors();
    await resetSettings({ all: false });
  });
  after(async () => {
    await resetSettings();
    for (const f of [first, second, open]) await f.stop();
  });

  it('sends the stored key to the origin it was entered for', async () => {
    await useFake(first, MASTER_KEY);
    const r = await generate({ prompt: 'keyed', folder: await freshFolder('keyed') });
    assert.equal(r.status, 'done', r.error?.message);
    assert.deepEqual([...new Set(authorizations(first))], [`Bearer ${MASTER_KEY}`]);
  });

  it('never sends the old key after litellm.baseUrl moves to another origin, and says a key is needed', async () => {
    await useFake(first, MASTER_KEY);
    await setSettings({ baseUrl: second.baseUrl });
    const r = await generate({ prompt: 'moved', folder: await freshFolder('moved') });
    assert.equal(r.status, 'failed');
    assert.equal(r.error?.kind, 'auth');
    assert.ok(r.error?.actions.includes('set_api_key'), 'offers Set API Key');
    assert.ok(second.requests.length > 0, 'the request reached the new proxy');
    for (const a of authorizations(second)) assert.ok(!a.includes(MASTER_KEY), `old key sent: ${a}`);
    // The new proxy's own key is stored separately; the first proxy's key is still there for it.
    await vscode.commands.executeCommand(Commands.setApiKey, { key: 'sk-second-proxy' });
    const ok = await generate({ prompt: 'moved with its key', folder: await freshFolder('moved2') });
    assert.equal(ok.status, 'done', ok.error?.message);
    await setSettings({ baseUrl: first.baseUrl });
    first.reset();
    const back = await generate({ prompt: 'back', folder: await freshFolder('back') });
    assert.equal(back.status, 'done', back.error?.message);
    assert.deepEqual([...new Set(authorizations(first))], [`Bearer ${MASTER_KEY}`]);
  });

  it('treats /v1 and a trailing slash as the same origin', async () => {
    await useFake(first, MASTER_KEY);
    await setSettings({ baseUrl: `${first.baseUrl}/v1/` });
    const r = await generate({ prompt: 'v1', folder: await freshFolder('v1') });
    assert.equal(r.status, 'done', r.error?.message);
  });

  it('uses LITELLM_API_KEY when no key is stored for the origin', async () => {
    await useFake(first, null);
    process.env.LITELLM_API_KEY = MASTER_KEY;
    const r = await generate({ prompt: 'env key', folder: await freshFolder('env') });
    assert.equal(r.status, 'done', r.error?.message);
    assert.ok(authorizations(first).includes(`Bearer ${MASTER_KEY}`));
  });

  it('works without any key on a proxy without auth, sending no Authorization header', async () => {
    await useFake(open, null);
    const r = await generate({ prompt: 'open proxy', folder: await freshFolder('open') });
    assert.equal(r.status, 'done', r.error?.message);
    assert.deepEqual([...new Set(authorizations(open))], ['']);
  });

  it('reports a missing key as an auth failure with Set API Key', async () => {
    await useFake(first, null);
    const r = await generate({ prompt: 'no key', folder: await freshFolder('nokey') });
    assert.equal(r.error?.kind, 'auth');
    assert.ok(r.error?.actions.includes('set_api_key'));
    assert.ok(!r.error?.message.includes(MASTER_KEY));
  });

  it('Clear API Key removes the key for this origin only', async () => {
    await useFake(first, MASTER_KEY);
    const cleared = await vscode.commands.executeCommand<{ cleared?: boolean }>(Commands.clearApiKey);
    assert.equal(cleared?.cleared, true);
    const again = await vscode.commands.executeCommand<{ cleared?: boolean }>(Commands.clearApiKey);
    assert.equal(again?.cleared, false, 'nothing left to clear');
    const r = await generate({ prompt: 'cleared', folder: await freshFolder('cleared') });
    assert.equal(r.error?.kind, 'auth');
  });

  it('refuses malformed keys with a message and stores nothing', async () => {
    await useFake(first, null);
    for (const bad of ['', '   ', 'Bearer sk-x', 'sk a b']) {
      const r = await vscode.commands.executeCommand<{ stored?: boolean; error?: string }>(
        Commands.setApiKey,
        {
          key: bad,
        },
      );
      assert.ok(r?.error, `"${bad}" was refused`);
      assert.notEqual(r?.stored, true);
    }
  });

  it('keeps the key out of settings, workspace files and saved images', async () => {
    await useFake(first, MASTER_KEY);
    const folder = await freshFolder('nokeyleak');
    const r = await generate({ prompt: 'leak check', folder });
    assert.equal(r.status, 'done', r.error?.message);
    const everything = JSON.stringify(vscode.workspace.getConfiguration(SECTION));
    assert.ok(!everything.includes(MASTER_KEY), 'not in any litellm.* setting');
    for (const file of await filesUnder(workspaceFolder())) {
      const text = (await fs.readFile(file)).toString('latin1');
      assert.ok(!text.includes(MASTER_KEY), `key found in ${file}`);
    }
  });
});
