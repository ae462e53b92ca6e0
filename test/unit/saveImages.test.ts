import { strict as assert } from 'node:assert';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { baseNameFor, saveWithoutOverwrite, slugFromPrompt } from '../../src/core';

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
});
