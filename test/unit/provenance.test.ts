import { strict as assert } from 'node:assert';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import {
  embedPngProvenance,
  Provenance,
  readPngProvenance,
  readProvenanceFromFile,
  saveImageWithProvenance,
  sidecarPath,
  sniffImage,
} from '../../src/core';
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

  it('never overwrites an existing sidecar, and says so while keeping the image', async () => {
    const sub = await mkdtemp(path.join(dir, 'side-'));
    await writeFile(path.join(sub, 'shot.jpg.litellm.json'), 'user notes');
    const saved = await saveImageWithProvenance(
      { folder: sub, baseName: 'shot' },
      { bytes: SAMPLE_JPEG, sniffed: sniffImage(SAMPLE_JPEG)!, provenance },
    );
    assert.equal(path.basename(saved.path), 'shot.jpg');
    assert.match(saved.warning ?? '', /shot\.jpg\.litellm\.json already exists; left unchanged/);
    assert.equal(await readFile(path.join(sub, 'shot.jpg.litellm.json'), 'utf8'), 'user notes');
    assert.ok((await readFile(saved.path)).equals(SAMPLE_JPEG));
    assert.deepEqual(
      (await readdir(sub)).sort(),
      ['shot.jpg', 'shot.jpg.litellm.json'],
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
