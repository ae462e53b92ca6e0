// "Edit Image…" from the Explorer's context menu on assets/sample.png: the mask quick pick, the prompt, a new file
// beside the original (which stays byte for byte the same), and a multipart edit request with the original.
import { strict as assert } from 'node:assert';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { sharedSetup, type Setup } from './support/shared';
import {
  explorerRow,
  expandExplorerFolder,
  imageRequests,
  listFiles,
  pickRow,
  resetWorkbench,
  sha256,
  submitPrompt,
  tab,
  waitForImagePreview,
  waitForNewPngs,
  waitForQuickInput,
} from './support/ui';

describe('Edit Image from the Explorer (browser)', function () {
  let s: Setup;

  before(async () => {
    s = await sharedSetup('env-key');
  });

  beforeEach(async () => {
    await resetWorkbench(s);
  });

  it('right-click sample.png → Edit Image… → No mask → prompt: a new PNG in assets/, the original unchanged', async () => {
    const { wb } = s;
    const page = wb.page;
    const assets = path.join(wb.workspace, 'assets');
    const original = path.join(assets, 'sample.png');
    const originalSha = sha256(original);
    const originalSize = statSync(original).size;
    const before = listFiles(assets);

    await expandExplorerFolder(wb, 'assets');
    const row = explorerRow(page, 'sample.png');
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-item', { hasText: 'Edit Image…' }).first();
    await item.waitFor({ state: 'visible', timeout: 15_000 });
    await wb.screenshot('edit-1-context-menu');
    await item.click();

    await waitForQuickInput(page, 'Edit Image: mask');
    await wb.screenshot('edit-2-mask-pick');
    await pickRow(page, 'No mask');
    await submitPrompt(wb, 'Edit sample.png', 'make the sky stormy', 'edit-3-prompt');

    const files = await waitForNewPngs(assets, before);
    assert.equal(files.length, 1, `new files: ${JSON.stringify(files)}`);
    assert.equal(path.dirname(files[0]!), assets);
    assert.equal(sha256(original), originalSha, 'the original was changed');
    assert.equal(statSync(original).size, originalSize);

    await tab(page, path.basename(files[0]!)).waitFor({ state: 'visible', timeout: 30_000 });
    await waitForImagePreview(page);
    await wb.screenshot('edit-4-result');

    const calls = imageRequests(s, 'edits');
    assert.equal(calls.length, 1, `requests: ${JSON.stringify(s.fake.requests.map((r) => r.path))}`);
    const call = calls[0]!;
    assert.match(call.headers['content-type'] ?? '', /^multipart\/form-data; boundary=/);
    assert.equal(call.headers.authorization, 'Bearer sk-master-test');
    assert.deepEqual(call.fields?.prompt, ['make the sky stormy']);
    const sent = call.files ?? [];
    assert.equal(sent.length, 1, `files: ${JSON.stringify(sent.map((f) => [f.field, f.filename]))}`);
    assert.match(sent[0]!.field, /^image(\[\])?$/);
    assert.equal(sent[0]!.sha256, originalSha, 'the uploaded image is not the original');
    assert.ok(!sent.some((f) => f.field === 'mask'), 'a mask was sent although "No mask" was chosen');
  });
});
