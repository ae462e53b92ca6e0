// Mocha root hooks for the e2e run (loaded through test/e2e/.mocharc.json): a screenshot of every open workbench
// when a test fails, and the shared workbenches closed at the end.
import { closeSharedSetups, markFailed, startedSetups } from './shared';

export const mochaHooks = {
  async afterEach(this: Mocha.Context) {
    const test = this.currentTest;
    if (test?.state !== 'failed') return;
    markFailed();
    for (const s of await startedSetups()) {
      const file = await s.wb
        .screenshot(`failure-${s.name}-${test.title.slice(0, 60)}`)
        .catch(() => undefined);
      if (file) console.log(`      (screenshot: ${file})`);
    }
  },
  async afterAll() {
    await closeSharedSetups();
  },
};
