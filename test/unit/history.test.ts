import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, open, readFile, rm, symlink, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  embedPngProvenance,
  HISTORY_EXTENSIONS,
  HistoryDetail,
  HistoryEntry,
  historyEntriesInside,
  isLiteLLMError,
  listHistory,
  Provenance,
  readHistoryDetails,
  readProvenanceFromFile,
  saveImageWithProvenance,
  scanHistory,
  sidecarPath,
  sniffImage,
} from '../../src/core';
import { encodePng, SAMPLE_JPEG } from '../fixtures/png';
import { textOf } from '../support/messageText';

/** Fixed times (whole seconds, so they survive every file system's timestamp precision). */
const T0 = Date.UTC(2026, 0, 1) / 1000;

async function touch(file: string, seconds: number, data: Buffer | string = 'x'): Promise<string> {
  await writeFile(file, data);
  await utimes(file, seconds, seconds);
  return file;
}

function provenanceFor(i: number): Provenance {
  return {
    tool: 'litellm-images',
    operation: i % 3 === 0 ? 'edit' : 'generate',
    prompt: `picture number ${i} — 灯台`,
    model: 'gpt-image-1',
    parameters: { size: '1024x1024', quality: 'low', n: 1 + (i % 4) },
    callId: `call-${i}`,
    cost: i / 1000,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i % 60)).toISOString(),
  };
}

/** A small, real PNG whose pixels differ per `i`. */
function pngFor(i: number): Buffer {
  return encodePng(2, 2, Buffer.alloc(2 * 2 * 4, i % 256));
}

async function savePng(folder: string, baseName: string, provenance: Provenance, i = 0): Promise<string> {
  const bytes = pngFor(i);
  const sniffed = sniffImage(bytes);
  assert.ok(sniffed);
  return (await saveImageWithProvenance({ folder, baseName }, { bytes, sniffed, provenance })).path;
}

async function saveJpeg(folder: string, baseName: string, provenance: Provenance): Promise<string> {
  const sniffed = sniffImage(SAMPLE_JPEG);
  assert.equal(sniffed?.extension, 'jpg');
  const saved = await saveImageWithProvenance(
    { folder, baseName },
    { bytes: SAMPLE_JPEG, sniffed, provenance },
  );
  assert.equal(saved.warning, undefined);
  return saved.path;
}

async function collect(
  entries: readonly HistoryEntry[],
  opts?: Parameters<typeof readHistoryDetails>[2],
): Promise<HistoryDetail[][]> {
  const batches: HistoryDetail[][] = [];
  await readHistoryDetails(entries, (b) => batches.push(b), opts);
  return batches;
}

describe('history listing', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'history-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  let n = 0;
  const freshFolder = async (): Promise<string> => {
    const dir = path.join(root, `case-${++n}`);
    await mkdir(dir);
    return dir;
  };

  it('knows the image extensions it shows', () => {
    assert.deepEqual([...HISTORY_EXTENSIONS].sort(), ['.jpeg', '.jpg', '.png', '.webp']);
  });

  it('lists newest first by modification time, ties by name, with sizes', async () => {
    const dir = await freshFolder();
    await touch(path.join(dir, 'old.png'), T0 + 1, 'o');
    await touch(path.join(dir, 'new.png'), T0 + 9, 'nnn');
    await touch(path.join(dir, 'tie-b.png'), T0 + 5);
    await touch(path.join(dir, 'tie-a.png'), T0 + 5);
    await touch(path.join(dir, 'tie-c.png'), T0 + 5);
    await touch(path.join(dir, 'middle.webp'), T0 + 7, 'mm');
    const list = await listHistory(dir);
    assert.deepEqual(
      list.map((e) => e.name),
      ['new.png', 'middle.webp', 'tie-a.png', 'tie-b.png', 'tie-c.png', 'old.png'],
    );
    assert.deepEqual(list[0], {
      path: path.join(dir, 'new.png'),
      name: 'new.png',
      mtimeMs: (T0 + 9) * 1000,
      bytes: 3,
    });
    assert.equal(list[1].bytes, 2);
  });

  it('matches extensions case-insensitively and shows only image extensions', async () => {
    const dir = await freshFolder();
    const names = [
      'a.PNG',
      'b.Jpg',
      'c.JPEG',
      'd.WebP',
      'e.png',
      'f.gif',
      'g.txt',
      'h.png.bak',
      'noext',
      'png',
    ];
    for (const [i, name] of names.entries()) await touch(path.join(dir, name), T0 + 100 - i);
    assert.deepEqual(
      (await listHistory(dir)).map((e) => e.name),
      ['a.PNG', 'b.Jpg', 'c.JPEG', 'd.WebP', 'e.png'],
    );
  });

  it('skips sidecars, dotfiles, temporary save files, folders and links to folders or nowhere', async () => {
    const dir = await freshFolder();
    const outside = await freshFolder();
    const jpeg = await saveJpeg(dir, 'photo', provenanceFor(1));
    assert.ok((await readFile(sidecarPath(jpeg), 'utf8')).includes('picture number 1'), 'the sidecar exists');
    await touch(path.join(dir, 'shown.png'), T0);
    await touch(path.join(dir, '.hidden.png'), T0);
    await touch(path.join(dir, '.DS_Store'), T0);
    // The temporary name saveImages.ts writes before publishing (`.litellm-<pid>-<12 hex>.tmp`).
    await touch(path.join(dir, `.litellm-${process.pid}-0123456789ab.tmp`), T0, pngFor(0));
    await mkdir(path.join(dir, 'folder.png'));
    await mkdir(path.join(dir, 'sub'));
    await touch(path.join(dir, 'sub', 'nested.png'), T0);
    await symlink(outside, path.join(dir, 'link-to-folder.png'));
    await symlink(path.join(outside, 'does-not-exist.png'), path.join(dir, 'dangling.png'));
    // A link to a file elsewhere is an image like any other.
    await touch(path.join(outside, 'target.webp'), T0 - 50, 'webp!');
    await symlink(path.join(outside, 'target.webp'), path.join(dir, 'linked.webp'));

    const list = await listHistory(dir);
    assert.deepEqual(list.map((e) => e.name).sort(), ['linked.webp', 'photo.jpg', 'shown.png']);
    const linked = list.find((e) => e.name === 'linked.webp');
    assert.equal(linked?.bytes, 5, 'a link reports its target’s size');
    assert.equal(linked?.mtimeMs, (T0 - 50) * 1000, 'and its target’s time');
    assert.equal(linked?.isLink, true, 'and is marked as a link');
    for (const e of list.filter((e) => e !== linked)) assert.equal('isLink' in e, false, e.name);
    assert.equal(list.at(-1)?.name, 'linked.webp');
  });

  describe('entries inside the allowed roots (a planted link must not lead out)', () => {
    it('keeps plain files and links that stay inside, leaves out links that lead out (directly, through another link or by climbing)', async function () {
      if (process.platform === 'win32') this.skip(); // symbolic links need privileges there
      const workspace = await freshFolder();
      const dir = path.join(workspace, 'images');
      await mkdir(dir);
      const outside = await freshFolder();
      await touch(path.join(dir, 'real.png'), T0 + 5);
      await touch(path.join(workspace, 'elsewhere-in-workspace.png'), T0 + 4);
      await symlink(path.join(workspace, 'elsewhere-in-workspace.png'), path.join(dir, 'alias.png'));
      await touch(path.join(outside, 'passport.png'), T0 + 3, 'secret');
      await symlink(path.join(outside, 'passport.png'), path.join(dir, 'passport.png'));
      // A link to a link inside that leads out in the end, and a relative one climbing out.
      await symlink(path.join(dir, 'passport.png'), path.join(workspace, 'hop.png'));
      await symlink(path.join(workspace, 'hop.png'), path.join(dir, 'two-hops.png'));
      await symlink(
        path.join('..', '..', path.basename(outside), 'passport.png'),
        path.join(dir, 'climb.png'),
      );
      const { entries } = await scanHistory(dir);
      assert.deepEqual(entries.map((e) => e.name).sort(), [
        'alias.png',
        'climb.png',
        'passport.png',
        'real.png',
        'two-hops.png',
      ]);

      const inside = await historyEntriesInside(dir, entries, [workspace]);
      assert.deepEqual(
        inside.entries.map((e) => e.name),
        ['real.png', 'alias.png'],
        'newest first, as listed',
      );
      assert.equal(inside.leftOut, 3);

      // The outside folder as a root too (an output folder from the user's settings): all are kept.
      const both = await historyEntriesInside(dir, entries, [workspace, outside]);
      assert.equal(both.entries.length, 5);
      assert.equal(both.leftOut, 0);

      // A folder that is itself not inside the roots has nothing inside them, links or not.
      const none = await historyEntriesInside(dir, entries, [outside]);
      assert.deepEqual(none.entries.map((e) => e.name).sort(), ['climb.png', 'passport.png', 'two-hops.png']);
    });

    it('follows the roots’ own links, and leaves out a link that dangles by the time it is checked', async function () {
      if (process.platform === 'win32') this.skip();
      const real = await freshFolder();
      const rootLink = path.join(root, `root-link-${n}`);
      await symlink(real, rootLink);
      await touch(path.join(real, 'target.png'), T0);
      await symlink(path.join(real, 'target.png'), path.join(real, 'link.png'));
      await mkdir(path.join(real, 'sub'));
      await touch(path.join(real, 'sub', 'gone-target.png'), T0);
      await symlink(path.join(real, 'sub', 'gone-target.png'), path.join(real, 'gone.png'));
      const { entries } = await scanHistory(rootLink);
      assert.equal(entries.length, 3);
      await unlink(path.join(real, 'sub', 'gone-target.png'));
      const inside = await historyEntriesInside(rootLink, entries, [real]);
      assert.deepEqual(inside.entries.map((e) => e.name).sort(), ['link.png', 'target.png']);
      assert.equal(inside.leftOut, 1, 'the link that dangles now');
    });

    it('resolves only the entries the listing marked as links', async () => {
      const workspace = await freshFolder();
      const outside = await freshFolder();
      // A made-up entry for a path that does not exist: resolving it would fail and leave it out.
      const plain: HistoryEntry = {
        path: path.join(workspace, 'x.png'),
        name: 'x.png',
        mtimeMs: 0,
        bytes: 0,
      };
      const link: HistoryEntry = { ...plain, isLink: true };
      assert.deepEqual((await historyEntriesInside(workspace, [plain], [workspace])).entries, [plain]);
      assert.deepEqual((await historyEntriesInside(workspace, [link], [workspace])).entries, []);
      assert.deepEqual((await historyEntriesInside(workspace, [plain], [outside])).entries, []);
    });
  });

  it('lists a missing folder (or one under a missing parent) as empty', async () => {
    assert.deepEqual(await listHistory(path.join(root, 'nope')), []);
    assert.deepEqual(await listHistory(path.join(root, 'nope', 'deeper')), []);
  });

  it('refuses a file given as the folder, naming it', async () => {
    const dir = await freshFolder();
    const file = await touch(path.join(dir, 'not-a-folder.png'), T0);
    await assert.rejects(listHistory(file), (e: unknown) => {
      assert.ok(isLiteLLMError(e), String(e));
      assert.equal(e.kind, 'input');
      assert.ok(textOf(e).includes(file), textOf(e));
      assert.match(textOf(e), /not a folder/);
      return true;
    });
  });

  it('keeps the newest when over the limit', async () => {
    const dir = await freshFolder();
    for (let i = 0; i < 10; i++) await touch(path.join(dir, `img-${i}.png`), T0 + i);
    assert.deepEqual(
      (await listHistory(dir, { limit: 3 })).map((e) => e.name),
      ['img-9.png', 'img-8.png', 'img-7.png'],
    );
    assert.equal((await listHistory(dir, { limit: 10 })).length, 10);
    assert.equal((await listHistory(dir, { limit: 1000 })).length, 10);
    assert.deepEqual(await listHistory(dir, { limit: 0 }), []);
  });
});

describe('history details', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'history-details-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('reads a PNG’s embedded provenance and a JPEG’s sidecar', async () => {
    const dir = path.join(root, 'two');
    const png = await savePng(dir, 'a-png', provenanceFor(4), 4);
    const jpeg = await saveJpeg(dir, 'a-jpeg', provenanceFor(5));
    await utimes(png, T0 + 2, T0 + 2);
    await utimes(jpeg, T0 + 1, T0 + 1);
    const list = await listHistory(dir);
    assert.deepEqual(
      list.map((e) => e.name),
      ['a-png.png', 'a-jpeg.jpg'],
    );
    const batches = await collect(list);
    assert.equal(batches.length, 1);
    assert.deepEqual(
      batches[0].map((d) => d.provenance),
      [provenanceFor(4), provenanceFor(5)],
    );
    assert.equal(batches[0][0].entry, list[0], 'entries are handed back as given');
  });

  it('gives undefined, never a rejection, for files without readable provenance', async () => {
    const dir = path.join(root, 'broken');
    const good = await savePng(dir, 'good', provenanceFor(7), 7);
    const whole = await readFile(await savePng(dir, 'source', provenanceFor(8), 8));
    const iTXt = whole.indexOf('iTXt', 0, 'latin1');
    assert.ok(iTXt > 8, 'the saved PNG carries our chunk');
    await writeFile(path.join(dir, 'truncated-in-chunk.png'), whole.subarray(0, iTXt + 30));
    await writeFile(path.join(dir, 'truncated-header.png'), whole.subarray(0, 12));
    await writeFile(path.join(dir, 'empty.webp'), '');
    await writeFile(path.join(dir, 'garbage.png'), Buffer.from('definitely not an image'));
    // A well-formed chunk whose JSON is not provenance at all.
    const notOurs = { ...provenanceFor(9), operation: 'paint' } as unknown as Provenance;
    await writeFile(path.join(dir, 'wrong-shape.png'), embedPngProvenance(pngFor(9), notOurs));
    await writeFile(path.join(dir, 'plain.png'), pngFor(10));
    const badSidecar = await saveJpeg(dir, 'bad-sidecar', provenanceFor(11));
    await writeFile(sidecarPath(badSidecar), '{ "tool": "litellm-images", ');
    const vanishing = await savePng(dir, 'vanishing', provenanceFor(12), 12);
    await mkdir(path.join(dir, 'dir.png'));

    const list = await listHistory(dir);
    await unlink(vanishing); // deleted between listing and reading
    const entries: HistoryEntry[] = [
      ...list,
      { path: path.join(dir, 'dir.png'), name: 'dir.png', mtimeMs: 0, bytes: 0 },
    ];
    const batches = await collect(entries, { batchSize: 4 });
    const details = batches.flat();
    assert.equal(details.length, entries.length);
    const byName = new Map(details.map((d) => [d.entry.name, d.provenance]));
    assert.deepEqual(byName.get('good.png'), provenanceFor(7));
    assert.deepEqual(byName.get('source.png'), provenanceFor(8));
    for (const name of [
      'truncated-in-chunk.png',
      'truncated-header.png',
      'empty.webp',
      'garbage.png',
      'wrong-shape.png',
      'plain.png',
      'bad-sidecar.jpg',
      'vanishing.png',
      'dir.png',
    ]) {
      assert.ok(byName.has(name), `${name} is in the results`);
      assert.equal(byName.get(name), undefined, name);
    }
    assert.equal(path.basename(good), 'good.png');
  });

  it('does nothing for an empty list', async () => {
    let calls = 0;
    await readHistoryDetails([], () => calls++);
    assert.equal(calls, 0);
  });

  it('rejects with the error onBatch throws and stops reading', async () => {
    const dir = path.join(root, 'throwing');
    for (let i = 0; i < 20; i++) await savePng(dir, `img-${i}`, provenanceFor(i), i);
    const list = await listHistory(dir);
    assert.equal(list.length, 20);
    let calls = 0;
    let reads = 0;
    let readsAtThrow = -1;
    await assert.rejects(
      readHistoryDetails(
        list,
        () => {
          calls++;
          readsAtThrow = reads;
          throw new Error('consumer broke');
        },
        {
          batchSize: 5,
          concurrency: 2,
          readProvenance: (p) => {
            reads++;
            return readProvenanceFromFile(p);
          },
        },
      ),
      /consumer broke/,
    );
    assert.equal(calls, 1);
    assert.equal(reads, readsAtThrow, 'no file is opened after onBatch threw');
  });

  describe('a folder of 500 images', () => {
    const COUNT = 500;
    let dir: string;
    /** Saved path → what was saved with it. */
    const saved = new Map<string, { provenance: Provenance; bytes: number; i: number }>();

    before(async function () {
      this.timeout(120_000);
      dir = path.join(root, 'five-hundred');
      const indices = Array.from({ length: COUNT }, (_, i) => i);
      // Saved a few at a time (each save syncs to disk); every tenth is a JPEG with a sidecar.
      for (let start = 0; start < COUNT; start += 25) {
        await Promise.all(
          indices.slice(start, start + 25).map(async (i) => {
            const provenance = provenanceFor(i);
            const baseName = `img-${String(i).padStart(3, '0')}`;
            const bytes = i % 10 === 0 ? SAMPLE_JPEG : pngFor(i);
            const sniffed = sniffImage(bytes);
            assert.ok(sniffed);
            const s = await saveImageWithProvenance(
              { folder: dir, baseName },
              { bytes, sniffed, provenance },
            );
            assert.equal(s.warning, undefined);
            // Names in reverse of time order, so sorting by name alone would get it wrong.
            await utimes(s.path, T0 + i, T0 + i);
            saved.set(s.path, { provenance, bytes: s.bytes, i });
          }),
        );
      }
    });

    it('lists all of them, newest first, and no sidecars', async () => {
      const list = await listHistory(dir);
      assert.equal(list.length, COUNT);
      assert.deepEqual(
        list.map((e) => saved.get(e.path)?.i),
        Array.from({ length: COUNT }, (_, k) => COUNT - 1 - k),
      );
      for (const e of list) assert.equal(e.bytes, saved.get(e.path)?.bytes, e.name);
      assert.equal(list.filter((e) => e.name.endsWith('.jpg')).length, COUNT / 10);
    });

    it('reads every one’s provenance, as saved, in list-ordered batches of 50', async () => {
      const list = await listHistory(dir);
      const batches = await collect(list);
      assert.deepEqual(
        batches.map((b) => b.length),
        Array(10).fill(50),
      );
      const flat = batches.flat();
      assert.deepEqual(
        flat.map((d) => d.entry),
        list,
      );
      for (const d of flat) assert.deepEqual(d.provenance, saved.get(d.entry.path)?.provenance, d.entry.name);
    });

    it('keeps to the concurrency bound and the batch size asked for', async () => {
      const list = await listHistory(dir);
      let inFlight = 0;
      let maxInFlight = 0;
      let reads = 0;
      const batches = await collect(list, {
        concurrency: 3,
        batchSize: 7,
        readProvenance: async (p) => {
          reads++;
          maxInFlight = Math.max(maxInFlight, ++inFlight);
          try {
            return await readProvenanceFromFile(p);
          } finally {
            inFlight--;
          }
        },
      });
      assert.equal(reads, COUNT);
      assert.equal(maxInFlight, 3);
      assert.equal(inFlight, 0, 'every read finished before the promise resolved');
      const sizes = batches.map((b) => b.length);
      assert.deepEqual(sizes, [...Array(71).fill(7), 3]);
      assert.deepEqual(
        batches.flat().map((d) => d.entry),
        list,
      );
      assert.ok(batches.flat().every((d) => d.provenance !== undefined));
    });

    it('calls onBatch no more once aborted from inside it', async () => {
      const list = await listHistory(dir);
      const controller = new AbortController();
      const batches: HistoryDetail[][] = [];
      let reads = 0;
      let readsAtAbort = -1;
      await readHistoryDetails(
        list,
        (b) => {
          batches.push(b);
          readsAtAbort = reads;
          controller.abort();
        },
        {
          signal: controller.signal,
          readProvenance: (p) => {
            reads++;
            return readProvenanceFromFile(p);
          },
        },
      );
      assert.equal(reads, readsAtAbort, 'no file is opened after the abort');
      assert.equal(batches.length, 1);
      assert.deepEqual(
        batches[0].map((d) => d.entry),
        list.slice(0, 50),
      );
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(batches.length, 1, 'nothing arrives after the promise resolved');
    });

    it('opens no further file once aborted, and resolves', async () => {
      const list = await listHistory(dir);
      const controller = new AbortController();
      let reads = 0;
      const abortedAtBatch: boolean[] = [];
      await readHistoryDetails(list, () => abortedAtBatch.push(controller.signal.aborted), {
        signal: controller.signal,
        readProvenance: (p) => {
          if (++reads === 120) controller.abort();
          return readProvenanceFromFile(p);
        },
      });
      assert.equal(reads, 120, 'the reads in flight finish, no new one starts');
      assert.ok(abortedAtBatch.length <= 2, `${abortedAtBatch.length} batches`);
      assert.ok(!abortedAtBatch.includes(true), 'no batch is delivered after the abort');
    });

    it('reads nothing when the signal is already aborted', async () => {
      const list = await listHistory(dir);
      let reads = 0;
      const batches = await collect(list, {
        signal: AbortSignal.abort(),
        readProvenance: (p) => {
          reads++;
          return readProvenanceFromFile(p);
        },
      });
      assert.equal(reads, 0);
      assert.deepEqual(batches, []);
    });
  });
});

describe('hostile files: item 4, a history folder of hostile files stays bounded', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'history-hostile-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lists and reads details over FIFOs, /dev/zero links and sparse sidecars, keeping the good images', async function () {
    if (process.platform === 'win32') this.skip();
    const good = await saveJpeg(dir, 'good', provenanceFor(1));
    const goodPng = await savePng(dir, 'good', provenanceFor(2), 2);
    await writeFile(path.join(dir, 'fifo-sidecar.jpg'), SAMPLE_JPEG);
    execFileSync('mkfifo', [sidecarPath(path.join(dir, 'fifo-sidecar.jpg'))]);
    execFileSync('mkfifo', [path.join(dir, 'fifo-image.png')]);
    await writeFile(path.join(dir, 'zero-sidecar.webp'), SAMPLE_JPEG);
    if (process.platform === 'linux') {
      await symlink('/dev/zero', sidecarPath(path.join(dir, 'zero-sidecar.webp')));
      await symlink('/dev/zero', path.join(dir, 'zero-image.png'));
    }
    await writeFile(path.join(dir, 'sparse-sidecar.jpg'), SAMPLE_JPEG);
    const h = await open(sidecarPath(path.join(dir, 'sparse-sidecar.jpg')), 'w');
    await h.truncate(2_000_000_000);
    await h.close();

    const list = await listHistory(dir);
    assert.deepEqual(
      list.map((e) => e.name).sort(),
      ['fifo-sidecar.jpg', 'good.jpg', 'good.png', 'sparse-sidecar.jpg', 'zero-sidecar.webp'],
      'FIFOs and devices named like images are not listed',
    );
    const details = (await collect(list)).flat();
    const byName = new Map(details.map((d) => [d.entry.name, d.provenance]));
    assert.deepEqual(byName.get(path.basename(good)), provenanceFor(1));
    assert.deepEqual(byName.get(path.basename(goodPng)), provenanceFor(2));
    for (const name of ['fifo-sidecar.jpg', 'sparse-sidecar.jpg', 'zero-sidecar.webp'])
      assert.equal(byName.get(name), undefined, name);
  });

  it('keeps only the newest images while scanning and says how many it left out', async () => {
    for (let i = 0; i < 1200; i++) await touch(path.join(dir, `img-${i}.png`), T0 + i);
    const listing = await scanHistory(dir, { limit: 5 });
    assert.deepEqual(
      listing.entries.map((e) => e.name),
      ['img-1199.png', 'img-1198.png', 'img-1197.png', 'img-1196.png', 'img-1195.png'],
    );
    assert.equal(listing.omitted, 1195);
    assert.equal(listing.incomplete, false);
  });

  it('stops after a bounded number of directory entries and says the listing is incomplete', async () => {
    for (let i = 0; i < 300; i++) await touch(path.join(dir, `junk-${i}.txt`), T0);
    const listing = await scanHistory(dir, { maxScanned: 100 });
    assert.equal(listing.incomplete, true);
    assert.ok(listing.entries.length <= 100);
    const whole = await scanHistory(dir);
    assert.equal(whole.incomplete, false);
    assert.deepEqual(whole.entries, []);
  });
});
