/**
 * What the runner (scripts/vscode/runIntegration.mjs, or test/integration/runElectron.ts) tells the tests through
 * the extension host's environment. Tests import this instead of reading process.env themselves.
 */
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
}

export function integrationEnv(): IntegrationEnv {
  const env = process.env;
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
  };
}
