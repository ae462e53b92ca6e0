/**
 * A failing generation in a German VS Code shows its notification in German (issue 10): no English sentence from the
 * core or the extension, only what stays as it is (the proxy's own words quoted verbatim, URLs, host:port, setting
 * ids, status codes, product names). The notification's text is the command's `error.message` (reportFailure shows
 * exactly that string); its buttons are the labels of `error.actions`. How "German" is decided:
 * test/fixtures/germanText.ts. How the host is put into German: ./locale.test.ts.
 */
import { strict as assert } from 'node:assert';
import * as failures from '../../../src/extension/failures';
import type { ImageCommandResult } from '../../../src/extension/imageJob';
import { AUTH_NO_KEY } from '../../fixtures/fakeLitellmShapes';
import {
  englishWordsIn,
  germanTemplatesIn,
  isGermanLabel,
  readBundles,
  type Bundles,
} from '../../fixtures/germanText';
import { integrationEnv } from '../env';
import { say } from '../index';
import { closedPort, freshFolder, generate, listFiles, useFake, withFakeProxy } from '../support';

describe('German failure notifications', () => {
  const proxy = withFakeProxy();
  let bundles: Bundles;

  before(() => {
    bundles = readBundles(integrationEnv().repoRoot);
  });

  /** Looked up at run time: a renamed export fails this test with a message, not the whole test build. */
  function buttonLabel(action: string): string {
    const label = (failures as unknown as { actionLabel?: (a: string) => string }).actionLabel;
    assert.equal(typeof label, 'function', 'src/extension/failures.ts exports actionLabel(action)');
    return label!(action);
  }

  function assertGermanNotification(r: ImageCommandResult, allowed: string[]): void {
    assert.equal(r.status, 'failed');
    const text = r.error?.message ?? '';
    say(`      notification: ${JSON.stringify(text)} buttons: ${JSON.stringify(r.error?.actions)}`);
    assert.deepEqual(
      englishWordsIn(text, bundles, allowed),
      [],
      `English words in the notification: ${text}`,
    );
    assert.ok(
      germanTemplatesIn(text, bundles).length > 0,
      `a German translation renders the notification: ${text}`,
    );
    assert.ok(r.error!.actions.length > 0, 'the notification offers a next step');
    for (const action of r.error!.actions) {
      const label = buttonLabel(action);
      assert.ok(isGermanLabel(label, bundles), `button for ${action}: ${label}`);
      assert.deepEqual(
        englishWordsIn(label, bundles),
        [],
        `English words in the button for ${action}: ${label}`,
      );
    }
  }

  it('a refused key (401) is reported in German, the proxy quoted as it spoke', async () => {
    const folder = await freshFolder('de-auth');
    proxy().failNext({ kind: 'status', status: 401, body: AUTH_NO_KEY });
    const r = await generate({ prompt: 'ein Leuchtturm', folder });
    assert.equal(r.error?.kind, 'auth', r.error?.message);
    assertGermanNotification(r, [AUTH_NO_KEY.error.message]);
    assert.deepEqual(await listFiles(folder), []);
  });

  it('a connection refused on a closed port is reported in German', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    await useFake({ baseUrl });
    const folder = await freshFolder('de-refused');
    const r = await generate({ prompt: 'ein Leuchtturm', folder });
    assert.equal(r.error?.kind, 'network', r.error?.message);
    assertGermanNotification(r, [baseUrl]);
    assert.deepEqual(await listFiles(folder), []);
  });
});
