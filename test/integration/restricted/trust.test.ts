// Smoke test: this window opened an untrusted folder in Restricted Mode (workspace trust on, folder not trusted).
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../src/extension/ids';
import { integrationEnv } from '../env';

describe('restricted mode', () => {
  it('opened the throwaway folder untrusted', () => {
    const env = integrationEnv();
    assert.equal(env.suite, 'restricted');
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    assert.deepEqual(folders, [env.workspace]);
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace must not be trusted');
  });

  it('still lists the extension under development', () => {
    assert.ok(
      vscode.extensions.getExtension(EXTENSION_ID),
      `${EXTENSION_ID} is not installed in this window`,
    );
  });
});
