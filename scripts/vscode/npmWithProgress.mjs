// Runs one `npm install` and says every 10 seconds how far it is: what is being installed, how many MB of the
// expected size are on disk, and roughly how long is left (at the pace so far). npm itself is kept
// quiet (errors only, no progress bar, fund or audit lines); its output still passes through, so a failure shows.
//
// installCodeServer.mjs runs this file with spawnSync, which keeps that module's API synchronous while this
// process is free to watch the folder grow:
//   node scripts/vscode/npmWithProgress.mjs '{"label":…,"dir":…,"expectedBytes":…,"phases":[…]}' -- install …
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Flags that keep npm to what matters here. */
export const QUIET_NPM = [
  '--loglevel=error',
  '--no-progress',
  '--no-fund',
  '--no-audit',
  '--no-update-notifier',
];

/** The bytes of the regular files under `dir` (0 when it does not exist yet); symbolic links are not followed. */
export function folderBytes(dir) {
  let total = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      continue; // not there yet, or removed while npm works
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) {
        try {
          total += lstatSync(p).size;
        } catch {
          // gone between listing and stat
        }
      }
    }
  }
  return total;
}

export function duration(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

const mb = (b) => `${Math.round(b / 1e6)} MB`;

/** How many packages directly under `dir` (and its `@scope/` folders) have built a native module. */
export function builtNativeModules(dir) {
  const list = (d) => {
    try {
      return readdirSync(d);
    } catch {
      return [];
    }
  };
  const packages = list(dir).flatMap((n) =>
    n.startsWith('@') ? list(path.join(dir, n)).map((m) => `${n}/${m}`) : [n],
  );
  return packages.filter((p) => list(path.join(dir, p, 'build/Release')).some((f) => f.endsWith('.node')))
    .length;
}

/**
 * One progress line. While the folder grows, the time left assumes the pace so far holds (it grows fairly evenly
 * over downloads, unpacking and code-server's nested install; the last seconds' pace swings wildly). Once it has
 * nearly its full size, what is left is compiling native modules, one at a time: then the time left is the time
 * per module so far (`native.since`: when compiling began) for each module still to build, less what the one being
 * built has already taken (`native.lastAt`: when the count last rose). The modules differ a lot (one of code-server's
 * takes a minute, the others seconds), so an estimate that kept adding the time spent on a slow one would climb
 * every ten seconds; once that module has taken longer than its share, the line says so instead. For the same reason
 * a line whose folder did not grow since the last one (`stalled`: a postinstall step that unpacks and moves files)
 * gives no time left rather than a pace that only falls.
 */
export function progressLine({ label, expectedBytes, bytes, elapsedMs, phase, native, stalled = false }) {
  const share = Math.min(99, Math.floor((bytes / expectedBytes) * 100));
  const about = (ms) => `, about ${duration(Math.max(10_000, ms))} left`;
  let left = '';
  if (native) {
    const lastAt = native.lastAt ?? elapsedMs;
    const perModule = native.done > 0 ? (lastAt - native.since) / native.done : 0;
    const current = perModule - (elapsedMs - lastAt);
    if (native.done >= native.expected) left = ', finishing';
    else if (perModule > 0 && current < 0) left = ', one slow module still compiling';
    else if (perModule > 0) left = about(current + perModule * (native.expected - native.done - 1));
    phase = `${native.text} (${Math.min(native.done, native.expected)} of about ${native.expected} built)`;
  } else if (bytes >= expectedBytes) left = ', finishing';
  else if (bytes > 0 && !stalled) left = about(((expectedBytes - bytes) * elapsedMs) / bytes);
  const at = phase ? `: ${phase}` : '';
  return `${label}: ${mb(bytes)} of about ${mb(expectedBytes)} (${share}%) after ${duration(elapsedMs)}${left}${at}`;
}

/** The text of the last phase whose marker path exists under `dir`. */
function phaseOf(dir, phases) {
  let text;
  for (const p of phases) if (!p.when || existsSync(path.join(dir, p.when))) text = p.text;
  return text;
}

/**
 * Runs `npm <args>` in `cwd` with `env`, logging a progress line every `everyMs`. Resolves with npm's exit status.
 * @param {{ args: string[], cwd: string, env?: NodeJS.ProcessEnv, label: string, dir?: string, expectedBytes: number,
 *   phases?: { when?: string, text: string }[], native?: { under: string, expected: number, text: string },
 *   everyMs?: number, log?: (line: string) => void }} o
 */
export function npmWithProgress(o) {
  const { args, cwd, env = process.env, label, expectedBytes, phases = [], everyMs = 10_000 } = o;
  const dir = o.dir ?? cwd;
  const log = o.log ?? ((line) => console.log(line));
  const started = Date.now();
  const base = folderBytes(dir);
  let compilingSince;
  let built = { done: -1, at: 0 };
  let lastBytes = 0;
  const child = spawn('npm', [...args, ...QUIET_NPM], { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const timer = setInterval(() => {
    const bytes = Math.max(0, folderBytes(dir) - base);
    const elapsedMs = Date.now() - started;
    let native;
    if (o.native && bytes >= 0.9 * expectedBytes) {
      compilingSince ??= elapsedMs;
      const done = builtNativeModules(path.join(dir, o.native.under));
      if (done !== built.done) built = { done, at: elapsedMs };
      native = { ...o.native, done, since: compilingSince, lastAt: built.at };
    }
    // Under 1 MB since the last line counts as not growing (a few files written while others are moved).
    const stalled = bytes < lastBytes + 1e6;
    lastBytes = Math.max(lastBytes, bytes);
    log(
      progressLine({ label, expectedBytes, bytes, elapsedMs, phase: phaseOf(dir, phases), native, stalled }),
    );
  }, everyMs);
  return new Promise((resolve) => {
    const done = (code) => {
      clearInterval(timer);
      resolve(code);
    };
    child.on('error', (err) => {
      log(`${label}: could not run npm (${err.message})`);
      done(127);
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sep = process.argv.indexOf('--');
  const options = JSON.parse(process.argv[2] ?? '{}');
  const prefix = options.prefix ?? '';
  npmWithProgress({
    ...options,
    args: process.argv.slice(sep + 1),
    cwd: process.cwd(),
    log: (line) => console.log(`${prefix}${line}`),
  }).then((code) => process.exit(code));
}
