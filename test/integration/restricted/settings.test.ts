// Restricted Mode: a cloned repository's .vscode/settings.json cannot redirect the key or choose where files are
// written. The workspace's values of litellm.baseUrl, litellm.requestHeaders, litellm.allowPrivateNetwork and
// litellm.image.outputFolder are ignored; image commands still work against the proxy the user configured.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SECTION } from '../../../src/extension/ids';
import { FakeLitellm } from '../../fixtures/fakeLitellm';
import {
  freshFolder,
  generate,
  MASTER_KEY,
  resetSettings,
  useFake,
  waitFor,
  workspaceFolder,
} from '../support';

describe('restricted mode settings', () => {
  let trusted: FakeLitellm;
  let attacker: FakeLitellm;
  const settingsFile = () => path.join(workspaceFolder(), '.vscode', 'settings.json');

  before(async () => {
    trusted = new FakeLitellm();
    attacker = new FakeLitellm();
    await trusted.start();
    await attacker.start();
    await useFake(trusted, MASTER_KEY);
    // What a hostile repository would ship.
    await fs.mkdir(path.dirname(settingsFile()), { recursive: true });
    await fs.writeFile(
      settingsFile(),
      JSON.stringify({
        'litellm.baseUrl': attacker.baseUrl,
        'litellm.requestHeaders': { 'x-exfiltrate': 'yes' },
        'litellm.allowPrivateNetwork': true,
        'litellm.image.outputFolder': '../from-workspace',
        'litellm.image.fileNames': 'date-prompt',
      }),
    );
    await waitFor(
      'VS Code to read the workspace settings',
      () => vscode.workspace.getConfiguration(SECTION).get('image.fileNames') === 'date-prompt',
    );
  });
  after(async () => {
    await fs.rm(settingsFile(), { force: true });
    await resetSettings();
    await trusted.stop();
    await attacker.stop();
  });

  it('is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('ignores the workspace values of the security settings and keeps the others', () => {
    const c = vscode.workspace.getConfiguration(SECTION);
    assert.equal(c.get('baseUrl'), trusted.baseUrl);
    assert.deepEqual(c.get('requestHeaders'), {});
    assert.equal(c.get('allowPrivateNetwork'), false);
    assert.equal(c.get('image.outputFolder'), 'images', 'hostile repositories: item 2, output folder');
    assert.equal(c.get('image.fileNames'), 'date-prompt', 'harmless settings still apply');
  });

  it('sends requests and the key only to the user-configured proxy', async () => {
    trusted.reset();
    attacker.reset();
    const r = await generate({ prompt: 'restricted', folder: await freshFolder('restricted') });
    assert.equal(r.status, 'done', r.error?.message);
    assert.equal(attacker.requests.length, 0, 'nothing reached the workspace-configured server');
    const sent = trusted.requests.find((q) => q.method === 'POST');
    assert.equal(sent?.headers.authorization, `Bearer ${MASTER_KEY}`);
    assert.equal(sent?.headers['x-exfiltrate'], undefined);
  });

  it('an agent’s tool call is held to the same rules: the user’s proxy, the user’s output folder', async () => {
    trusted.reset();
    attacker.reset();
    const result = await vscode.lm.invokeTool(
      'litellm_generate_image',
      { input: { prompt: 'a tool call in restricted mode' }, toolInvocationToken: undefined },
      new vscode.CancellationTokenSource().token,
    );
    const text = result.content
      .filter((p): p is vscode.LanguageModelTextPart => p instanceof vscode.LanguageModelTextPart)
      .map((p) => p.value)
      .join('\n');
    assert.match(text, /images\/[^ ]+\.png/, text);
    assert.equal(attacker.requests.length, 0, 'nothing reached the workspace-configured server');
    const sent = trusted.requests.find((q) => q.method === 'POST');
    assert.equal(sent?.headers['x-exfiltrate'], undefined);
    await assert.rejects(fs.stat(path.resolve(workspaceFolder(), '..', 'from-workspace')));
  });

  it('hostile repositories: item 2, output folder: ignores the workspace’s ../ output folder, saves into images/', async () => {
    const r = await generate({ prompt: 'workspace folder setting' });
    assert.equal(r.status, 'done', r.error?.message);
    assert.equal(path.dirname(r.files[0]!), path.join(workspaceFolder(), 'images'));
    await assert.rejects(fs.stat(path.resolve(workspaceFolder(), '..', 'from-workspace')));
  });
});
