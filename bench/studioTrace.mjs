// `node bench/studioTrace.mjs <trace.json> [--min MS]`: the long tasks of a `npm run bench:studio -- --trace` window,
// each with what it spent its time on, so a long task of the Studio's own can be told from the workbench's and
// traced to its cause (card building, provenance patches, style, layout).
//
// For every renderer main thread in the trace: each top-level task of at least --min ms (default 50), its start
// relative to the first task seen, its duration, and its time split by kind: script by URL (the webview's bundle is
// `…/dist/webview/studio.js`), style recalculation, layout, paint, HTML parsing, garbage collection; a kind's time
// is its own (children subtracted), so the parts add up to about the task. Times are wall-clock, as the Long Tasks
// API counts them; each task's CPU time is printed beside it (a busy machine stretches a few milliseconds of work into
// a "long task" by running other processes in between).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { min: { type: 'string', default: '50' } },
});
if (positionals.length !== 1) {
  console.error('usage: node bench/studioTrace.mjs <trace.json> [--min MS]');
  process.exit(2);
}
const minMs = Number(values.min);
const raw = JSON.parse(readFileSync(positionals[0], 'utf8'));
const events = Array.isArray(raw) ? raw : raw.traceEvents;

const mainThreads = new Set(
  events
    .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`),
);
const TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'ThreadPool_RunTask']);

/** What a slice is, for the split: script by file, else a rendering step, else its trace name. */
function kindOf(e) {
  const url = e.args?.data?.url || e.args?.data?.stackTrace?.[0]?.url;
  if (
    [
      'FunctionCall',
      'EvaluateScript',
      'v8.compile',
      'v8.callFunction',
      'TimerFire',
      'EventDispatch',
      'FireAnimationFrame',
      'FireIdleCallback',
    ].includes(e.name)
  )
    return url
      ? `script ${url.replace(/[?#].*$/, '').replace(/^.*\/(?=[^/]+\/[^/]+$)/, '')}`
      : `script (${e.name})`;
  if (e.name === 'UpdateLayoutTree' || e.name === 'RecalculateStyles') return 'style';
  if (e.name === 'Layout') return 'layout';
  if (e.name === 'Paint' || e.name === 'PrePaint' || e.name === 'Layerize' || e.name === 'UpdateLayer')
    return 'paint';
  if (e.name === 'ParseHTML') return 'parse HTML';
  if (e.name.startsWith('MinorGC') || e.name.startsWith('MajorGC') || e.name.includes('GC')) return 'gc';
  return e.name;
}

const byThread = new Map();
for (const e of events) {
  if (e.ph !== 'X' || !mainThreads.has(`${e.pid}:${e.tid}`)) continue;
  const key = `${e.pid}:${e.tid}`;
  if (!byThread.has(key)) byThread.set(key, []);
  byThread.get(key).push(e);
}

const origin = Math.min(...[...byThread.values()].flat().map((e) => e.ts));
for (const [thread, list] of byThread) {
  list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Top-level tasks only: a RunTask nested in another (the scheduler's wrapper around the task) is the same work.
  const tasks = [];
  for (const e of list) {
    if (!TASKS.has(e.name)) continue;
    const outer = tasks.at(-1);
    if (outer && e.ts < outer.ts + outer.dur) continue;
    tasks.push(e);
  }
  const long = tasks.filter((t) => t.dur / 1000 >= minMs);
  console.log(`renderer main thread ${thread}: ${tasks.length} tasks, ${long.length} of ${minMs} ms or more`);
  for (const task of long) {
    const end = task.ts + task.dur;
    const inside = list.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end);
    // Own time: each slice minus the slices directly inside it (a stack walk over the sorted slices).
    const split = new Map();
    const stack = [];
    const close = (until) => {
      while (stack.length && stack.at(-1).end <= until) {
        const s = stack.pop();
        split.set(s.kind, (split.get(s.kind) ?? 0) + s.own);
      }
    };
    for (const e of inside) {
      close(e.ts);
      const parent = stack.at(-1);
      if (parent) parent.own -= e.dur;
      stack.push({ kind: kindOf(e), end: e.ts + e.dur, own: e.dur });
    }
    close(Infinity);
    const covered = [...split.values()].reduce((a, b) => a + b, 0);
    split.set('(task, unattributed)', task.dur - covered);
    const parts = [...split]
      .filter(([, us]) => us >= 500)
      .sort((a, b) => b[1] - a[1])
      .map(([k, us]) => `${k} ${(us / 1000).toFixed(1)}`)
      .join(', ');
    // CPU time (the slice's thread duration): on a shared machine a long task is often a short one descheduled.
    const cpu = task.tdur === undefined ? '' : ` (CPU ${(task.tdur / 1000).toFixed(1)} ms)`;
    console.log(
      `  +${((task.ts - origin) / 1000).toFixed(0)} ms: ${(task.dur / 1000).toFixed(1)} ms${cpu} — ${parts}`,
    );
  }
}
