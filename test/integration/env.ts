/**
 * What the runner (scripts/vscode/runIntegration.mjs, or test/integration/runElectron.ts) tells the tests through
 * the extension host's environment. Tests import this instead of reading process.env themselves.
 */
import { readFileSync } from 'node:fs';

export type SuiteName = 'main' | 'multiRoot' | 'restricted' | 'german';

export interface IntegrationEnv {
  /** Which suite folder under test/integration/ is running. */
  suite: SuiteName;
  /** The throwaway workspace this window opened: a folder, or a .code-workspace file for multiRoot. */
  workspace: string;
  /** The workspace's folders (absolute paths), in order. */
  folders: string[];
  /** A throwaway folder the tests may write into (outside the workspace). */
  scratch: string;
  /** The repository root (the extension under development). */
  repoRoot: string;
  /** Which code-server runs the suite (scripts/vscode/installCodeServer.mjs HOSTS): floor = the lowest VS Code claimed. */
  host: 'current' | 'floor';
}

/**
 * The variables as the runner set them: VS Code 1.139 applies the payload's extensionEnvironment; 1.106's workbench
 * ignores it, so there the runner names a JSON file of the same variables in the server's environment (which the
 * extension host inherits), and they are copied into process.env here, for every reader.
 */
function runnerVariables(): NodeJS.ProcessEnv {
  const file = process.env.LITELLM_TEST_ENV_FILE;
  if (!process.env.LITELLM_TEST_SUITE && file)
    Object.assign(process.env, JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
  return process.env;
}

export function integrationEnv(): IntegrationEnv {
  const env = runnerVariables();
  const suite = env.LITELLM_TEST_SUITE;
  if (suite !== 'main' && suite !== 'multiRoot' && suite !== 'restricted' && suite !== 'german') {
    throw new Error(
      `LITELLM_TEST_SUITE must be main, multiRoot, restricted or german (got ${JSON.stringify(suite)})`,
    );
  }
  return {
    suite,
    workspace: env.LITELLM_TEST_WORKSPACE ?? '',
    folders: JSON.parse(env.LITELLM_TEST_FOLDERS ?? '[]') as string[],
    scratch: env.LITELLM_TEST_SCRATCH ?? '',
    repoRoot: env.LITELLM_TEST_REPO_ROOT ?? '',
    host: env.LITELLM_TEST_HOST === 'floor' ? 'floor' : 'current',
  };
}
