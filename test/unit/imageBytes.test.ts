import { englishSurface } from '../support/messageText';
import { nonImageText } from '../../src/shared/messages/valueText';
import { strict as assert } from 'node:assert';
import { describeNonImage, sniffImage } from '../../src/core';
import {
  encodePng,
  SAMPLE_GIF_1x1,
  SAMPLE_JPEG,
  SAMPLE_WEBP_LOSSLESS,
  SAMPLE_WEBP_LOSSY,
} from '../fixtures/png';

describe('image sniffing', () => {
  it('knows each format and its size from the bytes, whatever the file was called', () => {
    assert.deepEqual(sniffImage(encodePng(7, 5, Buffer.alloc(7 * 5 * 4))), {
      mimeType: 'image/png',
      extension: 'png',
      width: 7,
      height: 5,
    });
    assert.deepEqual(sniffImage(SAMPLE_JPEG), {
      mimeType: 'image/jpeg',
      extension: 'jpg',
      width: 16,
      height: 8,
    });
    assert.deepEqual(sniffImage(SAMPLE_WEBP_LOSSLESS), {
      mimeType: 'image/webp',
      extension: 'webp',
      width: 4,
      height: 3,
    });
    assert.deepEqual(sniffImage(SAMPLE_WEBP_LOSSY), {
      mimeType: 'image/webp',
      extension: 'webp',
      width: 16,
      height: 8,
    });
    assert.deepEqual(sniffImage(SAMPLE_GIF_1x1), {
      mimeType: 'image/gif',
      extension: 'gif',
      width: 1,
      height: 1,
    });
  });

  it('finds the JPEG frame size behind a large APP1 (EXIF) segment', () => {
    const app1 = Buffer.alloc(4 + 30_000);
    app1.writeUInt16BE(0xffe1, 0);
    app1.writeUInt16BE(30_002, 2);
    const withExif = Buffer.concat([SAMPLE_JPEG.subarray(0, 2), app1, SAMPLE_JPEG.subarray(2)]);
    assert.deepEqual(sniffImage(withExif), {
      mimeType: 'image/jpeg',
      extension: 'jpg',
      width: 16,
      height: 8,
    });
  });

  it('returns nothing for non-images and describes them without echoing them', () => {
    for (const b of [Buffer.from('hello'), Buffer.alloc(0), Buffer.from('<html>'), Buffer.from('%PDF-1.7')])
      assert.equal(sniffImage(b), undefined);
    const described = (b: Buffer) => nonImageText(describeNonImage(b), englishSurface);
    assert.equal(described(Buffer.from('<html><body>502</body></html>')), 'an HTML/XML document');
    assert.equal(described(Buffer.from('{"error":1}')), 'JSON text');
    assert.equal(described(Buffer.from('just words')), 'plain text');
    assert.equal(described(Buffer.from([0, 1, 2, 250])), '4 bytes of an unknown format');
  });
});
