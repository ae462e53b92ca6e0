/**
 * `npm run bench`: the core against the openai SDK and against curl + base64 decoding, all on the same local fake
 * proxy in the same run. Each measurement runs in its own worker process so peak memory is the client's alone; the
 * server runs in another process. Prints medians, ratios to each baseline and peak memory growth.
 *
 * Then, for the generations, the paired measurement: the core, a bare Node client (undici + Node's native base64
 * decoder, nothing checked: the floor for any Node client), Node's transfer alone (undici, the body counted) and
 * curl's bare transfer stay up in their own processes
 * and take turns, one call each per round in a rotating order, so each round's ratios compare calls made under the
 * same load (this machine is shared; separate runs of the clients drift by 2-3x).
 *
 * Usage: node --expose-gc dist/bench.js [--quick] [--only TEXT] [--rounds N]
 *   --quick      one short run on tiny inputs (one 1024² generation, one 2 MB edit, a 4 MB upload probe, one
 *                iteration each, one paired round): a smoke check that the bench still works and prints its figures
 *                (npm test runs it)
 *   --only TEXT  only the cases whose name contains TEXT (e.g. --only 3840), and no upload probe
 *   --rounds N   paired rounds per generation case (default 9)
 *   --paired     only the paired measurement (no separate runs, no SDK, no upload probe)
 *
 * Bounded: a fixed number of iterations per case, every request with a timeout, everything on 127.0.0.1.
 */
import { ChildProcess, execFile, fork, spawn } from 'node:child_process';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runWorker, serveWorker, TimedCall, WorkerResult, WorkerTask } from './benchWorker';
import { encodePng, padPng } from '../test/fixtures/png';

const KEY = 'sk-demo';

interface Case {
  name: string;
  op: 'generate' | 'edit';
  size: string;
  n: number;
  iterations: number;
  referenceBytes?: number;
}

const CASES: Case[] = [
  { name: '1024x1024 n=1', op: 'generate', size: '1024x1024', n: 1, iterations: 9 },
  { name: '1024x1024 n=4', op: 'generate', size: '1024x1024', n: 4, iterations: 7 },
  { name: '3840x2160 n=1', op: 'generate', size: '3840x2160', n: 1, iterations: 5 },
  { name: '3840x2160 n=4', op: 'generate', size: '3840x2160', n: 4, iterations: 3 },
  {
    name: 'edit, 2 MB reference',
    op: 'edit',
    size: '1024x1024',
    n: 1,
    iterations: 5,
    referenceBytes: 2 * 1024 * 1024,
  },
  {
    name: 'edit, 20 MB reference',
    op: 'edit',
    size: '1024x1024',
    n: 1,
    iterations: 5,
    referenceBytes: 20 * 1024 * 1024,
  },
  {
    name: 'edit, 45 MB reference',
    op: 'edit',
    size: '1024x1024',
    n: 1,
    iterations: 3,
    referenceBytes: 45 * 1024 * 1024,
  },
];
/** --quick: tiny inputs, one iteration each; the figures are printed the same way, not judged. */
const QUICK_CASES: Case[] = [
  { name: '1024x1024 n=1', op: 'generate', size: '1024x1024', n: 1, iterations: 1 },
  {
    name: 'edit, 2 MB reference',
    op: 'edit',
    size: '1024x1024',
    n: 1,
    iterations: 1,
    referenceBytes: 2 * 1024 * 1024,
  },
];
const UPLOAD_SIZES_MB = [20, 100, 400];
const QUICK_UPLOAD_SIZES_MB = [4];

const CLIENTS = ['core', 'openai-sdk', 'curl+decode', 'curl-only'] as const;

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'demo-server.js'), '--port', '0', '--noisy'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error('demo server did not start')), 15_000);
    child.stdout!.on('data', (d: Buffer) => {
      seen += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve({ child, url: m[1]! });
      }
    });
  });
}

/**
 * Node flags of every worker. --no-liftoff: V8 compiles WebAssembly with its optimizing compiler up front instead of
 * tiering up in the background, and undici's HTTP parser (llhttp) is WebAssembly. Tiering up takes ~25 MB for a few
 * hundred ms, once per process, shortly after the first calls: without the flag it lands in whichever call is
 * running then (the first, measured call of a worker if the server is slow to answer), and a 3.6 MB answer
 * measured 27 MB of "growth" instead of 7-9 MB. Any undici client pays it once; it is no cost of a call.
 */
const WORKER_FLAGS = ['--expose-gc', '--no-liftoff'];

function worker(task: WorkerTask): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...WORKER_FLAGS, __filename, '--worker', JSON.stringify(task)],
      { maxBuffer: 1 << 20, timeout: 600_000 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`${task.client} ${task.op}: ${stderr || err.message}`));
        else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as WorkerResult);
      },
    );
  });
}

/** Writes a large file in 1 MB slices, so the parent never holds it (a forked worker would inherit that size). */
async function writeZeros(file: string, bytes: number): Promise<void> {
  const h = await open(file, 'w');
  const slice = Buffer.alloc(1024 * 1024, 7);
  try {
    for (let done = 0; done < bytes; done += slice.length)
      await h.write(slice, 0, Math.min(slice.length, bytes - done));
  } finally {
    await h.close();
  }
}

/** A worker that stays up and makes one timed call per request (see serveWorker). */
class ServingWorker {
  private readonly child: ChildProcess;
  private pending: ((m: WorkerMessage) => void) | undefined;
  readonly ready: Promise<{ peakGrowthBytes: number; responseBytes: number }>;

  constructor(readonly task: WorkerTask) {
    this.child = fork(__filename, ['--serve', JSON.stringify(task)], {
      execArgv: WORKER_FLAGS,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (m: WorkerMessage) => {
      const take = this.pending;
      this.pending = undefined;
      take?.(m);
    });
    this.child.on('exit', (code) =>
      this.pending?.({ kind: 'error', message: `${task.client} exited with ${code}` }),
    );
    this.ready = this.next().then((m) => {
      if (m.kind !== 'ready') throw new Error(`${task.client}: ${m.kind === 'error' ? m.message : m.kind}`);
      return m;
    });
  }

  private next(): Promise<WorkerMessage> {
    return new Promise((resolve) => (this.pending = resolve));
  }

  async call(): Promise<TimedCall> {
    const answer = this.next();
    this.child.send({ kind: 'call' });
    const m = await withTimeout(answer, 600_000, `${this.task.client} call`);
    if (m.kind !== 'timed')
      throw new Error(`${this.task.client}: ${m.kind === 'error' ? m.message : m.kind}`);
    return m;
  }

  stop(): void {
    if (this.child.connected) this.child.send({ kind: 'stop' });
    setTimeout(() => this.child.kill('SIGKILL'), 5_000).unref();
  }
}

type WorkerMessage =
  | { kind: 'ready'; peakGrowthBytes: number; responseBytes: number }
  | ({ kind: 'timed' } & TimedCall)
  | { kind: 'error'; message: string };

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
    }),
  ]);
}

const PAIRED_CLIENTS = ['core', 'node-bare', 'node-transfer', 'curl-only'] as const;
type PairedClient = (typeof PAIRED_CLIENTS)[number];

/**
 * One generation case, paired: each client's first call (peak memory), then `rounds` rounds of one call per client
 * in a rotating order. Ratios are medians of the per-round ratios.
 */
async function pairedCase(c: Case, url: string, dir: string, rounds: number): Promise<string[]> {
  const task = (client: PairedClient): WorkerTask => ({
    client,
    op: 'generate',
    url,
    key: KEY,
    size: c.size,
    n: c.n,
    iterations: 0,
    dir,
  });
  const workers: Partial<Record<PairedClient, ServingWorker>> = {};
  const first: Partial<Record<PairedClient, { peakGrowthBytes: number; responseBytes: number }>> = {};
  const calls: Record<PairedClient, TimedCall[]> = {
    core: [],
    'node-bare': [],
    'node-transfer': [],
    'curl-only': [],
  };
  try {
    // One at a time, so no first call (the memory figure) overlaps another client's.
    for (const client of PAIRED_CLIENTS) {
      workers[client] = new ServingWorker(task(client));
      first[client] = await withTimeout(workers[client].ready, 600_000, `${client} start`);
    }
    for (let r = 0; r < rounds; r++)
      for (let i = 0; i < PAIRED_CLIENTS.length; i++) {
        const client = PAIRED_CLIENTS[(i + r) % PAIRED_CLIENTS.length]!;
        calls[client].push(await workers[client]!.call());
      }
  } finally {
    for (const w of Object.values(workers)) w.stop();
  }
  const ms = (client: PairedClient) => calls[client].map((t) => t.ms);
  const ratio = (a: PairedClient, b: PairedClient) =>
    `${median(ms(a).map((x, i) => x / ms(b)[i]!)).toFixed(2)}x`;
  const cpu = (client: PairedClient) => `${median(calls[client].map((t) => t.cpuMs)).toFixed(0)} ms`;
  const response = first.core!.responseBytes;
  // The bare client checks nothing, so it must at least have read the same base64 as the core.
  if (first['node-bare']!.responseBytes !== response)
    throw new Error(
      `${c.name}: node bare read ${first['node-bare']!.responseBytes} bytes of base64, the core ${response}`,
    );
  const peak = (client: PairedClient) => first[client]!.peakGrowthBytes;
  return [
    c.name,
    mb(response),
    `${median(ms('core')).toFixed(0)} ms`,
    `${median(ms('node-bare')).toFixed(0)} ms`,
    `${median(ms('node-transfer')).toFixed(0)} ms`,
    `${median(ms('curl-only')).toFixed(0)} ms`,
    ratio('core', 'curl-only'),
    ratio('node-bare', 'curl-only'),
    ratio('node-transfer', 'curl-only'),
    ratio('core', 'node-bare'),
    cpu('core'),
    cpu('node-bare'),
    cpu('node-transfer'),
    mb(peak('core')),
    mb(peak('node-bare')),
    `${(peak('core') / response).toFixed(2)}x`,
    `${(peak('node-bare') / response).toFixed(2)}x`,
  ];
}

const PAIRED_HEAD = [
  'case',
  'response',
  'core',
  'node bare',
  'node transfer',
  'curl only',
  'core/curl only',
  'bare/curl only',
  'transfer/curl only',
  'core/bare',
  'core CPU',
  'bare CPU',
  'transfer CPU',
  'core peak Δ',
  'bare peak Δ',
  'core peak/resp',
  'bare peak/resp',
];

function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;

async function main(opts: {
  quick: boolean;
  only?: string;
  rounds: number;
  pairedOnly: boolean;
}): Promise<void> {
  const cases = (opts.quick ? QUICK_CASES : CASES).filter((c) => !opts.only || c.name.includes(opts.only));
  if (cases.length === 0) throw new Error(`no case matches --only ${opts.only}`);
  const uploadSizes =
    opts.only || opts.pairedOnly ? [] : opts.quick ? QUICK_UPLOAD_SIZES_MB : UPLOAD_SIZES_MB;
  const dir = await mkdtemp(path.join(tmpdir(), 'litellm-bench-'));
  const dir2 = await mkdtemp(path.join(tmpdir(), 'litellm-bench-probe-'));
  const { child, url } = await startServer();
  const rows: string[][] = [];
  const pairedRows: string[][] = [];
  const loadAtStart = load();
  try {
    console.log(
      `fake proxy ${url} (noisy photo-sized PNGs), node ${process.version}, ${new Date().toISOString()}, load average ${loadAtStart}\n`,
    );
    for (const c of opts.pairedOnly ? [] : cases) {
      let reference: string | undefined;
      if (c.referenceBytes) {
        reference = path.join(dir, `ref-${c.referenceBytes}.png`);
        const small = encodePng(1024, 1024, Buffer.alloc(1024 * 1024 * 4, 77));
        await writeFile(reference, padPng(small, c.referenceBytes));
      }
      const results: Partial<Record<(typeof CLIENTS)[number], WorkerResult>> = {};
      // Warm the server for this case first (its image cache, its JIT), so whichever client runs first is not
      // charged for it.
      await worker({
        client: 'curl-only',
        op: c.op,
        url,
        key: KEY,
        size: c.size,
        n: c.n,
        iterations: opts.quick ? 1 : 2,
        reference,
        dir,
      });
      for (const client of CLIENTS) {
        if (client === 'curl+decode' && c.op === 'edit') continue; // curl -F reads files itself; covered by curl-only
        results[client] = await worker({
          client,
          op: c.op,
          url,
          key: KEY,
          size: c.size,
          n: c.n,
          iterations: c.iterations,
          reference,
          dir,
        });
      }
      const core = results.core!;
      const coreMed = median(core.times);
      const ratio = (b?: WorkerResult) => (b ? `${(coreMed / median(b.times)).toFixed(2)}x` : '—');
      const med = (b?: WorkerResult) => (b ? `${median(b.times).toFixed(0)} ms` : '—');
      const peak = (b?: WorkerResult) => (b ? mb(b.peakGrowthBytes) : '—');
      rows.push([
        c.name,
        mb(core.responseBytes),
        med(core),
        med(results['openai-sdk']),
        med(results['curl+decode']),
        med(results['curl-only']),
        ratio(results['openai-sdk']),
        ratio(results['curl+decode'] ?? results['curl-only']),
        ratio(results['curl-only']),
        peak(core),
        peak(results['openai-sdk']),
        `${(core.peakGrowthBytes / core.responseBytes).toFixed(2)}x`,
      ]);
      console.log(`done: ${c.name}`);
    }
    for (const c of cases.filter((x) => x.op === 'generate')) {
      pairedRows.push(await pairedCase(c, url, dir, opts.quick ? 1 : opts.rounds));
      console.log(`done: paired ${c.name}`);
    }
  } finally {
    child.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }

  if (uploadSizes.length)
    console.log(
      '\nUpload streaming: the edit multipart body vs curl -F, to a bare local sink (no proxy work; peak growth should not follow the size).',
    );
  try {
    for (const size of uploadSizes) {
      const reference = path.join(dir2, `probe-${size}.bin`);
      await writeZeros(reference, size * 1024 * 1024);
      const probe = (client: 'upload-probe' | 'curl-upload-probe') =>
        worker({
          client,
          op: 'edit',
          url: '',
          key: '',
          size: '',
          n: 1,
          iterations: opts.quick ? 1 : 5,
          reference,
          dir: dir2,
        });
      const core = await probe('upload-probe');
      const curl = await probe('curl-upload-probe');
      console.log(
        `  ${String(size).padStart(3)} MB: core median ${median(core.times).toFixed(0)} ms (peak growth ${mb(core.peakGrowthBytes)}), curl -F ${median(curl.times).toFixed(0)} ms, core/curl ${(median(core.times) / median(curl.times)).toFixed(2)}x`,
      );
      await rm(reference, { force: true });
    }
  } finally {
    await rm(dir2, { recursive: true, force: true });
  }

  const head = [
    'case',
    'response',
    'core',
    'openai SDK',
    'curl+decode',
    'curl only',
    'core/SDK',
    'core/curl',
    'core/curl only',
    'core peak Δ',
    'SDK peak Δ',
    'core peak/resp',
  ];
  if (rows.length) {
    console.log(
      '\nMedians of each case (lower is better); ratios are core ÷ baseline; peak Δ is peak RSS growth during one call.',
    );
    printTable(head, rows);
    console.log(
      '\ncore/curl compares with curl+decode for generations and with curl -F (upload only, no decode) for edits;' +
        " core/curl only with curl's bare transfer of the same answer (no decoding) in every case.",
    );
  }
  if (pairedRows.length) {
    console.log(
      `\nPaired (${opts.quick ? 1 : opts.rounds} rounds, one call of each client per round in turn): medians, and ratios as medians of each round's ratio;` +
        ' node bare = undici + native base64 decoding, nothing checked; node transfer = undici, the body only counted;' +
        ' CPU = the client process per call.',
    );
    printTable(PAIRED_HEAD, pairedRows);
  }
  console.log(`\nload average ${loadAtStart} at the start, ${load()} at the end`);
}

if (process.argv[2] === '--serve') {
  serveWorker(JSON.parse(process.argv[3]!) as WorkerTask).catch((e: unknown) => {
    process.send?.({ kind: 'error', message: String((e as Error).stack ?? e) });
    process.exit(1);
  });
} else if (process.argv[2] === '--worker') {
  runWorker(JSON.parse(process.argv[3]!) as WorkerTask).then(
    // Exit explicitly: clients may keep sockets (and the probe its sink server) open.
    (r) => process.stdout.write(JSON.stringify(r) + '\n', () => process.exit(0)),
    (e: unknown) => {
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
} else {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      rounds: { type: 'string', default: '9' },
      paired: { type: 'boolean', default: false },
    },
  });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 100) throw new Error('--rounds takes 1 to 100');
  main({ quick: values.quick!, only: values.only, rounds, pairedOnly: values.paired! }).catch(
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
