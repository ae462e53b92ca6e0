// The CLI as its own npm package: `npm run pack:cli` makes a tarball that `npm install -g` puts into an empty
// prefix offline (no dependencies to fetch), and the installed `litellm-images` works, its MCP server included
// (thumbnails too: Jimp's codecs are inside the one bundled file), with nothing of this repository on its path.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { FakeLitellm } from '../fixtures/fakeLitellm';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');

describe('the CLI package (npm pack, npm install -g)', function () {
  this.timeout(120_000);
  const fake = new FakeLitellm();
  let prefix: string;
  let bin: string;

  before(async () => {
    await fake.start();
    prefix = await mkdtemp(path.join(tmpdir(), 'cli-prefix-'));
    const { stdout } = await run(process.execPath, [path.join(ROOT, 'scripts', 'packCli.mjs')], {
      cwd: ROOT,
    });
    const tarball = path.join(ROOT, stdout.trim().split('\n').at(-1)!);
    // --offline: the package must need nothing from the registry.
    await run('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], {
      cwd: prefix,
    });
    bin = path.join(prefix, 'bin', 'litellm-images');
  });
  after(async () => {
    await fake.stop();
    await rm(prefix, { recursive: true, force: true });
  });

  it('installs one self-contained file: no node_modules of its own', async () => {
    const pkgDir = path.join(prefix, 'lib', 'node_modules', 'litellm-images');
    assert.deepEqual((await readdir(pkgDir)).sort(), ['LICENSE', 'README.md', 'cli.js', 'package.json']);
    const pkg = JSON.parse(await readFile(path.join(pkgDir, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    assert.equal(pkg['dependencies'], undefined);
    const repo = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(pkg['version'], repo.version);
  });

  it('the installed litellm-images answers --help and --version and serves MCP, images and thumbnails included', async () => {
    const help = await run(bin, ['--help'], { cwd: prefix });
    assert.match(help.stdout, /Usage: litellm-images/);
    const repo = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal((await run(bin, ['--version'], { cwd: prefix })).stdout.trim(), repo.version);
    const work = await mkdtemp(path.join(tmpdir(), 'cli-work-'));
    const client = new Client({ name: 'test', version: '1.0.0' });
    try {
      await client.connect(
        new StdioClientTransport({
          command: bin,
          args: ['mcp'],
          cwd: work,
          env: {
            PATH: process.env.PATH ?? '',
            LITELLM_BASE_URL: fake.baseUrl,
            LITELLM_API_KEY: 'sk-master-test',
          },
          stderr: 'ignore',
        }),
      );
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((t) => t.name).sort(), [
        'edit_image',
        'generate_image',
        'list_image_models',
      ]);
      const r = (await client.callTool({
        name: 'generate_image',
        arguments: { prompt: 'a kite', size: '1024x1024', file_name: 'kite' },
      })) as { content: Array<{ type: string; mimeType?: string }>; isError?: boolean };
      assert.equal(r.isError, undefined, JSON.stringify(r.content[0]));
      assert.deepEqual(await readdir(path.join(work, 'images')), ['kite.png']);
      assert.equal(r.content.filter((c) => c.type === 'image').length, 1);
    } finally {
      await client.close();
      await rm(work, { recursive: true, force: true });
    }
  });
});
