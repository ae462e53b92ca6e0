// One esbuild base config, one bundle per entry point. `--watch` rebuilds on change; `--production` minifies.
import * as esbuild from 'esbuild';
import { oneVscodeNamespace } from './vscodeNamespace.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {esbuild.BuildOptions} */
const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
  // One `require('vscode')` per bundle instead of one per source file (see the plugin for why).
  plugins: [oneVscodeNamespace],
};

const entries = [
  // The extension as activation loads it: the registrations, the status bar and the listeners. The commands
  // (dist/commands.js, dist/reports.js), the network stack (dist/core.js) and the Image Studio (dist/studio.js) are
  // required on first use.
  {
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode', './core.js', './studio.js', './messages.js', './reports.js', './commands.js'],
  },
  // Generate, Edit, Select Model and the key commands, loaded the first time one runs (src/extension/commandsLoader.ts).
  {
    entryPoints: ['src/extension/commandBundle.ts'],
    outfile: 'dist/commands.js',
    external: ['vscode', './core.js', './messages.js'],
  },
  // Test Connection and Show Image Info, loaded the first time one runs (src/extension/reportsLoader.ts).
  {
    entryPoints: ['src/extension/reports.ts'],
    outfile: 'dist/reports.js',
    external: ['vscode', './core.js', './messages.js', './thumbnail.js'],
  },
  // The Image Studio's host side, loaded when the panel first opens (or is restored after a reload).
  {
    entryPoints: ['src/extension/studio/index.ts'],
    outfile: 'dist/studio.js',
    external: ['vscode', './core.js', './messages.js'],
  },
  // The sentences of the core's coded messages, loaded by the extension on the first message it shows.
  { entryPoints: ['src/shared/messages/index.ts'], outfile: 'dist/messages.js' },
  // The core and the extension's zod-backed code (the command-argument schemas): src/extension/coreBundle.ts.
  { entryPoints: ['src/extension/coreBundle.ts'], outfile: 'dist/core.js' },
  // The agent tools' thumbnails (Jimp's codecs), loaded by the language-model tools when one has saved an image.
  { entryPoints: ['src/core/thumbnail.ts'], outfile: 'dist/thumbnail.js' },
  { entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['test/fixtures/demoServer.ts'], outfile: 'dist/demo-server.js' },
  // The benchmark compares against the openai SDK, which stays an external (dev) dependency.
  { entryPoints: ['bench/bench.ts'], outfile: 'dist/bench.js', external: ['vscode', 'openai'] },
  { entryPoints: ['bench/thumbnail.ts'], outfile: 'dist/bench-thumbnail.js' },
];

/**
 * The Image Studio webview: a browser bundle with no Node and no zod (it imports only types from the protocol),
 * plus its stylesheet. The webview's CSP loads both from dist/webview.
 * @type {esbuild.BuildOptions}
 */
const browser = {
  bundle: true,
  platform: 'browser',
  target: 'chrome120',
  format: 'iife',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};
const browserEntries = [
  { entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview/studio.js' },
  { entryPoints: ['src/webview/studio.css'], outfile: 'dist/webview/studio.css' },
];

const contexts = await Promise.all([
  ...entries.map((e) => esbuild.context({ ...node, ...e })),
  ...browserEntries.map((e) => esbuild.context({ ...browser, ...e })),
]);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
