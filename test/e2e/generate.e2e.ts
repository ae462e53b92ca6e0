// "LiteLLM: Generate Image…" in a real workbench: the prompt box from the palette, the PNG saved under images/,
// opened in an editor, the key from LITELLM_API_KEY sent to the proxy, and (from a Markdown file) the link inserted
// at the cursor.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sharedSetup, type Setup } from './support/shared';
import {
  editorShows,
  shot,
  imageRequests,
  listFiles,
  openFile,
  resetWorkbench,
  submitPrompt,
  tab,
  waitForImagePreview,
  waitForNewPngs,
  waitForToast,
  waitUntil,
} from './support/ui';

describe('Generate Image (browser)', function () {
  let s: Setup;

  before(async () => {
    s = await sharedSetup('env-key');
  });

  beforeEach(async () => {
    await resetWorkbench(s);
  });

  it('palette → prompt → Enter: a PNG in images/, opened in an editor, sent with Bearer sk-master-test', async () => {
    const { wb } = s;
    const images = path.join(wb.workspace, 'images');
    const before = listFiles(images);
    const prompt = 'a red fox in fresh snow, morning light';

    await wb.startCommand('LiteLLM: Generate Image…');
    await submitPrompt(wb, 'Generate Image', prompt, 'generate-1-prompt');

    const files = await waitForNewPngs(images, before);
    assert.equal(files.length, 1, `new files: ${JSON.stringify(files)}`);
    const name = path.basename(files[0]!);
    assert.match(name, /^a-red-fox.*\.png$/);

    await tab(wb.page, name).waitFor({ state: 'visible', timeout: 30_000 });
    await waitForImagePreview(wb.page);
    await shot(wb, 'generate-2-opened');

    const calls = imageRequests(s, 'generations');
    assert.equal(calls.length, 1, `requests: ${JSON.stringify(s.fake.requests.map((r) => r.path))}`);
    assert.equal(calls[0]!.headers.authorization, 'Bearer sk-master-test');
    assert.equal((calls[0]!.json as { prompt?: string }).prompt, prompt);
  });

  it('from notes.md: progress while waiting, then ![prompt](images/….png) inserted at the cursor, image beside', async () => {
    const { wb, fake } = s;
    const page = wb.page;
    const images = path.join(wb.workspace, 'images');
    const before = listFiles(images);
    const prompt = 'a lighthouse at dusk, oil painting';

    await openFile(wb, 'notes.md');
    // The cursor on a new paragraph at the end of the document.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');

    // Slow enough to see the progress notification.
    fake.failNext({ kind: 'delay', ms: 4_000 });
    await wb.startCommand('LiteLLM: Generate Image…');
    await submitPrompt(wb, 'Generate Image', prompt, 'generate-3-markdown-prompt');
    const progress = await waitForToast(page, 'Generating image', 15_000);
    await wb.screenshot('generate-4-progress');
    await progress.waitFor({ state: 'hidden', timeout: 30_000 });

    const files = await waitForNewPngs(images, before);
    const name = path.basename(files[0]!);
    const link = `![${prompt}](images/${name})`;
    await waitUntil(`the link ${link} in the editor`, () => editorShows(page, link));
    await tab(page, name).waitFor({ state: 'visible', timeout: 30_000 });
    await waitForImagePreview(page);

    // Saved, the document on disk has the link on the paragraph where the cursor was.
    await wb.runCommand('File: Save All Files');
    const notes = path.join(wb.workspace, 'notes.md');
    const text = await waitUntil('notes.md saved with the link', () => {
      const t = readFileSync(notes, 'utf8');
      return t.includes(link) ? t : undefined;
    });
    assert.match(text, /morning light\.\n\n!\[/, text);
    await shot(wb, 'generate-5-markdown-and-image');

    const calls = imageRequests(s, 'generations');
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.headers.authorization, 'Bearer sk-master-test');
  });
});
