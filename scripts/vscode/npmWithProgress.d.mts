export const QUIET_NPM: string[];
export function folderBytes(dir: string): number;
export function duration(ms: number): string;
export function builtNativeModules(dir: string): number;
export function progressLine(o: {
  label: string;
  expectedBytes: number;
  bytes: number;
  elapsedMs: number;
  phase?: string;
  native?: { done: number; expected: number; since: number; lastAt?: number; text: string };
  stalled?: boolean;
}): string;
export function npmWithProgress(o: {
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  label: string;
  dir?: string;
  expectedBytes: number;
  phases?: { when?: string; text: string }[];
  native?: { under: string; expected: number; text: string };
  everyMs?: number;
  log?: (line: string) => void;
}): Promise<number>;
