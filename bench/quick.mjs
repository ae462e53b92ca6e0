// `npm run bench:quick` (and the `bench:quick` stage of `npm test`): every benchmark's quick mode, one after the
// other, as a smoke check that each still runs to its end and prints its figures. Nothing here is timed or judged
// against a threshold (the machine is shared; figures belong in the full runs): a bench fails when it exits badly,
// runs past its time limit, or prints none of the figure lines it promises.
//
// Adding a bench is one entry in BENCHES: its command (run from the repository root) and the patterns its output must
// contain. Needs `node scripts/build.mjs` (dist/bench.js, dist/demo-server.js) and code-server installed
// (`node scripts/vscode/installCodeServer.mjs`) for the benches that open VS Code windows.
//
// Usage: node bench/quick.mjs [--only name,name]
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;

/** @typedef {{ name: string, cmd: string[], expect: RegExp[], timeoutMs?: number }} QuickBench */
/** @type {QuickBench[]} */
const BENCHES = [
  {
    name: 'bench',
    cmd: [node, '--expose-gc', 'dist/bench.js', '--quick'],
    expect: [
      /^\| 1024x1024 n=1 .*\| \d+ ms .*x\s+\|$/m,
      /^\| edit, 2 MB reference .*x\s+\|$/m,
      /core\/curl [\d.]+x/,
      /^Paired \(1 rounds/m,
      /^\| 1024x1024 n=1 +\| [\d.]+ MB +\| \d+ ms +\| \d+ ms +\| \d+ ms +\| \d+ ms +\| [\d.]+x /m,
      /^load average [\d. ]+ at the start/m,
    ],
  },
  {
    name: 'activation',
    cmd: [node, 'bench/activation.mjs', '--quick'],
    expect: [
      /^activate\(\) \(all windows\)\s+2\s+[\d.]+/m,
      /^first generateImage .*\s+1\s+[\d.]+/m,
      /ratio .*: [\d.]+$/m,
    ],
  },
  {
    name: 'studio',
    cmd: [node, 'bench/studio.mjs', '--quick'],
    expect: [
      /^time to first paint .*\[20\]\s+1\s+[\d.]+/m,
      /ratio of medians, time to first paint 20 \/ 1 image\(s\): [\d.]+/,
    ],
  },
  {
    name: 'thumbnail',
    cmd: [node, '--expose-gc', 'dist/bench-thumbnail.js', '--quick'],
    expect: [/^512x384 \(quick\) .* ms .* ms .*x .* MB .*image\/(jpeg|png)/m],
  },
];
const DEFAULT_TIMEOUT_MS = 180_000;

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = (values.only ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
for (const n of only) {
  if (!BENCHES.some((b) => b.name === n)) {
    console.error(`unknown bench "${n}"; benches: ${BENCHES.map((b) => b.name).join(', ')}`);
    process.exit(2);
  }
}

/** Runs one bench, streaming its output; resolves its exit code, the text it printed and whether it timed out. */
function run(bench) {
  return new Promise((resolve) => {
    const child = spawn(bench.cmd[0], bench.cmd.slice(1), {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
      detached: true, // its own process group, so a timeout stops the code-servers it started too
    });
    let text = '';
    const keep = (out) => (chunk) => {
      out.write(chunk);
      if (text.length < 1_000_000) text += chunk.toString('utf8');
    };
    child.stdout.on('data', keep(process.stdout));
    child.stderr.on('data', keep(process.stderr));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }, bench.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: -1, text: `${text}\n${err.message}`, timedOut });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), text, timedOut });
    });
  });
}

const results = [];
for (const bench of BENCHES.filter((b) => only.length === 0 || only.includes(b.name))) {
  console.log(`\n---- bench:quick ${bench.name}: ${bench.cmd.slice(1).join(' ')}`);
  const started = Date.now();
  const { code, text, timedOut } = await run(bench);
  const missing = bench.expect.filter((re) => !re.test(text));
  const problem = timedOut
    ? `ran past ${(bench.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000} s`
    : code !== 0
      ? `exit ${code}`
      : missing.length
        ? `printed no figures for ${missing.map(String).join(', ')}`
        : '';
  results.push({ name: bench.name, problem, s: (Date.now() - started) / 1000 });
}

console.log(
  '\n---- bench:quick summary (smoke checks: the figures above are one short run, not measurements)',
);
for (const r of results)
  console.log(
    `  ${r.problem ? 'FAILED' : 'ok    '} ${r.name.padEnd(12)} ${r.s.toFixed(1)} s${r.problem ? `  ${r.problem}` : ''}`,
  );
process.exit(results.some((r) => r.problem) ? 1 : 0);
