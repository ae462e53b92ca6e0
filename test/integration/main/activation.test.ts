// Smoke test: the extension under development is installed in this VS Code, its Show Log command activates it,
// and it stays active.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../../src/extension/ids';
import type { ImageCommandResult } from '../../../src/extension/imageJob';
import { integrationEnv } from '../env';
import { extensionApi } from '../support';

describe('activation', () => {
  it('runs inside a real extension host with the throwaway workspace open', () => {
    const env = integrationEnv();
    assert.equal(env.suite, 'main');
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'exactly one workspace folder');
    assert.equal(folders[0].uri.fsPath, env.workspace);
    assert.equal(vscode.workspace.isTrusted, true);
  });

  it(`finds ${EXTENSION_ID} and activates it through ${Commands.showLog}`, async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in this window`);
    assert.equal(ext.packageJSON.main, './dist/extension.js');
    await vscode.commands.executeCommand(Commands.showLog);
    assert.equal(ext.isActive, true, 'the extension is active after its command ran');
    const after = await vscode.commands.getCommands(true);
    assert.ok(after.includes(Commands.showLog), `${Commands.showLog} is registered once active`);
  });

  it('leaves the network stack unloaded until an image command needs it', async () => {
    // This file runs first in the suite: nothing has made a request in this window yet.
    const api = await extensionApi();
    await vscode.commands.executeCommand(Commands.clearApiKey);
    assert.equal(api.isCoreLoaded(), false, 'activation and key commands do not load dist/core.js');
    const r = await vscode.commands.executeCommand<ImageCommandResult>(Commands.generateImage, {
      prompt: '',
    });
    assert.equal(r.error?.kind, 'invalid_request', 'the command ran (and refused the empty prompt)');
    assert.equal(api.isCoreLoaded(), true);
  });

  it('leaves the Image Studio (dist/studio.js) unloaded until it is opened', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const studio = path.join(ext.extensionPath, 'dist', 'studio.js');
    assert.ok(existsSync(studio), 'the build made dist/studio.js');
    assert.equal(require.cache[studio], undefined, 'activation did not load the Studio');
    await vscode.commands.executeCommand(Commands.openStudio);
    assert.ok(require.cache[studio], 'opening the Studio loaded it');
    assert.ok((await extensionApi()).studio(), 'the Studio is open');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
