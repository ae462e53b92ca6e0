/**
 * Small helpers over the workbench DOM for the e2e specs: the quick input (prompt boxes, quick picks, password box),
 * notification toasts and their buttons, editor tabs and text, the image preview, the Explorer, and polling the
 * workspace on disk. Every wait is bounded.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Setup } from './shared';
import type { Workbench } from './workbench';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a value other than undefined/false; throws `what` after `timeoutMs`. */
export async function waitUntil<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`,
      );
    await sleep(intervalMs);
  }
}

const flat = (t: string) =>
  t
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

// ---- quick input ------------------------------------------------------------------------------------------------

export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** Waits for a quick input (input box or quick pick) whose title contains `title`; returns the widget. */
export async function waitForQuickInput(
  page: Page,
  title: string | RegExp,
  timeoutMs = 30_000,
): Promise<Locator> {
  const widget = quickInput(page);
  await widget
    .locator('.quick-input-title', { hasText: title })
    .waitFor({ state: 'visible', timeout: timeoutMs });
  return widget;
}

/** The text field of the quick input (also the password box). */
export function quickInputField(page: Page): Locator {
  return quickInput(page).locator('.quick-input-box input');
}

/** Clicks the visible quick-pick row containing `text`. */
export async function pickRow(page: Page, text: string | RegExp, timeoutMs = 15_000): Promise<void> {
  const row = quickInput(page).locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.click();
}

/** Types the prompt into the open prompt box (title containing `title`) and presses Enter. */
export async function submitPrompt(
  wb: Workbench,
  title: string | RegExp,
  prompt: string,
  screenshot?: string,
): Promise<void> {
  await waitForQuickInput(wb.page, title);
  const field = quickInputField(wb.page);
  await field.fill(prompt);
  if (screenshot) await wb.screenshot(screenshot);
  await field.press('Enter');
  await quickInput(wb.page).waitFor({ state: 'hidden', timeout: 15_000 });
}

// ---- notifications ----------------------------------------------------------------------------------------------

export function toast(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}

export async function waitForToast(page: Page, text: string | RegExp, timeoutMs = 30_000): Promise<Locator> {
  const t = toast(page, text);
  try {
    await t.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    const shown = (await page.locator('.notifications-toasts .notification-toast').allInnerTexts()).map(flat);
    throw new Error(
      `no notification matching ${String(text)} within ${timeoutMs} ms; shown: ${JSON.stringify(shown)}`,
    );
  }
  return t;
}

/** The message of a toast, without its buttons. */
export async function toastMessage(t: Locator): Promise<string> {
  return flat(await t.locator('.notification-list-item-message').innerText());
}

export async function toastButtons(t: Locator): Promise<string[]> {
  return (await t.locator('.monaco-button').allInnerTexts()).map(flat).filter(Boolean);
}

export function toastButton(t: Locator, label: string): Locator {
  return t.locator('.monaco-button', { hasText: label }).first();
}

// ---- editors ----------------------------------------------------------------------------------------------------

export function tab(page: Page, name: string): Locator {
  return page.locator('.tabs-container .tab', { hasText: name }).first();
}

/** The text of every visible text editor (and panel), spaces normalised. */
export async function editorText(page: Page): Promise<string> {
  const parts = await page.locator('.monaco-editor .view-lines').allInnerTexts();
  return parts.map((t) => t.replace(/\u00a0/g, ' ')).join('\n');
}

/** Whether a visible editor shows `text`; whitespace is ignored, because word wrap splits long lines. */
export async function editorShows(page: Page, text: string): Promise<boolean> {
  const squash = (t: string) => t.replace(/\s+/g, '');
  return squash(await editorText(page)).includes(squash(text));
}

/** Opens a workspace file through Quick Open (F1, then the name without '>'); waits for its tab. */
export async function openFile(wb: Workbench, name: string, timeoutMs = 30_000): Promise<void> {
  const { page } = wb;
  const field = quickInput(page).locator('input.input');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!(await field.isVisible())) {
      await page.locator('.monaco-workbench').focus();
      await page.keyboard.press('F1');
    }
    try {
      await field.waitFor({ state: 'visible', timeout: 3_000 });
      await field.fill(name, { timeout: 3_000 });
      const row = quickInput(page).locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
      await row.waitFor({ state: 'visible', timeout: 3_000 });
      await field.press('Enter');
      break;
    } catch (err) {
      // The file index was not ready, or the palette was still closing: try again.
      if (Date.now() > deadline) throw err;
      await page.keyboard.press('Escape');
      await sleep(500);
    }
  }
  await tab(page, name).waitFor({ state: 'visible', timeout: 15_000 });
}

/** The image preview (a webview) shows a decoded image. */
export async function waitForImagePreview(page: Page, timeoutMs = 30_000): Promise<void> {
  const img = page
    .frameLocator('iframe.webview.ready')
    .first()
    .frameLocator('#active-frame')
    .locator('img')
    .first();
  await waitUntil(
    'the image preview to show a decoded image',
    () =>
      img.evaluate(
        (el) => {
          const image = el as unknown as { complete: boolean; naturalWidth: number };
          return image.complete && image.naturalWidth > 0;
        },
        undefined,
        { timeout: 2_000 },
      ),
    timeoutMs,
    300,
  );
}

// ---- Explorer ---------------------------------------------------------------------------------------------------

export function explorerRow(page: Page, name: string): Locator {
  const exact = new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  return page.locator('.explorer-folders-view .monaco-list-row', { hasText: exact }).first();
}

/** Shows the Explorer and expands `folder` (a top-level folder of the workspace). */
export async function expandExplorerFolder(wb: Workbench, folder: string): Promise<void> {
  await wb.runCommand('View: Show Explorer');
  const row = explorerRow(wb.page, folder);
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await waitUntil(
    `the Explorer folder "${folder}" to expand`,
    async () => (await row.getAttribute('aria-expanded')) === 'true',
    10_000,
  );
}

/** A screenshot without a hover tooltip from the last click: the mouse parked on the empty status bar first. */
export async function shot(wb: Workbench, name: string): Promise<string> {
  const size = wb.page.viewportSize() ?? { width: 1400, height: 900 };
  await wb.page.mouse.move(size.width / 2, size.height - 6);
  await sleep(300);
  return wb.screenshot(name);
}

// ---- the workspace on disk --------------------------------------------------------------------------------------

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

export function listFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function isCompletePng(file: string): boolean {
  const buf = readFileSync(file);
  return (
    buf.length > 57 &&
    buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) &&
    buf.subarray(buf.length - 8, buf.length - 4).toString('latin1') === 'IEND'
  );
}

/** Waits for new complete PNG files in `dir` (names not in `before`); returns their absolute paths. */
export async function waitForNewPngs(dir: string, before: string[], timeoutMs = 30_000): Promise<string[]> {
  return waitUntil(
    `a new PNG in ${dir}`,
    () => {
      const fresh = listFiles(dir)
        .filter((f) => !before.includes(f) && /\.png$/i.test(f))
        .map((f) => path.join(dir, f));
      return fresh.length > 0 && fresh.every((f) => statSync(f).size > 0 && isCompletePng(f))
        ? fresh
        : undefined;
    },
    timeoutMs,
  );
}

// ---- the fake proxy ---------------------------------------------------------------------------------------------

export function imageRequests(s: Setup, kind: 'generations' | 'edits') {
  return s.fake.requests.filter(
    (r) => r.method === 'POST' && r.path.replace(/^\/v1/, '') === `/images/${kind}`,
  );
}

// ---- between tests ----------------------------------------------------------------------------------------------

/** Back to a plain workbench: no quick input, no editors (unsaved changes discarded), no notifications. */
export async function resetWorkbench(s: Setup): Promise<void> {
  const { page } = s.wb;
  for (let i = 0; i < 3 && (await quickInput(page).isVisible()); i++) {
    await page.keyboard.press('Escape');
    await sleep(200);
  }
  // A test that failed half-way may leave a modified editor: closing it asks whether to save.
  const dirty = await page.locator('.tabs-container .tab.dirty').count();
  await s.wb.runCommand('View: Close All Editors');
  if (dirty > 0) {
    const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: /Don.t Save/ }).first();
    await dontSave
      .waitFor({ state: 'visible', timeout: 5_000 })
      .then(() => dontSave.click())
      .catch(() => undefined);
  }
  if (await page.locator('.part.panel').isVisible()) await s.wb.runCommand('View: Hide Panel');
  await s.wb.runCommand('Notifications: Clear All Notifications');
  await page
    .locator('.notifications-toasts .notification-toast')
    .first()
    .waitFor({ state: 'hidden', timeout: 5_000 });
  s.fake.reset();
}
