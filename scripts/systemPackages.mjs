// The operating-system packages the project needs (Debian names), found before any long step: `npm start`,
// `npm test` and `.ci/run` all ask here first. When some are missing and we run as root where apt-get exists, they
// are installed; otherwise this stops at once with the one command to run. The decision is a pure function of an
// injected environment, so test/unit/systemPackages.test.ts checks it without touching apt.
//
// Usage: node scripts/systemPackages.mjs [--needs code-server,browser,netns | --needs all] [--check]
//   --check  never install: exit 1 with the command when something is missing
// LITELLM_SYSTEM_PACKAGES=check has the same effect for `npm start` and `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What each need is for; a package serves one need. */
export const NEEDS = {
  'code-server': "code-server's native modules, built on its first install",
  browser: 'the headless Chromium of the VS Code integration and UI tests',
  netns: 'the network namespaces of the download-policy tests',
};

/**
 * @typedef {{ hasCommand(name: string): boolean, exists(path: string): boolean, isRoot: boolean,
 *   hasAptGet: boolean, allowInstall: boolean, chromiumPath: string }} SystemEnv
 */

/** @type {{ name: string, need: keyof typeof NEEDS, present(env: SystemEnv): boolean }[]} */
export const SYSTEM_PACKAGES = [
  { name: 'g++', need: 'code-server', present: (env) => env.hasCommand('g++') },
  {
    name: 'libkrb5-dev',
    need: 'code-server',
    present: (env) => ['/usr/include/gssapi/gssapi.h', '/usr/include/gssapi.h'].some((p) => env.exists(p)),
  },
  { name: 'chromium', need: 'browser', present: (env) => env.exists(env.chromiumPath) },
  { name: 'iproute2', need: 'netns', present: (env) => env.hasCommand('ip') },
];

/** The packages of these needs that are missing, in SYSTEM_PACKAGES order. */
export function missingPackages(needs, env) {
  return SYSTEM_PACKAGES.filter((p) => needs.includes(p.need) && !p.present(env)).map((p) => p.name);
}

/** The command a user runs to install `names` (with sudo unless root). */
export function installCommand(names, { isRoot }) {
  const sudo = isRoot ? '' : 'sudo ';
  return `${sudo}apt-get update && ${sudo}apt-get install -y ${names.join(' ')}`;
}

/**
 * What to do about the missing packages of `needs`:
 *   { action: 'none' }
 *   { action: 'install', names, steps }   root with apt-get: run each step (argv lists) in turn
 *   { action: 'stop', names, message }    anything else: the message ends with the one command to run
 */
export function decide(needs, env) {
  const names = missingPackages(needs, env);
  if (names.length === 0) return { action: 'none', names };
  const why = [...new Set(SYSTEM_PACKAGES.filter((p) => names.includes(p.name)).map((p) => NEEDS[p.need]))];
  const head = `Missing system packages: ${names.join(', ')} (needed for ${why.join('; ')}).`;
  if (env.isRoot && env.hasAptGet && env.allowInstall) {
    return {
      action: 'install',
      names,
      steps: [
        ['apt-get', 'update', '-qq'],
        // -q, not -qq: apt's "Get:", "Unpacking" and "Setting up" lines are the progress of a minute-long install.
        ['apt-get', 'install', '-y', '-q', ...names],
      ],
    };
  }
  const message = env.hasAptGet
    ? `${head}\nInstall them with:\n  ${installCommand(names, env)}`
    : `${head}\nThese are Debian's names; with apt-get it would be:\n  ${installCommand(names, env)}\n` +
      "Install the same packages with this system's package manager, then run the command again.";
  return { action: 'stop', names, message };
}

/** The real machine. */
export function systemEnv(env = process.env) {
  const hasCommand = (name) =>
    spawnSync('sh', ['-c', `command -v "$0" >/dev/null 2>&1`, name], { stdio: 'ignore' }).status === 0;
  return {
    hasCommand,
    exists: existsSync,
    isRoot: process.getuid?.() === 0,
    hasAptGet: hasCommand('apt-get'),
    allowInstall: env.LITELLM_SYSTEM_PACKAGES !== 'check',
    chromiumPath: env.CHROMIUM_PATH || '/usr/bin/chromium',
  };
}

/**
 * Makes sure the packages of `needs` are there: installs them (root + apt-get) or throws an Error whose message
 * names the command to run. `run` executes one argv list and returns its exit status (injected by tests).
 */
export function ensureSystemPackages(needs, { env = systemEnv(), run = runInherit, log = console.log } = {}) {
  const plan = decide(needs, env);
  if (plan.action === 'none') return [];
  if (plan.action === 'stop') throw new Error(plan.message);
  log(`== installing system packages with apt-get: ${plan.names.join(' ')} (about a minute)`);
  for (const step of plan.steps) {
    const status = run(step);
    if (status !== 0) {
      throw new Error(
        `\`${step.join(' ')}\` failed (exit ${status}). Run it yourself:\n  ${installCommand(plan.names, env)}`,
      );
    }
  }
  const still = missingPackages(needs, env);
  if (still.length) throw new Error(`apt-get finished, but these are still missing: ${still.join(', ')}.`);
  return plan.names;
}

function runInherit(argv) {
  const res = spawnSync(argv[0], argv.slice(1), {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return res.status ?? 1;
}

/** `--needs a,b` (or `all`) from argv; every need when absent. */
export function needsFromArgs(argv) {
  const i = argv.indexOf('--needs');
  const given = i >= 0 ? (argv[i + 1] ?? '') : 'all';
  const list = given === 'all' ? Object.keys(NEEDS) : given.split(',').filter(Boolean);
  const unknown = list.filter((n) => !(n in NEEDS));
  if (unknown.length)
    throw new Error(`unknown need "${unknown[0]}"; needs: ${Object.keys(NEEDS).join(', ')}, all`);
  return list;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  try {
    const env = systemEnv();
    if (argv.includes('--check')) env.allowInstall = false;
    ensureSystemPackages(needsFromArgs(argv), { env });
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
