// Types for codeServer.mjs, so the TypeScript e2e support code can use it.
import type { Browser } from 'playwright-core';

export const CHROMIUM_FLAGS: string[];
export const CHROMIUM_PATH: string;
export const BASE_USER_SETTINGS: Record<string, unknown>;

export interface StartOptions {
  /** Folder or .code-workspace file opened when the URL names none. */
  workspace?: string;
  /** Enable the smoke-test driver (runs extensionTestsPath; hides notification toasts). */
  smokeTestDriver?: boolean;
  /** true: workspace trust off (all trusted); false: trust on, workspaces open in Restricted Mode. */
  trust?: boolean;
  userSettings?: Record<string, unknown>;
  env?: Record<string, string>;
  /** A .vsix installed into the run's extensions folder before the server starts. */
  installVsix?: string;
  /** A folder symlinked into the run's extensions folder as an installed extension (e.g. the repo root). */
  linkExtension?: string;
  /** Display language (`--locale`); other than English it needs a language pack installed with installVsix. */
  locale?: string;
  label?: string;
  quiet?: boolean;
  /** Which installed code-server runs: the current one (default) or the floor (the lowest VS Code claimed). */
  host?: 'current' | 'floor';
}

export interface CodeServer {
  port: number;
  origin: string;
  runDir: string;
  dirs: Record<'tmp' | 'xdgConfig' | 'xdgData' | 'xdgCache' | 'userData' | 'extensions', string>;
  logFile: string;
  pid: number;
  exited: Promise<{ code: number | null; signal: string | null }>;
  startedInMs: number;
  url(folderOrWorkspace?: string, payload?: [string, string][] | Record<string, string>): string;
  remote(absPath: string): string;
  stop(opts?: { keepLogs?: boolean }): Promise<void>;
}

export function startCodeServer(opts?: StartOptions): Promise<CodeServer>;
export function openBrowser(opts?: { headless?: boolean; args?: string[] }): Promise<Browser>;
export function freePort(): Promise<number>;
export function descendants(pid: number): number[];
export function killTree(pid: number, graceMs?: number): Promise<void>;
export function remoteUri(origin: string, absPath: string): string;
