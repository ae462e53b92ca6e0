// The Generate and Edit use cases every front end starts from: what the plan sends (checked on the wire, with the
// real client against the fake proxy on 127.0.0.1) and how its results are saved (checked on disk).
import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  LiteLLMClient,
  LiteLLMError,
  parseSettings,
  planEdit,
  planGenerate,
  readPngProvenance,
  saveImageResult,
} from '../../src/core';
import { FakeLitellm } from '../fixtures/fakeLitellm';
import { encodePng } from '../fixtures/png';

const KEY = 'sk-master-test';

describe('image use cases (planGenerate, planEdit)', function () {
  this.timeout(20_000);
  const fake = new FakeLitellm();
  let dir: string;
  let client: LiteLLMClient;
  before(() => fake.start());
  beforeEach(async () => {
    fake.reset();
    dir = await mkdtemp(path.join(tmpdir(), 'plans-'));
    client = new LiteLLMClient(parseSettings({ baseUrl: fake.baseUrl }), { apiKey: KEY });
  });
  afterEach(async () => {
    await client.dispose();
    await rm(dir, { recursive: true, force: true });
  });
  after(() => fake.stop());

  async function png(file: string): Promise<string> {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, encodePng(32, 32, Buffer.alloc(32 * 32 * 4, 90)));
    return file;
  }

  it('an edit goes beside the first reference, named after it, with provenance relative to the result', async () => {
    const photo = await png(path.join(dir, 'shots', 'Photo 1.png'));
    const other = await png(path.join(dir, 'refs', 'style.png'));
    const mask = await png(path.join(dir, 'refs', 'mask.png'));
    const plan = planEdit({
      prompt: 'make the sky stormy',
      references: [photo, other],
      mask,
      model: 'gpt-image-1',
      fallbacks: ['dall-e-2'],
      options: { quality: 'low' },
    });
    assert.deepEqual(plan.save, {
      prompt: 'make the sky stormy',
      folder: path.join(dir, 'shots'),
      operation: 'edit',
      baseNameHint: 'Photo 1',
      references: ['Photo 1.png', '../refs/style.png'],
      mask: '../refs/mask.png',
    });

    const result = await plan.call(client, {});
    const sent = fake.requests.find((r) => r.path.endsWith('/images/edits'));
    assert.deepEqual(
      sent?.files?.map((f) => [f.field, f.filename]),
      [
        ['image', 'Photo 1.png'],
        ['image', 'style.png'],
        ['mask', 'mask.png'],
      ],
    );
    assert.deepEqual(
      { model: sent?.fields?.model, prompt: sent?.fields?.prompt, quality: sent?.fields?.quality },
      { model: ['gpt-image-1'], prompt: ['make the sky stormy'], quality: ['low'] },
    );

    const saved = await saveImageResult(result, plan.save);
    assert.equal(saved.error, undefined);
    assert.deepEqual(
      saved.saved.map((f) => path.relative(dir, f.path)),
      [path.join('shots', 'photo-1-make-the-sky-stormy.png')],
    );
    const prov = readPngProvenance(await readFile(saved.saved[0]!.path));
    assert.deepEqual(
      { operation: prov?.operation, references: prov?.references, mask: prov?.mask },
      { operation: 'edit', references: ['Photo 1.png', '../refs/style.png'], mask: '../refs/mask.png' },
    );
  });

  it('an edit goes into a given folder, relative to the first reference or absolute', () => {
    const photo = path.join(dir, 'shots', 'cat.png');
    const relative = planEdit({ prompt: 'a hat', references: [photo], folder: 'edits' });
    assert.equal(relative.save.folder, path.join(dir, 'shots', 'edits'));
    assert.deepEqual(relative.save.references, ['../cat.png']);
    assert.equal(relative.save.mask, undefined);
    const absolute = planEdit({ prompt: 'a hat', references: [photo], folder: path.join(dir, 'out') });
    assert.equal(absolute.save.folder, path.join(dir, 'out'));
    assert.deepEqual(absolute.save.references, ['../shots/cat.png']);
    assert.equal(absolute.save.baseNameHint, 'cat', 'named after the original wherever it is saved');
  });

  it('an edit without a reference is refused before anything is sent', () => {
    assert.throws(
      () => planEdit({ prompt: 'a hat', references: [] }),
      (e: unknown) => e instanceof LiteLLMError && e.kind === 'input',
    );
    assert.equal(fake.requests.length, 0);
  });

  it('a generation sends the intent and saves into the folder the front end chose, named from the prompt', async () => {
    const plan = planGenerate({
      prompt: 'a lighthouse at dusk',
      model: 'litellm/dall-e-3',
      options: { n: 1, style: 'vivid' },
      folder: path.join(dir, 'images'),
    });
    assert.deepEqual(plan.save, {
      prompt: 'a lighthouse at dusk',
      folder: path.join(dir, 'images'),
      operation: 'generate',
    });
    const result = await plan.call(client, {});
    const sent = fake.requests.find((r) => r.path.endsWith('/images/generations'));
    const body = sent?.json as Record<string, unknown>;
    assert.deepEqual(
      { model: body.model, prompt: body.prompt, style: body.style },
      { model: 'dall-e-3', prompt: 'a lighthouse at dusk', style: 'vivid' },
    );
    await mkdir(plan.save.folder);
    const saved = await saveImageResult(result, plan.save);
    assert.deepEqual(await readdir(plan.save.folder), ['a-lighthouse-at-dusk.png']);
    assert.equal(readPngProvenance(await readFile(saved.saved[0]!.path))?.operation, 'generate');
  });

  it('fallbacks in the intent are tried in order', async () => {
    const plan = planGenerate({
      prompt: 'x',
      model: 'no-such-model',
      fallbacks: ['gpt-image-1'],
      folder: dir,
    });
    const result = await plan.call(client, {});
    assert.deepEqual(
      result.attempts.map((a) => [a.model, a.ok]),
      [
        ['no-such-model', false],
        ['gpt-image-1', true],
      ],
    );
  });
});
