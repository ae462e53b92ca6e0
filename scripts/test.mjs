// `npm test`: every check the project has, in order, each stage's output streamed as it comes:
//   build, buildTests, typecheck, typecheck:webview, lint, unit, install (code-server), bench:quick,
//   integration:<suite>…, e2e, install:floor + integration:floor (the suite `main` on the code-server carrying the
//   lowest VS Code engines.vscode claims; see scripts/vscode/installCodeServer.mjs HOSTS)
// Mocha's "N passing / N failing / N pending" lines are added up over the stages, and the very last line is a plain
// summary, "N passed, N failed" (", N skipped" when tests were pending), with the failed stages named after it.
// A stage that fails without a mocha summary (a crash, a type error, a lint error) counts as one failure.
//
// Usage: node scripts/test.mjs [--only unit,integration] [--skip e2e]   (or LITELLM_TEST_ONLY / LITELLM_TEST_SKIP)
// Stage names match exactly or by the part before ':' (integration = every integration suite).
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
const bin = (p) => path.join(root, 'node_modules', p);

/** @typedef {{ name: string, cmd: string[], mocha?: boolean, needs?: string[], fatal?: boolean }} Stage */
/** @type {Stage[]} */
const STAGES = [
  { name: 'build', cmd: [node, 'scripts/build.mjs'], fatal: true },
  { name: 'buildTests', cmd: [node, 'scripts/buildTests.mjs'], fatal: true },
  { name: 'typecheck', cmd: [node, bin('typescript/bin/tsc'), '--noEmit', '-p', '.'] },
  // The Studio's browser bundle has its own tsconfig (DOM types, no Node).
  { name: 'typecheck:webview', cmd: [node, bin('typescript/bin/tsc'), '--noEmit', '-p', 'src/webview'] },
  { name: 'lint', cmd: [node, bin('eslint/bin/eslint.js'), '.'] },
  { name: 'format', cmd: [node, bin('prettier/bin/prettier.cjs'), '--check', '.'] },
  { name: 'unit', cmd: [node, bin('mocha/bin/mocha.js')], mocha: true },
  { name: 'install', cmd: [node, 'scripts/vscode/installCodeServer.mjs'], needs: ['build'] },
  // Every benchmark's quick mode: a smoke check that it runs and prints its figures (no timing is judged).
  { name: 'bench:quick', cmd: [node, 'bench/quick.mjs'], needs: ['build', 'install'] },
  ...['main', 'multiRoot', 'restricted', 'german'].map((suite) => ({
    name: `integration:${suite}`,
    cmd: [node, 'scripts/vscode/runIntegration.mjs', '--no-build', '--suite', suite],
    mocha: true,
    needs: ['build', 'buildTests', 'install'],
  })),
  {
    name: 'e2e',
    cmd: [node, bin('mocha/bin/mocha.js'), '--config', 'test/e2e/.mocharc.json'],
    mocha: true,
    needs: ['build', 'install'],
  },
  {
    name: 'install:floor',
    cmd: [node, 'scripts/vscode/installCodeServer.mjs', '--host', 'floor'],
    needs: ['build'],
  },
  {
    name: 'integration:floor',
    cmd: [node, 'scripts/vscode/runIntegration.mjs', '--no-build', '--suite', 'main', '--host', 'floor'],
    mocha: true,
    needs: ['build', 'buildTests', 'install:floor'],
  },
];

const { values } = parseArgs({
  options: { only: { type: 'string' }, skip: { type: 'string' } },
});
const list = (s) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const only = list(values.only ?? process.env.LITELLM_TEST_ONLY);
const skip = list(values.skip ?? process.env.LITELLM_TEST_SKIP);
const matches = (stage, names) => names.some((n) => stage.name === n || stage.name.split(':')[0] === n);

let selected = STAGES.filter((s) => (only.length === 0 || matches(s, only)) && !matches(s, skip));
// Stages the selected ones need come along (an integration run needs the build and code-server).
const needed = new Set(selected.flatMap((s) => s.needs ?? []));
selected = STAGES.filter((s) => selected.includes(s) || needed.has(s.name));
for (const n of [...only, ...skip]) {
  if (!STAGES.some((s) => matches(s, [n]))) {
    console.error(`unknown stage "${n}"; stages: ${STAGES.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
}

// System packages first, before any long stage: installed as root with apt-get, or the one command to run.
try {
  const { isInstalled } = await import('./vscode/installCodeServer.mjs');
  const { ensureSystemPackages } = await import('./systemPackages.mjs');
  const has = (re) => selected.some((s) => re.test(s.name));
  ensureSystemPackages([
    ...((has(/^install$/) && !isInstalled()) || (has(/^install:floor$/) && !isInstalled('floor'))
      ? ['code-server']
      : []),
    ...(has(/^(integration|e2e)/) ? ['browser'] : []),
    // The network-namespace tests run only as root; without root they are skipped and need nothing.
    // So do the forward-proxy tests (tinyproxy in a namespace); the TLS tests skip without openssl.
    ...(has(/^unit$/) && process.getuid?.() === 0 ? ['netns', 'corporate'] : []),
  ]);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  console.log('0 passed, 1 failed (system packages missing)');
  process.exit(1);
}

/** Runs one stage, streaming its output; resolves { code, counts } with mocha's counts when it printed them. */
function runStage(stage) {
  return new Promise((resolve) => {
    const child = spawn(stage.cmd[0], stage.cmd.slice(1), {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    const counts = { passing: 0, failing: 0, pending: 0, seen: false };
    const scan = (stream, out) => {
      let partial = '';
      stream.on('data', (chunk) => {
        out.write(chunk);
        if (!stage.mocha) return;
        const lines = (partial + chunk.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) count(line);
      });
      stream.on('end', () => stage.mocha && count(partial));
    };
    const count = (line) => {
      const m = /^\s*(\d+) (passing|failing|pending)\b/.exec(line.replace(/\x1b\[[0-9;]*m/g, ''));
      if (m) {
        counts[m[2]] += Number(m[1]);
        counts.seen = true;
      }
    };
    scan(child.stdout, process.stdout);
    scan(child.stderr, process.stderr);
    child.on('error', (err) => resolve({ code: -1, counts, error: err.message }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), counts }));
  });
}

const fmt = (ms) =>
  ms < 60_000
    ? `${(ms / 1000).toFixed(1)} s`
    : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
const started = Date.now();
const results = [];
const failedStages = new Set();
let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];

for (const stage of selected) {
  const blocker = (stage.needs ?? []).find((n) => failedStages.has(n));
  const fatal = results.find((r) => r.fatal && !r.ok);
  if (blocker || fatal) {
    const why = blocker ? `"${blocker}" failed` : `"${fatal.name}" failed`;
    console.log(`\n==== ${stage.name}: not run (${why})`);
    results.push({ name: stage.name, ok: false, ms: 0, note: 'not run' });
    failedStages.add(stage.name);
    failed++;
    notes.push(`stage "${stage.name}" not run`);
    continue;
  }
  console.log(
    `\n==== ${stage.name}: ${stage.cmd.map((a) => (a === node ? 'node' : path.relative(root, a) || a)).join(' ')}`,
  );
  const t0 = Date.now();
  const { code, counts, error } = await runStage(stage);
  const ms = Date.now() - t0;
  let ok = code === 0;
  let note = '';
  if (stage.mocha) {
    passed += counts.passing;
    failed += counts.failing;
    skipped += counts.pending;
    if (code !== 0 && counts.failing === 0) {
      // Exited badly without reporting a failed test: a crash, a timeout or a harness error.
      failed++;
      note = counts.seen ? 'failed without a failing test' : 'crashed';
      notes.push(`stage "${stage.name}" ${note}`);
    } else if (counts.seen) {
      note = `${counts.passing} passing, ${counts.failing} failing${counts.pending ? `, ${counts.pending} pending` : ''}`;
    }
  } else if (!ok) {
    failed++;
    note = error ? `could not start: ${error}` : `exit ${code}`;
    notes.push(`stage "${stage.name}" failed`);
  }
  if (stage.mocha && counts.failing > 0) ok = false;
  if (!ok) failedStages.add(stage.name);
  results.push({ name: stage.name, ok, ms, note, fatal: stage.fatal });
  console.log(`==== ${stage.name}: ${ok ? 'ok' : 'FAILED'} in ${fmt(ms)}${note ? ` (${note})` : ''}`);
}

console.log(`\n==== summary (${fmt(Date.now() - started)} in all)`);
for (const r of results) {
  console.log(
    `  ${r.ok ? 'ok    ' : 'FAILED'} ${r.name.padEnd(22)} ${fmt(r.ms).padStart(10)}${r.note ? `  ${r.note}` : ''}`,
  );
}
const tail = notes.length ? ` (${notes.join('; ')})` : '';
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${tail}`);
process.exit(failed > 0 || results.some((r) => !r.ok) ? 1 : 0);
