/**
 * Layers: what each folder of src/ may import (the table below is the rule; this paragraph says it for humans).
 *
 * - src/core/ (the domain: provider, images, use cases) imports only its own files, Node builtins and its runtime
 *   dependencies undici, zod and ipaddr.js. The disk only through the file-store port (src/core/files/fileStore.ts):
 *   node:fs only in its Node adapter, src/core/files/nodeFileStore.ts, so a test can hand the core another store.
 *   Never `vscode`, src/extension, src/webview or src/cli.ts: it runs in the CLI, in the extension host and in plain
 *   Node tests.
 * - src/extension/ (the VS Code glue and the Studio host) imports `vscode`, Node builtins, its own files, the core
 *   only as types but for the readers' part of the settings registry (settingKeys.ts: plain data, no imports, which
 *   ids.ts imports as a value; the registry's declarations and CLI flags stay out of activation), and the
 *   Studio protocol (src/shared/studio/protocol.ts; the rest of that folder only as types). The core's code is reached only through the lazy loader (coreLoader.ts: `require('./core.js')`),
 *   and the Studio host only through studioRegistration.ts (`require('./studio.js')`), so activation loads neither the
 *   network stack nor the Studio: dist/extension.js must carry no core file, no Studio file and no zod/undici.
 *   Never src/webview or src/cli.ts.
 * - src/extension/coreBundle.ts is the entry of dist/core.js: the core's index plus the extension's zod-backed
 *   command-argument schemas (commandArgSchemas.ts: zod and the core's errors and option schema, no `vscode`), so
 *   they share the core's zod and reach the commands through loadCore(). The rest of the extension imports both
 *   files only as types.
 * - src/shared/studio/ (the Studio's protocol and view models, shared by the Studio host and the webview) imports its
 *   own files and the core's types. Its zod validator of webview messages (webviewMessages.ts) and the composer's
 *   view model (modelOptionsView.ts) run only inside dist/core.js: src/core/index.ts re-exports them, the one seam
 *   from the core to src/shared, so the host reaches them through loadCore() and neither dist/studio.js nor the
 *   webview bundle carries zod. Those two files alone may use zod and the core's option lists (imageOptions.ts).
 * - src/extension/studio/studioStore.ts (the Studio's state and transitions) imports only the shared protocol's
 *   types: no `vscode`, no Node builtin, no other extension file, so it runs and is tested in plain Node.
 * - src/webview/ (the Studio's browser bundle) imports its own files, the shared protocol (protocol.ts, values are
 *   dependency-free constants; the rest of src/shared/studio only as types) and, today, two more shared modules: the
 *   Studio's strings (types only) and the size rule. No Node builtin, no `vscode`, no package (no undici, no zod), and
 *   nothing in its bundle that brings one in.
 * - src/cli.ts imports only the core and Node builtins.
 *
 * Exceptions that today's code needs but the target design (README, Architecture) does not allow are listed in the
 * table with `issue 10: to move`; each names the files that need it, and the test fails once a file no longer does,
 * so the table shrinks as the code moves.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { oneVscodeNamespace } from '../../scripts/vscodeNamespace.mjs';
import { importGraph, sourceFiles } from '../support/importGraph';
import {
  bundleFiles,
  checkBundles,
  checkLayers,
  formatViolation,
  type Table,
  unusedExceptions,
  type Violation,
} from '../support/layerCheck';

const runtimeDependencies = ['undici', 'zod', 'ipaddr.js'];

/** The CLI (src/cli.ts and its helpers in src/cli/): the core, Node, and the message sentences it renders. */
const cliMay = [
  { to: 'src/core/**' },
  { to: 'node:*' },
  { to: 'src/cli/**' },
  { to: 'src/shared/messages/**' },
];

const layerTable: Table = {
  layers: [
    {
      name: 'src/core',
      files: 'src/core/**',
      may: [
        { to: 'src/core/**' },
        { to: 'node:*', but: ['node:fs', 'node:fs/promises'] },
        // The file-store port's Node adapter: the one core file that reads and writes the disk itself.
        { to: 'node:fs', from: ['src/core/files/nodeFileStore.ts'] },
        ...runtimeDependencies.map((to) => ({ to })),
        // Jimp's codecs make the agent tools' thumbnails, in their own lazy bundle (dist/thumbnail.js).
        ...['@jimp/core', '@jimp/js-png', '@jimp/js-jpeg', '@jimp/plugin-resize'].map((to) => ({
          to,
          from: ['src/core/thumbnail.ts'],
        })),
        // The Studio's seam into the lazily loaded core bundle (not to move): the host's webview-message validator
        // needs zod and the composer's view model the option lists, which only dist/core.js carries. Only the
        // core's index re-exports them; no core file uses them.
        {
          to: 'src/shared/studio/webviewMessages.ts',
          from: ['src/core/index.ts'],
        },
        {
          to: 'src/shared/studio/modelOptionsView.ts',
          from: ['src/core/index.ts'],
        },
      ],
    },
    {
      name: 'src/shared/studio',
      files: 'src/shared/studio/**',
      may: [
        { to: 'src/shared/studio/**' },
        { to: 'src/core/**', as: 'types' },
        // They run only inside dist/core.js (re-exported by src/core/index.ts); the bundle rules below keep them out
        // of dist/studio.js and the webview bundle.
        { to: 'zod', from: ['src/shared/studio/webviewMessages.ts'] },
        {
          to: 'src/core/imageOptions.ts',
          from: ['src/shared/studio/webviewMessages.ts', 'src/shared/studio/modelOptionsView.ts'],
        },
        // How an edit carries the shape is the core's rule (shapeFor), not a second copy of it.
        { to: 'src/core/capabilities.ts', from: ['src/shared/studio/modelOptionsView.ts'] },
      ],
    },
    {
      // The sentences of the core's coded messages, written once for every front end. Only the core's message
      // types: each front end passes its translator and how it names settings (src/shared/messages/surface.ts).
      name: 'src/shared/messages',
      files: 'src/shared/messages/**',
      may: [{ to: 'src/shared/messages/**' }, { to: 'src/core/messages.ts', as: 'types' }],
    },
    {
      // Before src/extension: the first layer that names a file is its layer.
      name: 'the Studio store',
      files: 'src/extension/studio/studioStore.ts',
      may: [{ to: 'src/shared/studio/protocol.ts', as: 'types' }],
    },
    {
      // dist/core.js's entry: the core and the extension's code that needs zod, loaded together by coreLoader.ts.
      name: 'the core bundle entry',
      files: 'src/extension/coreBundle.ts',
      may: [{ to: 'src/core/index.ts' }, { to: 'src/extension/commandArgSchemas.ts' }],
    },
    {
      // Bundled into dist/core.js only (above); plain Node, so no vscode and no other extension file.
      name: 'the command-argument schemas',
      files: 'src/extension/commandArgSchemas.ts',
      may: [{ to: 'zod' }, { to: 'src/core/errors.ts' }, { to: 'src/core/imageOptions.ts' }],
    },
    {
      name: 'src/extension',
      files: 'src/extension/**',
      may: [
        {
          to: 'src/extension/**',
          but: ['src/extension/coreBundle.ts', 'src/extension/commandArgSchemas.ts'],
        },
        // They run inside dist/core.js; as values here they would bring zod into the bundle that imports them.
        { to: 'src/extension/commandArgSchemas.ts', as: 'types' },
        { to: 'src/extension/coreBundle.ts', as: 'types', from: ['src/extension/coreLoader.ts'] },
        { to: 'vscode' },
        { to: 'node:*' },
        { to: 'src/core/**', as: 'types' },
        { to: 'src/shared/studio/protocol.ts' },
        { to: 'src/shared/studio/**', as: 'types' },
        // The message sentences load on the first message (messageText.ts requires dist/messages.js).
        { to: 'src/shared/messages/**', as: 'types' },
        { to: 'src/shared/messages/index.ts', as: 'lazy', from: ['src/extension/messageText.ts'] },
        // The readers' part of the settings registry (keys, defaults, core paths) is plain data with no imports, the
        // one core file activation carries (not the declarations and CLI flags of settingDeclarations.ts): the ids, the
        // readers and the manifest test share it. Only ids.ts imports it; the rest of the extension goes through ids.
        { to: 'src/core/settingKeys.ts', from: ['src/extension/ids.ts'] },
        { to: 'src/extension/coreBundle.ts', as: 'lazy', from: ['src/extension/coreLoader.ts'] },
        { to: 'src/extension/studio/index.ts', as: 'lazy', from: ['src/extension/studioRegistration.ts'] },
        { to: 'src/extension/reports.ts', as: 'lazy', from: ['src/extension/reportsLoader.ts'] },
        { to: 'src/extension/commandBundle.ts', as: 'lazy', from: ['src/extension/commandsLoader.ts'] },
        { to: 'src/core/thumbnail.ts', as: 'lazy', from: ['src/extension/tools/thumbnailLoader.ts'] },
      ],
    },
    {
      name: 'src/webview',
      files: 'src/webview/**',
      may: [
        { to: 'src/webview/**' },
        // The protocol's values are dependency-free constants; the validator (zod) and the view model are types here.
        { to: 'src/shared/studio/protocol.ts' },
        { to: 'src/shared/studio/**', as: 'types' },
        // issue 10: to move. The Studio's strings go to a module shared by host and webview, not the extension; a
        // type import, so vscode does not reach the browser bundle.
        { to: 'src/extension/studio/studioStrings.ts', as: 'types', from: ['src/webview/strings.ts'] },
        // issue 10: to move. A dependency-free rule the Studio checks before sending; it goes with the protocol.
        { to: 'src/core/sizeRule.ts', from: ['src/webview/draftOptions.ts'] },
        // The size rule reports its problems as data; the Studio words them with the host's strings.
        { to: 'src/core/messages.ts', as: 'types' },
      ],
    },
    { name: 'src/cli.ts', files: 'src/cli.ts', may: cliMay },
    {
      name: 'src/cli',
      files: 'src/cli/**',
      may: [
        ...cliMay,
        // The MCP server speaks the protocol through the official SDK and states its tools' arguments in zod, which
        // the SDK turns into JSON Schema; the rest of the CLI needs neither.
        { to: '@modelcontextprotocol/sdk', from: ['src/cli/mcpServer.ts'] },
        { to: 'zod', from: ['src/cli/mcpServer.ts'] },
      ],
    },
  ],
  bundles: [
    {
      bundle: 'dist/extension.js',
      entry: 'src/extension/extension.ts',
      mayNotContain: [
        'src/core/**',
        'src/extension/studio/**',
        'src/extension/reports.ts',
        'src/extension/commandBundle.ts',
        'src/extension/commands/**',
        'src/extension/reportDocuments.ts',
        'src/shared/messages/**',
        'src/extension/coreBundle.ts',
        'src/extension/commandArgSchemas.ts',
        ...runtimeDependencies,
      ],
      but: ['src/core/settingKeys.ts'],
      why: 'activation loads only the registrations, the status bar and the listeners; the commands, the core and the Studio load on first use',
    },
    {
      bundle: 'dist/commands.js',
      entry: 'src/extension/commandBundle.ts',
      mayNotContain: [
        'src/core/**',
        'src/extension/studio/**',
        'src/extension/reports.ts',
        'src/shared/messages/**',
        'src/extension/coreBundle.ts',
        'src/extension/commandArgSchemas.ts',
        ...runtimeDependencies,
      ],
      but: ['src/core/settingKeys.ts'],
      why: 'the commands share dist/core.js and the message sentences with the rest of the extension',
    },
    {
      bundle: 'dist/studio.js',
      entry: 'src/extension/studio/index.ts',
      mayNotContain: [
        'src/core/**',
        'src/shared/messages/**',
        'src/extension/coreBundle.ts',
        'src/extension/commandArgSchemas.ts',
        ...runtimeDependencies,
      ],
      but: ['src/core/settingKeys.ts'],
      why: 'the Studio host shares dist/core.js with the commands instead of carrying a second copy',
    },
    {
      bundle: 'dist/reports.js',
      entry: 'src/extension/reports.ts',
      mayNotContain: ['src/core/**', '@jimp/core', '@jimp/js-png', '@jimp/js-jpeg', ...runtimeDependencies],
      but: ['src/core/settingKeys.ts'],
      why: 'Test Connection, Show Image Info and the tools share dist/core.js; the thumbnail codecs load when a tool has an image',
    },
    {
      bundle: 'dist/webview/studio.js',
      entry: 'src/webview/main.ts',
      mayNotContain: ['node:*', 'vscode', 'src/extension/**', ...runtimeDependencies],
      why: 'it runs in a browser under a strict CSP',
    },
  ],
  lazy: {
    './core.js': 'src/extension/coreBundle.ts',
    './studio.js': 'src/extension/studio/index.ts',
    './messages.js': 'src/shared/messages/index.ts',
    './reports.js': 'src/extension/reports.ts',
    './commands.js': 'src/extension/commandBundle.ts',
    './thumbnail.js': 'src/core/thumbnail.ts',
  },
};

const repo = path.join(__dirname, '..', '..');

/**
 * Every file dist/extension.js carries: what activation runs, and nothing a command needs only once it runs. Each
 * file here is code every window pays for when the extension activates; the commands (dist/commands.js,
 * dist/reports.js), the Studio host (dist/studio.js) and the core (dist/core.js) are required on first use.
 */
const ACTIVATION_FILES = [
  'src/extension/extension.ts', // activate(): the composition root
  'src/extension/ids.ts', // command ids, setting keys, the extension id
  'src/core/settingKeys.ts', // the keys ids.ts derives (plain data)
  'src/extension/log.ts', // the log channel
  'src/extension/apiKeys.ts', // the key store every command shares
  'src/extension/proxyClients.ts', // the client factory every command shares (its state outlives a command)
  'src/extension/networkEnvironment.ts', // read by the client factory
  'src/extension/configuration.ts', // the listeners' settings (cost item, proxy change)
  'src/extension/proxyChange.ts', // the listener that says when the proxy's origin has no key
  'src/extension/costStatusBar.ts', // the status bar item
  'src/extension/costText.ts', // its number format
  'src/extension/coreLoader.ts', // isCoreLoaded() for the extension's API
  'src/extension/commandsLoader.ts', // requires dist/commands.js on the first command
  'src/extension/reportsLoader.ts', // requires dist/reports.js on the first report or tool call
  'src/extension/studioRegistration.ts', // Open Image Studio and the panel serializer
  'src/extension/commandArguments.ts', // the Studio command's menu resources
  'src/extension/tools/registerTools.ts', // the language-model tools' registrations
].sort();

function violationsIn(root: string): Violation[] {
  const files = sourceFiles(root, 'src');
  const edges = importGraph(root, files);
  return [...checkLayers(files, edges, layerTable), ...checkBundles(edges, layerTable)];
}

describe('architecture', () => {
  const files = sourceFiles(repo, 'src');
  const edges = importGraph(repo, files);

  it('the core never imports vscode (it runs in the CLI and in plain Node tests)', () => {
    const core = files.filter((f) => f.startsWith('src/core/'));
    assert.ok(core.length > 5, 'found the core files');
    const offenders = edges.filter((e) => e.from.startsWith('src/core/') && e.specifier === 'vscode');
    assert.deepEqual(offenders, []);
  });

  it('every file of src/ imports only what its layer allows', () => {
    assert.ok(edges.length > 100, `read the imports (${edges.length})`);
    assert.deepEqual(checkLayers(files, edges, layerTable).map(formatViolation), []);
  });

  it('the extension bundle, the Studio host bundle and the webview bundle carry nothing they must not', () => {
    assert.deepEqual(checkBundles(edges, layerTable).map(formatViolation), []);
  });

  it('dist/extension.js carries only what activation runs (listed above, each with its reason)', () => {
    assert.deepEqual(bundleFiles(edges, 'src/extension/extension.ts'), ACTIVATION_FILES);
  });

  it('each extension-host bundle requires vscode once (scripts/vscodeNamespace.mjs), not once per source file', async () => {
    const requires = async (entry: string, plugins: (typeof oneVscodeNamespace)[]) => {
      const result = await build({
        entryPoints: [path.join(repo, entry)],
        bundle: true,
        write: false,
        logLevel: 'silent',
        platform: 'node',
        format: 'cjs',
        external: ['vscode', ...Object.keys(layerTable.lazy)],
        plugins,
      });
      return result.outputFiles[0]!.text.match(/require\("vscode"\)/g)?.length ?? 0;
    };
    for (const entry of [
      'src/extension/extension.ts',
      'src/extension/commandBundle.ts',
      'src/extension/reports.ts',
      'src/extension/studio/index.ts',
    ]) {
      assert.equal(await requires(entry, [oneVscodeNamespace]), 1, entry);
      // Without the plugin every importing file gets its own copy of the API object: the cost the plugin removes.
      assert.ok((await requires(entry, [])) > 5, `${entry} imports vscode from several files`);
    }
  });

  it('the scanner sees what esbuild bundles: the same src/ files, so type imports and lazy loads are judged right', async () => {
    for (const b of layerTable.bundles) {
      const browser = b.entry.startsWith('src/webview/');
      const result = await build({
        entryPoints: [path.join(repo, b.entry)],
        bundle: true,
        write: false,
        metafile: true,
        logLevel: 'silent',
        platform: browser ? 'browser' : 'node',
        // As scripts/build.mjs: vscode and the lazily loaded bundles stay outside.
        external: browser ? [] : ['vscode', ...Object.keys(layerTable.lazy)],
      });
      const bundled = Object.keys(result.metafile.inputs)
        .map((f) => path.relative(repo, path.resolve(f)).split(path.sep).join('/'))
        .filter((f) => f.startsWith('src/'))
        .sort();
      assert.ok(bundled.length > 3, `${b.bundle}: esbuild read ${bundled.length} files`);
      assert.deepEqual(bundleFiles(edges, b.entry), bundled, b.bundle);
    }
  });

  it('every exception in the table is still needed (remove it once the code has moved)', () => {
    assert.deepEqual(unusedExceptions(edges, layerTable), []);
  });

  describe('the checker reports each kind of violation (synthetic trees)', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(path.join(tmpdir(), 'layers-'));
    });
    afterEach(() => {
      rmSync(root, { recursive: true, force: true });
    });

    function write(files: Record<string, string>): void {
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
        writeFileSync(path.join(root, name), text);
      }
    }

    /** Writes the tree and asserts exactly one violation, in `file`, for `specifier`, whose rule mentions `rule`. */
    function expectOne(files: Record<string, string>, file: string, specifier: string, rule: RegExp): void {
      write(files);
      const found = violationsIn(root);
      assert.equal(found.length, 1, found.map(formatViolation).join('\n') || 'no violation reported');
      assert.equal(found[0]!.file, file);
      assert.equal(found[0]!.specifier, specifier);
      assert.match(found[0]!.rule, rule);
    }

    it('a clean tree, with imports only in comments and strings, has none', () => {
      write({
        'src/core/a.ts': [
          "// import * as vscode from 'vscode';",
          "/* require('../extension/x') */",
          "export const text = \"import('vscode') from 'vscode'\";",
          "export const b = `require('node:fs')`;",
          "import { z } from 'zod';",
          'export const s = z.string();',
        ].join('\n'),
        'src/extension/extension.ts': "import type { s } from '../core/a';\nexport type S = typeof s;\n",
      });
      assert.deepEqual(violationsIn(root).map(formatViolation), []);
    });

    for (const [form, code] of [
      ['import', "import * as vscode from 'vscode';"],
      ['import type', "import type * as vscode from 'vscode';"],
      ['export from', "export * from 'vscode';"],
      ['import = require', "import vscode = require('vscode');"],
      ['require', "export const vscode = require('vscode');"],
      ['dynamic import', "export const vscode = import('vscode');"],
      ['import type node', "export type T = import('vscode').Uri;"],
    ]) {
      it(`the core importing vscode (${form})`, () => {
        expectOne({ 'src/core/a.ts': code! }, 'src/core/a.ts', 'vscode', /src\/core may not .*vscode/);
      });
    }

    it('the core importing the extension, the webview or the CLI', () => {
      for (const [target, specifier] of [
        ['src/extension/x.ts', '../extension/x'],
        ['src/webview/x.ts', '../webview/x'],
        ['src/cli.ts', '../cli'],
      ]) {
        rmSync(path.join(root, 'src'), { recursive: true, force: true });
        expectOne(
          { 'src/core/a.ts': `export * from '${specifier}';`, [target!]: 'export const x = 1;' },
          'src/core/a.ts',
          specifier!,
          new RegExp(`src/core may not import of ${target}`),
        );
      }
    });

    it('the core importing a package that is not one of its runtime dependencies', () => {
      expectOne(
        { 'src/core/a.ts': "import OpenAI from 'openai';" },
        'src/core/a.ts',
        'openai',
        /may not import of openai/,
      );
    });

    it('a core file other than the file store’s Node adapter reading the disk (node:fs, fs or fs/promises)', () => {
      for (const [specifier, name] of [
        ['node:fs', 'node:fs'],
        ['fs', 'node:fs'],
        ['node:fs/promises', 'node:fs/promises'],
        ['fs/promises', 'node:fs'], // the scanner names a bare builtin by its package
      ] as const) {
        rmSync(path.join(root, 'src'), { recursive: true, force: true });
        expectOne(
          { 'src/core/files/a.ts': `import { readFile } from '${specifier}';\nexport { readFile };` },
          'src/core/files/a.ts',
          specifier,
          new RegExp(`src/core may not import of ${name}$`),
        );
      }
    });

    it('the file store’s Node adapter reading the disk (allowed)', () => {
      write({
        'src/core/files/nodeFileStore.ts': "import { promises } from 'node:fs';\nexport const fs = promises;",
      });
      assert.deepEqual(violationsIn(root).map(formatViolation), []);
    });

    it('the webview importing a Node builtin (with or without node:), vscode, undici or zod', () => {
      for (const specifier of ['node:path', 'fs', 'vscode', 'undici', 'zod']) {
        rmSync(path.join(root, 'src'), { recursive: true, force: true });
        expectOne(
          { 'src/webview/a.ts': `import * as m from '${specifier}';\nexport { m };` },
          'src/webview/a.ts',
          specifier,
          /src\/webview may not import of/,
        );
      }
    });

    it('the webview importing the message validator as a value (it would carry zod)', () => {
      expectOne(
        {
          'src/webview/a.ts':
            "import { parseMessage } from '../shared/studio/webviewMessages';\nexport { parseMessage };",
          'src/shared/studio/webviewMessages.ts': 'export const parseMessage = 1;',
        },
        'src/webview/a.ts',
        '../shared/studio/webviewMessages',
        /src\/webview may not import of src\/shared\/studio\/webviewMessages\.ts/,
      );
    });

    it('the webview and the Studio host importing the protocol: its constants as values, the validator as types', () => {
      write({
        'src/shared/studio/protocol.ts':
          "export const LIMITS = { idChars: 64 };\nexport type { Message } from './webviewMessages';",
        'src/shared/studio/webviewMessages.ts': 'export type Message = { type: string };',
        'src/webview/a.ts':
          "import { LIMITS, type Message } from '../shared/studio/protocol';\nexport const m: Message = { type: String(LIMITS) };",
        'src/extension/studio/a.ts':
          "import { LIMITS } from '../../shared/studio/protocol';\nimport type { Message } from '../../shared/studio/webviewMessages';\nexport const m: Message = { type: String(LIMITS) };",
      });
      assert.deepEqual(violationsIn(root).map(formatViolation), []);
    });

    it('the Studio host importing the message validator as a value (dist/studio.js would carry zod)', () => {
      expectOne(
        {
          'src/extension/studio/a.ts':
            "import { parseMessage } from '../../shared/studio/webviewMessages';\nexport { parseMessage };",
          'src/shared/studio/webviewMessages.ts': 'export const parseMessage = 1;',
        },
        'src/extension/studio/a.ts',
        '../../shared/studio/webviewMessages',
        /src\/extension may not import of src\/shared\/studio\/webviewMessages\.ts/,
      );
    });

    it('the protocol importing zod or a core value (it must stay free of dependencies for both sides)', () => {
      for (const [specifier, files] of [
        ['zod', {}],
        ['../../core/imageOptions', { 'src/core/imageOptions.ts': 'export const QUALITIES = [];' }],
      ] as const) {
        rmSync(path.join(root, 'src'), { recursive: true, force: true });
        expectOne(
          { 'src/shared/studio/protocol.ts': `import * as m from '${specifier}';\nexport { m };`, ...files },
          'src/shared/studio/protocol.ts',
          specifier,
          /src\/shared\/studio may not import of/,
        );
      }
    });

    it('a core file other than the index importing the Studio (the seam is the index alone)', () => {
      expectOne(
        {
          'src/core/client.ts':
            "import { parse } from '../shared/studio/webviewMessages';\nexport { parse };",
          'src/shared/studio/webviewMessages.ts': 'export const parse = 1;',
        },
        'src/core/client.ts',
        '../shared/studio/webviewMessages',
        /src\/core may not import of src\/shared\/studio\/webviewMessages\.ts/,
      );
    });

    it('the webview importing a core file that is not one of the shared ones', () => {
      expectOne(
        {
          'src/webview/a.ts': "import type { X } from '../core/errors';",
          'src/core/errors.ts': 'export type X = 1;',
        },
        'src/webview/a.ts',
        '../core/errors',
        /src\/webview may not type import of src\/core\/errors\.ts/,
      );
    });

    it('a shared module the webview uses bringing zod into the browser bundle', () => {
      expectOne(
        {
          'src/webview/main.ts': "import './draftOptions';",
          'src/webview/draftOptions.ts': "import { fits } from '../core/sizeRule';\nexport { fits };",
          'src/core/sizeRule.ts': "import { z } from 'zod';\nexport const fits = z.string();",
        },
        'src/core/sizeRule.ts',
        'zod',
        /dist\/webview\/studio\.js would contain zod .*src\/webview\/main\.ts → src\/webview\/draftOptions\.ts → src\/core\/sizeRule\.ts → zod/,
      );
    });

    it('the extension importing the webview or the CLI', () => {
      for (const [target, specifier] of [
        ['src/webview/x.ts', '../webview/x'],
        ['src/cli.ts', '../cli'],
      ]) {
        rmSync(path.join(root, 'src'), { recursive: true, force: true });
        expectOne(
          {
            'src/extension/a.ts': `import type { x } from '${specifier}';`,
            [target!]: 'export const x = 1;',
          },
          'src/extension/a.ts',
          specifier!,
          new RegExp(`src/extension may not type import of ${target}`),
        );
      }
    });

    it('the extension importing a value from the core (it would pull the network stack into activation)', () => {
      expectOne(
        {
          'src/extension/commands/a.ts':
            "import { LiteLLMError } from '../../core/errors';\nexport { LiteLLMError };",
          'src/core/errors.ts': 'export class LiteLLMError {}',
        },
        'src/extension/commands/a.ts',
        '../../core/errors',
        /src\/extension may not import of src\/core\/errors\.ts/,
      );
    });

    it('the extension importing the settings keys anywhere but ids.ts', () => {
      expectOne(
        {
          'src/extension/a.ts':
            "import { SETTING_KEYS } from '../core/settingKeys';\nexport { SETTING_KEYS };",
          'src/core/settingKeys.ts': 'export const SETTING_KEYS = {};',
        },
        'src/extension/a.ts',
        '../core/settingKeys',
        /src\/extension may not import of src\/core\/settingKeys\.ts/,
      );
    });

    it('ids.ts importing the whole settings registry (activation would carry the CLI flags and usage text)', () => {
      expectOne(
        {
          'src/extension/ids.ts':
            "import { SETTINGS } from '../core/settingsRegistry';\nexport { SETTINGS };",
          'src/core/settingsRegistry.ts':
            "import { SETTING_DECLARATIONS } from './settingDeclarations';\nexport const SETTINGS = SETTING_DECLARATIONS;",
          'src/core/settingDeclarations.ts': "export const SETTING_DECLARATIONS = { cli: '--base-url' };",
        },
        'src/extension/ids.ts',
        '../core/settingsRegistry',
        /src\/extension may not import of src\/core\/settingsRegistry\.ts/,
      );
    });

    it('the settings keys importing another core file (activation would carry it)', () => {
      expectOne(
        {
          'src/extension/extension.ts': "import { Settings } from './ids';\nexport { Settings };",
          'src/extension/ids.ts':
            "import { SETTING_KEYS } from '../core/settingKeys';\nexport const Settings = SETTING_KEYS;",
          'src/core/settingKeys.ts':
            "import { SETTING_DECLARATIONS } from './settingDeclarations';\nexport const SETTING_KEYS = { SETTING_DECLARATIONS };",
          'src/core/settingDeclarations.ts': 'export const SETTING_DECLARATIONS = {};',
        },
        'src/core/settingKeys.ts',
        './settingDeclarations',
        /dist\/extension\.js would contain src\/core\/settingDeclarations\.ts/,
      );
    });

    it('the extension loading the core bundle from anywhere but the core loader', () => {
      expectOne(
        {
          'src/extension/a.ts': "export const core = require('./core.js');",
          'src/extension/coreBundle.ts': 'export {};',
        },
        'src/extension/a.ts',
        './core.js',
        /src\/extension may not lazy load of src\/extension\/coreBundle\.ts/,
      );
    });

    it('the extension importing the command-argument schemas as a value (the bundle that imports them would carry zod)', () => {
      for (const [file, specifier] of [
        ['src/extension/commands/a.ts', '../commandArgSchemas'],
        ['src/extension/studio/a.ts', '../commandArgSchemas'],
        ['src/extension/coreLoader.ts', './coreBundle'],
      ] as const) {
        rmSync(path.join(root, 'src'), { recursive: true, force: true });
        expectOne(
          {
            [file]: `import { parseGenerateArgs } from '${specifier}';\nexport { parseGenerateArgs };`,
            'src/extension/commandArgSchemas.ts': 'export const parseGenerateArgs = 1;',
            'src/extension/coreBundle.ts': "export * from './commandArgSchemas';",
          },
          file,
          specifier,
          /src\/extension may not import of src\/extension\/(commandArgSchemas|coreBundle)\.ts/,
        );
      }
    });

    it('the command arguments imported as types, and bundled by the core bundle entry (allowed)', () => {
      write({
        'src/extension/promptInput.ts':
          "import type { GenerateArgs } from './commandArgSchemas';\nexport type A = GenerateArgs;",
        'src/extension/coreLoader.ts':
          "import type * as Core from './coreBundle';\nexport type C = typeof Core;\nexport const load = () => require('./core.js');",
        'src/extension/coreBundle.ts': "export * from '../core';\nexport * from './commandArgSchemas';",
        'src/extension/commandArgSchemas.ts':
          "import { z } from 'zod';\nimport { LiteLLMError } from '../core/errors';\nexport const s = z.string();\nexport type GenerateArgs = { e: LiteLLMError };",
        'src/core/index.ts': "export * from './errors';",
        'src/core/errors.ts': 'export class LiteLLMError {}',
      });
      assert.deepEqual(violationsIn(root).map(formatViolation), []);
    });

    it('the command-argument schemas importing vscode or another extension file (they run in plain Node)', () => {
      for (const [specifier, files] of [
        ['vscode', {}],
        ['./ids', { 'src/extension/ids.ts': 'export const x = 1;' }],
        ['../core/client', { 'src/core/client.ts': 'export const x = 1;' }],
      ] as const) {
        rmSync(path.join(root, 'src'), { recursive: true, force: true });
        expectOne(
          {
            'src/extension/commandArgSchemas.ts': `import * as m from '${specifier}';\nexport { m };`,
            ...files,
          },
          'src/extension/commandArgSchemas.ts',
          specifier,
          /the command-argument schemas may not import of/,
        );
      }
    });

    it('the extension requiring a file that does not exist', () => {
      expectOne(
        { 'src/extension/a.ts': "export const x = require('./nothing.js');" },
        'src/extension/a.ts',
        './nothing.js',
        /does not resolve/,
      );
    });

    it('activation importing the Studio host as a value (dist/extension.js would carry the Studio)', () => {
      expectOne(
        {
          'src/extension/extension.ts': "import { open } from './studio';\nexport const activate = open;",
          'src/extension/studio/index.ts': 'export const open = 1;',
        },
        'src/extension/extension.ts',
        './studio',
        /dist\/extension\.js would contain src\/extension\/studio\/index\.ts/,
      );
    });

    it('activation importing a command as a value (dist/extension.js would carry the commands)', () => {
      expectOne(
        {
          'src/extension/extension.ts':
            "import { generateImage } from './commands/generateImage';\nexport const activate = generateImage;",
          'src/extension/commands/generateImage.ts': 'export const generateImage = 1;',
        },
        'src/extension/extension.ts',
        './commands/generateImage',
        /dist\/extension\.js would contain src\/extension\/commands\/generateImage\.ts/,
      );
    });

    it('activation reaching the commands through their loader (allowed)', () => {
      write({
        'src/extension/extension.ts':
          "import { loadCommands } from './commandsLoader';\nexport const activate = () => loadCommands();",
        'src/extension/commandsLoader.ts':
          "import type * as C from './commandBundle';\nexport const loadCommands = (): typeof C => require('./commands.js');",
        'src/extension/commandBundle.ts': "export { generateImage } from './commands/generateImage';",
        'src/extension/commands/generateImage.ts': 'export const generateImage = 1;',
      });
      assert.deepEqual(violationsIn(root).map(formatViolation), []);
    });

    it('the Studio store importing vscode, a Node builtin, an extension file or a core value', () => {
      for (const [specifier, files] of [
        ['vscode', {}],
        ['node:path', {}],
        ['../failures', { 'src/extension/failures.ts': 'export const x = 1;' }],
        ['../../core/errors', { 'src/core/errors.ts': 'export const x = 1;' }],
        ['../../shared/studio/protocol', { 'src/shared/studio/protocol.ts': 'export const x = 1;' }],
      ] as const) {
        rmSync(path.join(root, 'src'), { recursive: true, force: true });
        expectOne(
          {
            'src/extension/studio/studioStore.ts': `import { x } from '${specifier}';\nexport { x };`,
            ...files,
          },
          'src/extension/studio/studioStore.ts',
          specifier,
          /the Studio store may not import of/,
        );
      }
    });

    it('the Studio store importing the protocol as types (allowed)', () => {
      write({
        'src/extension/studio/studioStore.ts':
          "import type { S } from '../../shared/studio/protocol';\nexport type T = S;",
        'src/shared/studio/protocol.ts': 'export type S = 1;',
      });
      assert.deepEqual(violationsIn(root).map(formatViolation), []);
    });

    it('the CLI importing vscode or the extension', () => {
      for (const [specifier, files] of [
        ['vscode', {}],
        ['./extension/x', { 'src/extension/x.ts': 'export const x = 1;' }],
      ] as const) {
        rmSync(path.join(root, 'src'), { recursive: true, force: true });
        expectOne(
          { 'src/cli.ts': `import * as m from '${specifier}';\nexport { m };`, ...files },
          'src/cli.ts',
          specifier,
          /src\/cli\.ts may not import of/,
        );
      }
    });

    it('a file outside every layer', () => {
      expectOne({ 'src/tools/a.ts': 'export const a = 1;' }, 'src/tools/a.ts', '', /belongs to no layer/);
    });

    it('an exception that its file no longer needs', () => {
      write({ 'src/webview/strings.ts': 'export const s = 1;', 'src/webview/draftOptions.ts': 'export {};' });
      const files = sourceFiles(root, 'src');
      const stale = unusedExceptions(importGraph(root, files), layerTable);
      assert.ok(
        stale.some((s) => s.startsWith('src/webview: src/webview/strings.ts no longer imports')),
        stale.join('\n'),
      );
    });
  });
});
