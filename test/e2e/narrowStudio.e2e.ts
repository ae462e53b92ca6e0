// The Image Studio in a narrow editor group (365 px, a panel beside the editor): after Generate the run is where the
// user looks (a placeholder card at the top of Results, scrolled into view, while the composer fills the view), and a
// landscape result fills its card instead of sitting on a band of checkerboard.
import { strict as assert } from 'node:assert';
import type { Frame } from 'playwright-core';
import { sharedSetup, type Setup } from './support/shared';
import { openStudio, typePrompt } from './support/studio';
import { resetWorkbench, shot, waitUntil } from './support/ui';

const WIDTH = 365;

/** The bits of DOM read in the page (the test's tsconfig has no DOM library). */
interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
  width: number;
  height: number;
}
interface Measured {
  getBoundingClientRect(): Box;
}
declare const window: { innerWidth: number; innerHeight: number; scrollTo(x: number, y: number): void };
declare const document: { getElementById(id: string): Measured | null };
declare function getComputedStyle(el: unknown): { objectFit: string; backgroundImage: string };

describe('Image Studio in a narrow editor group (browser)', function () {
  let s: Setup;

  before(async () => {
    s = await sharedSetup('env-key');
    await resetWorkbench(s);
    await s.wb.runCommand('View: Close Primary Side Bar');
  });

  after(async () => {
    await s.wb.page.setViewportSize({ width: 1400, height: 900 });
    await s.wb.runCommand('View: Show Explorer').catch(() => undefined);
    await resetWorkbench(s).catch(() => undefined);
  });

  /** Sizes the browser so that the Studio's webview is `WIDTH` px wide (the workbench's chrome is measured). */
  async function narrowStudio(): Promise<Frame> {
    const page = s.wb.page;
    await page.setViewportSize({ width: WIDTH + 60, height: 700 });
    const frame = await openStudio(s.wb);
    await frame.locator('#run').waitFor({ state: 'visible', timeout: 30_000 });
    for (let i = 0; i < 5; i++) {
      const inner = await frame.evaluate(() => window.innerWidth);
      if (Math.abs(inner - WIDTH) <= 1) return frame;
      const viewport = page.viewportSize()!;
      await page.setViewportSize({ width: viewport.width + WIDTH - inner, height: viewport.height });
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.fail(`the Studio is ${await frame.evaluate(() => window.innerWidth)} px wide, not ${WIDTH}`);
  }

  it('shows the run at the top of Results in view after Generate, and a landscape result fills its card', async () => {
    const frame = await narrowStudio();
    await waitUntil(
      'the model sizes',
      async () => (await frame.locator('#size option[value="1536x1024"]').count()) > 0,
      30_000,
    );
    await frame.locator('#size').selectOption('1536x1024');
    await typePrompt(frame, 'a wide mountain panorama at dawn');
    // Where the user is: at the prompt, at the top of the panel. At this width the composer fills the view and
    // Results is below it (what makes this test mean something).
    await frame.evaluate(() => window.scrollTo(0, 0));
    const resultsTop = await frame.evaluate(
      () => document.getElementById('results')!.getBoundingClientRect().top,
    );
    const height = await frame.evaluate(() => window.innerHeight);
    assert.ok(
      resultsTop > height,
      `Results starts at ${resultsTop} px, inside the ${height} px view already`,
    );

    // A slow proxy: the run is visible while it lasts. Ctrl/Cmd+Enter in the prompt runs, as the hint says.
    s.fake.failNext({ kind: 'delay', ms: 8000 }, { route: 'generations' });
    await frame.locator('#prompt').press('ControlOrMeta+Enter');
    const placeholder = frame.locator('#results-pending .placeholder-card').first();
    await placeholder.waitFor({ state: 'visible', timeout: 20_000 });
    const inView = await waitUntil(
      'the placeholder card to be scrolled into view',
      async () => {
        const r = await placeholder.evaluate((el) => (el as Measured).getBoundingClientRect());
        const h = await frame.evaluate(() => window.innerHeight);
        return r.top >= 0 && r.bottom <= h + 1 ? r : undefined;
      },
      10_000,
    );
    assert.ok(inView.width > WIDTH / 2, `the placeholder is ${inView.width} px wide`);
    assert.match(await placeholder.innerText(), /Generating/);
    // The placeholder already has the shape asked for (1536×1024 is 3:2), so nothing jumps when the image comes.
    const thumb = await placeholder
      .locator('.placeholder-thumb')
      .evaluate((el) => (el as Measured).getBoundingClientRect());
    assert.ok(
      Math.abs(thumb.width / thumb.height - 1.5) < 0.02,
      `the placeholder is ${thumb.width}×${thumb.height}, not 3:2`,
    );
    await shot(s.wb, 'studio-narrow-running');

    const card = frame.locator('#results .image-card').first();
    await card.waitFor({ state: 'visible', timeout: 60_000 });
    await frame.locator('#results-pending').waitFor({ state: 'hidden', timeout: 20_000 });
    const img = card.locator('.thumb img');
    const fit = await waitUntil(
      'the landscape thumbnail to load and take its shape',
      async () => {
        const m = await img.evaluate((el) => {
          const i = el as unknown as Measured & {
            complete: boolean;
            naturalWidth: number;
            naturalHeight: number;
          };
          const box = (el as unknown as { parentElement: Measured }).parentElement.getBoundingClientRect();
          return {
            loaded: i.complete && i.naturalWidth > 0,
            natural: i.naturalWidth / i.naturalHeight,
            img: i.getBoundingClientRect(),
            box,
            objectFit: getComputedStyle(el).objectFit,
            checker: getComputedStyle((el as unknown as { parentElement: unknown }).parentElement)
              .backgroundImage,
          };
        });
        return m.loaded && Math.abs(m.box.width / m.box.height - m.natural) < 0.02 ? m : undefined;
      },
      20_000,
    );
    assert.ok(Math.abs(fit.natural - 1.5) < 0.01, `a 3:2 image, not ${fit.natural}`);
    // The image covers its whole box, and the box spans the card: no band of checkerboard above or below.
    assert.equal(fit.objectFit, 'cover');
    for (const side of ['top', 'bottom', 'left', 'right', 'width', 'height'] as const)
      assert.ok(Math.abs(fit.img[side] - fit.box[side]) < 1, `${side}: ${fit.img[side]} vs ${fit.box[side]}`);
    // The checkerboard stays behind the image, for transparent pixels.
    assert.match(fit.checker, /linear-gradient/);
    await shot(s.wb, 'studio-narrow-landscape');
  });
});
