import * as assert from 'node:assert/strict';
import {
  decide,
  ensureSystemPackages,
  needsFromArgs,
  type SystemEnv,
} from '../../scripts/systemPackages.mjs';

/** A machine described by what it has: commands on PATH and files; nothing real is looked at or run. */
function machine(o: {
  commands?: string[];
  files?: string[];
  isRoot?: boolean;
  apt?: boolean;
  allowInstall?: boolean;
}): SystemEnv & { commands: Set<string>; files: Set<string> } {
  const commands = new Set(o.commands ?? []);
  const files = new Set(o.files ?? []);
  return {
    commands,
    files,
    hasCommand: (n) => commands.has(n),
    exists: (p) => files.has(p),
    isRoot: o.isRoot ?? false,
    hasAptGet: o.apt ?? true,
    allowInstall: o.allowInstall ?? true,
    chromiumPath: '/usr/bin/chromium',
  };
}

const FULL = {
  commands: ['g++', 'ip', 'apt-get'],
  files: ['/usr/include/gssapi/gssapi.h', '/usr/bin/chromium'],
};

describe('system packages (scripts/systemPackages.mjs)', () => {
  it('does nothing when every package of the needs is present', () => {
    assert.deepEqual(decide(['code-server', 'browser', 'netns'], machine({ ...FULL, isRoot: true })), {
      action: 'none',
      names: [],
    });
  });

  it('looks only at the needs asked for', () => {
    const env = machine({ commands: ['ip'], files: ['/usr/bin/chromium'] });
    assert.equal(decide(['browser', 'netns'], env).action, 'none');
    assert.deepEqual(decide(['code-server'], env).names, ['g++', 'libkrb5-dev']);
  });

  it('accepts the Kerberos header in either place', () => {
    const env = machine({ commands: ['g++'], files: ['/usr/include/gssapi.h'] });
    assert.equal(decide(['code-server'], env).action, 'none');
  });

  it('installs with apt-get as root, update first', () => {
    const plan = decide(['code-server', 'browser'], machine({ isRoot: true }));
    assert.equal(plan.action, 'install');
    assert.ok(plan.action === 'install');
    assert.deepEqual(plan.steps, [
      ['apt-get', 'update', '-qq'],
      ['apt-get', 'install', '-y', '-q', 'g++', 'libkrb5-dev', 'chromium'],
    ]);
  });

  it('stops with the one sudo command when not root', () => {
    const plan = decide(['code-server', 'browser'], machine({ files: ['/usr/bin/chromium'] }));
    assert.ok(plan.action === 'stop');
    assert.deepEqual(plan.names, ['g++', 'libkrb5-dev']);
    assert.match(
      plan.message,
      /^Missing system packages: g\+\+, libkrb5-dev \(needed for code-server's native modules/,
    );
    assert.ok(
      plan.message.endsWith('\n  sudo apt-get update && sudo apt-get install -y g++ libkrb5-dev'),
      plan.message,
    );
  });

  it('stops without sudo as root when installing is turned off (LITELLM_SYSTEM_PACKAGES=check)', () => {
    const plan = decide(['netns'], machine({ isRoot: true, allowInstall: false }));
    assert.ok(plan.action === 'stop');
    assert.ok(plan.message.endsWith('\n  apt-get update && apt-get install -y iproute2'), plan.message);
  });

  it("names Debian's packages and says so where there is no apt-get, even as root", () => {
    const plan = decide(['browser'], machine({ isRoot: true, apt: false }));
    assert.ok(plan.action === 'stop');
    assert.match(plan.message, /These are Debian's names/);
    assert.match(plan.message, /apt-get install -y chromium/);
  });

  it('runs the steps, then checks again', () => {
    const env = machine({ isRoot: true, files: ['/usr/bin/chromium'] });
    const ran: string[][] = [];
    const installed = ensureSystemPackages(['code-server', 'browser'], {
      env,
      log: () => {},
      run: (argv) => {
        ran.push(argv);
        if (argv[1] === 'install') {
          env.commands.add('g++');
          env.files.add('/usr/include/gssapi/gssapi.h');
        }
        return 0;
      },
    });
    assert.deepEqual(installed, ['g++', 'libkrb5-dev']);
    assert.deepEqual(
      ran.map((a) => a.slice(0, 2)),
      [
        ['apt-get', 'update'],
        ['apt-get', 'install'],
      ],
    );
  });

  it('fails with the command to run when apt-get fails, and stops at the failed step', () => {
    const ran: string[][] = [];
    assert.throws(
      () =>
        ensureSystemPackages(['browser'], {
          env: machine({ isRoot: true }),
          log: () => {},
          run: (argv) => (ran.push(argv), 100),
        }),
      /`apt-get update -qq` failed \(exit 100\)\. Run it yourself:\n {2}apt-get update && apt-get install -y chromium/,
    );
    assert.equal(ran.length, 1);
  });

  it('fails when apt-get succeeded but the package is still missing', () => {
    assert.throws(
      () =>
        ensureSystemPackages(['browser'], { env: machine({ isRoot: true }), log: () => {}, run: () => 0 }),
      /still missing: chromium/,
    );
  });

  it('throws the stop message without running anything', () => {
    let ran = 0;
    assert.throws(
      () => ensureSystemPackages(['netns'], { env: machine({}), log: () => {}, run: () => ++ran }),
      /sudo apt-get install -y iproute2$/,
    );
    assert.equal(ran, 0);
  });

  it('reads --needs, with all as the default, and refuses unknown needs', () => {
    assert.deepEqual(needsFromArgs([]), ['code-server', 'browser', 'netns']);
    assert.deepEqual(needsFromArgs(['--needs', 'browser,netns']), ['browser', 'netns']);
    assert.throws(() => needsFromArgs(['--needs', 'chrome']), /unknown need "chrome"/);
  });
});
