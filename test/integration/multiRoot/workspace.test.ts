// Smoke test: the window opened a .code-workspace with two folders, and the extension still activates there.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../../src/extension/ids';
import { integrationEnv } from '../env';

describe('multi-root workspace', () => {
  it('opens both folders of the .code-workspace file', () => {
    const env = integrationEnv();
    assert.equal(env.suite, 'multiRoot');
    assert.ok(vscode.workspace.workspaceFile, 'a workspace file is open');
    assert.equal(vscode.workspace.workspaceFile.fsPath, env.workspace);
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    assert.deepEqual(folders, env.folders);
    assert.deepEqual(
      folders.map((f) => path.basename(f)),
      ['alpha', 'beta'],
    );
  });

  it('activates the extension', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in this window`);
    await vscode.commands.executeCommand(Commands.showLog);
    assert.equal(ext.isActive, true);
  });
});
