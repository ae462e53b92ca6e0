// The CLI's side of the model families: --aspect-ratio and --image-size reach the upstream in the route's form,
// --model-capabilities FILE is litellm.image.modelCapabilities (validated the same way, named by its flag), and
// `models` says which family the proxy's provider model is. A real child process against the fake proxy.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_FAKE_MODELS, FakeLitellm } from '../fixtures/fakeLitellm';
import { runCli } from '../fixtures/cliProcess';
import { encodePng } from '../fixtures/png';

const KEY = 'sk-master-test';

describe('CLI: model families', function () {
  this.timeout(30_000);
  const fake = new FakeLitellm({
    models: [
      ...DEFAULT_FAKE_MODELS,
      { id: 'imagen', mode: 'image_generation', providerModel: 'vertex_ai/imagen-4.0-generate-001' },
      { id: 'nano-pro', mode: 'image_generation', providerModel: 'vertex_ai/gemini-3-pro-image-preview' },
      { id: 'nano', mode: 'image_generation', providerModel: 'gemini/gemini-2.5-flash-image' },
    ],
  });
  let out: string;
  let env: Record<string, string>;
  const generations = () => fake.requests.filter((r) => r.path.endsWith('/images/generations'));
  before(async () => {
    await fake.start();
    env = { LITELLM_BASE_URL: fake.baseUrl, LITELLM_API_KEY: KEY };
  });
  beforeEach(async () => {
    fake.reset();
    out = await mkdtemp(path.join(tmpdir(), 'cli-families-'));
  });
  afterEach(() => rm(out, { recursive: true, force: true }));
  after(() => fake.stop());

  it('--aspect-ratio reaches Imagen as its table size and comes back in that shape', async () => {
    const r = await runCli(
      ['generate', 'a valley', '--model', 'imagen', '--aspect-ratio', '16:9', '--out', out],
      env,
    );
    assert.equal(r.code, 0, r.stderr);
    const line = JSON.parse(r.stdout) as { width: number; height: number };
    assert.deepEqual([line.width, line.height], [1408, 768]);
    assert.deepEqual(generations()[0]!.upstream, {
      instances: [{ prompt: 'a valley' }],
      parameters: { sampleCount: 1, aspectRatio: '16:9' },
    });
  });

  it('--image-size reaches Gemini 3 Pro on Vertex AI', async () => {
    const r = await runCli(
      [
        'generate',
        'a map',
        '--model',
        'nano-pro',
        '--aspect-ratio',
        '3:2',
        '--image-size',
        '2K',
        '--out',
        out,
      ],
      env,
    );
    assert.equal(r.code, 0, r.stderr);
    const up = generations()[0]!.upstream as { generationConfig: { imageConfig: unknown } };
    assert.deepEqual(up.generationConfig.imageConfig, { aspectRatio: '3:2', imageSize: '2K' });
  });

  it('refuses a shape on AI Studio Gemini before sending, and a ratio that is not one', async () => {
    const dropped = await runCli(
      ['generate', 'x', '--model', 'nano', '--aspect-ratio', '16:9', '--out', out],
      env,
    );
    assert.equal(dropped.code, 1);
    assert.match(
      dropped.stderr,
      /nano cannot take the chosen aspect ratio through LiteLLM on the "gemini" route/,
    );
    const bad = await runCli(
      ['generate', 'x', '--model', 'imagen', '--aspect-ratio', '7:5', '--out', out],
      env,
    );
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--aspect-ratio must be one of/);
    assert.equal(generations().length, 0, 'nothing was sent');
  });

  it('edit: a Google family takes no shape through LiteLLM, so --aspect-ratio is refused before sending', async () => {
    const ref = path.join(out, 'ref.png');
    await writeFile(ref, encodePng(32, 32, Buffer.alloc(32 * 32 * 4, 0x80)));
    for (const flags of [
      ['--aspect-ratio', '16:9'],
      ['--image-size', '2K'],
      ['--size', '1792x1024'],
    ]) {
      const r = await runCli(
        ['edit', 'wider', '--image', ref, '--model', 'nano-pro', ...flags, '--out', out],
        env,
      );
      assert.equal(r.code, 1, flags.join(' '));
      assert.match(
        r.stderr,
        /nano-pro takes no .* when editing through LiteLLM; leave size and aspect ratio unset/,
      );
    }
    assert.equal(fake.requests.filter((q) => q.path.endsWith('/images/edits')).length, 0, 'nothing was sent');
    const plain = await runCli(['edit', 'wider', '--image', ref, '--model', 'nano-pro', '--out', out], env);
    assert.equal(plain.code, 0, plain.stderr);
  });

  it('--model-capabilities FILE narrows a model; a bad entry or an unreadable file is a usage error', async () => {
    const file = path.join(out, 'caps.json');
    await writeFile(file, JSON.stringify({ 'gpt-image-1': { sizes: ['1024x1024'] } }));
    const narrowed = await runCli(
      [
        'generate',
        'x',
        '--model',
        'gpt-image-1',
        '--size',
        '1536x1024',
        '--model-capabilities',
        file,
        '--out',
        out,
      ],
      env,
    );
    assert.equal(narrowed.code, 1);
    assert.match(narrowed.stderr, /gpt-image-1 cannot make size "1536x1024"\. It accepts "1024x1024"/);

    await writeFile(file, JSON.stringify({ 'gpt-image-1': { sizez: [] } }));
    const typo = await runCli(['generate', 'x', '--model-capabilities', file, '--out', out], env);
    assert.equal(typo.code, 2);
    assert.match(
      typo.stderr,
      /--model-capabilities \(gpt-image-1\) has keys this extension does not know: "sizez"/,
    );

    const missing = await runCli(['generate', 'x', '--model-capabilities', path.join(out, 'nope.json')], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--model-capabilities: cannot read ".*nope\.json" \(ENOENT\)/);
    await writeFile(file, '{ not json');
    const notJson = await runCli(['generate', 'x', '--model-capabilities', file], env);
    assert.equal(notJson.code, 2);
    assert.match(notJson.stderr, /is not JSON/);
    assert.equal(generations().length, 0, 'nothing was sent');
  });

  it('models names the family of each provider model', async () => {
    const r = await runCli(['models'], env);
    assert.equal(r.code, 0, r.stderr);
    const byId = Object.fromEntries(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string; family?: string })
        .map((m) => [m.id, m.family]),
    );
    assert.equal(byId['imagen'], 'imagen');
    assert.equal(byId['nano'], 'gemini-image');
    assert.equal(byId['gpt-image-1'], 'gpt-image-1');
  });
});
