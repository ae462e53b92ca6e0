// Issue 9 items 11 and 12 through the real Generate Image command: a proxy that echoes the stored key and sends
// terminal escapes (in headers, the revised prompt and every error shape) reaches neither the saved file nor what the
// command returns (the text the notification shows) with the key or a control character in it.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import { readPngProvenance } from '../../../src/core/provenance';
import { attacks, HostileProxy } from '../../fixtures/hostileProxy';
import { closeAllEditors, freshFolder, generate, resetSettings, useFake } from '../support';

const KEY = 'sk-hostile-canary-5e1d7a';
/** C0 other than tab and newline, DEL, C1: what must never reach a notification, the log or a file. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

describe('hostile proxy text in the extension (items 11 and 12)', () => {
  const hostile = new HostileProxy();
  before(() => hostile.start());
  beforeEach(async () => {
    hostile.reset();
    await useFake(hostile, KEY);
  });
  afterEach(async () => {
    await closeAllEditors();
    await resetSettings({ all: false });
  });
  after(async () => {
    await resetSettings();
    await hostile.stop();
  });

  it('the key echoed in headers and the revised prompt is not in the saved PNG or the result', async () => {
    hostile.answer = attacks.echoKey(KEY);
    const folder = await freshFolder('echoed-key');
    const r = await generate({ prompt: 'a cat', folder });
    assert.equal(r.status, 'done', r.error?.message);
    assert.equal(hostile.requests.length, 1, 'the image request reached the hostile proxy');
    assert.equal(hostile.requests[0]!.headers.authorization, `Bearer ${KEY}`, 'the key was really sent');
    const bytes = await fs.readFile(r.files[0]!);
    assert.equal(bytes.includes(KEY), false, 'the key is not in the saved file');
    const stored = readPngProvenance(bytes);
    assert.ok(stored?.revisedPrompt?.includes('[redacted]'), stored?.revisedPrompt);
    assert.equal(JSON.stringify(r).includes(KEY), false, JSON.stringify(r));
  });

  it('every error shape with the key and terminal escapes comes back redacted and free of control characters', async () => {
    const shapes = attacks.errorShapes(`${attacks.terminalText} denied for Bearer ${KEY}`);
    assert.ok(shapes.length >= 4);
    for (const [name, answer] of shapes) {
      hostile.answer = answer;
      const r = await generate({ prompt: 'a cat', folder: await freshFolder('escapes') });
      assert.notEqual(r.status, 'done', name);
      const message = r.error?.message ?? '';
      assert.ok(message.length > 0, `${name}: a message is shown`);
      assert.equal(message.includes(KEY), false, `${name}: ${message}`);
      assert.equal(CONTROL.test(message), false, `${name}: ${JSON.stringify(message)}`);
      assert.equal(message.includes('\x1b'), false, name);
    }
  });
});
