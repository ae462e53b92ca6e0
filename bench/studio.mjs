// `npm run bench:studio`: how long the Image Studio takes to show its history on a folder of 500 images, measured
// in a real VS Code (code-server + headless Chromium, the same harness as the UI tests and bench:activation).
//
// Why: the Studio lists the whole output folder at once (src/core/history.ts listHistory, then provenance in
// batches) and paints every card in one fragment with lazily loaded thumbnails (src/webview/history.ts, cards.ts).
// That design claims a folder of hundreds of images opens about as fast as one with a single image and without a
// long main-thread stall. This script checks the claim end to end, against a same-run baseline of 1 image.
//
// What it does:
// 1. Builds the production bundles (`node scripts/build.mjs --production`, run in out/bench-studio/build/ so the
//    repository's dist/ keeps whatever dev build is there) and stages them as the extension folder the .vsix would
//    hold (.vscodeignore's allow-list: manifest, NLS, l10n, media, every dist/*.js it names, dist/webview/).
//    Each window links that folder into its extensions directory (an installed extension, not development mode).
// 2. Writes a pool of real 512×512 PNGs (100–400 KB each, about 140 MB for 500) with provenance, through the
//    project's own saving code (src/core/saveImages.ts saveImageWithProvenance, bundled with esbuild), with mtimes
//    spread over 30 days; each case gets a throwaway workspace under os.tmpdir() whose images/ holds the newest N
//    (hard links to the pool). Cases: N = 500 (the target) and N = 1 (the baseline), in the same run.
// 3. One warm-up window (not counted: the first window after a build pays for cold caches), then for every case R
//    windows, interleaved across cases in alternating order so drift hits them alike. Each window is a fresh
//    code-server (new extension host, new user data) + a fresh Chromium context on that workspace, with
//    `litellm.baseUrl` at a fake LiteLLM proxy (dist/demo-server.js) and LITELLM_API_KEY set, so model listing works.
//    It waits until the palette lists the command, then --settle ms and an idle callback, then issues "LiteLLM: Open
//    Image Studio" from the palette (t0 = the moment Enter is pressed; the extension activates on that command, so
//    activation is part of the figure, as it is for a user), finds the Studio's content frame (the one with
//    `#prompt`, as test/e2e/support/studio.ts does) and waits for `body[data-history-painted]`, which the webview
//    sets in a requestAnimationFrame after its first render of a non-empty history, next to
//    `performance.mark('studio:history-painted')` (src/webview/history.ts). Figures per window:
//    - time to first paint = the frame's performance.timeOrigin + the mark's startTime − t0 (browser and Node read
//      the same machine clock; the workbench's own keydown timestamp is recorded as a cross-check);
//    - split into webview start = the frame's timeOrigin − t0 (command, activation, panel, HTML) and in-webview time
//      = the mark's startTime (mark − the frame's navigation start: script, first messages, render, next frame);
//    - host listing time, from the extension log line `[studio] history: N images in …, listed in M ms`;
//    - cards rendered, and <img> elements with `complete && naturalWidth > 0` right after paint and 2 s after it
//      (thumbnails are `loading="lazy"`: only those near the viewport should load), and cards with details by then;
//    - long tasks, read after the fact with `PerformanceObserver({ type: 'longtask', buffered: true })` in both the
//      workbench page and the Studio frame (code-server serves webviews from the workbench's origin, so they share
//      one renderer main thread): count and longest between t0 and t0 + 2 s, and between t0 and paint + 2 s, for the
//      whole main thread and for the Studio's own tasks (attribution 'self' in the frame); and the long task that
//      ends at the mark (the one that built the list; none when it took under 50 ms). Note: the mark is taken in a
//      requestAnimationFrame callback, which runs before that frame's style, layout and paint, so the pixels land
//      a little after the mark.
//    A screenshot of each case's first window, 2 s after the paint, goes to bench-results/studio-n<N>.png.
// 4. Prints median / min / max per case and the ratio of the medians of time to first paint (N=500 / N=1), and
//    writes bench-results/studio.json (git-ignored).
//
// Usage: node bench/studio.mjs [--quick] [--runs N] [--cases 1,500] [--settle MS] [--warmup N] [--keep]
//   --quick       one window per case on 1 and 20 images, no warm-up, settle 500 ms: a smoke check that the bench
//                 works and prints its figures (npm test runs it); the explicit options below still apply
//   --runs N      windows per case (default 5, 1…10)
//   --cases LIST  image counts, comma-separated (default 1,500; e.g. 1,100,500; each 1…2000)
//   --settle MS   idle wait after the workbench lists the command, before t0 (default 3000)
//   --warmup N    uncounted warm-up windows on the largest case first (default 1, 0…3)
//   --keep        keep every run folder (server and extension host logs) and the image workspaces
//   --trace       record a Chromium performance trace of each window from t0 to paint + 2 s, to
//                 bench-results/studio-trace-n<N>-<run>.json (open it in DevTools' Performance panel, or summarise
//                 the Studio's long tasks with `node bench/studioTrace.mjs <file>`), and a CPU profile of the
//                 renderer's scripts beside it (.cpuprofile); tracing slows the renderer, so those runs' timings
//                 are not figures
// Bounded: each window ≤ 120 s, the whole run ≤ 15 min (a hard stop after that), every code-server and the fake proxy
// stopped by PID tree on success, failure and Ctrl-C. A failed window leaves its run folder, a screenshot
// (bench-results/studio-failure-*.png) and the log tails; two failures in a row stop the run.
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { killTree, openBrowser, startCodeServer } from '../scripts/vscode/codeServer.mjs';
import { repoRoot } from '../scripts/vscode/installCodeServer.mjs';
import { packagedBundles } from './packagedBundles.mjs';
import { stats, table } from './report.mjs';

const WINDOW_TIMEOUT_MS = 120_000;
const TOTAL_BUDGET_MS = 15 * 60_000;
const MAX_RUNS = 10;
const MAX_IMAGES = 2000; // listHistory's default limit
/** Long tasks and loaded thumbnails are counted in this window after t0. */
const OBSERVE_MS = 2000;
const COMMAND_TITLE = 'LiteLLM: Open Image Studio';
const VIEWPORT = { width: 1400, height: 900 };
/** `--trace`: what DevTools' Performance panel records (tasks, scripts with their URLs, style, layout, paint). */
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8.execute',
  'blink.user_timing',
  'loading',
  'toplevel',
];

const benchOut = path.join(repoRoot, 'out/bench-studio');
const buildDir = path.join(benchOut, 'build');
const stagedExtension = path.join(benchOut, 'extension');
const fixturesModule = path.join(benchOut, 'fixtures.cjs');
const resultsDir = path.join(repoRoot, 'bench-results');
const resultsFile = path.join(resultsDir, 'studio.json');

const began = Date.now();
const deadline = began + TOTAL_BUDGET_MS;

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    cases: { type: 'string' },
    settle: { type: 'string' },
    warmup: { type: 'string' },
    keep: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
  },
});
const defaults = values.quick
  ? { runs: '1', cases: '1,20', settle: '500', warmup: '0' }
  : { runs: process.env.LITELLM_BENCH_RUNS ?? '5', cases: '1,500', settle: '3000', warmup: '1' };
for (const key of Object.keys(defaults)) values[key] ??= defaults[key];
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS) {
  console.error(`--runs must be an integer from 1 to ${MAX_RUNS} (got ${values.runs})`);
  process.exit(2);
}
const cases = [...new Set(values.cases.split(',').map((s) => Number(s.trim())))].sort((a, b) => a - b);
if (cases.length === 0 || cases.some((n) => !Number.isInteger(n) || n < 1 || n > MAX_IMAGES)) {
  console.error(
    `--cases must be image counts from 1 to ${MAX_IMAGES}, comma-separated (got ${values.cases})`,
  );
  process.exit(2);
}
const settleMs = Number(values.settle);
if (!Number.isInteger(settleMs) || settleMs < 0 || settleMs > 30_000) {
  console.error(`--settle must be 0…30000 ms (got ${values.settle})`);
  process.exit(2);
}

const warmups = Number(values.warmup);
if (!Number.isInteger(warmups) || warmups < 0 || warmups > 3) {
  console.error(`--warmup must be 0…3 (got ${values.warmup})`);
  process.exit(2);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Milliseconds left before `until`, at least `floor` (so a Playwright timeout is never 0 = "no timeout"). */
const left = (until, floor = 1000) => Math.max(floor, until - Date.now());
/** Wall-clock time in ms with sub-millisecond precision, comparable with a page's timeOrigin + startTime. */
const nowEpoch = () => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------------------------------------------------------
// Build and fixtures

/** scripts/build.mjs --production in out/bench-studio/build/, staged as the extension the .vsix would hold. */
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

  rmSync(stagedExtension, { recursive: true, force: true });
  mkdirSync(path.join(stagedExtension, 'dist'), { recursive: true });
  for (const f of ['package.json', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
    if (existsSync(path.join(repoRoot, f)))
      copyFileSync(path.join(repoRoot, f), path.join(stagedExtension, f));
  }
  for (const d of ['l10n', 'media']) {
    cpSync(path.join(repoRoot, d), path.join(stagedExtension, d), { recursive: true });
  }
  for (const f of packagedBundles(repoRoot)) {
    copyFileSync(path.join(buildDir, 'dist', f), path.join(stagedExtension, 'dist', f));
  }
  cpSync(path.join(buildDir, 'dist/webview'), path.join(stagedExtension, 'dist/webview'), {
    recursive: true,
  });
  const webviewFiles = readdirSync(path.join(stagedExtension, 'dist/webview'));
  if (!webviewFiles.includes('studio.js')) throw new Error('the build made no dist/webview/studio.js');
  const sizes = {};
  for (const f of [
    'dist/extension.js',
    'dist/commands.js',
    'dist/core.js',
    'dist/studio.js',
    ...webviewFiles.map((w) => `dist/webview/${w}`),
  ])
    sizes[f] = statSync(path.join(stagedExtension, f)).size;
  return sizes;
}

/**
 * The image writer, in TypeScript so it can call the project's own code: pictures made of flat bands and a disc
 * with 1–3 bits of per-pixel noise (test/fixtures/png.ts encodePng writes unfiltered scanlines, so the noise sets the
 * size: about 150, 280 or 410 KB), saved by src/core/saveImages.ts saveImageWithProvenance (provenance embedded as
 * the iTXt chunk the extension reads back), then given an mtime `i` steps back from now.
 */
const FIXTURES_SOURCE = `
import { promises as fs } from 'node:fs';
import { sniffImage } from './src/core/imageBytes';
import { saveImageWithProvenance, slugFromPrompt } from './src/core/saveImages';
import { encodePng } from './test/fixtures/png';

const SUBJECTS = ['a lighthouse at dusk', 'a red fox in fresh snow', 'a teapot shaped like a snail',
  'a city of glass towers', 'an astronaut tending tomatoes', 'a koi pond from above', 'a paper boat in the rain',
  'a robot reading to children', 'a desert train at noon', 'a bowl of ramen in neon light', 'an owl librarian',
  'a mountain cabin in autumn', 'a jellyfish made of lanterns'];
const STYLES = ['watercolour', 'oil painting', 'pixel art', 'isometric 3D render', 'charcoal sketch',
  'studio photograph', 'ukiyo-e woodblock print'];
const MODELS = ['gpt-image-1', 'gpt-image-1', 'dall-e-3', 'gpt-image-2'];
const NOISE_BITS = [1, 2, 3, 2];

function picture(i: number, width: number, height: number): Buffer {
  const rgb = Buffer.alloc(width * height * 3);
  let s = (0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b)) | 1;
  const rand = () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return (s >>> 0) / 4294967296; };
  const bands = Array.from({ length: 8 }, () => [rand() * 200, rand() * 200, rand() * 200].map(Math.floor));
  const disc = [rand() * 200, rand() * 200, rand() * 200].map(Math.floor);
  const cx = width * (0.25 + 0.5 * rand()), cy = height * (0.25 + 0.5 * rand());
  const r2 = (Math.min(width, height) * (0.15 + 0.2 * rand())) ** 2;
  const mask = (1 << NOISE_BITS[i % NOISE_BITS.length]) - 1;
  const bandHeight = Math.ceil(height / bands.length);
  for (let y = 0; y < height; y++) {
    const band = bands[Math.floor(y / bandHeight)];
    for (let x = 0; x < width; x++) {
      const c = (x - cx) ** 2 + (y - cy) ** 2 < r2 ? disc : band;
      s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
      const o = (y * width + x) * 3;
      rgb[o] = c[0] + (s & mask);
      rgb[o + 1] = c[1] + ((s >>> 8) & mask);
      rgb[o + 2] = c[2] + ((s >>> 16) & mask);
    }
  }
  return rgb;
}

export async function writeImages(folder: string, count: number, opts: { width: number; height: number; spanMs: number; now: number }) {
  const step = count > 1 ? opts.spanMs / (count - 1) : 0;
  const files: { path: string; bytes: number; mtimeMs: number }[] = [];
  for (let i = 0; i < count; i++) {
    const prompt = \`\${SUBJECTS[i % SUBJECTS.length]}, \${STYLES[Math.floor(i / SUBJECTS.length) % STYLES.length]}, variation \${i + 1}\`;
    const png = encodePng(opts.width, opts.height, picture(i, opts.width, opts.height));
    const sniffed = sniffImage(png);
    if (!sniffed) throw new Error('encodePng made something sniffImage does not know');
    const mtimeMs = Math.round(opts.now - i * step);
    const model = MODELS[i % MODELS.length];
    const provenance = {
      tool: 'litellm-images' as const,
      operation: (i % 7 === 3 ? 'edit' : 'generate') as 'edit' | 'generate',
      prompt,
      model,
      ...(i % 11 === 5 ? { requestedModel: 'gpt-image-2' } : {}),
      parameters: { size: \`\${opts.width}x\${opts.height}\`, quality: 'medium' as const, n: 1 },
      ...(i % 3 === 0 ? { revisedPrompt: \`\${prompt}, highly detailed\` } : {}),
      callId: \`bench-\${i}\`,
      cost: Math.round((0.01 + (i % 5) * 0.01) * 10000) / 10000,
      createdAt: new Date(mtimeMs).toISOString(),
    };
    const saved = await saveImageWithProvenance({ folder, baseName: slugFromPrompt(prompt) }, { bytes: png, sniffed, provenance });
    const when = new Date(mtimeMs);
    await fs.utimes(saved.path, when, when);
    files.push({ path: saved.path, bytes: saved.bytes, mtimeMs });
  }
  return files;
}
`;

/** Bundles FIXTURES_SOURCE (with the project's saving code) and loads it. */
async function loadFixtures() {
  await esbuild.build({
    stdin: {
      contents: FIXTURES_SOURCE,
      resolveDir: repoRoot,
      loader: 'ts',
      sourcefile: 'benchStudioFixtures.ts',
    },
    outfile: fixturesModule,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(fixturesModule);
}

/**
 * One pool of max(cases) images, newest first, then per case a workspace whose images/ holds the newest N
 * (hard links keep the mtimes; a copy with utimes where links are not possible).
 */
async function makeWorkspaces(root) {
  const { writeImages } = await loadFixtures();
  const pool = path.join(root, 'pool');
  const started = Date.now();
  const files = await writeImages(pool, cases.at(-1), {
    width: 512,
    height: 512,
    spanMs: 30 * 24 * 3600_000,
    now: Date.now() - 60_000,
  });
  const totalBytes = files.reduce((sum, f) => sum + f.bytes, 0);
  console.log(
    `  wrote ${files.length} PNGs with provenance (${(totalBytes / 1048576).toFixed(1)} MiB, ` +
      `${Math.round(Math.min(...files.map((f) => f.bytes)) / 1024)}–` +
      `${Math.round(Math.max(...files.map((f) => f.bytes)) / 1024)} KiB each) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const out = {};
  for (const n of cases) {
    const workspace = path.join(root, `n${n}`);
    const images = path.join(workspace, 'images');
    mkdirSync(images, { recursive: true });
    const chosen = files.slice(0, n);
    for (const f of chosen) {
      const to = path.join(images, path.basename(f.path));
      try {
        linkSync(f.path, to);
      } catch {
        copyFileSync(f.path, to);
        const when = new Date(f.mtimeMs);
        utimesSync(to, when, when);
      }
    }
    out[n] = { n, workspace, bytes: chosen.reduce((sum, f) => sum + f.bytes, 0) };
  }
  return { cases: out, poolBytes: totalBytes, poolMs: Date.now() - started };
}

/** The fake LiteLLM proxy (test/fixtures/fakeLitellm.ts as dist/demo-server.js), key sk-demo. */
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

// ---------------------------------------------------------------------------------------------------------------
// One window

/** Files under `dir` (recursively) whose name ends with `.log`. */
function logFiles(dir) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.log')) out.push(full);
    }
  };
  walk(dir);
  return out;
}

const HOST_LISTING = /\[studio\] history: (\d+) images? in .*, listed in (\d+) ms/;

/** The extension's `[studio] history:` log line (its output channel is a file under the user data logs). */
async function hostListing(server, until) {
  for (;;) {
    for (const file of logFiles(path.join(server.dirs.userData, 'logs'))) {
      const m = HOST_LISTING.exec(readFileSync(file, 'utf8'));
      if (m)
        return { images: Number(m[1]), listedMs: Number(m[2]), file: path.relative(server.runDir, file) };
    }
    if (Date.now() > until) return undefined;
    await sleep(200);
  }
}

/** The last lines of the extension's output channel and of the extension host log, for a failure report. */
function logTails(server, lines = 25) {
  const picks = logFiles(server.runDir).filter((f) => /LiteLLM|exthost|remoteagent|server\.log$/i.test(f));
  return picks
    .map((f) => {
      const text = readFileSync(f, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
      return `--- ${path.relative(server.runDir, f)} (tail) ---\n${text}`;
    })
    .join('\n');
}

/** The palette, the way test/e2e/support/workbench.ts drives it. */
function palette(page) {
  const quickInput = page.locator('.quick-input-widget');
  const input = quickInput.locator('input.input');
  const rows = quickInput.locator('.quick-input-list .monaco-list-row');
  async function open(query, until) {
    for (let attempt = 1; ; attempt++) {
      if (!(await input.isVisible())) {
        await page.locator('.monaco-workbench').focus();
        await page.keyboard.press('F1');
      }
      try {
        await input.waitFor({ state: 'visible', timeout: Math.min(3000, left(until)) });
        await input.fill(`>${query}`, { timeout: Math.min(3000, left(until)) });
        return;
      } catch (err) {
        if (attempt >= 5 || Date.now() > until) throw err;
      }
    }
  }
  async function close() {
    await page.keyboard.press('Escape');
    await quickInput.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
  }
  /** Opens the palette on `title` until its first row is that command (the extension host has scanned it). */
  async function showFirst(title, until) {
    for (;;) {
      await open(title, until);
      const first = rows.first();
      try {
        await first
          .filter({ hasText: title })
          .waitFor({ state: 'visible', timeout: Math.min(2000, left(until)) });
        return;
      } catch {
        if (Date.now() > until) {
          const shown = await rows.allInnerTexts().catch(() => []);
          throw new Error(`the palette never listed "${title}" first (rows: ${JSON.stringify(shown)})`);
        }
        await close();
        await sleep(500);
      }
    }
  }
  return { showFirst, close, quickInput };
}

/** The Studio's content frame: the one whose document has the composer's #prompt. */
async function studioFrame(page, until) {
  for (;;) {
    for (const frame of page.frames()) {
      if (frame.isDetached()) continue;
      const found = await frame
        .locator('#prompt')
        .count()
        .catch(() => 0);
      if (found > 0) return frame;
    }
    if (Date.now() > until) throw new Error('no Image Studio webview frame (#prompt) appeared');
    await sleep(20);
  }
}

/** In the Studio frame, right after `body[data-history-painted]` appeared. */
function readPaint() {
  const mark = performance.getEntriesByName('studio:history-painted')[0];
  const nav = performance.getEntriesByType('navigation')[0];
  const imgs = [...document.querySelectorAll('#history-list img')];
  return {
    timeOrigin: performance.timeOrigin,
    navigationStart: performance.timing.navigationStart,
    markStartTime: mark ? mark.startTime : null,
    domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
    observedAt: performance.now(),
    painted: document.body.dataset.historyPainted,
    cards: document.querySelectorAll('#history-list > li').length,
    images: imgs.length,
    loaded: imgs.filter((i) => i.complete && i.naturalWidth > 0).length,
    documentUrl: location.href.slice(0, 200),
  };
}

/** In the Studio frame, OBSERVE_MS after the paint: thumbnails loaded by then, cards whose details arrived. */
function readAfter() {
  const imgs = [...document.querySelectorAll('#history-list img')];
  return {
    loaded: imgs.filter((i) => i.complete && i.naturalWidth > 0).length,
    detailsFilled: document.querySelectorAll('#history-list .card-meta:not([hidden])').length,
  };
}

/**
 * In a document (the workbench page or the Studio frame): the long tasks its buffer holds, read after the fact with
 * `buffered: true`, as wall-clock start times. Each document sees the tasks of its renderer's main thread, with an
 * attribution: 'self' for its own, 'same-origin-ancestor' / '…-descendant' for the other documents on that thread.
 */
function readLongTasks() {
  return new Promise((resolve) => {
    if (!PerformanceObserver.supportedEntryTypes.includes('longtask'))
      return resolve({ supported: false, dropped: 0, tasks: [] });
    const seen = [];
    let dropped = 0;
    const observer = new PerformanceObserver((list, _o, options) => {
      seen.push(...list.getEntries());
      dropped = Math.max(dropped, options?.droppedEntriesCount ?? 0);
    });
    observer.observe({ type: 'longtask', buffered: true });
    setTimeout(() => {
      seen.push(...observer.takeRecords());
      observer.disconnect();
      resolve({
        supported: true,
        dropped,
        tasks: seen.map((e) => ({
          start: performance.timeOrigin + e.startTime,
          duration: e.duration,
          name: e.name,
        })),
      });
    }, 100);
  });
}

/**
 * One list of the main thread's long tasks from both documents' observations. The same task appears in both (as
 * 'self' in one, '…-ancestor' / '…-descendant' in the other; start times can differ by a fraction of a millisecond,
 * and a task that began before the frame existed is clipped in the frame's view), so tasks whose start or end agree
 * within 1 ms are one task, kept at its longest. `owner`: 'studio' when the frame saw it as its own, 'workbench'
 * when the page did, else 'other' (e.g. the same-origin iframe of the web worker extension host).
 */
function mergeLongTasks(pageTasks, frameTasks) {
  const tagged = [
    ...frameTasks.map((t) => ({ ...t, owner: t.name === 'self' ? 'studio' : undefined })),
    ...pageTasks.map((t) => ({ ...t, owner: t.name === 'self' ? 'workbench' : undefined })),
  ].sort((a, b) => b.duration - a.duration);
  const merged = [];
  for (const t of tagged) {
    const same = merged.find(
      (m) => Math.abs(m.start - t.start) <= 1 || Math.abs(m.start + m.duration - (t.start + t.duration)) <= 1,
    );
    if (!same) merged.push({ start: t.start, duration: t.duration, owner: t.owner });
    else same.owner ??= t.owner;
  }
  for (const m of merged) m.owner ??= 'other';
  return merged.sort((a, b) => a.start - b.start);
}

/** Long-task figures between `from` and `to` (wall clock): every task on the main thread, and the Studio's own. */
function longTaskFigures(tasks, from, to) {
  const inside = tasks.filter((t) => t.start + t.duration >= from && t.start <= to);
  const own = inside.filter((t) => t.owner === 'studio');
  const max = (list) => (list.length ? Math.max(...list.map((t) => t.duration)) : 0);
  return { count: inside.length, maxMs: max(inside), studioCount: own.length, studioMaxMs: max(own) };
}

/** Rejects after `ms` (the per-window bound); the caller's finally stops the server, which ends the rest. */
function bounded(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * One fresh code-server + browser context on `theCase`'s workspace: opens the Studio and returns the figures.
 * `shotFile`: a screenshot of the workbench 2 s after the paint (after every reading).
 */
async function measureWindow(browser, proxy, theCase, index, state, { shotFile } = {}) {
  const label = `bench:studio n=${theCase.n} #${index}`;
  const windowStart = Date.now();
  const loadAverage = os.loadavg()[0];
  const until = Math.min(windowStart + WINDOW_TIMEOUT_MS, deadline);
  const server = await startCodeServer({
    smokeTestDriver: false,
    trust: true,
    label,
    quiet: true,
    linkExtension: stagedExtension,
    env: { LITELLM_API_KEY: proxy.key },
    userSettings: {
      'litellm.baseUrl': proxy.url,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'workbench.colorTheme': 'Default Dark Modern',
    },
  });
  state.server = server;
  let ok = false;
  let context;
  let page;
  let tracing = false;
  let profiler;
  const consoleTail = [];
  try {
    context = await browser.newContext({ viewport: VIEWPORT });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() !== 'error' && m.type() !== 'warning') return;
      consoleTail.push(`[${m.type()}] ${m.text().slice(0, 300)}`);
      if (consoleTail.length > 30) consoleTail.shift();
    });
    page.on('pageerror', (e) => consoleTail.push(`[pageerror] ${String(e).slice(0, 300)}`));

    const run = async () => {
      await page.goto(server.url(theCase.workspace), { waitUntil: 'domcontentloaded', timeout: left(until) });
      await page.locator('.monaco-workbench').waitFor({ timeout: left(until) });
      const workbenchMs = Date.now() - windowStart;

      // Settle: the command is listed (the extension is scanned), then quiet time and an idle callback.
      const pal = palette(page);
      await pal.showFirst(COMMAND_TITLE, until);
      await pal.close();
      await sleep(settleMs);
      await page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(), { timeout: 2000 })));

      // t0: Enter on the palette row. The workbench's own keydown timestamp is recorded as a cross-check.
      await pal.showFirst(COMMAND_TITLE, until);
      await page.evaluate(() => {
        window.__benchEnter = undefined;
        addEventListener(
          'keydown',
          (e) => {
            if (e.key === 'Enter' && window.__benchEnter === undefined)
              window.__benchEnter = performance.timeOrigin + e.timeStamp;
          },
          { capture: true },
        );
      });
      if (values.trace) {
        await browser.startTracing(page, { categories: TRACE_CATEGORIES });
        tracing = true;
        // The webview shares the page's renderer (same origin), so the page's profiler sees the Studio's script too.
        profiler = await context.newCDPSession(page);
        await profiler.send('Profiler.enable');
        await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
        await profiler.send('Profiler.start');
      }
      const t0 = nowEpoch();
      await page.keyboard.press('Enter');

      const frame = await studioFrame(page, until);
      const frameFoundMs = nowEpoch() - t0;
      await frame.waitForSelector('body[data-history-painted]', { state: 'attached', timeout: left(until) });
      const paint = await frame.evaluate(readPaint);
      const paintSeenMs = nowEpoch() - t0;
      const keydownEpoch = await page.evaluate(() => window.__benchEnter ?? null);

      if (paint.markStartTime === null)
        throw new Error('body[data-history-painted] is set but no mark was found');
      const markEpoch = paint.timeOrigin + paint.markStartTime;

      // OBSERVE_MS after the paint (so the window also covers the paint itself when it comes later than 2 s).
      const wait = markEpoch + OBSERVE_MS - nowEpoch();
      if (wait > 0) await sleep(wait);
      const after = await frame.evaluate(readAfter);
      if (tracing) {
        tracing = false;
        mkdirSync(resultsDir, { recursive: true });
        const stem = path.join(resultsDir, `studio-trace-n${theCase.n}-${index}`);
        writeFileSync(`${stem}.json`, await browser.stopTracing());
        const { profile } = await profiler.send('Profiler.stop');
        writeFileSync(`${stem}.cpuprofile`, JSON.stringify(profile));
      }
      const frameTasks = await frame.evaluate(readLongTasks);
      const pageTasks = await page.evaluate(readLongTasks);
      const host = await hostListing(server, Math.min(Date.now() + 3000, until));
      if (shotFile) await page.screenshot({ path: shotFile, timeout: 10_000 }).catch(() => {});

      const tasks = mergeLongTasks(pageTasks.tasks, frameTasks.tasks);
      const first2s = longTaskFigures(tasks, t0, t0 + OBSERVE_MS);
      const untilAfterPaint = longTaskFigures(tasks, t0, markEpoch + OBSERVE_MS);
      // The task that built the list: the one ending (or still running) at the mark, which comes in the next frame.
      const renderTask = tasks
        .filter((t) => t.start <= markEpoch && t.start + t.duration >= markEpoch - 10)
        .reduce((longest, t) => Math.max(longest, t.duration), 0);
      return {
        n: theCase.n,
        run: index,
        loadAverage1m: loadAverage,
        ttfpMs: markEpoch - t0,
        ttfpFromKeydownMs: keydownEpoch === null ? null : markEpoch - keydownEpoch,
        enterToKeydownMs: keydownEpoch === null ? null : keydownEpoch - t0,
        inWebviewMs: paint.markStartTime,
        inWebviewFromNavigationStartMs: markEpoch - paint.navigationStart,
        webviewStartMs: paint.timeOrigin - t0,
        webviewDomContentLoadedMs: paint.domContentLoaded,
        frameFoundMs,
        paintSeenMs,
        hostListingMs: host?.listedMs ?? null,
        hostListedImages: host?.images ?? null,
        historyPainted: Number(paint.painted),
        cards: paint.cards,
        imgElements: paint.images,
        imagesLoadedAtPaint: paint.loaded,
        imagesLoadedAfterPaint: after.loaded,
        detailsFilledAfterPaint: after.detailsFilled,
        longtaskSupported: frameTasks.supported && pageTasks.supported,
        longtaskDropped: { workbench: pageTasks.dropped, studio: frameTasks.dropped },
        longtaskCount: first2s.count,
        longtaskMaxMs: first2s.maxMs,
        longtaskStudioCount: first2s.studioCount,
        longtaskStudioMaxMs: first2s.studioMaxMs,
        longtaskToPaint2sCount: untilAfterPaint.count,
        longtaskToPaint2sMaxMs: untilAfterPaint.maxMs,
        longtaskToPaint2sStudioMaxMs: untilAfterPaint.studioMaxMs,
        longtaskAtPaintMs: renderTask,
        // Start relative to t0 (the paint is at ttfpMs).
        longtasks: tasks
          .filter((t) => t.start + t.duration >= t0 && t.start <= markEpoch + OBSERVE_MS)
          .map((t) => ({ ...t, start: Math.round((t.start - t0) * 10) / 10 })),
        screenshot: shotFile ? path.relative(repoRoot, shotFile) : undefined,
        workbenchMs,
        windowMs: 0,
        webviewUrl: paint.documentUrl,
      };
    };

    const result = await bounded(run(), left(until), label);
    result.windowMs = Date.now() - windowStart;
    ok = true;
    return result;
  } catch (err) {
    const shot = path.join(resultsDir, `studio-failure-n${theCase.n}-run${index}.png`);
    mkdirSync(resultsDir, { recursive: true });
    const saved = await page
      ?.screenshot({ path: shot, timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    const detail = [
      `${label}: ${err instanceof Error ? err.message : String(err)}`,
      saved ? `screenshot: ${path.relative(repoRoot, shot)}` : 'no screenshot',
      `run folder kept: ${server.runDir}`,
      consoleTail.length ? `--- browser console (errors/warnings) ---\n${consoleTail.join('\n')}` : '',
      logTails(server),
    ]
      .filter(Boolean)
      .join('\n');
    throw new Error(detail, { cause: err });
  } finally {
    if (tracing) await browser.stopTracing().catch(() => {});
    await context?.close().catch(() => {});
    await server.stop({ keepLogs: !ok || values.keep });
    state.server = undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Report

/** [key, label, decimals] of every per-window figure reported. */
const FIGURES = [
  ['ttfpMs', 'time to first paint (ms, t0 = Enter)', 1],
  ['webviewStartMs', '  webview start (frame timeOrigin − t0)', 1],
  ['inWebviewMs', '  in webview (mark − navigation start)', 1],
  ['hostListingMs', 'host listing (log, ms)', 0],
  ['enterToKeydownMs', 'Enter → workbench keydown (ms)', 1],
  ['paintSeenMs', 'paint observed by the bench (ms)', 1],
  ['cards', 'cards rendered', 0],
  ['imagesLoadedAtPaint', 'thumbnails loaded at paint', 0],
  ['imagesLoadedAfterPaint', 'thumbnails loaded at paint + 2 s', 0],
  ['detailsFilledAfterPaint', 'cards with details at paint + 2 s', 0],
  ['longtaskCount', 'long tasks, t0 … t0+2 s (main thread)', 0],
  ['longtaskMaxMs', '  longest (main thread, ms)', 1],
  ['longtaskStudioCount', "  of which the Studio's own ('self')", 0],
  ['longtaskStudioMaxMs', "  longest of the Studio's own (ms)", 1],
  ['longtaskToPaint2sCount', 'long tasks, t0 … paint+2 s (main thread)', 0],
  ['longtaskToPaint2sMaxMs', '  longest (main thread, ms)', 1],
  ['longtaskToPaint2sStudioMaxMs', "  longest of the Studio's own (ms)", 1],
  ['longtaskAtPaintMs', 'long task ending at the paint mark (ms, 0: none)', 1],
  ['loadAverage1m', 'machine load average (1 min) at start', 2],
  ['workbenchMs', 'workbench shown (ms from window start)', 0],
];

async function main() {
  console.log(
    `bench:studio: cases ${cases.join(', ')} image(s), ${runs} window(s) each, settle ${settleMs} ms`,
  );
  console.log('bench:studio: production build into out/bench-studio/ …');
  const sizes = buildProduction();

  const state = { server: undefined, browser: undefined, proxy: undefined, root: undefined };
  const cleanUp = async () => {
    await state.server?.stop({ keepLogs: true }).catch(() => {});
    await state.browser?.close().catch(() => {});
    if (state.proxy?.child.exitCode === null) await killTree(state.proxy.child.pid);
    if (state.root && !values.keep) rmSync(state.root, { recursive: true, force: true });
    else if (state.root) console.log(`image workspaces kept: ${state.root}`);
  };
  const onSignal = () => void cleanUp().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // The hard stop: whatever hangs, the run ends at the budget (plus a minute for the cleanup itself).
  const hardStop = setTimeout(() => {
    console.error('bench:studio: the 15-minute budget ran out; stopping everything');
    void cleanUp().then(() => process.exit(1));
  }, TOTAL_BUDGET_MS + 60_000);
  hardStop.unref();

  const windows = [];
  const failures = [];
  let workspaces;
  try {
    state.root = mkdtempSync(path.join(os.tmpdir(), 'litellm-bench-studio-'));
    console.log(`bench:studio: writing images into ${state.root} …`);
    workspaces = await makeWorkspaces(state.root);
    state.proxy = await startFakeProxy();
    state.browser = await openBrowser();
    let failedInARow = 0;
    const describe = (r) =>
      `first paint ${r.ttfpMs.toFixed(1)} ms (webview start ${r.webviewStartMs.toFixed(1)} + in webview ` +
      `${r.inWebviewMs.toFixed(1)}; host listing ${r.hostListingMs ?? '?'} ms), ${r.cards} cards, ` +
      `${r.imagesLoadedAtPaint}/${r.imgElements} thumbnails loaded at paint, ${r.imagesLoadedAfterPaint} 2 s later, ` +
      `long tasks to paint+2 s: ${r.longtaskToPaint2sCount} (max ${r.longtaskToPaint2sMaxMs.toFixed(0)} ms, ` +
      `Studio's own max ${r.longtaskToPaint2sStudioMaxMs.toFixed(0)} ms); load ${r.loadAverage1m.toFixed(1)}, ` +
      `window ${(r.windowMs / 1000).toFixed(1)} s`;

    // Warm-up, not counted: the first window after the build pays for cold caches (code-server's and Chromium's
    // code caches, the staged bundles read from disk) that no later window pays again.
    for (let w = 1; w <= warmups; w++) {
      try {
        const r = await measureWindow(state.browser, state.proxy, workspaces.cases[cases.at(-1)], 0, state);
        console.log(`  warm-up ${w}/${warmups} (n=${cases.at(-1)}, not counted): ${describe(r)}`);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        console.error(`  warm-up ${w}: FAILED\n${message}`);
        failures.push({ n: cases.at(-1), run: 0, warmup: true, error: message });
        if (++failedInARow >= 2) throw new Error('two windows in a row failed; stopping');
      }
    }
    // Interleaved, so drift over the run (page cache, thermal, other load) touches every case alike, and in
    // alternating order, so no case always comes right after another one's window.
    for (let i = 0; i < runs; i++) {
      for (const n of i % 2 === 0 ? cases : [...cases].reverse()) {
        if (Date.now() > deadline - 30_000) throw new Error('the 15-minute budget ran out');
        try {
          const shotFile = i === 0 ? path.join(resultsDir, `studio-n${n}.png`) : undefined;
          const r = await measureWindow(state.browser, state.proxy, workspaces.cases[n], i + 1, state, {
            shotFile,
          });
          windows.push(r);
          failedInARow = 0;
          console.log(`  n=${String(n).padStart(4)} run ${i + 1}/${runs}: ${describe(r)}`);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          console.error(`  n=${n} run ${i + 1}: FAILED\n${message}`);
          failures.push({ n, run: i + 1, error: message });
          if (++failedInARow >= 2) throw new Error('two windows in a row failed; stopping');
        }
        await sleep(200);
      }
    }
  } finally {
    await cleanUp();
    clearTimeout(hardStop);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const perCase = {};
  for (const n of cases) {
    const ws = windows.filter((w) => w.n === n);
    perCase[n] = { images: n, bytes: workspaces.cases[n].bytes, windows: ws.length, figures: {} };
    for (const [key] of FIGURES) perCase[n].figures[key] = stats(ws.map((w) => w[key]));
  }
  const small = cases[0];
  const large = cases.at(-1);
  const ratio = (a, b) => (a && b ? Math.round((a / b) * 1000) / 1000 : null);
  const ratios = {};
  for (const n of cases.slice(1)) {
    ratios[`ttfp_${n}_over_${small}`] = ratio(
      perCase[n].figures.ttfpMs.median,
      perCase[small].figures.ttfpMs.median,
    );
    ratios[`inWebview_${n}_over_${small}`] = ratio(
      perCase[n].figures.inWebviewMs.median,
      perCase[small].figures.inWebviewMs.median,
    );
  }

  console.log(
    `\nImage Studio history, first paint: ${runs} fresh window(s) per case, ${os.cpus().length} CPU(s), ` +
      `viewport ${VIEWPORT.width}×${VIEWPORT.height}`,
  );
  const fmt = (x, d) => (x === null ? '-' : x.toFixed(d));
  const rows = [];
  for (const [key, label, d] of FIGURES) {
    for (const n of cases) {
      const s = perCase[n].figures[key];
      rows.push([`${label} [${n}]`, s.n, fmt(s.median, d), fmt(s.min, d), fmt(s.max, d)]);
    }
  }
  console.log(table(rows, ['figure [images]', 'n', 'median', 'min', 'max']));
  for (const n of cases.slice(1)) {
    console.log(
      `\nratio of medians, time to first paint ${n} / ${small} image(s): ${ratios[`ttfp_${n}_over_${small}`]}` +
        `\nratio of medians, in-webview time ${n} / ${small} image(s): ${ratios[`inWebview_${n}_over_${small}`]}`,
    );
  }
  if (failures.length) console.log(`\n${failures.length} window(s) failed (see bench-results/studio.json)`);

  const report = {
    date: new Date().toISOString(),
    command: 'npm run bench:studio',
    runsPerCase: runs,
    cases,
    settleMs,
    warmups,
    observeMs: OBSERVE_MS,
    viewport: VIEWPORT,
    machine: {
      platform: `${os.platform()} ${os.release()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    },
    bundleBytes: sizes,
    images: { width: 512, height: 512, poolBytes: workspaces.poolBytes, poolWriteMs: workspaces.poolMs },
    perCase,
    ratios,
    largeOverSmall: ratios[`ttfp_${large}_over_${small}`] ?? null,
    failures,
    windows,
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(resultsFile, JSON.stringify(report, null, 2) + '\n');
  console.log(
    `\nwrote ${path.relative(repoRoot, resultsFile)} in ${((Date.now() - began) / 1000).toFixed(0)} s`,
  );
  if (failures.length) process.exitCode = 1;
}

try {
  await main();
} catch (err) {
  console.error(`bench:studio failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
