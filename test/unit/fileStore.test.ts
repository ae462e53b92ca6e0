/**
 * The file-store port is really the core's only way to the disk. The core is handed a store that wraps the Node
 * adapter, records every call, and maps a folder that does not exist (what the core is told) onto a real one (where
 * the files land): a call that went around the store would name a path that is not on disk, so the save or the
 * listing would fail, or the made-up folder would appear. Neither may happen, and the wrapper must have seen every
 * operation a save, a history listing and an edit upload need.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  buildEditForm,
  checkEditInputs,
  checkInside,
  type FileStore,
  historyEntriesInside,
  type HistoryDetail,
  isWithin,
  nodeFileStore,
  readHistoryDetails,
  saveImageResult,
  scanHistory,
} from '../../src/core';
import { imageResult, receivedImage } from '../fixtures/imageResults';
import { encodePng, SAMPLE_JPEG } from '../fixtures/png';

type Op = keyof FileStore;

/** The Node adapter seen through a path mapping `shown` → `real`, recording each call with the path it was given. */
class MappedRecordingStore implements FileStore {
  readonly calls: Array<{ op: Op; path: string }> = [];
  /** Paths outside the mapped folder (a call the test did not expect the core to make). */
  readonly strays: string[] = [];

  constructor(
    private readonly shown: string,
    private readonly real: string,
  ) {}

  private to(op: Op, file: string): string {
    this.calls.push({ op, path: file });
    if (!isWithin(this.shown, file)) {
      this.strays.push(`${op} ${file}`);
      return file;
    }
    return path.join(this.real, path.relative(this.shown, file));
  }

  private back(file: string): string {
    return isWithin(this.real, file) ? path.join(this.shown, path.relative(this.real, file)) : file;
  }

  ops(): Set<Op> {
    return new Set(this.calls.map((c) => c.op));
  }

  stat: FileStore['stat'] = (file) => nodeFileStore.stat(this.to('stat', file));
  lstat: FileStore['lstat'] = (file) => nodeFileStore.lstat(this.to('lstat', file));
  realPath: FileStore['realPath'] = async (file) =>
    this.back(await nodeFileStore.realPath(this.to('realPath', file)));
  listFolder: FileStore['listFolder'] = (folder) => nodeFileStore.listFolder(this.to('listFolder', folder));
  ensureFolder: FileStore['ensureFolder'] = (folder) =>
    nodeFileStore.ensureFolder(this.to('ensureFolder', folder));
  openForReading: FileStore['openForReading'] = (file) =>
    nodeFileStore.openForReading(this.to('openForReading', file));
  readStart: FileStore['readStart'] = (file, length) =>
    nodeFileStore.readStart(this.to('readStart', file), length);
  streamStart: FileStore['streamStart'] = (file, length) =>
    nodeFileStore.streamStart(this.to('streamStart', file), length);
  createNew: FileStore['createNew'] = (file, data) =>
    nodeFileStore.createNew(this.to('createNew', file), data);
  publishExclusive: FileStore['publishExclusive'] = (from, to) =>
    nodeFileStore.publishExclusive(this.to('publishExclusive', from), this.to('publishExclusive', to));
  remove: FileStore['remove'] = (file) => nodeFileStore.remove(this.to('remove', file));
}

describe('the file-store port', () => {
  let base: string;
  let shown: string;
  let real: string;
  let store: MappedRecordingStore;
  beforeEach(() => {
    base = realpathSync(mkdtempSync(path.join(tmpdir(), 'filestore-')));
    shown = path.join(base, 'as-the-core-sees-it');
    real = path.join(base, 'on-disk');
    store = new MappedRecordingStore(shown, real);
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const prompt = 'a lighthouse at dusk';
  const png = encodePng(2, 2, Buffer.alloc(16, 7));

  async function saveTwo(folder: string): Promise<string[]> {
    const outcome = await saveImageResult(imageResult([receivedImage(png), receivedImage(SAMPLE_JPEG)]), {
      prompt,
      folder,
      operation: 'generate',
      now: new Date('2026-12-01T12:00:00Z'),
      store,
    });
    assert.equal(outcome.error, undefined, outcome.error?.message);
    return outcome.saved.map((s) => s.path);
  }

  it('a save and a history listing go through the store handed in, and nothing goes around it', async () => {
    const folder = path.join(shown, 'images');
    const saved = await saveTwo(folder);
    assert.deepEqual(saved, [
      path.join(folder, 'a-lighthouse-at-dusk.png'),
      path.join(folder, 'a-lighthouse-at-dusk.jpg'),
    ]);
    // The files are where the store put them, and only there; no temporary file is left.
    assert.deepEqual((await readdir(path.join(real, 'images'))).sort(), [
      'a-lighthouse-at-dusk.jpg',
      'a-lighthouse-at-dusk.jpg.litellm.json',
      'a-lighthouse-at-dusk.png',
    ]);
    assert.ok((await readFile(path.join(real, 'images', 'a-lighthouse-at-dusk.jpg'))).equals(SAMPLE_JPEG));
    const afterSave = store.ops();
    for (const op of [
      'ensureFolder',
      'listFolder',
      'createNew',
      'publishExclusive',
      'lstat',
      'remove',
    ] as const)
      assert.ok(afterSave.has(op), `the save used ${op} through the store`);

    const listing = await scanHistory(folder, { store });
    assert.deepEqual(
      listing.entries.map((e) => e.path).sort(),
      [...saved].sort(),
      'the sidecar is not an image of its own',
    );
    const inside = await historyEntriesInside(folder, listing.entries, [shown], { store });
    assert.deepEqual(inside.entries, listing.entries);
    assert.equal(inside.leftOut, 0);
    const details: HistoryDetail[] = [];
    await readHistoryDetails(inside.entries, (batch) => details.push(...batch), { store });
    assert.equal(details.length, 2);
    for (const d of details)
      assert.equal(d.provenance?.prompt, prompt, `${d.entry.name} read back its provenance`);
    for (const op of ['stat', 'realPath', 'openForReading'] as const)
      assert.ok(store.ops().has(op), `the history used ${op} through the store`);

    assert.deepEqual(store.strays, [], 'every path the core named was one it was given');
    assert.equal(existsSync(shown), false, 'nothing reached the disk under the path the core was told');
  });

  it('checking edit inputs, the path rule and streaming the upload go through the store as well', async () => {
    const folder = path.join(shown, 'images');
    const [pngPath, jpgPath] = await saveTwo(folder);
    store.calls.length = 0;

    assert.equal((await checkInside(pngPath!, [shown], store)).inside, true);
    assert.ok(store.ops().has('realPath'), 'the path rule follows links through the store');

    // The PNG as reference and as its own mask (a PNG of the same size), the JPEG as a second reference.
    const { references, mask } = await checkEditInputs([pngPath!, jpgPath!], pngPath, store);
    assert.deepEqual(
      references.map((r) => r.sniffed.mimeType),
      ['image/png', 'image/jpeg'],
    );
    assert.ok(
      store.ops().has('stat') && store.ops().has('readStart'),
      'inputs are checked through the store',
    );

    const form = buildEditForm([['prompt', prompt]], references, mask, store);
    const chunks: Buffer[] = [];
    for await (const chunk of form.stream()) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    assert.equal(body.length, form.length);
    assert.ok(body.includes(await readFile(path.join(real, 'images', 'a-lighthouse-at-dusk.png'))));
    assert.ok(body.includes(SAMPLE_JPEG));
    assert.ok(store.ops().has('streamStart'), 'the upload reads the file through the store');

    assert.deepEqual(store.strays, []);
    assert.equal(existsSync(shown), false);
  });
});
