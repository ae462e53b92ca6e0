// Runs the mocha suites in test/integration/<suite>/ inside a real VS Code extension host: code-server with the
// smoke-test driver, and headless Chromium as the renderer. The extension is loaded from this repository
// (extensionDevelopmentPath = repo root, main: ./dist/extension.js); the tests from out/test/integration/.
//
// Usage: node scripts/vscode/runIntegration.mjs [--suite main,multiRoot,restricted,german] [--grep text] [--no-build]
//        [--keep] (keep the run folders and logs even when everything passed)
//        [--host floor] (run on the code-server carrying the lowest VS Code engines.vscode claims)
// Env:   LITELLM_SUITE_TIMEOUT_MS (default 600000 per suite), LITELLM_HARNESS_VERBOSE=1 (echo server output)
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import * as path from 'node:path';
import { format, parseArgs } from 'node:util';
import { openBrowser, startCodeServer } from './codeServer.mjs';
import { HOSTS, repoRoot } from './installCodeServer.mjs';
import { packageGermanLanguagePack } from './languagePack.mjs';

/** Must match EXTHOST_TAG in test/integration/index.ts. */
const EXTHOST_TAG = '[exthost] ';

export const SUITES = ['main', 'multiRoot', 'restricted', 'german'];
const fixtureWorkspace = path.join(repoRoot, 'test/integration/workspace');
const outDir = path.join(repoRoot, 'out/test/integration');

function hasTests(dir) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { withFileTypes: true }).some((e) =>
    e.isDirectory() ? hasTests(path.join(dir, e.name)) : e.name.endsWith('.test.js'),
  );
}

/** Makes the suite's throwaway workspace inside the run folder; returns what the tests are told about it. */
function prepareWorkspace(suite, runDir) {
  const ws = path.join(runDir, 'ws');
  const scratch = path.join(runDir, 'scratch');
  mkdirSync(scratch, { recursive: true });
  const copy = (name) => {
    const dest = path.join(ws, name);
    cpSync(fixtureWorkspace, dest, { recursive: true });
    return dest;
  };
  if (suite === 'multiRoot') {
    const folders = [copy('alpha'), copy('beta')];
    const file = path.join(ws, 'multi.code-workspace');
    writeFileSync(
      file,
      JSON.stringify({ folders: [{ path: 'alpha' }, { path: 'beta' }], settings: {} }, null, 2) + '\n',
    );
    return { workspace: file, folders, scratch };
  }
  const folder = copy(suite === 'restricted' ? 'untrusted' : 'sample');
  return { workspace: folder, folders: [folder], scratch };
}

function germanDisplayLanguage() {
  return { locale: 'de', installVsix: packageGermanLanguagePack() };
}

/**
 * Runs one suite; resolves { suite, ok, code, ms, reason }. Never throws for test failures.
 * @param {string} suite
 * @param {{ grep?: string, keep?: boolean, timeoutMs?: number, host?: 'current' | 'floor' }} [opts]
 */
export async function runSuite(suite, opts = {}) {
  const started = Date.now();
  const timeoutMs = opts.timeoutMs ?? (Number(process.env.LITELLM_SUITE_TIMEOUT_MS) || 600_000);
  const host = opts.host ?? 'current';
  const label = host === 'current' ? `integration:${suite}` : `integration:${suite}@${host}`;
  const extensionTestsPath = path.join(outDir, 'index.js');
  let server;
  let browser;
  let ok = false;
  let reason = '';
  let code = null;
  let envFile;
  let sawSummary = false;
  try {
    // VS Code 1.106 ignores the payload's extensionEnvironment: the same variables also go into a file whose name is in
    // the server's environment (the extension host inherits it; test/integration/env.ts reads the file).
    envFile = path.join(repoRoot, '.cache', 'runs', `env-${process.pid}-${suite}-${Date.now()}.json`);
    server = await startCodeServer({
      smokeTestDriver: true,
      env: { LITELLM_TEST_ENV_FILE: envFile },
      trust: suite !== 'restricted',
      label,
      host,
      ...(suite === 'german' ? germanDisplayLanguage() : {}),
    });
    const { workspace, folders, scratch } = prepareWorkspace(suite, server.runDir);
    const extensionEnvironment = {
      LITELLM_TEST_SUITE: suite,
      LITELLM_TEST_WORKSPACE: workspace,
      LITELLM_TEST_FOLDERS: JSON.stringify(folders),
      LITELLM_TEST_SCRATCH: scratch,
      LITELLM_TEST_REPO_ROOT: repoRoot,
      LITELLM_TEST_HOST: host,
      ...(opts.grep ? { LITELLM_TEST_GREP: opts.grep } : {}),
    };
    writeFileSync(envFile, JSON.stringify(extensionEnvironment));
    const url = server.url(workspace, [
      ['extensionDevelopmentPath', server.remote(repoRoot)],
      ['extensionTestsPath', server.remote(extensionTestsPath)],
      ['skipWelcome', 'true'],
      ['extensionEnvironment', JSON.stringify(extensionEnvironment)],
    ]);
    console.log(
      `[${label}] code-server on ${server.origin} (up in ${server.startedInMs} ms), workspace ${workspace}`,
    );

    browser = await openBrowser();
    const page = await browser.newPage();
    let settle;
    const exit = new Promise((resolve) => (settle = resolve));
    // The extension host's console (tagged by test/integration/index.ts) and the workbench's own log both arrive
    // through codeAutomationLog: stream the former, keep the latter in the run folder (printed when verbose).
    const workbenchLog = createWriteStream(path.join(server.runDir, 'workbench.log'));
    await page.exposeFunction('codeAutomationLog', (level, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (text.startsWith(EXTHOST_TAG)) {
        if (/^\s*\d+ passing\b/.test(text.slice(EXTHOST_TAG.length))) sawSummary = true;
        (level === 'error' ? process.stderr : process.stdout).write(text.slice(EXTHOST_TAG.length) + '\n');
      } else {
        workbenchLog.write(`[${level}] ${text}\n`);
        if (process.env.LITELLM_HARNESS_VERBOSE) console.log(`[${label}:workbench] ${text}`);
      }
    });
    await page.exposeFunction('codeAutomationExit', (exitCode, logs) => {
      if (Array.isArray(logs)) {
        // The workbench hands over its own logs: keep them beside the server's for a failed run.
        for (const l of logs) {
          if (!l?.relativePath || typeof l.contents !== 'string') continue;
          const dest = path.join(server.runDir, 'workbench-logs', l.relativePath);
          mkdirSync(path.dirname(dest), { recursive: true });
          writeFileSync(dest, l.contents);
        }
      }
      settle({ kind: 'exit', code: exitCode });
    });
    page.on('pageerror', (err) => workbenchLog.write(`[pageerror] ${err.stack ?? err.message}\n`));
    page.on('crash', () => settle({ kind: 'crash' }));
    server.exited.then((e) => settle({ kind: 'server-exit', e }));
    const timer = setTimeout(() => settle({ kind: 'timeout' }), timeoutMs);

    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const result = await exit;
    clearTimeout(timer);
    await new Promise((r) => workbenchLog.end(r));
    if (result.kind === 'exit') {
      code = result.code;
      // An extension host that crashed before mocha ran can still report 0: no summary, no pass.
      ok = code === 0 && sawSummary;
      if (code !== 0) reason = `the tests exited with code ${code}`;
      else if (!ok) reason = 'the tests exited with code 0 but mocha reported no summary (did they run?)';
    } else if (result.kind === 'timeout') {
      reason = `timed out after ${Math.round(timeoutMs / 1000)} s without the extension host reporting an exit code`;
    } else if (result.kind === 'crash') {
      reason = 'the browser page crashed';
    } else {
      reason = `code-server exited unexpectedly (${JSON.stringify(result.e)})`;
    }
  } catch (err) {
    reason = err instanceof Error ? err.message : String(err);
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop({ keepLogs: !ok || opts.keep });
    if (envFile) rmSync(envFile, { force: true });
  }
  const ms = Date.now() - started;
  if (ok) console.log(`[${label}] passed in ${(ms / 1000).toFixed(1)} s`);
  else console.error(`[${label}] FAILED in ${(ms / 1000).toFixed(1)} s: ${reason}`);
  return { suite, ok, code, ms, reason };
}

async function main() {
  const { values } = parseArgs({
    options: {
      suite: { type: 'string' },
      grep: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      host: { type: 'string', default: 'current' },
    },
  });
  const requested = values.suite ? values.suite.split(',').map((s) => s.trim()) : SUITES;
  for (const s of requested) {
    if (!SUITES.includes(s)) {
      console.error(`unknown suite "${s}" (known: ${SUITES.join(', ')})`);
      process.exit(2);
    }
  }
  if (!Object.hasOwn(HOSTS, values.host)) {
    console.error(`unknown host "${values.host}" (known: ${Object.keys(HOSTS).join(', ')})`);
    process.exit(2);
  }
  if (!values['no-build']) {
    for (const script of ['scripts/build.mjs', 'scripts/buildTests.mjs']) {
      const res = spawnSync(process.execPath, [script], { cwd: repoRoot, stdio: 'inherit' });
      if (res.status !== 0) process.exit(1);
    }
  }
  if (!existsSync(path.join(repoRoot, 'dist/extension.js'))) {
    console.error('dist/extension.js is missing: run node scripts/build.mjs');
    process.exit(1);
  }
  const results = [];
  for (const suite of requested) {
    if (!hasTests(path.join(outDir, suite))) {
      console.log(`[integration:${suite}] no tests in out/test/integration/${suite}/, skipped`);
      continue;
    }
    results.push(await runSuite(suite, { grep: values.grep, keep: values.keep, host: values.host }));
  }
  const failed = results.filter((r) => !r.ok);
  console.log(
    `integration: ${results.map((r) => `${r.suite} ${r.ok ? 'ok' : 'FAILED'} ${(r.ms / 1000).toFixed(1)} s`).join(', ')}`,
  );
  process.exit(failed.length ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  await main();
}
