// Bundles the tests that run inside VS Code's extension host: test/integration/index.ts (the mocha entry the host
// calls) and every test/integration/<suite>/**/*.test.ts, one bundle per test file, into out/test/integration/.
// `vscode` comes from the host and mocha from node_modules at run time; fixtures (fake LiteLLM proxy, PNG helpers)
// are bundled in. Usage: node scripts/buildTests.mjs [--watch]
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'test/integration');
const outDir = path.join(root, 'out/test/integration');
const watch = process.argv.includes('--watch');

function testFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (name === 'workspace' && dir === srcDir) continue; // the fixture workspace, not tests
    if (statSync(p).isDirectory()) out.push(...testFiles(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const entryPoints = [path.join(srcDir, 'index.ts'), ...testFiles(srcDir)];

/**
 * The extension's lazily required bundles (`require('./messages.js')` in src/extension) stay requires: a test that
 * imports glue reaching them never takes that path. Only for importers in src/extension, since dependencies have
 * files of the same names (zod's `./core.js`).
 * @type {esbuild.Plugin}
 */
const lazyBundlesExternal = {
  name: 'lazy-bundles-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/(core|studio|messages|reports)\.js$/ }, (args) =>
      args.importer.startsWith(path.join(root, 'src', 'extension') + path.sep)
        ? { path: args.path, external: true }
        : undefined,
    );
  },
};

/** @type {esbuild.BuildOptions} */
const options = {
  entryPoints,
  outbase: srcDir,
  outdir: outDir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
  external: ['vscode', 'mocha'],
  plugins: [lazyBundlesExternal],
};

const started = Date.now();
rmSync(outDir, { recursive: true, force: true });
if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log(`buildTests: watching ${entryPoints.length} entry points`);
} else {
  await esbuild.build(options);
  console.log(
    `buildTests: ${entryPoints.length} entry points → ${path.relative(root, outDir)}/ in ${Date.now() - started} ms`,
  );
}
