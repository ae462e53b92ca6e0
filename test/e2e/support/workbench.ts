/**
 * UI end-to-end helpers: a real VS Code workbench (code-server) in headless Chromium, with this extension installed
 * from a freshly packaged .vsix (which also proves the package works). The server runs WITHOUT the smoke-test
 * driver, because the driver suppresses notification toasts.
 *
 *   const wb = await openWorkbench();
 *   await wb.runCommand('LiteLLM: Show Log');
 *   await wb.screenshot('show-log');
 *   await wb.close();
 */
import { cpSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { openBrowser, startCodeServer, type CodeServer } from '../../../scripts/vscode/codeServer.mjs';
import { packageVsix } from '../../../scripts/vscode/packageVsix.mjs';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
const FIXTURE_WORKSPACE = path.join(REPO_ROOT, 'test/integration/workspace');

export interface WorkbenchOptions {
  /** 'vsix' (default): package and install the extension; 'link': symlink the repo into the extensions folder. */
  extension?: 'vsix' | 'link';
  /** false: workspace trust on, the folder opens in Restricted Mode. Default true. */
  trust?: boolean;
  userSettings?: Record<string, unknown>;
  /** Environment of the server and so of the extension host (e.g. LITELLM_API_KEY). */
  env?: Record<string, string>;
  /** Viewport; default 1400x900. */
  viewport?: { width: number; height: number };
}

export interface Workbench {
  page: Page;
  browser: Browser;
  server: CodeServer;
  /** The throwaway workspace folder the window opened (a copy of test/integration/workspace). */
  workspace: string;
  /** Runs a command by its palette title (e.g. 'LiteLLM: Show Log'), retrying until the palette lists it. */
  runCommand(title: string, opts?: { timeoutMs?: number }): Promise<void>;
  /**
   * Picks the command's palette row and returns at once, without waiting for the palette to close: for commands
   * that open a quick input of their own (the same widget), where "the widget is hidden" may never be observed.
   */
  startCommand(title: string, opts?: { timeoutMs?: number }): Promise<void>;
  /** The palette rows shown for `query`, after retrying until one contains `expect` (when given). */
  paletteRows(query: string, expect?: string, timeoutMs?: number): Promise<string[]>;
  /** Texts of the notification toasts currently shown. */
  notifications(): Promise<string[]>;
  /** Saves test-artifacts/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Closes the browser and stops the server (its run folder is kept when `keepLogs`). */
  close(opts?: { keepLogs?: boolean }): Promise<void>;
}

let packaged: string | undefined;

/** Packages the extension once per test process (vsce, about 8 s). */
export function extensionVsix(): string {
  if (!packaged) {
    const { path: vsix, ms } = packageVsix();
    console.log(`      (packaged ${path.relative(REPO_ROOT, vsix)} in ${ms} ms)`);
    packaged = vsix;
  }
  return packaged;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function openWorkbench(opts: WorkbenchOptions = {}): Promise<Workbench> {
  const mode = opts.extension ?? 'vsix';
  const server = await startCodeServer({
    smokeTestDriver: false,
    trust: opts.trust ?? true,
    userSettings: opts.userSettings ?? {},
    env: opts.env ?? {},
    label: 'e2e',
    ...(mode === 'vsix' ? { installVsix: extensionVsix() } : { linkExtension: REPO_ROOT }),
  });
  let browser: Browser | undefined;
  try {
    const workspace = path.join(server.runDir, 'ws', 'sample');
    mkdirSync(path.dirname(workspace), { recursive: true });
    cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });

    browser = await openBrowser();
    const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1400, height: 900 } });
    await page.goto(server.url(workspace), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    return makeWorkbench(page, browser, server, workspace);
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await server.stop({ keepLogs: true });
    throw err;
  }
}

function makeWorkbench(page: Page, browser: Browser, server: CodeServer, workspace: string): Workbench {
  const quickInput = page.locator('.quick-input-widget');
  const rows = quickInput.locator('.quick-input-list .monaco-list-row');

  const input = quickInput.locator('input.input');

  async function openPalette(query: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (!(await input.isVisible())) {
        await page.locator('.monaco-workbench').focus();
        await page.keyboard.press('F1');
      }
      try {
        await input.waitFor({ state: 'visible', timeout: 3_000 });
        await input.fill(`>${query}`, { timeout: 3_000 });
        return;
      } catch (err) {
        // The palette was still closing from an earlier Escape, or F1 went nowhere: try again.
        if (attempt >= 5) throw err;
      }
    }
  }

  async function closePalette(): Promise<void> {
    await page.keyboard.press('Escape');
    await quickInput.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  }

  async function findRow(title: string, timeoutMs: number): Promise<Locator> {
    const deadline = Date.now() + timeoutMs;
    // Contributed commands show up only once the remote extension host has scanned the extensions: reopen the
    // palette until the row is there.
    for (;;) {
      await openPalette(title);
      const row = rows.filter({ hasText: title }).first();
      try {
        await row.waitFor({ state: 'visible', timeout: 2_000 });
        return row;
      } catch {
        if (Date.now() > deadline) {
          const shown = await rows.allInnerTexts().catch(() => []);
          throw new Error(`the palette never listed "${title}" (last rows: ${JSON.stringify(shown)})`);
        }
        await closePalette();
        await sleep(500);
      }
    }
  }

  return {
    page,
    browser,
    server,
    workspace,
    async runCommand(title, { timeoutMs = 60_000 } = {}) {
      const row = await findRow(title, timeoutMs);
      await row.click();
      await quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
    },
    async startCommand(title, { timeoutMs = 60_000 } = {}) {
      const row = await findRow(title, timeoutMs);
      await row.click();
    },
    async paletteRows(query, expect, timeoutMs = 60_000) {
      if (expect) await findRow(expect, timeoutMs);
      else await openPalette(query);
      const texts = await rows.allInnerTexts();
      await closePalette();
      return texts.map((t) => t.replace(/\s+/g, ' ').trim());
    },
    async notifications() {
      const toasts = page.locator('.notifications-toasts .notification-toast');
      return (await toasts.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    },
    async screenshot(name) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close({ keepLogs = false } = {}) {
      await browser.close().catch(() => undefined);
      await server.stop({ keepLogs });
    },
  };
}
