// `npm run pack:cli`: the command line and its MCP server as an npm package of their own, dist/litellm-images-<v>.tgz,
// for `npm install -g ./dist/litellm-images-<v>.tgz` on a machine without this repository. The CLI is one bundled,
// minified file (the core, undici, zod, the MCP SDK and Jimp's codecs inside), so the package has no dependencies:
// it installs offline, and nothing of the VS Code extension (or the repository's package.json) comes along.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'npm');
const repo = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: [path.join(root, 'src', 'cli.ts')],
  outfile: path.join(out, 'cli.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  logLevel: 'warning',
  banner: { js: '#!/usr/bin/env node' },
});
writeFileSync(
  path.join(out, 'package.json'),
  `${JSON.stringify(
    {
      name: repo.name,
      version: repo.version,
      description:
        'Generate and edit images through a LiteLLM proxy from the command line, or as an MCP server.',
      license: repo.license,
      bin: { 'litellm-images': 'cli.js' },
      files: ['cli.js', 'README.md', 'LICENSE'],
      engines: { node: repo.engines.node },
      keywords: ['litellm', 'image-generation', 'mcp', 'cli'],
    },
    null,
    2,
  )}\n`,
);
copyFileSync(path.join(root, 'LICENSE'), path.join(out, 'LICENSE'));
copyFileSync(path.join(root, 'README.md'), path.join(out, 'README.md'));
const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', path.join(root, 'dist')], {
  cwd: out,
  encoding: 'utf8',
}).trim();
console.log(path.join('dist', packed.split('\n').at(-1)));
