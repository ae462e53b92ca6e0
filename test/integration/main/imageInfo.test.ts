// Show Image Info reads back what an image was made with; menus that pass something other than a file on disk are
// refused with a message.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Provenance } from '../../../src/core/provenance';
import { Commands } from '../../../src/extension/ids';
import type { ImageCommandResult } from '../../../src/extension/imageJob';
import { freshFolder, generate, withFakeProxy, workspaceFolder } from '../support';

describe('Show Image Info and menu resources', () => {
  withFakeProxy();

  it('reads back the prompt and model of an image this extension made (as the Explorer menu passes it)', async () => {
    const r = await generate({
      prompt: 'an owl reading',
      model: 'gpt-image-1',
      folder: await freshFolder('info'),
    });
    assert.equal(r.status, 'done', r.error?.message);
    const info = await vscode.commands.executeCommand<Provenance>(
      Commands.showImageInfo,
      vscode.Uri.file(r.files[0]!),
    );
    assert.equal(info?.prompt, 'an owl reading');
    assert.equal(info?.model, 'gpt-image-1');
    assert.equal(info?.operation, 'generate');
  });

  it('says so when an image carries no information', async () => {
    const plain = path.join(workspaceFolder(), 'assets', 'sample.png');
    const info = await vscode.commands.executeCommand(Commands.showImageInfo, vscode.Uri.file(plain));
    assert.equal(info, undefined);
  });

  it('refuses to edit something that is not a file on disk, by name', async () => {
    const r = await vscode.commands.executeCommand<ImageCommandResult>(
      Commands.editImage,
      vscode.Uri.parse('untitled:drawing.png'),
    );
    assert.equal(r.status, 'failed');
    assert.equal(r.error?.kind, 'input');
    assert.match(r.error!.message, /drawing\.png is not a file on disk/);
  });
});
