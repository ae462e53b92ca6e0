/**
 * `npm run bench:thumbnail`: what the agent tools' thumbnail costs (src/core/thumbnail.ts: decode, scale to 512 px,
 * encode), against pngjs decoding the same PNG alone (the floor for a pure-JavaScript decode), in the same run. Each
 * measurement runs in a fresh child process so its peak memory is its own. `--quick`: one small image, once (the
 * test run's smoke check that the bench still works).
 *
 * Bounded: a fixed number of iterations per case; no network.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import { makeThumbnail } from '../src/core/thumbnail';
import { renderPromptImage } from '../test/fixtures/png';

interface Case {
  name: string;
  width: number;
  height: number;
  noise: boolean;
  iterations: number;
}

const FULL: Case[] = [
  { name: '1024x1024', width: 1024, height: 1024, noise: true, iterations: 5 },
  { name: '3840x2160 photo-like', width: 3840, height: 2160, noise: true, iterations: 3 },
  { name: '4096x4096', width: 4096, height: 4096, noise: false, iterations: 3 },
];
const QUICK: Case[] = [{ name: '512x384 (quick)', width: 512, height: 384, noise: true, iterations: 1 }];

type Job = { case: Case; file: string; what: 'thumbnail' | 'pngjs' };
interface Measured {
  ms: number;
  peakGrowthMB: number;
  inputMB: number;
  out?: string;
}

/**
 * Runs one job in this (child) process. The PNG is read from the file the parent wrote, so the child's high-water
 * mark before the job is about its resident size, and the kernel's maxRSS (which a blocked event loop cannot miss,
 * unlike a sampling timer) after the job is the job's peak.
 */
async function runJob(job: Job): Promise<Measured> {
  const png = readFileSync(job.file);
  global.gc?.();
  const before = process.resourceUsage().maxRSS;
  const started = performance.now();
  let out: string | undefined;
  if (job.what === 'pngjs') PNG.sync.read(png);
  else {
    const r = await makeThumbnail(png);
    out =
      'thumbnail' in r
        ? `${r.thumbnail.width}x${r.thumbnail.height} ${r.thumbnail.mimeType} ${Math.round(r.thumbnail.data.length / 1024)} KB`
        : r.skipped;
  }
  const ms = performance.now() - started;
  const peakGrowthMB = (process.resourceUsage().maxRSS - before) / 1024;
  return { ms, peakGrowthMB, inputMB: png.length / 2 ** 20, ...(out ? { out } : {}) };
}

function inChild(job: Job): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--job', JSON.stringify(job)], { execArgv: ['--expose-gc'] });
    const timer = setTimeout(() => child.kill(), 120_000);
    child.once('message', (m) => resolve(m as Measured));
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`${job.what} ${job.case.name} exited with ${code}`));
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const cases = quick ? QUICK : FULL;
  console.log(`thumbnail bench${quick ? ' (quick)' : ''}: Node ${process.version}, longest side 512 px`);
  const rows: string[][] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-thumbnail-'));
  try {
    for (const c of cases) {
      const file = path.join(dir, `${c.name.replace(/\W+/g, '-')}.png`);
      writeFileSync(file, renderPromptImage('a lighthouse at dusk', c.width, c.height, { noise: c.noise }));
      const thumb: Measured[] = [];
      const floor: Measured[] = [];
      for (let i = 0; i < c.iterations; i++) {
        thumb.push(await inChild({ case: c, file, what: 'thumbnail' }));
        floor.push(await inChild({ case: c, file, what: 'pngjs' }));
      }
      const t = median(thumb.map((m) => m.ms));
      const f = median(floor.map((m) => m.ms));
      if (!Number.isFinite(t) || !Number.isFinite(f) || !thumb[0]?.out?.includes('x'))
        throw new Error(`no figures for ${c.name}: ${JSON.stringify(thumb[0])}`);
      rows.push([
        c.name,
        `${thumb[0].inputMB.toFixed(1)} MB`,
        `${t.toFixed(0)} ms`,
        `${f.toFixed(0)} ms`,
        `${(t / f).toFixed(2)}x`,
        `${median(thumb.map((m) => m.peakGrowthMB)).toFixed(0)} MB`,
        thumb[0].out,
      ]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const headers = ['image', 'PNG', 'thumbnail', 'pngjs decode', 'ratio', 'peak growth', 'result'];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  console.log([line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n'));
  console.log(
    "medians; ratio = thumbnail / pngjs decoding the same PNG alone; peak growth = the process's maxRSS over its size before the job",
  );
}

const jobArg = process.argv.indexOf('--job');
if (jobArg !== -1)
  void runJob(JSON.parse(process.argv[jobArg + 1]!) as Job).then(
    (m) => process.send!(m, () => process.exit(0)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
else
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
