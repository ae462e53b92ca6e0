/**
 * The same integration suites in a desktop VS Code, through @vscode/test-electron, for machines that have one:
 *
 *   VSCODE_EXECUTABLE=/path/to/code npx tsx test/integration/runElectron.ts [main,multiRoot,restricted]
 *
 * It never downloads VS Code (this project's CI machines cannot): without VSCODE_EXECUTABLE it says so and exits 0.
 * The CI path is scripts/vscode/runIntegration.mjs (code-server + Chromium). Build first: node scripts/build.mjs &&
 * node scripts/buildTests.mjs.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const REPO_ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(REPO_ROOT, 'test/integration/workspace');
const SUITES = ['main', 'multiRoot', 'restricted'] as const;
type Suite = (typeof SUITES)[number];

function prepare(suite: Suite, dir: string): { workspace: string; folders: string[] } {
  const copy = (name: string) => {
    const dest = path.join(dir, 'ws', name);
    cpSync(FIXTURE, dest, { recursive: true });
    return dest;
  };
  if (suite === 'multiRoot') {
    const folders = [copy('alpha'), copy('beta')];
    const workspace = path.join(dir, 'ws', 'multi.code-workspace');
    writeFileSync(
      workspace,
      JSON.stringify({ folders: [{ path: 'alpha' }, { path: 'beta' }], settings: {} }),
    );
    return { workspace, folders };
  }
  const folder = copy(suite === 'restricted' ? 'untrusted' : 'sample');
  return { workspace: folder, folders: [folder] };
}

async function main(): Promise<number> {
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
  if (!vscodeExecutablePath) {
    console.log(
      'runElectron: skipped. VSCODE_EXECUTABLE is not set, and @vscode/test-electron cannot download VS Code here ' +
        '(no access to the VS Code update service). Use scripts/vscode/runIntegration.mjs (code-server) instead.',
    );
    return 0;
  }
  const requested = (process.argv[2] ?? SUITES.join(',')).split(',') as Suite[];
  let failures = 0;
  for (const suite of requested) {
    if (!SUITES.includes(suite)) throw new Error(`unknown suite ${suite}`);
    const dir = mkdtempSync(path.join(tmpdir(), `lli-${suite}-`));
    try {
      const { workspace, folders } = prepare(suite, dir);
      const scratch = path.join(dir, 'scratch');
      mkdirSync(scratch, { recursive: true });
      const launchArgs = [
        workspace,
        '--disable-extensions',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(dir, 'ud')}`,
        `--extensions-dir=${path.join(dir, 'exts')}`,
      ];
      // Trusted suites turn workspace trust off; the restricted suite keeps it on and never trusts the folder.
      if (suite !== 'restricted') launchArgs.push('--disable-workspace-trust');
      else {
        // Open the untrusted folder in Restricted Mode without the modal trust dialog.
        const settings = path.join(dir, 'ud', 'User', 'settings.json');
        mkdirSync(path.dirname(settings), { recursive: true });
        writeFileSync(settings, JSON.stringify({ 'security.workspace.trust.startupPrompt': 'never' }));
      }
      await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: REPO_ROOT,
        extensionTestsPath: path.join(REPO_ROOT, 'out/test/integration/index.js'),
        launchArgs,
        extensionTestsEnv: {
          LITELLM_TEST_SUITE: suite,
          LITELLM_TEST_WORKSPACE: workspace,
          LITELLM_TEST_FOLDERS: JSON.stringify(folders),
          LITELLM_TEST_SCRATCH: scratch,
          LITELLM_TEST_REPO_ROOT: REPO_ROOT,
        },
      });
      console.log(`runElectron: suite ${suite} passed`);
    } catch (err) {
      failures++;
      console.error(`runElectron: suite ${suite} failed: ${err instanceof Error ? err.message : err}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return failures ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
