// Where Generate puts the links, in the real host: on lines of their own after the cursor's line or the selection's
// last line, the selection as it was, the document's line endings kept; from something that is not a text editor,
// a notification that says where the images went with Copy Link; Generate from Selection through the prompt box.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/extension/ids';
import type { ImageCommandResult } from '../../../src/extension/imageJob';
import {
  closeAllEditors,
  generate,
  imagePosts,
  openDocument,
  waitFor,
  withFakeProxy,
  workspaceFolder,
} from '../support';

const LINK = (name: string) => `!\\[${name}\\]\\(images\\/${name.replace(/ /g, '-')}(-\\d+)?\\.png\\)`;

function selectionOf(editor: vscode.TextEditor): string {
  const s = editor.selection;
  return `${s.anchor.line}:${s.anchor.character}-${s.active.line}:${s.active.character}`;
}

describe('links on their own lines', () => {
  withFakeProxy();

  it('a cursor in the middle of a heading: the link goes after the heading and the cursor stays', async () => {
    const editor = await openDocument(
      path.join(workspaceFolder(), 'heading.md'),
      '# Notes\nBody',
      'markdown',
    );
    editor.selection = new vscode.Selection(0, 3, 0, 3);
    const r = await generate({ prompt: 'mid heading' });
    assert.equal(r.status, 'done', r.error?.message);
    assert.match(editor.document.getText(), new RegExp(`^# Notes\\n${LINK('mid heading')}\\nBody$`));
    assert.equal(selectionOf(editor), '0:3-0:3');
  });

  it('a partial selection: the sentence stays whole and the selection does not grow', async () => {
    const text = 'A red fox sat in the snow.\nNext';
    const editor = await openDocument(path.join(workspaceFolder(), 'sentence.md'), text, 'markdown');
    editor.selection = new vscode.Selection(0, 2, 0, 9);
    const r = await generate({ prompt: 'red fox' });
    assert.equal(r.status, 'done', r.error?.message);
    assert.match(
      editor.document.getText(),
      new RegExp(`^A red fox sat in the snow\\.\\n${LINK('red fox')}\\nNext$`),
    );
    assert.equal(selectionOf(editor), '0:2-0:9');
  });

  it('the end of a file without a final line break: a new last line, the cursor where it was', async () => {
    const editor = await openDocument(path.join(workspaceFolder(), 'eof.md'), 'last words', 'markdown');
    editor.selection = new vscode.Selection(0, 10, 0, 10);
    const r = await generate({ prompt: 'at the end' });
    assert.equal(r.status, 'done', r.error?.message);
    assert.match(editor.document.getText(), new RegExp(`^last words\\n${LINK('at the end')}$`));
    assert.equal(selectionOf(editor), '0:10-0:10', 'the cursor did not move past the link');
  });

  it('a CRLF document stays CRLF, with one link per line for several images', async () => {
    const editor = await openDocument(
      path.join(workspaceFolder(), 'crlf.md'),
      '# Title\r\nText\r\n',
      'markdown',
    );
    assert.equal(editor.document.eol, vscode.EndOfLine.CRLF);
    editor.selection = new vscode.Selection(0, 2, 0, 2);
    const r = await generate({ prompt: 'three birds', n: 3 });
    assert.equal(r.status, 'done', r.error?.message);
    assert.equal(r.files.length, 3);
    const text = editor.document.getText();
    assert.equal(editor.document.eol, vscode.EndOfLine.CRLF);
    assert.doesNotMatch(text, /[^\r]\n/, 'no bare LF');
    const lines = text.split('\r\n');
    assert.equal(lines[0], '# Title');
    for (const line of lines.slice(1, 4)) assert.match(line, new RegExp(`^${LINK('three birds')}$`));
    assert.deepEqual(lines.slice(4), ['Text', '']);
    assert.equal(selectionOf(editor), '0:2-0:2');
  });
});

describe('no text editor to link into', () => {
  const proxy = withFakeProxy();

  /** Answers the "no link was inserted" notification with Copy Link (notifications cannot be clicked from here). */
  async function answeringCopyLink(run: (shown: string[]) => Promise<void>): Promise<void> {
    const window = vscode.window as unknown as Record<string, unknown>;
    const info = window.showInformationMessage;
    const shown: string[] = [];
    window.showInformationMessage = (message: string, ...items: unknown[]) => {
      if (!items.includes('Copy Link')) return (info as (...a: unknown[]) => unknown)(message, ...items);
      shown.push(message);
      return Promise.resolve('Copy Link');
    };
    try {
      await run(shown);
    } finally {
      window.showInformationMessage = info;
    }
  }

  it('from the Markdown preview: nothing is inserted, the notification says where the image went, Copy Link copies it', async () => {
    const file = path.join(workspaceFolder(), 'previewed.md');
    await openDocument(file, '# Previewed\n', 'markdown');
    await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(file));
    await waitFor('the preview to be the active editor', () => !vscode.window.activeTextEditor);
    await vscode.env.clipboard.writeText('before');
    await answeringCopyLink(async (shown) => {
      const r = await generate({ prompt: 'from the preview' });
      assert.equal(r.status, 'done', r.error?.message);
      assert.equal(r.inserted, undefined);
      assert.equal(shown.length, 1, 'one notification');
      assert.match(
        shown[0]!,
        /Saved 1 image\(s\) in images\. No link was inserted: ".*previewed\.md.*" is not a text editor/,
      );
      const copied = await waitFor('the link on the clipboard', async () => {
        const t = await vscode.env.clipboard.readText();
        return t !== 'before' && t;
      });
      assert.match(copied, new RegExp(`^${LINK('from the preview')}$`));
    });
    assert.equal(await fs.readFile(file, 'utf8'), '# Previewed\n', 'the document is untouched');
  });

  it('from an image preview: names it and inserts nothing', async () => {
    const image = path.join(workspaceFolder(), 'previewed.png');
    const first = await generate({ prompt: 'to preview', insertLink: false });
    await fs.copyFile(first.files[0]!, image);
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(image));
    await waitFor(
      'the image preview to be the active tab',
      () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputCustom,
    );
    await answeringCopyLink(async (shown) => {
      const r = await generate({ prompt: 'from the image' });
      assert.equal(r.status, 'done', r.error?.message);
      assert.equal(r.inserted, undefined);
      assert.match(shown[0] ?? '', /"previewed\.png" is not a text editor/);
    });
  });

  it('with no editor open: says so; insertLink false or a quiet call shows nothing', async () => {
    await closeAllEditors();
    await answeringCopyLink(async (shown) => {
      const r = await generate({ prompt: 'no editor' });
      assert.equal(r.status, 'done', r.error?.message);
      await waitFor('the notification', () => shown.length === 1);
      assert.match(shown[0]!, /No link was inserted: no text editor was active/);
      await generate({ prompt: 'no link wanted', insertLink: false });
      await generate({ prompt: 'quiet', quiet: true });
      assert.equal(shown.length, 1, 'nothing more');
    });
    assert.equal(imagePosts(proxy()).length, 3);
  });
});

describe('Generate Image from Selection', () => {
  const proxy = withFakeProxy();

  /** Records the prompt boxes the extension creates (the test shares its `vscode.window`). */
  async function watchingPromptBoxes(run: (boxes: vscode.InputBox[]) => Promise<void>): Promise<void> {
    const window = vscode.window as unknown as { createInputBox: () => vscode.InputBox };
    const create = window.createInputBox;
    const boxes: vscode.InputBox[] = [];
    window.createInputBox = () => {
      const box = create.call(vscode.window);
      boxes.push(box);
      return box;
    };
    try {
      await run(boxes);
    } finally {
      window.createInputBox = create;
    }
  }

  it('opens the prompt box pre-filled with the selection; Enter generates, the link goes after the line', async () => {
    const editor = await openDocument(
      path.join(workspaceFolder(), 'sel.md'),
      'a blue whale\nmore',
      'markdown',
    );
    editor.selection = new vscode.Selection(0, 0, 0, 12);
    await watchingPromptBoxes(async (boxes) => {
      const pending = vscode.commands.executeCommand<ImageCommandResult>(Commands.generateFromSelection);
      const box = await waitFor('the prompt box', () => boxes[0]);
      assert.equal(box.value, 'a blue whale');
      assert.equal(imagePosts(proxy()).length, 0, 'nothing sent before Enter');
      // Enter in the real quick input (the box was shown by the extension, not by this test).
      await waitFor('the box to take Enter', async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return imagePosts(proxy()).length > 0;
      });
      const r = await pending;
      assert.equal(r.status, 'done', r.error?.message);
    });
    const sent = imagePosts(proxy())[0];
    assert.equal((sent?.json as { prompt?: string }).prompt, 'a blue whale');
    assert.match(editor.document.getText(), new RegExp(`^a blue whale\\n${LINK('a blue whale')}\\nmore$`));
    assert.equal(selectionOf(editor), '0:0-0:12', 'the selection is as it was');
  });

  it('dismissing the box sends nothing', async () => {
    const editor = await openDocument(path.join(workspaceFolder(), 'sel2.md'), 'a paid request', 'markdown');
    editor.selection = new vscode.Selection(0, 0, 0, 14);
    await watchingPromptBoxes(async (boxes) => {
      const pending = vscode.commands.executeCommand<ImageCommandResult>(Commands.generateFromSelection);
      const box = await waitFor('the prompt box', () => boxes[0]);
      box.hide();
      assert.equal((await pending).status, 'dismissed');
    });
    assert.equal(imagePosts(proxy()).length, 0);
    assert.equal(editor.document.getText(), 'a paid request');
  });

  it('with an argument object carrying a prompt it runs without a box', async () => {
    await openDocument(path.join(workspaceFolder(), 'sel3.md'), 'ignored selection', 'markdown');
    await watchingPromptBoxes(async (boxes) => {
      const r = await vscode.commands.executeCommand<ImageCommandResult>(Commands.generateFromSelection, {
        prompt: 'given prompt',
      });
      assert.equal(r.status, 'done', r.error?.message);
      assert.equal(boxes.length, 0, 'no prompt box');
    });
    assert.equal((imagePosts(proxy())[0]?.json as { prompt?: string }).prompt, 'given prompt');
  });
});
