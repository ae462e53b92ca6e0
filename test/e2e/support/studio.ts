/**
 * Finding the Image Studio inside the workbench. A webview is two nested iframes (the host frame, then the content
 * frame `#active-frame`); other webviews (the image preview) look the same, so the Studio's content frame is the one
 * whose document has the composer's `#prompt`.
 */
import type { Frame, Page } from 'playwright-core';
import { waitUntil } from './ui';
import type { Workbench } from './workbench';

export async function studioFrame(page: Page, timeoutMs = 60_000): Promise<Frame> {
  return waitUntil(
    'the Image Studio webview',
    async () => {
      for (const frame of page.frames()) {
        if (frame.isDetached()) continue;
        const found = await frame
          .locator('#prompt')
          .count()
          .catch(() => 0);
        if (found > 0) return frame;
      }
      return undefined;
    },
    timeoutMs,
  );
}

/** Opens the Studio from the command palette and returns its content frame. */
export async function openStudio(wb: Workbench): Promise<Frame> {
  await wb.runCommand('LiteLLM: Open Image Studio');
  return studioFrame(wb.page);
}

/**
 * Replaces the prompt's text: select all and type, as a user would. The first keystrokes after a click can reach the
 * workbench before the webview's frame has focus, so the text is checked and, if a key went astray, set directly.
 */
export async function typePrompt(frame: Frame, text: string): Promise<void> {
  const prompt = frame.locator('#prompt');
  await prompt.click();
  await prompt.press('ControlOrMeta+a');
  await prompt.pressSequentially(text, { delay: 5 });
  if ((await prompt.inputValue()) !== text) await prompt.fill(text);
  if ((await prompt.inputValue()) !== text)
    throw new Error(`the prompt reads "${await prompt.inputValue()}"`);
}
