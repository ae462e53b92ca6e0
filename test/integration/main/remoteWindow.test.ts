// A remote window (Remote-SSH, WSL, Dev Containers, Codespaces): the extension runs on the remote machine, beside the
// files. code-server is such a host: the workbench runs in the browser, the extension host on the server, and
// vscode.env.remoteName is set. There "localhost" in litellm.baseUrl is the remote machine, and the messages say so;
// menus pass file: URIs, and anything else is refused by name.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/extension/ids';
import type { TestConnectionResult } from '../../../src/extension/commands/testConnection';
import {
  closedPort,
  freshFolder,
  generate,
  setSettings,
  useFake,
  withFakeProxy,
  workspaceFolder,
} from '../support';

type Notify = (...args: unknown[]) => Thenable<unknown>;

/** Runs `work` with the window's error and warning notifications recorded instead of shown. */
async function recordingNotifications(work: () => Promise<void>): Promise<string[]> {
  const window = vscode.window as unknown as { showErrorMessage: Notify; showWarningMessage: Notify };
  const originals = { error: window.showErrorMessage, warning: window.showWarningMessage };
  const shown: string[] = [];
  const record: Notify = (...args) => {
    shown.push(String(args[0]));
    return Promise.resolve(undefined);
  };
  window.showErrorMessage = record;
  window.showWarningMessage = record;
  try {
    await work();
  } finally {
    window.showErrorMessage = originals.error;
    window.showWarningMessage = originals.warning;
  }
  return shown;
}

describe('remote windows', () => {
  const proxy = withFakeProxy();
  const remoteName = vscode.env.remoteName;
  const hint = (host: string) =>
    new RegExp(
      `This window is remote \\(${remoteName?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\): ${host.replace(/[.[\]]/g, '\\$&')} is the remote machine`,
    );

  before(function () {
    // A desktop VS Code (test/integration/runElectron.ts) opens a local window: nothing here applies.
    if (!remoteName) this.skip();
  });

  it('Test Connection to a closed port on localhost says localhost is the remote machine, and the way out', async () => {
    const port = await closedPort();
    await setSettings({ baseUrl: `http://localhost:${port}` });
    const { report, text } = await vscode.commands.executeCommand<TestConnectionResult>(
      Commands.testConnection,
      { quiet: true },
    );
    assert.equal(report?.reachable, false);
    const problem = report!.problems.join(' ');
    assert.match(problem, hint('localhost'), problem);
    assert.match(problem, /Forward the proxy's port to the remote machine/);
    assert.match(problem, /litellm\.baseUrl/);
    assert.match(text!, hint('localhost'), 'the report shows it too');
  });

  it('a generation against 127.0.0.1 that cannot connect says so; a reachable proxy gets no such hint', async function () {
    this.timeout(90_000); // two generations, on a loaded machine
    const folder = await freshFolder('remote-refused');
    await setSettings({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
    const failed = await generate({ prompt: 'a lighthouse', folder });
    assert.equal(failed.error?.kind, 'network', failed.error?.message);
    assert.match(failed.error!.message, hint('127.0.0.1'));

    // The control: the fake proxy (on 127.0.0.1 too) answers, with a refusal; the failure is not the machine's.
    await useFake(proxy());
    proxy().failNext({ kind: 'status', status: 401 });
    const other = await generate({ prompt: 'a lighthouse', folder });
    assert.ok(other.error, 'the fake failed the request');
    assert.doesNotMatch(other.error.message, /This window is remote/);
  });

  it('menus that pass something other than a file on disk are refused by name', async () => {
    const virtual = vscode.Uri.parse('vscode-vfs://github/owner/repo/logo.png');
    const shown = await recordingNotifications(async () => {
      await vscode.commands.executeCommand(Commands.showImageInfo, virtual);
    });
    assert.deepEqual(shown, [
      'vscode-vfs://github/owner/repo/logo.png is not a file on disk; Show Image Info reads images from disk.',
    ]);
    // The file: URI the Explorer passes beside it is read as usual (the control).
    const plain = vscode.Uri.file(path.join(workspaceFolder(), 'assets', 'sample.png'));
    const none = await recordingNotifications(async () => {
      await vscode.commands.executeCommand(Commands.showImageInfo, plain);
    });
    assert.deepEqual(none, []);
  });

  it('the Studio opened on something that is not a file on disk says so and opens without it', async () => {
    const shown = await recordingNotifications(async () => {
      await vscode.commands.executeCommand(Commands.openStudio, vscode.Uri.parse('untitled:sketch.png'));
    });
    assert.deepEqual(shown, ['untitled:sketch.png is not a file on disk; the Studio opens without it.']);
  });
});
