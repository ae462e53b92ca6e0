// The CLI as a user runs it: a real child process against the fake proxy, checking stdout lines, stderr, exit codes
// and the files written.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { embedPngProvenance, readPngProvenance } from '../../src/core';
import { FakeLitellm } from '../fixtures/fakeLitellm';
import { runCli } from '../fixtures/cliProcess';
import { encodePng } from '../fixtures/png';

const KEY = 'sk-master-test';

/** A 32×32 reference and a same-size, fully transparent mask in `folder`. */
async function writeEditInputs(folder: string): Promise<{ ref: string; mask: string }> {
  const ref = path.join(folder, 'ref.png');
  const mask = path.join(folder, 'mask.png');
  await writeFile(ref, encodePng(32, 32, Buffer.alloc(32 * 32 * 4, 60)));
  await writeFile(mask, encodePng(32, 32, Buffer.alloc(32 * 32 * 4, 0)));
  return { ref, mask };
}

describe('CLI', function () {
  this.timeout(30_000);
  const fake = new FakeLitellm();
  let out: string;
  let env: Record<string, string>;
  before(async () => {
    await fake.start();
    env = { LITELLM_BASE_URL: fake.baseUrl, LITELLM_API_KEY: KEY };
  });
  beforeEach(async () => {
    fake.reset();
    out = await mkdtemp(path.join(tmpdir(), 'cli-'));
  });
  afterEach(() => rm(out, { recursive: true, force: true }));
  after(() => fake.stop());

  it('generates, writes files without overwriting, and prints one JSON line per file', async () => {
    const first = await runCli(
      ['generate', 'a lighthouse at dusk', '--n', '2', '--size', '1024x1536', '--out', out],
      env,
    );
    assert.equal(first.code, 0, first.stderr);
    const lines = first.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 2);
    assert.deepEqual(Object.keys(lines[0]!), [
      'path',
      'model',
      'mimeType',
      'format',
      'bytes',
      'width',
      'height',
      'requested',
      'callId',
      'attempts',
    ]);
    assert.equal(lines[0]!.model, 'gpt-image-2');
    assert.equal(lines[0]!.width, 1024);
    assert.equal(lines[0]!.height, 1536);
    assert.equal(path.basename(String(lines[0]!.path)), 'a-lighthouse-at-dusk.png');
    assert.equal(path.basename(String(lines[1]!.path)), 'a-lighthouse-at-dusk-2.png');
    const saved = await readFile(String(lines[0]!.path));
    assert.equal(lines[0]!.bytes, saved.length, 'bytes is the size of the file written');
    assert.deepEqual(
      {
        prompt: readPngProvenance(saved)?.prompt,
        model: readPngProvenance(saved)?.model,
        size: readPngProvenance(saved)?.parameters.size,
      },
      { prompt: 'a lighthouse at dusk', model: 'gpt-image-2', size: '1024x1536' },
    );
    const again = await runCli(['generate', '--prompt', 'a lighthouse at dusk', '--out', out], env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(path.basename(JSON.parse(again.stdout).path), 'a-lighthouse-at-dusk-3.png');
    assert.equal((await readdir(out)).length, 3);
  });

  it('passes flags through: model ref, fallbacks, headers, options', async () => {
    const r = await runCli(
      [
        'generate',
        'x',
        '--model',
        'litellm/no-such-model',
        '--fallback',
        'gpt-image-1',
        '--header',
        'x-litellm-tags: cli',
        '--quality',
        'low',
        '--background',
        'opaque',
        '--out',
        out,
      ],
      env,
    );
    assert.equal(r.code, 0, r.stderr);
    const line = JSON.parse(r.stdout);
    assert.equal(line.model, 'gpt-image-1');
    assert.equal(line.cost, 0.02186);
    assert.deepEqual(
      line.attempts.map((a: { model: string; ok: boolean }) => [a.model, a.ok]),
      [
        ['no-such-model', false],
        ['gpt-image-1', true],
      ],
    );
    assert.equal(fake.requests[1]!.headers['x-litellm-tags'], 'cli');
    assert.deepEqual((fake.requests[1]!.json as { extra_body: unknown }).extra_body, {
      background: 'opaque',
    });
  });

  it('edits with references and a mask', async () => {
    const { ref, mask } = await writeEditInputs(out);
    const r = await runCli(
      [
        'edit',
        'add a hat',
        '--image',
        ref,
        '--image',
        ref,
        '--mask',
        mask,
        '--model',
        'gpt-image-1',
        '--out',
        out,
      ],
      env,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      fake.requests[0]!.files!.map((f) => f.field),
      ['image', 'image', 'mask'],
    );
    const saved = String(JSON.parse(r.stdout).path);
    assert.equal(path.basename(saved), 'ref-add-a-hat.png', 'named like Edit Image: <original>-<prompt>');
    assert.equal(path.dirname(saved), out, 'into --out');
    const prov = readPngProvenance(await readFile(saved));
    assert.equal(prov?.operation, 'edit');
    assert.deepEqual(prov?.references, ['ref.png', 'ref.png'], 'relative to the saved image');
    assert.equal(prov?.mask, 'mask.png');
  });

  it('re-runs an image from its recorded settings: the same request, a new file beside it', async () => {
    const first = await runCli(['generate', 'a red kite', '--size', '1024x1536', '--out', out], env);
    assert.equal(first.code, 0, first.stderr);
    const original = String(JSON.parse(first.stdout).path);
    const again = await runCli(['rerun', path.basename(original)], env, { cwd: out });
    assert.equal(again.code, 0, again.stderr);
    const made = String(JSON.parse(again.stdout).path);
    assert.equal(path.dirname(made), out, 'beside the original');
    assert.equal(path.basename(made), 'a-red-kite-2.png', 'never over the original');
    assert.equal(fake.requests.length, 2);
    assert.deepEqual(fake.requests[1]!.json, fake.requests[0]!.json, 'the same request as the first time');
    assert.equal(readPngProvenance(await readFile(made))?.prompt, 'a red kite');
  });

  it('re-runs an edit with its recorded references and mask, and refuses inputs outside the working folder', async () => {
    const { ref, mask } = await writeEditInputs(out);
    const edited = await runCli(
      ['edit', 'add a hat', '--image', ref, '--mask', mask, '--model', 'gpt-image-1', '--out', out],
      env,
    );
    assert.equal(edited.code, 0, edited.stderr);
    const saved = String(JSON.parse(edited.stdout).path);
    const again = await runCli(['rerun', saved], env, { cwd: out });
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(
      fake.requests[1]!.files!.map((f) => f.field),
      ['image', 'mask'],
      'the recorded reference and mask are sent again',
    );
    assert.equal(path.basename(String(JSON.parse(again.stdout).path)), 'ref-add-a-hat-2.png');

    // A record a repository planted: its reference climbs out of the folder the CLI runs in.
    const outside = await mkdtemp(path.join(tmpdir(), 'cli-outside-'));
    try {
      await writeFile(path.join(outside, 'secret.png'), encodePng(32, 32, Buffer.alloc(32 * 32 * 4, 9)));
      const bytes = await readFile(saved);
      const prov = readPngProvenance(bytes)!;
      const planted = path.join(out, 'planted.png');
      const climb = path.relative(out, path.join(outside, 'secret.png'));
      await writeFile(planted, embedPngProvenance(bytes, { ...prov, references: [climb], mask: undefined }));
      const before = fake.requests.length;
      const refused = await runCli(['rerun', planted], env, { cwd: out });
      assert.equal(refused.code, 1, refused.stdout);
      assert.match(refused.stderr, /secret\.png, which is outside the allowed folders\. Nothing was sent\./);
      assert.equal(fake.requests.length, before, 'nothing was sent');
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('refuses to re-run an image without recorded settings, by name', async () => {
    const plain = path.join(out, 'plain.png');
    await writeFile(plain, encodePng(8, 8, Buffer.alloc(8 * 8 * 4, 1)));
    const r = await runCli(['rerun', plain], env, { cwd: out });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /plain\.png has no recorded settings/);
    assert.equal(fake.requests.length, 0);
  });

  it('lists models and checks the connection as JSON', async () => {
    const models = await runCli(['models'], env);
    assert.equal(models.code, 0, models.stderr);
    assert.deepEqual(
      models.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
      ['gpt-image-2', 'gpt-image-1', 'dall-e-3', 'dall-e-2'],
    );
    // The published prices and one image's estimate by them; none for gpt-image-2, which has no price.
    const byId = Object.fromEntries(
      models.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string; prices?: unknown; estimatedPerImage?: unknown })
        .map((m) => [m.id, m]),
    );
    assert.equal(byId['gpt-image-2']?.estimatedPerImage, undefined);
    assert.deepEqual(byId['gpt-image-1']?.prices, { perOutputImageToken: 4e-5 });
    assert.deepEqual(byId['gpt-image-1']?.estimatedPerImage, { low: 272 * 4e-5, high: 6240 * 4e-5 });
    const check = await runCli(['check'], env);
    assert.equal(check.code, 0, check.stderr);
    assert.equal(JSON.parse(check.stdout).auth, 'ok');
  });

  const usage: Array<[string, string[], RegExp]> = [
    ['no command', [], /Missing command/],
    ['unknown command', ['paint'], /Unknown command "paint"/],
    [
      'the key as a flag',
      ['generate', 'x', '--api-key', 'sk-x'],
      /^Unknown option '--api-key'\. The API key is read from LITELLM_API_KEY only\.\n/,
    ],
    [
      'a mistyped flag',
      ['generate', 'x', '--sise', '1024x1024'],
      /^Unknown option '--sise'\. Did you mean --size\?\n/,
    ],
    [
      'swapped letters',
      ['generate', 'x', '--qaulity', 'low'],
      /^Unknown option '--qaulity'\. Did you mean --quality\?\n/,
    ],
    [
      'a flag cut short',
      ['generate', 'x', '--fall', 'dall-e-2'],
      /^Unknown option '--fall'\. Did you mean --fallback\?\n/,
    ],
    ['a flag like no other', ['generate', 'x', '--zzz'], /^Unknown option '--zzz'\.\n/],
    ['missing prompt', ['generate'], /Missing prompt/],
    ['edit without image', ['edit', 'x'], /at least one --image/],
    ['bad number', ['generate', 'x', '--n', 'many'], /Invalid setting: --n must be a number/],
    ['bad header', ['generate', 'x', '--header', 'nocolon'], /--header must look like "Name: value"/],
  ];
  for (const [name, args, pattern] of usage) {
    it(`exits 2 on ${name}: the message, then where the help is`, async () => {
      const r = await runCli(args, env);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, pattern);
      assert.ok(r.stderr.endsWith('\nRun `litellm-images --help`.\n'), r.stderr);
      assert.equal(r.stderr.trim().split('\n').length, 2, `two lines: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.equal(fake.requests.length, 0);
    });
  }

  it('--help prints one option per line: flag, description, environment variable, default', async () => {
    const r = await runCli(['--help'], {});
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    const options = lines.slice(lines.indexOf('Options:') + 1, lines.indexOf('', lines.indexOf('Options:')));
    assert.ok(options.length >= 20, options.join('\n'));
    for (const line of options) {
      // Every line is one option: its flag (and value), two or more spaces, then words that are not another flag.
      const m = /^ {2}(-[hv], )?(--[a-z-]+)( [^ ]+( [^ ]+)?)? {2,}(\S.*)$/.exec(line);
      assert.ok(m, `one option with its description: "${line}"`);
      assert.doesNotMatch(m[5]!, /^-/, line);
    }
    const line = (flag: string) => options.find((l) => l.startsWith(`  ${flag} `)) ?? '';
    assert.match(
      line('--base-url'),
      /^ {2}--base-url URL +proxy URL \(env LITELLM_BASE_URL; default http:\/\/localhost:4000\)$/,
    );
    assert.match(
      line('--quality'),
      /^ {2}--quality QUALITY +image quality: low\|medium\|high\|auto\|standard\|hd \(default: the model's\)$/,
    );
    assert.match(line('--n'), /\(default 1\)$/);
    assert.match(line('--timeout-ms'), /\(default 300000\)$/);
  });

  it('--version and -v print the package version alone', async () => {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-v']) {
      const r = await runCli([flag], {});
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `${pkg.version}\n`);
    }
  });
  it('exits 1 with the plain message on failure, and never prints the key', async () => {
    const r = await runCli(['generate', 'x', '--out', out, '--verbose'], {
      ...env,
      LITELLM_API_KEY: 'sk-wrong-canary',
    });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /did not accept the API key/);
    assert.ok(!(r.stdout + r.stderr).includes('sk-wrong-canary'));
    assert.deepEqual(await readdir(out), []);
  });

  it('exits 1 when the size does not fit the model, listing what it accepts', async () => {
    const r = await runCli(['generate', 'x', '--model', 'dall-e-3', '--size', '512x512', '--out', out], env);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /dall-e-3 cannot make size "512x512"\. It accepts "1024x1024", "1792x1024", "1024x1792"/,
    );
  });
});
