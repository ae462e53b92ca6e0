export type Need = 'code-server' | 'browser' | 'netns';
export const NEEDS: Record<Need, string>;
export interface SystemEnv {
  hasCommand(name: string): boolean;
  exists(path: string): boolean;
  isRoot: boolean;
  hasAptGet: boolean;
  allowInstall: boolean;
  chromiumPath: string;
}
export const SYSTEM_PACKAGES: { name: string; need: Need; present(env: SystemEnv): boolean }[];
export function missingPackages(needs: readonly Need[], env: SystemEnv): string[];
export function installCommand(names: readonly string[], env: Pick<SystemEnv, 'isRoot'>): string;
export type Decision =
  | { action: 'none'; names: string[] }
  | { action: 'install'; names: string[]; steps: string[][] }
  | { action: 'stop'; names: string[]; message: string };
export function decide(needs: readonly Need[], env: SystemEnv): Decision;
export function systemEnv(env?: NodeJS.ProcessEnv): SystemEnv;
export function ensureSystemPackages(
  needs: readonly Need[],
  options?: { env?: SystemEnv; run?: (argv: string[]) => number; log?: (line: string) => void },
): string[];
export function needsFromArgs(argv: readonly string[]): Need[];
