// Issue 9 items 6 and 8 through the real Generate Image command: an answer with more images than asked for keeps
// the count asked for and says so as a warning; an answer with one undecodable image keeps the good one (partial).
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import { encodePng } from '../../fixtures/png';
import { readPngSize } from '../../fixtures/readPng';
import { freshFolder, generate, listFiles, withFakeProxy } from '../support';

describe('hostile proxy answers in the extension', () => {
  const proxy = withFakeProxy();
  const png = encodePng(4, 4, Buffer.alloc(4 * 4 * 4, 120)).toString('base64');

  it('item 6: 40 images for n=1 saves one and returns the surplus as a warning', async () => {
    proxy().failNext({
      kind: 'status',
      status: 200,
      body: { created: 1, data: Array.from({ length: 40 }, () => ({ b64_json: png })) },
    });
    const folder = await freshFolder('surplus');
    const r = await generate({ prompt: 'one cat', folder });
    assert.equal(r.status, 'done', r.error?.message);
    assert.equal(r.files.length, 1);
    assert.deepEqual((await listFiles(folder)).length, 1);
    assert.ok(
      r.warnings.some((w) => /The proxy returned 40 images for a request of 1/.test(w)),
      r.warnings.join(' | '),
    );
  });

  it('item 8: [good, undecodable] saves the good image and reports "Saved 1 image(s), then: …"', async () => {
    proxy().failNext({
      kind: 'status',
      status: 200,
      body: { created: 1, data: [{ b64_json: png }, { b64_json: '!!!not base64!!!' }] },
    });
    const folder = await freshFolder('good-bad');
    const r = await generate({ prompt: 'two cats', n: 2, folder });
    assert.equal(r.status, 'partial', r.error?.message);
    assert.equal(r.files.length, 1);
    assert.deepEqual(readPngSize(await fs.readFile(r.files[0]!)), { width: 4, height: 4 });
    assert.equal(r.error?.kind, 'bad_response');
    assert.match(r.error!.message, /^Saved 1 image\(s\), then: The proxy returned an image whose base64/);
  });
});
