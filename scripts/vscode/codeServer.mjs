// A throwaway real VS Code (code-server: the VS Code server + workbench) for tests and `npm start`, and a headless
// Chromium to be its renderer. Every run lives in its own short folder under .cache/runs/ (user data, extensions,
// TMPDIR, XDG_* folders, logs), so nothing leaks into ~/.config, ~/.local or /tmp, and stop() removes it.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheDir, cleanNpmEnv, codeServerPath, HOSTS, nodeHome, nodePathOf } from './installCodeServer.mjs';
import { recordLanguagePacks } from './languagePack.mjs';

const SMOKE_TEST_OPTION = new URL('./smokeTestOption.mjs', import.meta.url).href;

/** Chromium flags that work on these machines (no sandbox as root, no GPU, no background connections). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** User settings every run starts from: no popups, no network lookups, no AI features, no startup editor. */
export const BASE_USER_SETTINGS = {
  'remote.autoForwardPorts': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'window.restoreWindows': 'none',
};

// Unix sockets (vscode-ipc-<uuid>.sock, 52 characters) must fit in 107 characters with the TMPDIR in front.
const SOCKET_NAME_LENGTH = 'vscode-ipc-00000000-0000-0000-0000-000000000000.sock'.length;

function runsRoot() {
  const preferred = path.join(cacheDir, 'runs');
  // `<root>/<6 hex>/tmp/<socket>`
  return preferred.length + 1 + 6 + 5 + SOCKET_NAME_LENGTH <= 107
    ? preferred
    : path.join(os.tmpdir(), 'lli-runs');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** PIDs of every descendant of `pid` (from /proc), children before grandchildren. */
export function descendants(pid) {
  const parentOf = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid … — comm may contain spaces and parentheses: split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  const out = [];
  let frontier = [pid];
  while (frontier.length) {
    const next = [];
    for (const [child, parent] of parentOf) if (frontier.includes(parent)) next.push(child);
    out.push(...next);
    frontier = next;
  }
  return out;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Stops a process and all its descendants by PID: SIGTERM, then SIGKILL after `graceMs`. */
export async function killTree(pid, graceMs = 4000) {
  const pids = [pid, ...descendants(pid)];
  for (const p of pids) {
    try {
      process.kill(p, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some(alive)) await sleep(100);
  // Children forked during shutdown count too.
  const left = [...new Set([...pids, ...pids.flatMap((p) => (alive(p) ? descendants(p) : []))])].filter(
    alive,
  );
  for (const p of left) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** `vscode-remote://host:port/abs/path`: how the browser workbench names a file on the server. */
export function remoteUri(origin, absPath) {
  const authority = new URL(origin).host;
  return `vscode-remote://${authority}${path.resolve(absPath).split(path.sep).map(encodeURIComponent).join('/')}`;
}

/**
 * Starts code-server on a free 127.0.0.1 port and waits for /healthz.
 * @param {object} opts
 * @param {string} [opts.workspace] folder or .code-workspace file opened when the URL names none
 * @param {boolean} [opts.smokeTestDriver] enable the test driver (runs extensionTestsPath; hides notification toasts)
 * @param {boolean} [opts.trust] true: workspace trust off (everything trusted); false: trust on, workspaces open restricted
 * @param {Record<string, unknown>} [opts.userSettings] merged over BASE_USER_SETTINGS
 * @param {Record<string, string>} [opts.env] extra environment for the server (and so its extension hosts)
 * @param {string} [opts.installVsix] a .vsix to install into the run's extensions folder before starting
 * @param {string} [opts.linkExtension] an extension folder (e.g. the repo root) symlinked into the extensions folder:
 *   VS Code loads it as an installed extension, and a window reload picks up a rebuilt dist/
 * @param {string} [opts.locale] display language (`--locale`); a language other than English also needs a language pack
 *   installed with `installVsix` (see scripts/vscode/languagePack.mjs)
 * @param {'current' | 'floor'} [opts.host] which installed code-server (scripts/vscode/installCodeServer.mjs HOSTS)
 * @param {string} [opts.label] shown in log lines
 * @param {boolean} [opts.quiet] do not echo the server's output
 */
export async function startCodeServer(opts = {}) {
  const {
    smokeTestDriver = false,
    trust = true,
    userSettings = {},
    env = {},
    installVsix,
    linkExtension,
    locale,
    workspace,
    host = 'current',
  } = opts;
  const label = opts.label ?? 'code-server';
  const bin = codeServerPath(host);
  const root = runsRoot();
  const id = randomBytes(3).toString('hex');
  const runDir = path.join(root, id);
  const dirs = {
    tmp: path.join(runDir, 'tmp'),
    xdgConfig: path.join(runDir, 'xdg'),
    xdgData: path.join(runDir, 'xdg-data'),
    xdgCache: path.join(runDir, 'xdg-cache'),
    userData: path.join(runDir, 'ud'),
    extensions: path.join(runDir, 'exts'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  const settings = { ...BASE_USER_SETTINGS, ...userSettings };
  if (!trust) {
    // Open untrusted folders in Restricted Mode without the modal "Do you trust the authors?" dialog.
    settings['security.workspace.trust.enabled'] = true;
    settings['security.workspace.trust.startupPrompt'] = 'never';
    settings['security.workspace.trust.emptyWindow'] = false;
  }
  writeFileSync(path.join(dirs.userData, 'User/settings.json'), JSON.stringify(settings, null, 2) + '\n');

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const configFile = path.join(runDir, 'config.yaml');
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

  const childEnv = {
    ...cleanNpmEnv(),
    ...env,
    PATH: nodePathOf(host),
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  };
  // The test harness's own variables must not leak into the server's extension host.
  delete childEnv.NODE_OPTIONS;
  delete childEnv.ELECTRON_RUN_AS_NODE;
  delete childEnv.VSCODE_IPC_HOOK_CLI;

  const common = [
    '--config',
    configFile,
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
  ];
  const node = path.join(nodeHome(host), 'bin/node');

  try {
    if (installVsix) {
      const started = Date.now();
      const res = spawnSync(node, [bin, ...common, '--install-extension', path.resolve(installVsix)], {
        env: childEnv,
        encoding: 'utf8',
        timeout: 120_000,
      });
      if (res.status !== 0) {
        throw new Error(
          `installing ${installVsix} failed (exit ${res.status ?? res.signal}):\n${res.stdout}${res.stderr}`,
        );
      }
      console.log(`[${label}] installed ${path.basename(installVsix)} in ${Date.now() - started} ms`);
    }

    if (linkExtension) {
      const pkg = JSON.parse(readFileSync(path.join(linkExtension, 'package.json'), 'utf8'));
      const name = `${pkg.publisher}.${pkg.name}-${pkg.version}`;
      symlinkSync(path.resolve(linkExtension), path.join(dirs.extensions, name), 'dir');
    }

    if (locale && !locale.startsWith('en')) {
      const languages = recordLanguagePacks(dirs.userData, dirs.extensions);
      if (!languages.some((l) => locale === l || locale.startsWith(`${l}-`)))
        throw new Error(
          `--locale ${locale} needs a language pack for it installed (installVsix); found ${languages}`,
        );
    }
  } catch (err) {
    rmSync(runDir, { recursive: true, force: true });
    throw err;
  }

  const args = [
    ...common,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-getting-started-override',
    // Old extension hosts otherwise outlive the browser for 3 hours. code-server 4.106 has no such flag: there they
    // end with the server, which stop() ends with its children.
    ...(HOSTS[host].reconnectionGraceFlag ? ['--reconnection-grace-time', '5'] : []),
    '--ignore-last-opened',
  ];
  if (trust) args.push('--disable-workspace-trust');
  // code-server 4.106 has no --vscode-option: there a preload declares the flag itself (smokeTestOption.mjs).
  const nodeArgs = [];
  if (smokeTestDriver && HOSTS[host].vscodeOptionFlag)
    args.push('--vscode-option', 'enable-smoke-test-driver');
  else if (smokeTestDriver) {
    nodeArgs.push('--import', SMOKE_TEST_OPTION);
    args.push('--enable-smoke-test-driver');
  }
  if (locale) args.push('--locale', locale);
  if (workspace) args.push(path.resolve(workspace));

  const logFile = path.join(runDir, 'server.log');
  const log = createWriteStream(logFile);
  const child = spawn(node, [...nodeArgs, bin, ...args], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  if (!opts.quiet && process.env.LITELLM_HARNESS_VERBOSE) {
    child.stdout.on('data', (d) => process.stdout.write(`[${label}] ${d}`));
    child.stderr.on('data', (d) => process.stderr.write(`[${label}] ${d}`));
  }
  let exited = null;
  const exitPromise = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    }),
  );

  let stopped = false;
  const stop = async ({ keepLogs = false } = {}) => {
    if (stopped) return;
    stopped = true;
    if (exited === null && child.pid) await killTree(child.pid);
    await Promise.race([exitPromise, sleep(2000)]);
    await new Promise((r) => log.end(r));
    if (keepLogs || process.env.LITELLM_KEEP_RUNS) {
      console.log(
        `[${label}] run folder kept: ${runDir} (server.log, workbench.log, ud/logs/*/exthost*/; delete it when done)`,
      );
    } else {
      rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
    }
  };

  const started = Date.now();
  try {
    for (;;) {
      if (exited) throw new Error(`code-server exited during start-up (${JSON.stringify(exited)})`);
      if (Date.now() - started > 60_000) throw new Error('code-server did not answer /healthz within 60 s');
      try {
        const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(1000) });
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      await sleep(150);
    }
  } catch (err) {
    await stop({ keepLogs: true });
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
    throw new Error(`${err.message}\n--- ${logFile} (tail) ---\n${tail}`);
  }

  /**
   * The workbench URL for a folder or a .code-workspace file, with an optional payload (array of [key, value]
   * pairs, or an object, e.g. extensionDevelopmentPath / extensionTestsPath / extensionEnvironment).
   */
  const url = (folderOrWorkspace, payload) => {
    const params = new URLSearchParams();
    if (folderOrWorkspace) {
      const abs = path.resolve(folderOrWorkspace);
      params.set(abs.endsWith('.code-workspace') ? 'workspace' : 'folder', abs);
    }
    if (payload) {
      const pairs = Array.isArray(payload) ? payload : Object.entries(payload);
      params.set('payload', JSON.stringify(pairs));
    }
    const q = params.toString();
    return `${origin}/${q ? `?${q}` : ''}`;
  };

  return {
    port,
    origin,
    url,
    runDir,
    dirs,
    logFile,
    pid: child.pid,
    exited: exitPromise,
    /** `vscode-remote://` URI of a path on this server, as payload entries need. */
    remote: (absPath) => remoteUri(origin, absPath),
    startedInMs: Date.now() - started,
    stop,
  };
}

/** Launches Debian's Chromium through playwright-core (no browser download). */
export async function openBrowser({ headless = true, args = [] } = {}) {
  const { chromium } = await import('playwright-core');
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH} (Debian: apt-get install chromium, or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless, args: [...CHROMIUM_FLAGS, ...args] });
}
