// `npm start`: the extension running in a real VS Code, ready to try.
//   1. builds (and keeps rebuilding on change: run "Developer: Reload Window" to pick up a new build);
//   2. uses the LiteLLM proxy at LITELLM_BASE_URL (+ LITELLM_API_KEY) or, when none is set or it does not answer,
//      starts the built-in demo server (a fake LiteLLM proxy, key sk-demo, no API cost);
//   3. installs code-server (a real VS Code server + workbench, into .cache/) when missing, and starts it with this
//      extension loaded, workspace trust off, a sample workspace (.cache/sample-workspace, created once and never
//      overwritten), `litellm.baseUrl` set to the proxy and LITELLM_API_KEY in its environment;
//   4. prints the URL to open in a browser and runs until Ctrl+C.
//
// Flags: --check  start everything, check the workbench loads and lists the extension's commands, then stop
//        --cli    the older one-shot demo: generate one image with the CLI into demo-output/ (--once: then exit)
//        --port N code-server's port (default: a free one)
// Environment: DEMO_PROMPT, DEMO_MODEL, DEMO_OUT (the --cli demo's prompt, model and folder); LITELLM_BASE_URL,
//              LITELLM_API_KEY (a proxy of your own); LITELLM_SYSTEM_PACKAGES=check (never run apt-get)
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const once = args.includes('--once');
const cliMode = args.includes('--cli');
const check = args.includes('--check');
const prompt = process.env.DEMO_PROMPT || 'a lighthouse at dusk, oil painting';
const outDir = path.resolve(root, process.env.DEMO_OUT || 'demo-output');
const sampleWorkspace = path.join(root, '.cache/sample-workspace');
const DEMO_KEY = 'sk-demo';

function run(cmd, argv, env = {}) {
  return spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

async function reachable(base) {
  try {
    const res = await fetch(new URL('/health/liveliness', base), { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Starts the demo proxy on a free port. Its banner is not shown (this script says what to do instead); its request
 * log lines are shown, marked as the demo proxy's, only once `showLog()` is called: a one-shot run stays quiet.
 */
async function startDemoServer() {
  const child = spawn(process.execPath, [path.join(root, 'dist/demo-server.js'), '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let showing = false;
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    let partial = '';
    const timer = setTimeout(() => reject(new Error('the demo server did not start within 10 s')), 10_000);
    child.stdout.on('data', (d) => {
      seen += d;
      const lines = (partial + d).split('\n');
      partial = lines.pop() ?? '';
      if (showing) for (const line of lines) console.log(`[demo proxy] ${line}`);
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`the demo server exited (${code})`)));
  });
  return { child, url, key: DEMO_KEY, showLog: () => (showing = true) };
}

// System packages before the build and the code-server install (the long step): installed as root with apt-get,
// or the one command to run. The one-shot CLI demo needs none.
if (!cliMode) {
  try {
    const { isInstalled } = await import('./vscode/installCodeServer.mjs');
    const { ensureSystemPackages } = await import('./systemPackages.mjs');
    ensureSystemPackages([...(isInstalled() ? [] : ['code-server']), ...(check ? ['browser'] : [])]);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}

if (run(process.execPath, ['scripts/build.mjs']).status !== 0) process.exit(1);

let base = process.env.LITELLM_BASE_URL;
let key = process.env.LITELLM_API_KEY;
let demo;
if (!base || !(await reachable(base))) {
  if (base) console.log(`LITELLM_BASE_URL=${base} does not answer; using the built-in demo server instead.`);
  demo = await startDemoServer();
  base = demo.url;
  key = demo.key;
  console.log(`Built-in demo proxy (a local imitation of LiteLLM, no API cost): ${base}, key ${DEMO_KEY}`);
}

// ---------------------------------------------------------------------------------------------------------------
// --cli: the one-shot CLI demo (kept from the first version of `npm start`).
if (cliMode) {
  mkdirSync(outDir, { recursive: true });
  console.log(`\nGenerating "${prompt}" through ${base} …`);
  const result = run(
    process.execPath,
    ['dist/cli.js', 'generate', prompt, '--out', outDir, '--model', process.env.DEMO_MODEL || 'gpt-image-2'],
    { LITELLM_BASE_URL: base, LITELLM_API_KEY: key ?? '' },
  );
  if (result.status !== 0) {
    demo?.child.kill();
    process.exit(result.status ?? 1);
  }
  console.log(`\nImages are in ${outDir} (each PNG carries its prompt and model; never overwritten).`);
  if (demo && !once) {
    console.log(`\nThe demo server keeps running at ${base}. Try, in another terminal:`);
    console.log(`  LITELLM_BASE_URL=${base} LITELLM_API_KEY=${demo.key} node dist/cli.js check`);
    console.log(
      `  LITELLM_BASE_URL=${base} LITELLM_API_KEY=${demo.key} node dist/cli.js generate "a red fox in snow" --n 2 --out demo-output`,
    );
    console.log('Press Ctrl+C to stop. The demo proxy logs each request below.\n');
    demo.showLog();
    const stop = () => demo.child.kill('SIGTERM');
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    demo.child.on('exit', () => process.exit(0));
  } else {
    demo?.child.kill('SIGTERM');
  }
} else {
  await startVsCode();
}

// ---------------------------------------------------------------------------------------------------------------
async function startVsCode() {
  const { codeServerPath } = await import('./vscode/installCodeServer.mjs');
  const { startCodeServer, openBrowser } = await import('./vscode/codeServer.mjs');
  const children = demo ? [demo.child] : [];
  let server;
  let stopping = false;
  const cleanup = async (code) => {
    if (stopping) return;
    stopping = true;
    await server?.stop().catch(() => {});
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    process.exit(code);
  };
  process.on('SIGINT', () => void cleanup(0));
  process.on('SIGTERM', () => void cleanup(0));

  try {
    codeServerPath(); // installs on first use (about 4 minutes)

    if (!existsSync(sampleWorkspace)) {
      cpSync(path.join(root, 'test/integration/workspace'), sampleWorkspace, { recursive: true });
      console.log(`Created the sample workspace ${path.relative(root, sampleWorkspace)}/ (yours to edit).`);
    }

    server = await startCodeServer({
      smokeTestDriver: false,
      trust: true,
      linkExtension: root,
      userSettings: { 'litellm.baseUrl': base, 'workbench.startupEditor': 'readme' },
      env: key ? { LITELLM_API_KEY: key } : {},
      label: 'start',
    });
    const url = server.url(sampleWorkspace);

    if (check) {
      const ok = await checkWorkbench(openBrowser, url);
      console.log(ok ? `start --check: ok (${url})` : 'start --check: FAILED');
      await cleanup(ok ? 0 : 1);
      return;
    }

    const watcher = spawn(process.execPath, ['scripts/build.mjs', '--watch'], {
      cwd: root,
      stdio: 'inherit',
    });
    children.push(watcher);
    server.exited.then((e) => {
      if (!stopping) {
        console.error(`code-server stopped (${JSON.stringify(e)}); its log: ${server.logFile}`);
        void cleanup(1);
      }
    });

    console.log(`
LiteLLM Images is running in VS Code (code-server ${server.origin}).

  Open:   ${url}
  Proxy:  ${base}${demo ? ` (built-in demo server, key ${DEMO_KEY})` : ''}

Try "LiteLLM: Generate Image" from the command palette (F1). Source changes rebuild dist/ automatically; run
"Developer: Reload Window" to load them.`);
    if (spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0) {
      console.log(`
A desktop VS Code is installed too: to develop there instead, run
  code --extensionDevelopmentPath=${root} ${sampleWorkspace}`);
    }
    console.log(`\nPress Ctrl+C to stop.${demo ? ' The demo proxy logs each request below.\n' : ''}`);
    demo?.showLog();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    await cleanup(1);
  }
}

/** Loads the workbench in headless Chromium and waits for the palette to list "LiteLLM: Show Log". */
async function checkWorkbench(openBrowser, url) {
  const started = Date.now();
  const browser = await openBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    console.log(`start --check: workbench loaded in ${Date.now() - started} ms`);
    const input = page.locator('.quick-input-widget input.input');
    const title = 'LiteLLM: Show Log';
    while (Date.now() - started < 120_000) {
      if (!(await input.isVisible())) await page.keyboard.press('F1');
      try {
        await input.fill(`>${title}`, { timeout: 3_000 });
        await page
          .locator('.quick-input-list .monaco-list-row', { hasText: title })
          .first()
          .waitFor({ timeout: 2_000 });
        console.log(`start --check: the palette lists "${title}" after ${Date.now() - started} ms`);
        return true;
      } catch {
        await page.keyboard.press('Escape');
        await page.waitForTimeout(500);
      }
    }
    console.error(`start --check: the palette never listed "${title}"`);
    return false;
  } finally {
    await browser.close();
  }
}
