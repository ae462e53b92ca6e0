import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, open, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import {
  embedPngProvenance,
  MAX_PROVENANCE_BYTES,
  MAX_STORED_TEXT_CHARS,
  parseProvenance,
  Provenance,
  ReceivedImage,
  saveImageResult,
  readPngProvenance,
  readProvenanceFromFile,
  saveImageWithProvenance,
  sidecarPath,
  sniffImage,
} from '../../src/core';
import { imageResult, receivedImage } from '../fixtures/imageResults';
import { encodePng, SAMPLE_JPEG } from '../fixtures/png';

const provenance: Provenance = {
  tool: 'litellm-images',
  operation: 'generate',
  prompt: 'Ein Leuchtturm — 灯台 at dusk',
  model: 'gpt-image-1',
  requestedModel: 'gpt-image-2',
  parameters: { size: '1024x1024', quality: 'low' },
  revisedPrompt: 'A lighthouse at dusk',
  callId: 'call-123',
  cost: 0.02186,
  createdAt: '2026-11-27T12:00:00.000Z',
};

/** Every chunk's CRC must still be right after we add ours, or strict decoders refuse the file. */
function assertValidChunks(png: Buffer): string[] {
  const types: string[] = [];
  let off = 8;
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.toString('latin1', off + 4, off + 8);
    const crc = png.readUInt32BE(off + 8 + len);
    assert.equal(crc, zlib.crc32(png.subarray(off + 4, off + 8 + len)) >>> 0, `CRC of ${type}`);
    types.push(type);
    off += 12 + len;
  }
  return types;
}

describe('provenance', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'prov-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('embeds an iTXt chunk after IHDR that reads back, keeping the image intact', () => {
    const png = encodePng(4, 3, Buffer.alloc(4 * 3 * 4, 200));
    const out = embedPngProvenance(png, provenance);
    const types = assertValidChunks(out);
    assert.deepEqual(types.slice(0, 2), ['IHDR', 'iTXt']);
    assert.equal(types.at(-1), 'IEND');
    assert.deepEqual(readPngProvenance(out), provenance);
    assert.deepEqual(sniffImage(out), { mimeType: 'image/png', extension: 'png', width: 4, height: 3 });
    // Re-embedding replaces rather than stacks.
    const again = embedPngProvenance(out, { ...provenance, prompt: 'second' });
    assert.equal(assertValidChunks(again).filter((t) => t === 'iTXt').length, 1);
    assert.equal(readPngProvenance(again)?.prompt, 'second');
  });

  it('returns nothing for PNGs without provenance and for garbage', () => {
    assert.equal(readPngProvenance(encodePng(1, 1, Buffer.alloc(4))), undefined);
    assert.equal(readPngProvenance(Buffer.from('not a png')), undefined);
  });

  it('saves PNGs with the chunk and other formats with a sidecar, and reads both back from disk', async () => {
    const png = encodePng(2, 2, Buffer.alloc(16, 9));
    const { path: pngPath } = await saveImageWithProvenance(
      { folder: dir, baseName: 'lighthouse' },
      { bytes: png, sniffed: sniffImage(png)!, provenance },
    );
    assert.equal(path.basename(pngPath), 'lighthouse.png');
    assert.deepEqual(await readProvenanceFromFile(pngPath), provenance);

    const { path: jpgPath } = await saveImageWithProvenance(
      { folder: dir, baseName: 'lighthouse' },
      { bytes: SAMPLE_JPEG, sniffed: sniffImage(SAMPLE_JPEG)!, provenance },
    );
    assert.equal(path.basename(jpgPath), 'lighthouse.jpg');
    assert.ok((await readFile(jpgPath)).equals(SAMPLE_JPEG), 'the JPEG itself is not modified');
    assert.deepEqual(JSON.parse(await readFile(sidecarPath(jpgPath), 'utf8')), provenance);
    assert.deepEqual(await readProvenanceFromFile(jpgPath), provenance);
  });

  it('never overwrites an existing sidecar: the image and its own sidecar take the next free name', async () => {
    const sub = await mkdtemp(path.join(dir, 'side-'));
    await writeFile(path.join(sub, 'shot.jpg.litellm.json'), 'user notes');
    const saved = await saveImageWithProvenance(
      { folder: sub, baseName: 'shot' },
      { bytes: SAMPLE_JPEG, sniffed: sniffImage(SAMPLE_JPEG)!, provenance },
    );
    assert.equal(path.basename(saved.path), 'shot-2.jpg');
    assert.equal(saved.warning, undefined);
    assert.equal(await readFile(path.join(sub, 'shot.jpg.litellm.json'), 'utf8'), 'user notes');
    assert.ok((await readFile(saved.path)).equals(SAMPLE_JPEG));
    assert.deepEqual(
      (await readdir(sub)).sort(),
      ['shot-2.jpg', 'shot-2.jpg.litellm.json', 'shot.jpg.litellm.json'],
      'no temporary files left',
    );
  });

  it('ignores a sidecar that is not provenance', async () => {
    const p = path.join(dir, 'other.jpg');
    await writeFile(p, SAMPLE_JPEG);
    await writeFile(sidecarPath(p), '{"hello":1}');
    assert.equal(await readProvenanceFromFile(p), undefined);
  });
});

/** A PNG chunk with a correct CRC. */
function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(type)) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

const isLinux = process.platform === 'linux';

describe('hostile files: item 4, unbounded reads', () => {
  let dir: string;
  beforeEach(async function () {
    if (process.platform === 'win32') this.skip(); // FIFOs, /dev/zero and symlinks are POSIX fixtures
    dir = await mkdtemp(path.join(tmpdir(), 'hostile-'));
  });
  afterEach(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

  async function jpegWithSidecar(
    name: string,
    makeSidecar: (sidecar: string) => Promise<void>,
  ): Promise<string> {
    const image = path.join(dir, name);
    await writeFile(image, SAMPLE_JPEG);
    await makeSidecar(sidecarPath(image));
    return image;
  }

  it('a sidecar that is a FIFO is never opened (that would block forever)', async () => {
    const image = await jpegWithSidecar('fifo.jpg', async (s) => {
      execFileSync('mkfifo', [s]);
    });
    assert.equal(await readProvenanceFromFile(image), undefined);
  });

  it('a sidecar that is a symlink to /dev/zero is not read', async function () {
    if (!isLinux) this.skip();
    const image = await jpegWithSidecar('zero.jpg', (s) => symlink('/dev/zero', s));
    assert.equal(await readProvenanceFromFile(image), undefined);
  });

  it('a sidecar that is a symlink is not read, even to valid provenance (this tool never writes one)', async () => {
    const elsewhere = path.join(dir, 'elsewhere.json');
    await writeFile(elsewhere, JSON.stringify({ ...provenance, prompt: 'read through a planted link' }));
    const image = await jpegWithSidecar('linked.jpg', (s) => symlink(elsewhere, s));
    assert.equal(await readProvenanceFromFile(image), undefined);
    // The same JSON as a plain sidecar is read, so the refusal is about the link alone.
    const plain = await jpegWithSidecar('plain.jpg', (s) => writeFile(s, JSON.stringify(provenance)));
    assert.deepEqual(await readProvenanceFromFile(plain), provenance);
  });

  it('a sidecar that is a 2 GB sparse file, a folder, or valid provenance padded past 1 MiB is not read', async () => {
    const sparse = await jpegWithSidecar('sparse.jpg', async (s) => {
      const h = await open(s, 'w');
      await h.truncate(2_000_000_000);
      await h.close();
    });
    assert.equal(await readProvenanceFromFile(sparse), undefined);
    const folder = await jpegWithSidecar('folder.jpg', (s) => mkdir(s));
    assert.equal(await readProvenanceFromFile(folder), undefined);
    // Well-formed JSON, only too big to be ours: without the bound it would be adopted.
    const padded = await jpegWithSidecar('padded.jpg', (s) =>
      writeFile(s, JSON.stringify(provenance) + ' '.repeat(MAX_PROVENANCE_BYTES)),
    );
    assert.equal(await readProvenanceFromFile(padded), undefined);
    const fits = await jpegWithSidecar('fits.jpg', (s) => writeFile(s, JSON.stringify(provenance) + '   '));
    assert.deepEqual(
      await readProvenanceFromFile(fits),
      provenance,
      'a sidecar within the bound still reads',
    );
  });

  it('an image name that is a FIFO or a device yields no provenance without being opened', async () => {
    const fifo = path.join(dir, 'pipe.png');
    execFileSync('mkfifo', [fifo]);
    await writeFile(sidecarPath(fifo), JSON.stringify(provenance));
    assert.equal(await readProvenanceFromFile(fifo), undefined);
    if (isLinux) {
      const zero = path.join(dir, 'zero.png');
      await symlink('/dev/zero', zero);
      assert.equal(await readProvenanceFromFile(zero), undefined);
    }
    const folder = path.join(dir, 'folder.jpg');
    await mkdir(folder);
    assert.equal(await readProvenanceFromFile(folder), undefined);
  });

  it('a symlink to a real image still reads (history lists such links)', async () => {
    const png = embedPngProvenance(encodePng(1, 1, Buffer.alloc(4)), provenance);
    await writeFile(path.join(dir, 'real.png'), png);
    await symlink(path.join(dir, 'real.png'), path.join(dir, 'link.png'));
    assert.deepEqual(await readProvenanceFromFile(path.join(dir, 'link.png')), provenance);
  });
});

describe('hostile files: item 13, provenance that cannot be read back', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'readback-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const png = () => encodePng(2, 2, Buffer.alloc(16, 7));

  async function saveAndRead(prompt: string, image: ReceivedImage, cost?: number): Promise<Provenance> {
    const out = await saveImageResult(
      imageResult([image], { callId: 'call-13', cost, options: { size: '1024x1024' } }),
      {
        prompt,
        folder: dir,
        operation: 'generate',
      },
    );
    assert.equal(out.error, undefined);
    const back = await readProvenanceFromFile(out.saved[0]!.path);
    assert.ok(back, `the provenance of ${path.basename(out.saved[0]!.path)} reads back`);
    return back;
  }

  for (const [label, make] of [
    ['PNG', png],
    ['JPEG', () => SAMPLE_JPEG],
  ] as const) {
    it(`${label}: a 30,000-character prompt (within the Studio's limit) is kept whole and reads back`, async () => {
      const ascii = 'a lighthouse at dusk '.repeat(1500).slice(0, 30_000);
      assert.equal((await saveAndRead(ascii, receivedImage(make()))).prompt, ascii);
      // Three bytes per character in UTF-8: 90 KB of text, beyond the 64 KB head of a PNG.
      const wide = '灯台'.repeat(15_000);
      assert.equal((await saveAndRead(wide, receivedImage(make()))).prompt, wide);
    });

    it(`${label}: a 70,000-character revised prompt is stored truncated with a marker, and reads back`, async () => {
      const revised = 'ü'.repeat(70_000);
      const back = await saveAndRead('a cat', receivedImage(make(), revised));
      assert.equal(back.prompt, 'a cat');
      assert.equal(back.revisedPrompt?.length, MAX_STORED_TEXT_CHARS);
      assert.ok(back.revisedPrompt?.endsWith('…[truncated]'));
      assert.ok(revised.startsWith(back.revisedPrompt!.slice(0, -'…[truncated]'.length)));
    });

    it(`${label}: a cost of 1e300, Infinity, NaN or below zero is stored as unknown; the record reads back`, async () => {
      for (const cost of [1e300, Infinity, -Infinity, NaN, -1]) {
        const back = await saveAndRead(`cost ${cost}`, receivedImage(make()), cost);
        assert.equal(back.prompt, `cost ${cost}`);
        assert.ok(!('cost' in back), `cost ${cost} → ${back.cost}`);
      }
      assert.equal((await saveAndRead('a real cost', receivedImage(make()), 0.042)).cost, 0.042);
    });
  }

  it('the reader takes a null or invalid cost as unknown instead of failing the whole record', () => {
    for (const cost of [null, 'free', 1e300, -3, { usd: 1 }]) {
      const back = parseProvenance(JSON.stringify({ ...provenance, cost }));
      assert.ok(back, `cost ${JSON.stringify(cost)}`);
      assert.equal(back.prompt, provenance.prompt);
      assert.ok(!('cost' in back));
    }
  });

  it('finds our chunk anywhere before IDAT, after other big metadata, reading by chunk headers', async () => {
    const ours = embedPngProvenance(png(), provenance);
    const ihdrEnd = 8 + 25;
    const big = pngChunk(
      'zTXt',
      Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), Buffer.alloc(300_000, 1)]),
    );
    const moved = Buffer.concat([ours.subarray(0, ihdrEnd), big, ours.subarray(ihdrEnd)]);
    assertValidChunks(moved);
    const file = path.join(dir, 'moved.png');
    await writeFile(file, moved);
    assert.deepEqual(await readProvenanceFromFile(file), provenance);
    assert.deepEqual(readPngProvenance(moved), provenance);
  });

  it('a chunk of ours bigger than the 1 MiB bound is not read', async () => {
    const huge = Buffer.concat([
      Buffer.from('litellm-images\0\0\0\0\0', 'latin1'),
      Buffer.from(JSON.stringify({ ...provenance, padding: 'x'.repeat(MAX_PROVENANCE_BYTES) })),
    ]);
    const base = png();
    const file = path.join(dir, 'huge.png');
    await writeFile(file, Buffer.concat([base.subarray(0, 33), pngChunk('iTXt', huge), base.subarray(33)]));
    assert.equal(await readProvenanceFromFile(file), undefined);
  });
});
