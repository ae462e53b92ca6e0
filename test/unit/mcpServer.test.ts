// `litellm-images mcp` as an agent uses it: the MCP SDK's own client spawns the real CLI over stdio, lists the tools,
// calls each against the fake proxy, and checks the files on disk, the results, the refusals, and that stdout held
// nothing but protocol frames.
import { strict as assert } from 'node:assert';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { readPngProvenance } from '../../src/core';
import { CLI_VERSION } from '../../src/cli/usage';
import { FakeLitellm } from '../fixtures/fakeLitellm';
import { encodePng } from '../fixtures/png';
import { readPng } from '../fixtures/readPng';
import * as jpegJs from 'jpeg-js';

const ROOT = path.join(__dirname, '..', '..');
type TextResult = {
  content: Array<{ type: string; text?: string; data?: string; mimeType?: string }>;
  isError?: boolean;
};
const textOf = (r: unknown) =>
  (r as TextResult).content
    .filter((c) => c.type === 'text')
    .map((c) => c.text)
    .join('\n');

describe('MCP server', function () {
  this.timeout(60_000);
  const fake = new FakeLitellm();
  let work: string;
  let out: string;
  let client: Client;
  let transport: StdioClientTransport;
  let stderr = '';
  const problems: unknown[] = [];

  before(async () => {
    await fake.start();
    work = await mkdtemp(path.join(tmpdir(), 'mcp-'));
    out = path.join(work, 'images');
    transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--require', require.resolve('tsx/cjs'), path.join(ROOT, 'src', 'cli.ts'), 'mcp', '--verbose'],
      cwd: work,
      env: {
        PATH: process.env.PATH ?? '',
        LITELLM_BASE_URL: fake.baseUrl,
        LITELLM_API_KEY: 'sk-master-test',
      },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    client = new Client({ name: 'test', version: '1.0.0' });
    // Every frame the client reads must parse as JSON-RPC: anything else on stdout (a log line) surfaces here.
    client.onerror = (e) => problems.push(e);
    await client.connect(transport);
  });
  after(async () => {
    await client?.close();
    await fake.stop();
    await rm(work, { recursive: true, force: true });
  });
  beforeEach(() => fake.reset());

  it('introduces itself and lists its three tools with their schemas', async () => {
    assert.equal(client.getServerVersion()?.name, 'litellm-images');
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(client.getServerVersion()?.version, pkg.version);
    assert.equal(CLI_VERSION, pkg.version);
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['edit_image', 'generate_image', 'list_image_models']);
    const generate = tools.find((t) => t.name === 'generate_image')!;
    assert.deepEqual(generate.inputSchema.required, ['prompt']);
    for (const key of [
      'size',
      'aspect_ratio',
      'quality',
      'n',
      'model',
      'background',
      'output_format',
      'file_name',
    ])
      assert.ok(key in (generate.inputSchema.properties ?? {}), key);
    const edit = tools.find((t) => t.name === 'edit_image')!;
    assert.deepEqual([...(edit.inputSchema.required ?? [])].sort(), ['prompt', 'references']);
  });

  it('generate_image saves the images under --out with provenance, says where, and shows them small', async () => {
    const r = await client.callTool({
      name: 'generate_image',
      arguments: { prompt: 'a paper boat', n: 2, size: '1024x1024', file_name: 'boat' },
    });
    assert.equal((r as TextResult).isError, undefined, textOf(r));
    const files = (await readdir(out)).filter((f) => f.endsWith('.png')).sort();
    assert.deepEqual(files, ['boat-2.png', 'boat.png'], 'the name asked for, never overwritten');
    assert.match(textOf(r), /Saved 2 image\(s\) with gpt-image-2/);
    assert.match(textOf(r), /- boat\.png \(1024x1024, image\/png\)/);
    assert.equal(readPngProvenance(await readFile(path.join(out, 'boat.png')))?.prompt, 'a paper boat');
    // One image content item per image, each decoding (pngjs, jpeg-js) to at most 512 px.
    const images = (r as TextResult).content.filter((c) => c.type === 'image');
    assert.equal(images.length, 2);
    for (const img of images) {
      const bytes = Buffer.from(img.data ?? '', 'base64');
      const size = img.mimeType === 'image/png' ? readPng(bytes) : jpegJs.decode(bytes, { useTArray: true });
      assert.deepEqual([size.width, size.height], [512, 512], img.mimeType);
    }
    assert.equal(fake.requests.length, 1);
    assert.equal((fake.requests[0]!.json as { n?: number }).n, 2);
  });

  it('says the proxy’s cost in the extension’s format, unknown for 0 or none, the total for several requests', async () => {
    const one = await client.callTool({
      name: 'generate_image',
      arguments: { prompt: 'a priced boat', model: 'gpt-image-1', file_name: 'priced' },
    });
    assert.match(textOf(one), /^Cost reported by the proxy: \$0\.0219$/m);
    assert.doesNotMatch(textOf(one), /0\.02186/, 'never the raw header');

    fake.produce = { 'gpt-image-1': { cost: '0' } };
    const zero = await client.callTool({
      name: 'generate_image',
      arguments: { prompt: 'a free boat', model: 'gpt-image-1', file_name: 'free' },
    });
    assert.match(textOf(zero), /^Cost: unknown \(the proxy reported none\)$/m);
    assert.doesNotMatch(textOf(zero), /\$0\.00/);
    fake.produce = {};
    const none = await client.callTool({
      name: 'generate_image',
      arguments: { prompt: 'an unpriced boat', file_name: 'unpriced' },
    });
    assert.match(textOf(none), /^Cost: unknown \(the proxy reported none\)$/m, 'gpt-image-2 has no price');

    // dall-e-3 makes one image per request: three requests of $0.04, said once as their sum.
    const three = await client.callTool({
      name: 'generate_image',
      arguments: { prompt: 'three boats', model: 'dall-e-3', n: 3, file_name: 'three' },
    });
    assert.equal((three as TextResult).isError, undefined, textOf(three));
    assert.match(textOf(three), /^Cost reported by the proxy: \$0\.1200 for 3 images$/m);
  });

  it('generate_image takes aspect_ratio and the core checks it against the model before sending', async () => {
    const r = await client.callTool({
      name: 'generate_image',
      arguments: { prompt: 'a wide view', aspect_ratio: '16:9' },
    });
    assert.equal((r as TextResult).isError, true);
    assert.match(textOf(r), /gpt-image-2 does not take the "aspect ratio" option/);
    assert.equal(fake.requests.length, 0, 'nothing was sent');
  });

  it('edit_image sends a reference inside --out and refuses one outside, sending nothing', async () => {
    const ref = path.join(out, 'ref.png');
    await writeFile(ref, encodePng(32, 32, Buffer.alloc(32 * 32 * 4, 60)));
    const ok = await client.callTool({
      name: 'edit_image',
      arguments: { prompt: 'add a hat', references: ['ref.png'], model: 'gpt-image-1' },
    });
    assert.equal((ok as TextResult).isError, undefined, textOf(ok));
    assert.match(textOf(ok), /ref-add-a-hat\.png/);
    assert.deepEqual(
      fake.requests[0]!.files!.map((f) => f.field),
      ['image'],
    );

    const outside = path.join(work, 'secret.png');
    await writeFile(outside, encodePng(8, 8, Buffer.alloc(8 * 8 * 4, 1)));
    const before = fake.requests.length;
    const refused = await client.callTool({
      name: 'edit_image',
      arguments: { prompt: 'x', references: ['../secret.png'] },
    });
    assert.equal((refused as TextResult).isError, true);
    assert.match(textOf(refused), /secret\.png is outside .*images, the only folder this server reads from/);
    assert.equal(fake.requests.length, before, 'nothing was sent');
  });

  it('a failed generation or bad input is an isError result with the plain message (naming CLI flags)', async () => {
    fake.failNext({ kind: 'status', status: 429 });
    const limited = await client.callTool({ name: 'generate_image', arguments: { prompt: 'x' } });
    assert.equal((limited as TextResult).isError, true);
    assert.match(textOf(limited), /Rate limit reached/);
    const empty = await client.callTool({ name: 'generate_image', arguments: { prompt: '   ' } });
    assert.equal((empty as TextResult).isError, true);
    assert.match(textOf(empty), /The prompt is empty/);
    const size = await client.callTool({
      name: 'generate_image',
      arguments: { prompt: 'x', model: 'dall-e-3', size: '10x10' },
    });
    assert.equal((size as TextResult).isError, true);
    assert.match(textOf(size), /dall-e-3 cannot make size "10x10"/);
  });

  it('refuses oversized arguments before anything is sent', async () => {
    const tooLong = await client
      .callTool({ name: 'generate_image', arguments: { prompt: 'x'.repeat(32_001) } })
      .then(
        (r) => ({ isError: (r as TextResult).isError, text: textOf(r) }),
        (e: unknown) => ({ isError: true, text: String(e) }),
      );
    assert.equal(tooLong.isError, true);
    assert.match(tooLong.text, /prompt|32000|too_big/i);
    const many = await client
      .callTool({ name: 'edit_image', arguments: { prompt: 'x', references: Array(17).fill('ref.png') } })
      .then(
        (r) => ({ isError: (r as TextResult).isError }),
        () => ({ isError: true }),
      );
    assert.equal(many.isError, true);
    assert.equal(fake.requests.length, 0, 'nothing was sent');
  });

  it('list_image_models answers from the proxy', async () => {
    const r = await client.callTool({ name: 'list_image_models', arguments: {} });
    assert.match(textOf(r), /- gpt-image-2 \(generate, edit\)/);
    assert.match(textOf(r), /- dall-e-3 \(generate\)/);
  });

  it('kept stdout to protocol frames: the request log went to stderr', () => {
    assert.deepEqual(problems, []);
    assert.match(stderr, /\[info\] model=gpt-image-2/, 'the --verbose log is on stderr');
  });
});
