import { strict as assert } from 'node:assert';
import * as nodeFs from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  baseNameFor,
  FreeNames,
  isWindowsDeviceName,
  Provenance,
  readProvenanceFromFile,
  saveImageResult,
  saveImageWithProvenance,
  saveWithoutOverwrite,
  sidecarPath,
  slugFromPrompt,
  sniffImage,
} from '../../src/core';
import { imageResult, receivedImage } from '../fixtures/imageResults';
import { encodePng, SAMPLE_JPEG, SAMPLE_WEBP_LOSSLESS } from '../fixtures/png';

const provenance: Provenance = {
  tool: 'litellm-images',
  operation: 'generate',
  prompt: 'a cat on a sofa',
  model: 'gpt-image-1',
  parameters: { size: '1024x1024' },
  createdAt: '2026-11-27T12:00:00.000Z',
};

/** What an attacker plants beside the image name the next save will pick: it must never become its provenance. */
const planted = JSON.stringify({ ...provenance, prompt: 'planted by the repository', model: 'evil' });

/** Counts fs.promises.link calls (the exclusive publish step) while `fn` runs. */
async function countingLinks<T>(fn: () => Promise<T>): Promise<{ value: T; links: number }> {
  const original = nodeFs.promises.link;
  let links = 0;
  nodeFs.promises.link = (async (...args: Parameters<typeof original>) => {
    links++;
    return original(...args);
  }) as typeof original;
  try {
    return { value: await fn(), links };
  } finally {
    nodeFs.promises.link = original;
  }
}

describe('saving images', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'save-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('makes readable names from prompts', () => {
    assert.equal(slugFromPrompt('A lighthouse at dusk, oil painting!'), 'a-lighthouse-at-dusk-oil-painting');
    assert.equal(slugFromPrompt('Café crème'), 'cafe-creme');
    assert.equal(slugFromPrompt('灯台'), 'image');
    assert.equal(slugFromPrompt('../../etc/passwd'), 'etc-passwd');
    const long = slugFromPrompt('word '.repeat(40));
    assert.ok(long.length <= 48 && !long.endsWith('-'), long);
  });

  it('never overwrites an existing file', async () => {
    await writeFile(path.join(dir, 'cat.png'), 'original');
    const saved = await saveWithoutOverwrite({ folder: dir, baseName: 'cat' }, 'png', Buffer.from('new'));
    assert.equal(path.basename(saved), 'cat-2.png');
    assert.equal(await readFile(path.join(dir, 'cat.png'), 'utf8'), 'original');
  });

  it('gives 10 concurrent saves 10 distinct files and leaves no temporary files', async () => {
    const saves = Array.from({ length: 10 }, (_, i) =>
      saveWithoutOverwrite({ folder: dir, baseName: 'same' }, 'png', Buffer.from(`image ${i}`)),
    );
    const paths = await Promise.all(saves);
    assert.equal(new Set(paths).size, 10);
    const files = (await readdir(dir)).sort();
    assert.equal(files.length, 10, files.join(','));
    assert.ok(files.every((f) => /^same(-\d+)?\.png$/.test(f)));
    const contents = new Set(await Promise.all(paths.map((p) => readFile(p, 'utf8'))));
    assert.equal(contents.size, 10, 'each file has its own content');
  });

  it('creates the output folder when missing', async () => {
    const saved = await saveWithoutOverwrite(
      { folder: path.join(dir, 'a', 'b'), baseName: 'x' },
      'webp',
      Buffer.from('x'),
    );
    assert.equal(saved, path.join(dir, 'a', 'b', 'x.webp'));
  });
});

describe('file names for a whole result', () => {
  it('is readable from the prompt, dated when asked, and starts with the original for edits', () => {
    const now = new Date(2026, 10, 27, 9, 5);
    assert.equal(baseNameFor({ prompt: 'A red fox, in snow!' }), 'a-red-fox-in-snow');
    assert.equal(baseNameFor({ prompt: 'A red fox', naming: 'date-prompt', now }), '2026-11-27-a-red-fox');
    assert.equal(baseNameFor({ prompt: 'make it night', baseNameHint: 'Photo 1' }), 'photo-1-make-it-night');
  });

  it('takes a chosen name whole, as a name and never a path, in the same safe alphabet', () => {
    const named = (fileName: string) => baseNameFor({ prompt: 'a hero image', fileName, baseNameHint: 'x' });
    assert.equal(named('hero'), 'hero');
    assert.equal(named('Hero Banner.png'), 'hero-banner', 'the extension follows the bytes');
    assert.equal(named('../../etc/passwd'), 'passwd');
    assert.equal(named('..\\..\\boot.ini'), 'boot');
    assert.equal(named('CON.png'), 'con-image', 'Windows device names avoided');
    assert.equal(named('!!!'), 'image', 'nothing usable left: the generic name');
    assert.equal(baseNameFor({ prompt: 'a hero image', fileName: '' }), 'a-hero-image');
  });
});

describe('hostile files: item 3, pre-planted sidecars', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'planted-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  for (const [label, bytes, ext] of [
    ['JPEG', SAMPLE_JPEG, 'jpg'],
    ['WebP', SAMPLE_WEBP_LOSSLESS, 'webp'],
  ] as const) {
    it(`a ${label} is never saved beside a sidecar it did not write, nor adopts it`, async () => {
      const plantedPath = path.join(dir, `a-cat.${ext}.litellm.json`);
      await writeFile(plantedPath, planted);
      const saved = await saveImageWithProvenance(
        { folder: dir, baseName: 'a-cat' },
        { bytes, sniffed: sniffImage(bytes)!, provenance },
      );
      assert.equal(path.basename(saved.path), `a-cat-2.${ext}`);
      assert.equal(saved.warning, undefined);
      assert.equal(await readFile(plantedPath, 'utf8'), planted, 'the planted file is left as it is');
      assert.deepEqual(
        await readProvenanceFromFile(saved.path),
        provenance,
        'its own sidecar, not the planted one',
      );
      assert.deepEqual(
        (await readdir(dir)).sort(),
        [`a-cat-2.${ext}`, `a-cat-2.${ext}.litellm.json`, `a-cat.${ext}.litellm.json`],
        'no temporary files left, nothing named a-cat.' + ext,
      );
    });
  }

  it('a PNG does not take a name a planted sidecar claims either', async () => {
    await writeFile(path.join(dir, 'a-cat.png.litellm.json'), planted);
    const png = encodePng(1, 1, Buffer.alloc(4));
    const saved = await saveImageWithProvenance(
      { folder: dir, baseName: 'a-cat' },
      { bytes: png, sniffed: sniffImage(png)!, provenance },
    );
    assert.equal(path.basename(saved.path), 'a-cat-2.png');
  });

  it('skips names whose image or sidecar exists, through a whole call', async () => {
    await writeFile(path.join(dir, 'a-cat.jpg'), 'someone else’s image');
    await writeFile(path.join(dir, 'a-cat-2.jpg.litellm.json'), planted);
    const out = await saveImageResult(imageResult([receivedImage(SAMPLE_JPEG), receivedImage(SAMPLE_JPEG)]), {
      prompt: 'a cat',
      folder: dir,
      operation: 'generate',
    });
    assert.equal(out.error, undefined);
    assert.deepEqual(
      out.saved.map((s) => path.basename(s.path)),
      ['a-cat-3.jpg', 'a-cat-4.jpg'],
    );
    for (const s of out.saved) assert.equal((await readProvenanceFromFile(s.path))?.prompt, 'a cat');
    assert.equal(await readFile(path.join(dir, 'a-cat.jpg'), 'utf8'), 'someone else’s image');
    assert.equal(await readFile(path.join(dir, 'a-cat-2.jpg.litellm.json'), 'utf8'), planted);
  });

  it('when a name is taken between choosing and publishing, removes only what it created and moves on', async () => {
    const names = new FreeNames(dir, 'race');
    const save = () =>
      saveImageWithProvenance(
        { folder: dir, baseName: 'race', names },
        { bytes: SAMPLE_JPEG, sniffed: sniffImage(SAMPLE_JPEG)!, provenance },
      );
    assert.equal(path.basename((await save()).path), 'race.jpg'); // the folder has been read: names are cached
    // Another writer takes race-2.jpg (an image without sidecar) and race-3.jpg's sidecar after that read.
    await writeFile(path.join(dir, 'race-2.jpg'), 'another writer');
    await writeFile(path.join(dir, 'race-3.jpg.litellm.json'), planted);
    const second = await save();
    assert.equal(path.basename(second.path), 'race-4.jpg');
    assert.deepEqual(await readProvenanceFromFile(second.path), provenance);
    assert.equal(await readFile(path.join(dir, 'race-2.jpg'), 'utf8'), 'another writer');
    assert.equal(await readFile(path.join(dir, 'race-3.jpg.litellm.json'), 'utf8'), planted);
    assert.deepEqual(
      (await readdir(dir)).sort(),
      [
        'race-2.jpg',
        'race-3.jpg.litellm.json',
        'race-4.jpg',
        'race-4.jpg.litellm.json',
        'race.jpg',
        'race.jpg.litellm.json',
      ],
      'the sidecar published for race-2.jpg was removed again; no temporary files',
    );
  });
});

describe('hostile files: item 5, Windows device names', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'devices-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('recognises device names in any case, with extensions, trailing dots or spaces, and superscript digits', () => {
    for (const name of [
      'con',
      'CON',
      'Nul',
      'aux',
      'prn',
      'com0',
      'COM9',
      'lpt1',
      'LPT9',
      'com¹',
      'com²',
      'com³',
    ])
      assert.ok(isWindowsDeviceName(name), name);
    for (const name of ['lpt¹', 'nul.png', 'con.tar.gz', 'con.', 'aux..', 'prn  ', 'nul .png', 'CONIN$'])
      assert.ok(isWindowsDeviceName(name), name);
    for (const name of [
      'console',
      'icon',
      'com10',
      'lpt',
      'com',
      'con-image',
      'a-con',
      'nul-2',
      '2026-11-27-con',
    ])
      assert.ok(!isWindowsDeviceName(name), name);
  });

  it('changes such stems wherever the file stem is decided, on every platform', () => {
    for (const prompt of ['con', 'NUL', 'Aux.', 'prn  ', 'COM1', 'com¹', 'lpt³', 'LPT9...'])
      assert.ok(!isWindowsDeviceName(slugFromPrompt(prompt)), `${prompt} → ${slugFromPrompt(prompt)}`);
    assert.equal(slugFromPrompt('con'), 'con-image');
    assert.equal(slugFromPrompt('com¹'), 'com1-image');
    assert.equal(baseNameFor({ prompt: 'nul' }), 'nul-image');
    assert.equal(baseNameFor({ prompt: 'Lpt9.' }), 'lpt9-image');
    // An edit of "aux.png" with an empty prompt, and the dated form, are never device names either.
    assert.ok(!isWindowsDeviceName(baseNameFor({ prompt: '', baseNameHint: 'aux' })));
    assert.equal(
      baseNameFor({ prompt: 'con', naming: 'date-prompt', now: new Date(2026, 0, 2) }),
      '2026-01-02-con-image',
    );
  });

  it('saves a prompt of "con" as con-image.png, also when a caller passes the stem itself', async () => {
    const png = encodePng(1, 1, Buffer.alloc(4));
    const out = await saveImageResult(imageResult([receivedImage(png)]), {
      prompt: 'CON',
      folder: dir,
      operation: 'generate',
    });
    assert.equal(path.basename(out.saved[0]!.path), 'con-image.png');
    const direct = await saveWithoutOverwrite({ folder: dir, baseName: 'nul' }, 'png', Buffer.from('x'));
    assert.equal(path.basename(direct), 'nul-image.png');
    assert.deepEqual((await readdir(dir)).sort(), ['con-image.png', 'nul-image.png']);
  });
});

describe('hostile files: item 6, unique names without probing one at a time', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'names-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('N images into a folder holding x.png … x-N.png make O(N) publish attempts, not O(N²)', async () => {
    const N = 150;
    for (let i = 1; i <= N; i++)
      await writeFile(path.join(dir, i === 1 ? 'x.png' : `x-${i}.png`), `old ${i}`);
    const images = Array.from({ length: N }, (_, i) => receivedImage(encodePng(1, 1, Buffer.alloc(4, i))));
    const { value: out, links } = await countingLinks(() =>
      saveImageResult(imageResult(images), { prompt: 'x', folder: dir, operation: 'generate' }),
    );
    assert.equal(out.error, undefined);
    assert.equal(out.saved.length, N);
    assert.equal(links, N, 'one exclusive link per image');
    assert.deepEqual(
      out.saved.map((s) => path.basename(s.path)),
      Array.from({ length: N }, (_, i) => `x-${N + 1 + i}.png`),
    );
    for (let i = 1; i <= N; i += 37)
      assert.equal(await readFile(path.join(dir, i === 1 ? 'x.png' : `x-${i}.png`), 'utf8'), `old ${i}`);
  });

  it('a JPEG and its sidecar cost two links per image, whatever the folder holds', async () => {
    await writeFile(path.join(dir, 'y.jpg'), 'old');
    const images = Array.from({ length: 20 }, () => receivedImage(SAMPLE_JPEG));
    const { value: out, links } = await countingLinks(() =>
      saveImageResult(imageResult(images), { prompt: 'y', folder: dir, operation: 'generate' }),
    );
    assert.equal(out.saved.length, 20);
    assert.equal(links, 40);
    assert.equal(path.basename(out.saved[0]!.path), 'y-2.jpg');
  });

  it('concurrent calls into one folder never overwrite: every image is distinct and keeps its own sidecar', async () => {
    const jpeg = (tag: string) => Buffer.concat([SAMPLE_JPEG, Buffer.from(tag)]); // bytes after EOI tell them apart
    const calls = Array.from({ length: 4 }, (_, c) =>
      saveImageResult(
        imageResult(
          Array.from({ length: 6 }, (_, i) =>
            receivedImage(
              i % 2 ? jpeg(`call ${c} image ${i}`) : encodePng(1, 1, Buffer.alloc(4, c * 10 + i)),
            ),
          ),
          { callId: `call-${c}` },
        ),
        { prompt: 'same', folder: dir, operation: 'generate' },
      ),
    );
    const singles = Array.from({ length: 6 }, (_, i) =>
      saveWithoutOverwrite({ folder: dir, baseName: 'same' }, 'jpg', Buffer.from(`single ${i}`)),
    );
    const outs = await Promise.all(calls);
    const singlePaths = await Promise.all(singles);
    const paths = [...outs.flatMap((o) => o.saved.map((s) => s.path)), ...singlePaths];
    assert.equal(new Set(paths).size, 30);
    for (const [c, o] of outs.entries()) {
      assert.equal(o.error, undefined);
      for (const s of o.saved) {
        assert.ok((await readFile(s.path)).equals(s.image.bytes) || s.image.mimeType === 'image/png');
        assert.equal((await readProvenanceFromFile(s.path))?.callId, `call-${c}`, path.basename(s.path));
      }
    }
    for (const [i, p] of singlePaths.entries()) assert.equal(await readFile(p, 'utf8'), `single ${i}`);
    const files = await readdir(dir);
    assert.equal(files.filter((f) => f.endsWith('.tmp')).length, 0, 'no temporary files left');
    const sidecars = files.filter((f) => f.endsWith('.litellm.json'));
    assert.equal(sidecars.length, 12, 'one sidecar per JPEG of the calls, none orphaned');
    for (const f of sidecars) assert.ok(files.includes(f.slice(0, -'.litellm.json'.length)), f);
    assert.ok(
      singlePaths.every((p) => !files.includes(path.basename(sidecarPath(p)))),
      'a single save never got a sidecar',
    );
  });
});
