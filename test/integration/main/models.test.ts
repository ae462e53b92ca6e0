// Select Image Model and Test Connection through their commands, with argument objects (no UI).
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { Commands, SECTION } from '../../../src/extension/ids';
import type { TestConnectionResult } from '../../../src/extension/commands/testConnection';
import { FakeLitellm } from '../../fixtures/fakeLitellm';
import { setSettings, withFakeProxy } from '../support';

function testConnection(): Thenable<TestConnectionResult> {
  return vscode.commands.executeCommand<TestConnectionResult>(Commands.testConnection, { quiet: true });
}

describe('models and the connection report', () => {
  withFakeProxy();

  it('Select Image Model writes litellm.image.model', async () => {
    const r = await vscode.commands.executeCommand<{ model?: string }>(Commands.selectModel, {
      model: 'dall-e-3',
    });
    assert.equal(r?.model, 'dall-e-3');
    assert.equal(vscode.workspace.getConfiguration(SECTION).get('image.model'), 'dall-e-3');
    await setSettings({ 'image.model': undefined });
  });

  it('reports a healthy proxy: reachable, version, key accepted, image models only', async () => {
    const { report, text } = await testConnection();
    assert.ok(report, 'a report');
    assert.equal(report.ok, true, report.problems.join('; '));
    assert.equal(report.reachable, true);
    assert.equal(report.version, '1.81.0');
    assert.equal(report.auth, 'ok');
    assert.deepEqual(
      report.models.map((m) => m.id),
      ['gpt-image-2', 'gpt-image-1', 'dall-e-3', 'dall-e-2'],
    );
    assert.match(text!, /Network policy: allowed/);
    assert.match(text!, /accepted \(key from secret-storage\)/);
    assert.ok(!text!.includes('sk-master-test'), 'no key in the report');
  });

  it('reports a rejected key with what to fix', async () => {
    await vscode.commands.executeCommand(Commands.setApiKey, { key: 'sk-wrong' });
    const { report, text } = await testConnection();
    assert.equal(report?.ok, false);
    assert.equal(report?.auth, 'rejected');
    assert.match(text!, /What to fix/);
    assert.ok(!text!.includes('sk-wrong'));
  });

  it('reports an unreachable proxy', async () => {
    const gone = new FakeLitellm();
    await gone.start();
    const url = gone.baseUrl;
    await gone.stop();
    await setSettings({ baseUrl: url });
    const { report } = await testConnection();
    assert.equal(report?.reachable, false);
    assert.equal(report?.ok, false);
    assert.ok(report!.problems.length > 0);
  });

  it('reports the network policy refusing a private address', async () => {
    await setSettings({ baseUrl: 'http://192.168.255.1:4000' });
    const { report } = await testConnection();
    assert.equal(report?.policy.allowed, false);
    assert.match(report!.problems.join(' '), /allowPrivateNetwork/);
  });
});
