// Hostile files in a cloned repository (issue 9, item 4): a sidecar that is a FIFO or a symlink to /dev/zero, an
// image name that is a FIFO, a huge sparse sidecar. Show Image Info and the Studio's history must answer promptly
// (bounded by the test timeout, not a timed assertion) instead of blocking on the FIFO or reading without end.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StudioProbe } from '../../../src/extension/studio/studioPanel';
import { Commands } from '../../../src/extension/ids';
import { SAMPLE_JPEG } from '../../fixtures/png';
import { extensionApi, freshFolder, setSettings, waitFor, withFakeProxy, workspaceFolder } from '../support';

const posix = process.platform !== 'win32';
const linux = process.platform === 'linux';

/** Plants the hostile files beside ordinary ones; returns the JPEGs whose sidecars are hostile. */
async function plantHostileFiles(folder: string): Promise<string[]> {
  const jpegs: string[] = [];
  const fifoSidecar = path.join(folder, 'fifo-sidecar.jpg');
  await fs.writeFile(fifoSidecar, SAMPLE_JPEG);
  execFileSync('mkfifo', [fifoSidecar + '.litellm.json']);
  jpegs.push(fifoSidecar);
  if (linux) {
    const zeroSidecar = path.join(folder, 'zero-sidecar.jpg');
    await fs.writeFile(zeroSidecar, SAMPLE_JPEG);
    await fs.symlink('/dev/zero', zeroSidecar + '.litellm.json');
    jpegs.push(zeroSidecar);
    await fs.symlink('/dev/zero', path.join(folder, 'zero-image.png'));
  }
  execFileSync('mkfifo', [path.join(folder, 'fifo-image.png')]);
  const sparse = path.join(folder, 'sparse-sidecar.jpg');
  await fs.writeFile(sparse, SAMPLE_JPEG);
  const h = await fs.open(sparse + '.litellm.json', 'w');
  await h.truncate(2_000_000_000);
  await h.close();
  return jpegs;
}

describe('hostile files: item 4, unbounded reads in the extension host', () => {
  withFakeProxy();
  let folder: string;

  beforeEach(async function () {
    if (!posix) this.skip(); // FIFOs and /dev/zero are POSIX fixtures
    folder = await freshFolder('hostile');
  });
  afterEach(() => (folder ? fs.rm(folder, { recursive: true, force: true }) : undefined));

  it('Show Image Info on a JPEG whose sidecar is a FIFO or a symlink to /dev/zero says it carries no information', async () => {
    const jpegs = await plantHostileFiles(folder);
    assert.ok(jpegs.length >= 1);
    for (const jpeg of jpegs) {
      // A file URI that yields undefined is the "carries no LiteLLM Images information" answer.
      const info = await vscode.commands.executeCommand(Commands.showImageInfo, vscode.Uri.file(jpeg));
      assert.equal(info, undefined, path.basename(jpeg));
    }
    const fifoImage = path.join(folder, 'fifo-image.png');
    assert.equal(
      await vscode.commands.executeCommand(Commands.showImageInfo, vscode.Uri.file(fifoImage)),
      undefined,
    );
  });

  it('the Studio’s history over such a folder still lists, reads details, and the Studio keeps working', async () => {
    await setSettings({ 'image.outputFolder': path.relative(workspaceFolder(), folder) });
    await vscode.commands.executeCommand(Commands.openStudio);
    const api = await extensionApi();
    const studio: StudioProbe = await waitFor('the Studio panel', () => api.studio());
    await studio.receive({ type: 'dismissError' });
    await studio.receive({ type: 'run', draft: { prompt: 'a lighthouse', model: '', options: {} } });
    const card = studio.state().results[0];
    assert.ok(card, JSON.stringify(studio.state().error));
    await plantHostileFiles(folder);
    // Resolves only once the folder is listed and every file's provenance has been read (or refused).
    await studio.receive({ type: 'refreshHistory' });
    await studio.receive({ type: 'draft', draft: { prompt: 'something else', model: '', options: {} } });
    await studio.receive({ type: 'imageAction', action: 'loadSettings', id: card.id });
    assert.equal(studio.state().draft.prompt, 'a lighthouse', 'the good image’s provenance still reads');
    assert.equal(studio.state().error, undefined);
    const files = await fs.readdir(folder);
    assert.ok(files.includes(card.name));
  });
});

describe('hostile files: item 4, a history folder with more images than the history lists', () => {
  withFakeProxy();
  let folder: string;
  beforeEach(async () => {
    folder = await freshFolder('many');
  });
  afterEach(() => (folder ? fs.rm(folder, { recursive: true, force: true }) : undefined));

  it('the Studio says it shows only the newest 2,000 of the images', async () => {
    // One past the history's limit (core HISTORY_DEFAULT_LIMIT); empty files are enough to be listed.
    for (let i = 0; i < 2003; i += 100)
      await Promise.all(
        Array.from({ length: Math.min(100, 2003 - i) }, (_, j) =>
          fs.writeFile(path.join(folder, `img-${i + j}.png`), ''),
        ),
      );
    await setSettings({ 'image.outputFolder': path.relative(workspaceFolder(), folder) });
    await vscode.commands.executeCommand(Commands.openStudio);
    const api = await extensionApi();
    const studio: StudioProbe = await waitFor('the Studio panel', () => api.studio());
    await studio.receive({ type: 'refreshHistory' });
    const history = studio.history();
    assert.equal(history?.status, 'ready', JSON.stringify(history?.message));
    assert.equal(history.items.length, 2000);
    assert.deepEqual(history.partial, { older: 3 });

    // Under the limit the notice goes away.
    for (let i = 0; i < 3; i++) await fs.rm(path.join(folder, `img-${i}.png`));
    await studio.receive({ type: 'refreshHistory' });
    assert.equal(studio.history()?.items.length, 2000);
    assert.equal(studio.history()?.partial, undefined);
  });
});
