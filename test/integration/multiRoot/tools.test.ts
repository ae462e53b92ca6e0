// The language-model tools in a multi-root workspace: the paths they answer with name the folder ("beta/…"), and
// the same paths given back (an edit of what was just made, a folder) resolve in that folder, not in the first one.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FakeLitellm } from '../../fixtures/fakeLitellm';
import { listFiles, resetSettings, useFake, workspaceFolder } from '../support';

function textOf(r: vscode.LanguageModelToolResult): string {
  return r.content
    .filter((p): p is vscode.LanguageModelTextPart => p instanceof vscode.LanguageModelTextPart)
    .map((p) => p.value)
    .join('\n');
}

describe('multi-root language-model tools', () => {
  let fake: FakeLitellm;
  before(async () => {
    fake = new FakeLitellm();
    await fake.start();
    await useFake(fake);
  });
  after(async () => {
    await resetSettings();
    await fake.stop();
  });

  it('a folder named first picks that workspace folder, and the answer names it; an edit of it finds it', async () => {
    const beta = workspaceFolder(1);
    const betaName = vscode.workspace.workspaceFolders![1]!.name;
    const invoke = (name: string, input: object) =>
      vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
    const made = textOf(
      await invoke('litellm_generate_image', {
        prompt: 'a tool picture',
        folder: `${betaName}/tool-out`,
        fileName: 'pic',
      }),
    );
    assert.deepEqual(await listFiles(path.join(beta, 'tool-out')), ['pic.png']);
    assert.ok(made.includes(`${betaName}/tool-out/pic.png`), made);
    const edited = textOf(
      await invoke('litellm_edit_image', {
        prompt: 'add a hat',
        references: [`${betaName}/tool-out/pic.png`],
        model: 'gpt-image-1',
      }),
    );
    assert.match(edited, /Saved 1 image/);
    assert.deepEqual(await listFiles(path.join(beta, 'tool-out')), ['pic-add-a-hat.png', 'pic.png']);
  });
});
