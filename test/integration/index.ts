/**
 * The module VS Code's extension host loads as `extensionTestsPath`: it runs one suite folder's bundled tests
 * (out/test/integration/<suite>/**\/*.test.js) with mocha and settles when mocha is done. The suite and the
 * throwaway paths come from the environment the runner passes (see ./env.ts).
 *
 * Optional: LITELLM_TEST_GREP (mocha --grep), LITELLM_TEST_TIMEOUT (ms, default 30000).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { integrationEnv } from './env';

function testFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...testFiles(p));
    else if (entry.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

/**
 * Mocha's reporter output is tagged, so the runner can stream it and keep the workbench's own log lines (which
 * arrive through the same channel) in a log file instead. VS Code locks the extension host's `console` methods
 * (assigning them does nothing), so the tag goes on mocha's own output function. Anything a test prints with
 * console.* lands in the run's workbench.log; use `say()` to print a line among mocha's.
 */
export const EXTHOST_TAG = '[exthost] ';

export function say(...args: unknown[]): void {
  console.log(EXTHOST_TAG + format(...args));
}

export async function run(): Promise<void> {
  process.setSourceMapsEnabled(true);
  Mocha.reporters.Base.consoleLog = say;
  const { suite } = integrationEnv();
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.LITELLM_TEST_TIMEOUT) || 30_000,
    ...(process.env.LITELLM_TEST_GREP ? { grep: process.env.LITELLM_TEST_GREP } : {}),
  });
  const files = testFiles(path.join(__dirname, suite));
  if (files.length === 0)
    throw new Error(`no tests in ${path.join(__dirname, suite)}: run scripts/buildTests.mjs`);
  for (const f of files) mocha.addFile(f);
  say(
    `[integration] suite "${suite}": ${files.length} file(s), VS Code ${vscode.version}, Node ${process.version}`,
  );
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} test(s) failed in suite "${suite}"`);
}
