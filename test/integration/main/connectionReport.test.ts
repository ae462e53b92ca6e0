// Test Connection's "Show Report": a read-only virtual Markdown document on the extension's scheme, not an unsaved
// Untitled file that asks to be saved.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { Commands } from '../../../src/extension/ids';
import { REPORT_SCHEME } from '../../../src/extension/reportDocuments';
import { waitFor, withFakeProxy } from '../support';

describe('the connection report document', () => {
  withFakeProxy();

  /** Answers Test Connection's notification with Show Report (notifications cannot be clicked from here). */
  async function showingReport(run: () => Promise<void>): Promise<void> {
    const window = vscode.window as unknown as Record<string, unknown>;
    const info = window.showInformationMessage;
    window.showInformationMessage = (message: string, ...items: unknown[]) =>
      items.includes('Show Report')
        ? Promise.resolve('Show Report')
        : (info as (...a: unknown[]) => unknown)(message, ...items);
    try {
      await run();
    } finally {
      window.showInformationMessage = info;
    }
  }

  const untitledDirty = () =>
    vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled' && d.isDirty);

  it('opens a virtual Markdown document that is never dirty, and a second run replaces it', async () => {
    assert.deepEqual(untitledDirty(), [], 'no untitled document before');
    await showingReport(async () => {
      await vscode.commands.executeCommand(Commands.testConnection);
      const editor = await waitFor(
        'the report editor',
        () =>
          vscode.window.activeTextEditor?.document.uri.scheme === REPORT_SCHEME &&
          vscode.window.activeTextEditor,
      );
      const doc = editor.document;
      assert.equal(doc.languageId, 'markdown');
      assert.match(doc.getText(), /^# LiteLLM connection report/);
      assert.equal(doc.isDirty, false);
      await vscode.commands.executeCommand(Commands.testConnection);
      await waitFor('the second report in the same document', () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === REPORT_SCHEME)
          .length === 1
          ? true
          : undefined,
      );
    });
    assert.deepEqual(
      untitledDirty().map((d) => d.uri.toString()),
      [],
      'no unsaved untitled document is left',
    );
  });
});
