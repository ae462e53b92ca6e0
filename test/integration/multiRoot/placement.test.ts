// Multi-root placement: the folder of the document being edited decides where images go (with that folder's own
// litellm.image.outputFolder), and without an editor the user picks the folder.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SECTION } from '../../../src/extension/ids';
import { FakeLitellm } from '../../fixtures/fakeLitellm';
import { closeAllEditors, generate, openDocument, resetSettings, useFake, workspaceFolder } from '../support';

describe('multi-root placement', () => {
  let fake: FakeLitellm;
  let alpha: string;
  let beta: string;

  before(async () => {
    fake = new FakeLitellm();
    await fake.start();
    alpha = workspaceFolder(0);
    beta = workspaceFolder(1);
  });
  beforeEach(async () => {
    fake.reset();
    await useFake(fake);
  });
  afterEach(async () => {
    await closeAllEditors();
    await resetSettings({ all: false });
  });
  after(async () => {
    await resetSettings();
    await fake.stop();
  });

  it('saves into the folder of the active document and links relative to it', async () => {
    const editor = await openDocument(path.join(beta, 'docs', 'b.md'), '', 'markdown');
    const r = await generate({ prompt: 'beta picture' });
    assert.equal(r.status, 'done', r.error?.message);
    assert.equal(path.dirname(r.files[0]!), path.join(beta, 'images'));
    assert.match(editor.document.getText(), /^!\[beta picture\]\(\.\.\/images\/beta-picture(-\d+)?\.png\)$/);
  });

  it("uses that folder's own litellm.image.outputFolder", async () => {
    const betaUri = vscode.Uri.file(beta);
    const config = vscode.workspace.getConfiguration(SECTION, betaUri);
    await config.update('image.outputFolder', 'art/generated', vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      await openDocument(path.join(beta, 'c.md'), '', 'markdown');
      const r = await generate({ prompt: 'folder setting' });
      assert.equal(r.status, 'done', r.error?.message);
      assert.equal(path.dirname(r.files[0]!), path.join(beta, 'art', 'generated'));
    } finally {
      await config.update('image.outputFolder', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });

  it('asks which folder when no document decides, and saves into the one picked', async () => {
    await closeAllEditors();
    const pending = generate({ prompt: 'picked folder' });
    // The workspace folder pick is a quick pick; accept its first entry (alpha) as a user would with Enter.
    let result;
    for (let i = 0; i < 50 && !result; i++) {
      await new Promise((r) => setTimeout(r, 200));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      result = await Promise.race([pending, new Promise((r) => setTimeout(() => r(undefined), 10))]);
    }
    const r = await pending;
    assert.equal(r.status, 'done', r.error?.message);
    assert.equal(path.dirname(r.files[0]!), path.join(alpha, 'images'));
  });

  it('an explicit folder argument relative to the workspace wins', async () => {
    await openDocument(path.join(alpha, 'a.md'), '', 'markdown');
    const r = await generate({ prompt: 'explicit', folder: 'custom' });
    assert.equal(path.dirname(r.files[0]!), path.join(alpha, 'custom'));
  });
});
