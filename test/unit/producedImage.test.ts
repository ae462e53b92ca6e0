// Requested vs. produced: the comparison itself, the header reads it rests on, and what the CLI prints and the
// provenance keeps when the fake proxy's "upstream" answers with another size or format than was asked for.
import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  callDifferences,
  compareWithRequest,
  IMAGE_HEADER_BYTES,
  notAsRequestedMessage,
  readProvenanceFromFile,
  sniffImage,
} from '../../src/core';
import { FakeLitellm } from '../fixtures/fakeLitellm';
import { runCli } from '../fixtures/cliProcess';
import { SAMPLE_JPEG, SAMPLE_WEBP_LOSSY } from '../fixtures/png';
import { textOf } from '../support/messageText';

const png = { format: 'png' as const, width: 1024, height: 1024 };

describe('requested vs. produced', () => {
  describe('the comparison', () => {
    it('names the size, the format and the model that differ, and nothing that agrees', () => {
      assert.equal(
        compareWithRequest({ model: 'gpt-image-1', options: { size: '1024x1024' } }, png, 'gpt-image-1'),
        undefined,
      );
      assert.deepEqual(
        compareWithRequest(
          { model: 'gpt-image-2', options: { size: '1536x1024', outputFormat: 'webp' } },
          png,
          'dall-e-3',
        ),
        {
          size: { asked: '1536x1024', got: '1024x1024' },
          format: { asked: 'webp', got: 'png' },
          model: { asked: 'gpt-image-2', got: 'dall-e-3' },
        },
      );
    });

    it('does not compare a size of auto, an unset size or format, or a size the header did not give', () => {
      for (const options of [{ size: 'auto' }, {}])
        assert.equal(compareWithRequest({ model: 'm', options }, png, 'm'), undefined);
      assert.equal(
        compareWithRequest({ model: 'm', options: { size: '1536x1024' } }, { format: 'png' }, 'm'),
        undefined,
      );
      assert.equal(
        compareWithRequest(
          { model: 'm', options: { outputFormat: 'jpeg' } },
          { format: 'jpeg', width: 1, height: 1 },
          'm',
        ),
        undefined,
        'jpeg asked, JPEG got',
      );
    });

    it('says it the way the notification does, and each distinct difference of a call once', () => {
      const d = { size: { asked: '1536x1024', got: '1024x1024' } };
      assert.equal(textOf(notAsRequestedMessage(d)), 'asked for 1536×1024, got 1024×1024');
      assert.equal(
        textOf(
          notAsRequestedMessage(
            { ...d, format: { asked: 'webp', got: 'png' }, model: { asked: 'gpt-image-2', got: 'dall-e-3' } },
            'fox.png',
          ),
        ),
        'fox.png: asked for 1536×1024, got 1024×1024; asked for WebP, got PNG; dall-e-3 answered instead of gpt-image-2',
      );
      assert.equal(callDifferences([d, undefined, { ...d }]).length, 1);
    });
  });

  describe('header reads', () => {
    it('takes no size from a lossy WebP without its start code, or from a zero side', () => {
      const broken = Buffer.from(SAMPLE_WEBP_LOSSY);
      broken[23] = 0;
      assert.deepEqual(sniffImage(broken), { mimeType: 'image/webp', extension: 'webp' });
      const zero = Buffer.from(SAMPLE_JPEG);
      const sof = zero.indexOf(Buffer.from([0xff, 0xc0]));
      zero.writeUInt16BE(0, sof + 5);
      assert.deepEqual(sniffImage(zero), { mimeType: 'image/jpeg', extension: 'jpg' });
    });

    it('looks no further than IMAGE_HEADER_BYTES for a JPEG frame', () => {
      const app1 = Buffer.alloc(4 + IMAGE_HEADER_BYTES);
      app1.writeUInt16BE(0xffe1, 0);
      app1.writeUInt16BE(0xfff0, 2); // a segment length that walks past the bound
      const far = Buffer.concat([SAMPLE_JPEG.subarray(0, 2), app1, SAMPLE_JPEG.subarray(2)]);
      assert.deepEqual(sniffImage(far), { mimeType: 'image/jpeg', extension: 'jpg' });
    });
  });

  describe('through the CLI against the fake proxy', function () {
    this.timeout(60_000);
    const fake = new FakeLitellm();
    let out: string;
    let env: Record<string, string>;
    before(async () => {
      await fake.start();
      env = { LITELLM_BASE_URL: fake.baseUrl, LITELLM_API_KEY: 'sk-master-test' };
    });
    beforeEach(async () => {
      fake.reset();
      fake.produce = {};
      out = await mkdtemp(path.join(tmpdir(), 'produced-'));
    });
    afterEach(() => rm(out, { recursive: true, force: true }));
    after(() => fake.stop());

    const lines = (stdout: string) =>
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);

    it('a square for a landscape request: width, height, format and a warning per file, both sizes in the provenance', async () => {
      fake.produce = { 'gpt-image-1': { size: '1024x1024' } };
      const r = await runCli(
        ['generate', 'a wide bay', '--model', 'gpt-image-1', '--size', '1536x1024', '--out', out],
        env,
      );
      assert.equal(r.code, 0, r.stderr);
      const [line] = lines(r.stdout);
      assert.equal(line!.width, 1024);
      assert.equal(line!.height, 1024);
      assert.equal(line!.format, 'png');
      assert.deepEqual(line!.requested, { model: 'gpt-image-1', size: '1536x1024' });
      assert.deepEqual(line!.notAsRequested, { size: { asked: '1536x1024', got: '1024x1024' } });
      assert.equal(line!.warning, 'a-wide-bay.png: asked for 1536×1024, got 1024×1024');
      assert.match(r.stderr, /a-wide-bay\.png: asked for 1536×1024, got 1024×1024/);
      const p = await readProvenanceFromFile(String(line!.path));
      assert.equal(p?.parameters.size, '1536x1024', 'the request');
      assert.deepEqual(p?.produced, { format: 'png', width: 1024, height: 1024 }, 'what came back');
    });

    it('a JPEG for a PNG request is named .jpg, reported, and its sidecar keeps both', async () => {
      fake.produce = { 'gpt-image-1': { format: 'jpeg', size: '64x48' } };
      const r = await runCli(
        [
          'generate',
          'a jar',
          '--model',
          'gpt-image-1',
          '--output-format',
          'png',
          '--size',
          '1024x1024',
          '--out',
          out,
        ],
        env,
      );
      assert.equal(r.code, 0, r.stderr);
      const [line] = lines(r.stdout);
      assert.equal(path.extname(String(line!.path)), '.jpg');
      assert.equal(line!.format, 'jpeg');
      assert.equal(line!.width, 64);
      assert.deepEqual(line!.notAsRequested, {
        size: { asked: '1024x1024', got: '64x48' },
        format: { asked: 'png', got: 'jpeg' },
      });
      const sidecar = JSON.parse(await readFile(`${String(line!.path)}.litellm.json`, 'utf8'));
      assert.equal(sidecar.parameters.outputFormat, 'png');
      assert.deepEqual(sidecar.produced, { format: 'jpeg', width: 64, height: 48 });
    });

    it('an image as asked carries no warning', async () => {
      const r = await runCli(['generate', 'as asked', '--size', '1024x1536', '--out', out], env);
      assert.equal(r.code, 0, r.stderr);
      const [line] = lines(r.stdout);
      assert.equal(line!.notAsRequested, undefined);
      assert.equal(line!.warning, undefined);
      assert.equal(r.stderr, '');
    });
  });
});
