// `npm run bench:activation`: what the lazy core split buys at activation, measured in a real VS Code extension host
// (code-server + headless Chromium, the same harness as the integration tests).
//
// 1. Builds the production bundles exactly as `node scripts/build.mjs --production` does, but into out/bench/ (the
//    repository's dist/ stays the dev build `npm test` made), and reports raw and gzip sizes of dist/extension.js
//    (loaded at activation) and dist/core.js (loaded on the first command that needs the network).
// 2. Stages that production build as an extension folder (out/bench/extension/) and opens 2×N fresh windows, each on
//    its own fresh code-server (a new extension host process, new user data, new TMPDIR): in every window
//    bench/activationHost.ts times `getExtension(...).activate()`; in the `eager` windows it then times a cold
//    `require` of dist/core.js (what activation would add if the core were loaded eagerly: the same-run baseline),
//    in the `command` windows the first `litellm.generateImage` against the fake proxy (which loads the core) and a
//    second one. One measurement of each kind per process, so nothing is warm from an earlier measurement.
// 3. Prints median / min / max of each figure and the ratios, and writes everything to bench-results/activation.json.
//
// Usage: node bench/activation.mjs [--quick] [--runs N] [--settle MS] [--keep]
//   --quick      one window of each kind, settle 500 ms: a smoke check that the bench works (npm test runs it)
//   --runs N     windows of each kind (default 5, 1…10)
//   --settle MS  idle wait in each window before measuring (default 3000: the workbench is still loading at first)
//   --keep       keep every run folder and its logs
//   --profile    write a CPU profile of each window's activate() to bench-results/activation-<kind>-<n>.cpuprofile
//                (V8's sampler in the extension host; it slows activation, so those runs' timings are not figures)
// Bounded: N ≤ 10, each window ≤ 120 s, the whole measurement ≤ 15 min; every server is stopped by its PID tree.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format, parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { killTree, openBrowser, startCodeServer } from '../scripts/vscode/codeServer.mjs';
import { repoRoot } from '../scripts/vscode/installCodeServer.mjs';
import { packagedBundles } from './packagedBundles.mjs';
import { stats, table } from './report.mjs';

const WINDOW_TIMEOUT_MS = 120_000;
const TOTAL_BUDGET_MS = 15 * 60_000;
const MAX_RUNS = 10;

const benchOut = path.join(repoRoot, 'out/bench');
const buildDir = path.join(benchOut, 'build');
const stagedExtension = path.join(benchOut, 'extension');
const hostModule = path.join(benchOut, 'activationHost.js');
const resultsFile = path.join(repoRoot, 'bench-results/activation.json');

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.LITELLM_BENCH_RUNS ?? '5' },
    keep: { type: 'boolean', default: false },
    settle: { type: 'string' },
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});
const runs = values.quick ? 1 : Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS) {
  console.error(`--runs must be an integer from 1 to ${MAX_RUNS} (got ${values.runs})`);
  process.exit(2);
}
const settleMs = Number(values.settle ?? (values.quick ? '500' : '3000'));
if (!Number.isInteger(settleMs) || settleMs < 0 || settleMs > 30_000) {
  console.error(`--settle must be 0…30000 ms (got ${values.settle})`);
  process.exit(2);
}

/** The production build: scripts/build.mjs --production run in out/bench/build/ (src, test, bench linked in). */
function buildProduction() {
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(buildDir, { recursive: true });
  for (const dir of ['src', 'test', 'bench'])
    symlinkSync(path.join(repoRoot, dir), path.join(buildDir, dir), 'dir');
  const res = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/build.mjs'), '--production'], {
    cwd: buildDir,
    stdio: 'inherit',
    timeout: 120_000,
  });
  if (res.status !== 0) throw new Error(`production build failed (${res.status ?? res.signal})`);

  // The extension as VS Code sees it: manifest, NLS files, l10n bundles, and the bundles the .vsix holds.
  rmSync(stagedExtension, { recursive: true, force: true });
  mkdirSync(path.join(stagedExtension, 'dist'), { recursive: true });
  for (const f of ['package.json', 'package.nls.json']) {
    copyFileSync(path.join(repoRoot, f), path.join(stagedExtension, f));
  }
  for (const d of ['l10n', 'media']) {
    cpSync(path.join(repoRoot, d), path.join(stagedExtension, d), { recursive: true });
  }
  for (const f of packagedBundles(repoRoot))
    copyFileSync(path.join(buildDir, 'dist', f), path.join(stagedExtension, 'dist', f));
  const sizes = {};
  for (const f of ['extension.js', 'commands.js', 'core.js', 'studio.js']) {
    const data = readFileSync(path.join(buildDir, 'dist', f));
    sizes[`dist/${f}`] = { bytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length };
  }
  return sizes;
}

async function buildHostModule() {
  await esbuild.build({
    entryPoints: [path.join(repoRoot, 'bench/activationHost.ts')],
    outfile: hostModule,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
    external: ['vscode'],
  });
}

/** The fake LiteLLM proxy (test/fixtures/fakeLitellm.ts as dist/demo-server.js), outside the extension host. */
function startFakeProxy() {
  const child = spawn(process.execPath, [path.join(buildDir, 'dist/demo-server.js'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      void killTree(child.pid);
      reject(new Error('the fake proxy did not start within 15 s'));
    }, 15_000);
    child.once('exit', (code) => reject(new Error(`the fake proxy exited (${code})`)));
    child.stdout.on('data', (d) => {
      seen += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({ child, url: m[1], key: 'sk-demo' });
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One fresh code-server + one fresh browser context; resolves the host module's result object. */
async function measureWindow(browser, proxy, kind, index, state) {
  const label = `bench:${kind}#${index}`;
  const server = await startCodeServer({ smokeTestDriver: true, trust: true, label, quiet: true });
  state.server = server;
  let ok = false;
  const logTail = [];
  let context;
  try {
    const workspace = path.join(server.runDir, 'ws');
    mkdirSync(workspace, { recursive: true });
    const resultFile = path.join(server.runDir, 'result.json');
    const url = server.url(workspace, [
      ['extensionDevelopmentPath', server.remote(stagedExtension)],
      ['extensionTestsPath', server.remote(hostModule)],
      ['skipWelcome', 'true'],
      [
        'extensionEnvironment',
        JSON.stringify({
          LITELLM_BENCH_KIND: kind,
          LITELLM_BENCH_RESULT: resultFile,
          LITELLM_BENCH_WORKSPACE: workspace,
          LITELLM_BENCH_SETTLE_MS: String(settleMs),
          LITELLM_BENCH_PROXY: proxy.url,
          // The key as a user may give it: the first command is then Generate Image itself.
          LITELLM_API_KEY: proxy.key,
          ...(values.profile
            ? {
                LITELLM_BENCH_PROFILE: path.join(
                  repoRoot,
                  `bench-results/activation-${kind}-${index}.cpuprofile`,
                ),
              }
            : {}),
        }),
      ],
    ]);
    context = await browser.newContext();
    const page = await context.newPage();
    let settle;
    const exit = new Promise((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationLog', (level, args) => {
      logTail.push(`[${level}] ${format(...(Array.isArray(args) ? args : [args]))}`);
      if (logTail.length > 40) logTail.shift();
    });
    await page.exposeFunction('codeAutomationExit', (code) => settle({ kind: 'exit', code }));
    page.on('crash', () => settle({ kind: 'crash' }));
    server.exited.then((e) => settle({ kind: 'server-exit', e }));
    const timer = setTimeout(() => settle({ kind: 'timeout' }), WINDOW_TIMEOUT_MS);
    const started = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const outcome = await exit;
    clearTimeout(timer);
    if (outcome.kind !== 'exit' || outcome.code !== 0) {
      throw new Error(`${label}: ${JSON.stringify(outcome)}\n${logTail.slice(-15).join('\n')}`);
    }
    const result = JSON.parse(readFileSync(resultFile, 'utf8'));
    result.windowMs = Date.now() - started;
    ok = true;
    return result;
  } finally {
    await context?.close().catch(() => {});
    await server.stop({ keepLogs: !ok || values.keep });
    state.server = undefined;
  }
}

async function main() {
  const began = Date.now();
  console.log('bench:activation: production build into out/bench/ …');
  const sizes = buildProduction();
  await buildHostModule();

  const state = { server: undefined, browser: undefined, proxy: undefined };
  const cleanUp = async () => {
    await state.server?.stop({ keepLogs: true }).catch(() => {});
    await state.browser?.close().catch(() => {});
    if (state.proxy?.child.exitCode === null) await killTree(state.proxy.child.pid);
  };
  const onSignal = () => void cleanUp().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const windows = [];
  try {
    state.proxy = await startFakeProxy();
    state.browser = await openBrowser();
    // Interleaved, so a drift over the run (page cache, thermal, other load) touches both kinds alike.
    for (let i = 0; i < runs; i++) {
      for (const kind of ['eager', 'command']) {
        if (Date.now() - began > TOTAL_BUDGET_MS) throw new Error('the 15-minute budget ran out');
        const r = await measureWindow(state.browser, state.proxy, kind, i + 1, state);
        windows.push(r);
        const detail =
          kind === 'eager'
            ? `core require ${r.coreRequireMs.toFixed(1)} ms`
            : `first command ${r.firstCommandMs.toFixed(1)} ms, second ${r.secondCommandMs.toFixed(1)} ms`;
        console.log(
          `  window ${windows.length}/${2 * runs} (${kind}): activate ${r.activationMs.toFixed(1)} ms, ${detail}` +
            ` (window ${(r.windowMs / 1000).toFixed(1)} s)`,
        );
        await sleep(200);
      }
    }
  } finally {
    await cleanUp();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const eager = windows.filter((w) => w.kind === 'eager');
  const command = windows.filter((w) => w.kind === 'command');
  const figures = {
    activationMs: stats(windows.map((w) => w.activationMs)),
    extensionModuleMs: stats(windows.map((w) => w.extensionModuleMs).filter((x) => x !== undefined)),
    coreRequireMs: stats(eager.map((w) => w.coreRequireMs)),
    eagerActivationMs: stats(eager.map((w) => w.activationMs + w.coreRequireMs)),
    firstCommandMs: stats(command.map((w) => w.firstCommandMs)),
    secondCommandMs: stats(command.map((w) => w.secondCommandMs)),
    coreModuleInCommandMs: stats(command.map((w) => w.coreModuleInCommandMs).filter((x) => x !== undefined)),
    commandsModuleInCommandMs: stats(
      command.map((w) => w.commandsModuleInCommandMs).filter((x) => x !== undefined),
    ),
  };
  const ratio = (a, b) => Math.round((a / b) * 1000) / 1000;
  const ratios = {
    activationOverCoreRequire: ratio(figures.activationMs.median, figures.coreRequireMs.median),
    activationOverEagerActivation: ratio(figures.activationMs.median, figures.eagerActivationMs.median),
    firstCommandOverSecondCommand: ratio(figures.firstCommandMs.median, figures.secondCommandMs.median),
  };

  const kib = (n) => (n / 1024).toFixed(1);
  console.log('\nProduction bundles (minified; gzip -9):');
  console.log(
    table(
      Object.entries(sizes).map(([f, s]) => [f, s.bytes, kib(s.bytes), s.gzipBytes, kib(s.gzipBytes)]),
      ['file', 'bytes', 'KiB', 'gzip bytes', 'gzip KiB'],
    ),
  );
  const ms = (x) => x.toFixed(1);
  const host = windows[0];
  console.log(
    `\nExtension host: VS Code ${host.vscodeVersion} (code-server), Node ${host.node}; ` +
      `${runs} fresh window(s) of each kind, ${os.cpus().length} CPU(s)`,
  );
  const rows = [
    ['activate() (all windows)', figures.activationMs],
    ['  of which: load dist/extension.js', figures.extensionModuleMs],
    ['require dist/core.js after activation (baseline)', figures.coreRequireMs],
    ['activate() + require core (eager estimate)', figures.eagerActivationMs],
    ['first generateImage (loads the commands and the core)', figures.firstCommandMs],
    ['  of which: load dist/commands.js', figures.commandsModuleInCommandMs],
    ['  of which: load dist/core.js', figures.coreModuleInCommandMs],
    ['second generateImage (core loaded)', figures.secondCommandMs],
  ].map(([name, s]) => (s.n ? [name, s.n, ms(s.median), ms(s.min), ms(s.max)] : [name, 0, '-', '-', '-']));
  console.log(table(rows, ['figure (ms)', 'n', 'median', 'min', 'max']));
  console.log(
    `\nratio activation / cold core require (medians): ${ratios.activationOverCoreRequire}` +
      `\nratio activation / eager activation estimate (medians): ${ratios.activationOverEagerActivation}` +
      `\nratio first / second generateImage (medians): ${ratios.firstCommandOverSecondCommand}`,
  );

  const report = {
    date: new Date().toISOString(),
    command: 'npm run bench:activation',
    runsPerKind: runs,
    settleMs,
    machine: {
      platform: `${os.platform()} ${os.release()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
    },
    host: {
      vscodeVersion: host.vscodeVersion,
      node: host.node,
      compileCacheDirs: [...new Set(windows.map((w) => w.compileCacheDir))],
    },
    sizes,
    figures,
    ratios,
    windows,
  };
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, JSON.stringify(report, null, 2) + '\n');
  console.log(
    `\nwrote ${path.relative(repoRoot, resultsFile)} in ${((Date.now() - began) / 1000).toFixed(0)} s`,
  );
}

try {
  await main();
} catch (err) {
  console.error(`bench:activation failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
