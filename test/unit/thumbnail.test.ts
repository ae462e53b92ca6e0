// The agent tools' thumbnails: the longest side within 512 px, within the byte budget, the picture still the picture
// (decoded back by pngjs and jpeg-js), transparency kept, and hostile headers refused before anything is decoded.
import { strict as assert } from 'node:assert';
import * as jpegJs from 'jpeg-js';
import { sniffImage } from '../../src/core/imageBytes';
import {
  boxShrink,
  fitWithin,
  makeThumbnail,
  THUMBNAIL_MAX_BYTES,
  type Thumbnail,
} from '../../src/core/thumbnail';
import { encodePng, SAMPLE_WEBP_LOSSY } from '../fixtures/png';
import { mulberry32 } from '../fixtures/random';
import { readPng } from '../fixtures/readPng';

/** Left half red, right half blue (opaque, or with alpha 128 when `alpha`). */
function halves(width: number, height: number, alpha = 255): Buffer {
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const left = x < width / 2;
      rgba[i] = left ? 220 : 10;
      rgba[i + 1] = 20;
      rgba[i + 2] = left ? 10 : 220;
      rgba[i + 3] = alpha;
    }
  return encodePng(width, height, rgba);
}

function noise(width: number, height: number, seed: number): Buffer {
  const rnd = mulberry32(seed);
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = Math.floor(rnd() * 256);
  return encodePng(width, height, rgba);
}

function thumbnailOf(outcome: Awaited<ReturnType<typeof makeThumbnail>>): Thumbnail {
  assert.ok('thumbnail' in outcome, `a thumbnail, not ${JSON.stringify(outcome)}`);
  return outcome.thumbnail;
}

/** RGBA of the decoded thumbnail at (x, y), by an independent decoder for its format. */
function pixel(t: Thumbnail, x: number, y: number): number[] {
  if (t.mimeType === 'image/png') {
    const d = readPng(t.data);
    assert.deepEqual([d.width, d.height], [t.width, t.height]);
    const i = (y * d.width + x) * 4;
    return [...d.rgba.subarray(i, i + 4)];
  }
  assert.equal(t.mimeType, 'image/jpeg');
  const d = jpegJs.decode(t.data, { useTArray: true });
  assert.deepEqual([d.width, d.height], [t.width, t.height]);
  const i = (y * d.width + x) * 4;
  return [...d.data.subarray(i, i + 4)];
}

describe('thumbnail', () => {
  it('fits the longest side within the limit, keeping the aspect ratio and never enlarging', () => {
    assert.deepEqual(fitWithin(4096, 2048, 512), { width: 512, height: 256 });
    assert.deepEqual(fitWithin(1024, 1536, 512), { width: 341, height: 512 });
    assert.deepEqual(fitWithin(300, 200, 512), { width: 300, height: 200 });
    assert.deepEqual(fitWithin(10000, 1, 512), { width: 512, height: 1 });
  });

  it('averages each block when shrinking by a whole factor (dropping the ragged edge)', () => {
    // 5×4 RGBA: value = x*10 + y in every channel; 2× blocks → 2×2 pixels, the fifth column dropped.
    const data = Buffer.alloc(5 * 4 * 4);
    for (let y = 0; y < 4; y++)
      for (let x = 0; x < 5; x++) data.fill(x * 10 + y, (y * 5 + x) * 4, (y * 5 + x) * 4 + 4);
    const out = boxShrink({ data, width: 5, height: 4 }, 2);
    assert.deepEqual([out.width, out.height], [2, 2]);
    // (0,0): mean of 0, 10, 1, 11 = 5.5 → 6; (1,0): 20,30,21,31 → 25.5 → 26; (0,1): 2,12,3,13 → 7.5 → 8.
    assert.deepEqual([out.data[0], out.data[4], out.data[8], out.data[12]], [6, 26, 8, 28]);
  });

  it('scales a 4000×1 strip to 512×1 rather than to nothing', async () => {
    const t = thumbnailOf(await makeThumbnail(noise(4000, 1, 3)));
    assert.deepEqual([t.width, t.height], [512, 1]);
    assert.equal(pixel(t, 0, 0).length, 4);
  });

  it('makes an opaque 4096×2048 PNG a 512×256 JPEG within the budget that still shows the picture', async () => {
    const t = thumbnailOf(await makeThumbnail(halves(4096, 2048)));
    assert.equal(t.mimeType, 'image/jpeg');
    assert.deepEqual([t.width, t.height], [512, 256]);
    assert.ok(t.data.length <= THUMBNAIL_MAX_BYTES, `${t.data.length} bytes`);
    const [lr, , lb] = pixel(t, 64, 128);
    const [rr, , rb] = pixel(t, 448, 128);
    assert.ok(lr! > 180 && lb! < 60, `left stays red: ${lr},${lb}`);
    assert.ok(rb! > 180 && rr! < 60, `right stays blue: ${rr},${rb}`);
  });

  it('keeps transparency as a PNG', async () => {
    const t = thumbnailOf(await makeThumbnail(halves(1024, 1536, 128)));
    assert.equal(t.mimeType, 'image/png');
    assert.deepEqual([t.width, t.height], [341, 512]);
    const [r, , , a] = pixel(t, 20, 256);
    assert.ok(r! > 180, `red: ${r}`);
    assert.ok(a! > 100 && a! < 160, `alpha about 128: ${a}`);
  });

  it('hands back a small image as it is, whatever its format', async () => {
    const small = halves(256, 128);
    const t = thumbnailOf(await makeThumbnail(small));
    assert.equal(t.data, small);
    assert.deepEqual([t.width, t.height, t.mimeType], [256, 128, 'image/png']);
    const webp = thumbnailOf(await makeThumbnail(SAMPLE_WEBP_LOSSY));
    assert.equal(webp.mimeType, 'image/webp');
  });

  it('refuses by its header a PNG that claims 60000×60000 pixels, before decoding anything', async () => {
    const bomb = halves(8, 8);
    bomb.writeUInt32BE(60000, 16);
    bomb.writeUInt32BE(60000, 20);
    const before = process.memoryUsage().rss;
    assert.deepEqual(await makeThumbnail(bomb), { skipped: 'tooManyPixels' });
    assert.ok(
      process.memoryUsage().rss - before < 200 * 1024 * 1024,
      'nothing the size of the claim was allocated',
    );
  });

  it('says why when there is no thumbnail: not an image, a large WebP, bytes that do not decode', async () => {
    assert.deepEqual(await makeThumbnail(Buffer.from('{"error":"nope"}')), { skipped: 'notAnImage' });
    // VP8X canvas of 2048×2048 in the header: too big to pass through, and WebP is not decoded here.
    const vp8x = Buffer.alloc(30);
    vp8x.write('RIFF', 0, 'latin1');
    vp8x.write('WEBPVP8X', 8, 'latin1');
    vp8x.writeUIntLE(2047, 24, 3);
    vp8x.writeUIntLE(2047, 27, 3);
    assert.equal(sniffImage(vp8x)?.width, 2048);
    assert.deepEqual(await makeThumbnail(vp8x), { skipped: 'unsupportedFormat' });
    const broken = halves(1024, 1024);
    broken.fill(0x42, 60, broken.length - 20);
    assert.deepEqual(await makeThumbnail(broken), { skipped: 'undecodable' });
  });

  it('shrinks further to fit the byte budget, and gives up by name when even the smallest does not fit', async () => {
    // Noise with alpha stays a PNG and compresses badly: ~1 MB at 512², ~256 KB at 256².
    const noisy = noise(1024, 1024, 7);
    const t = thumbnailOf(await makeThumbnail(noisy, { maxBytes: 400_000 }));
    assert.ok(t.width < 512 && t.data.length <= 400_000, `${t.width} px, ${t.data.length} bytes`);
    assert.deepEqual(await makeThumbnail(noisy, { maxBytes: 20_000 }), { skipped: 'tooLarge' });
  });
});
