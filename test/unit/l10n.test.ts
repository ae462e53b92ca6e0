import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

describe('l10n bundle', () => {
  it('holds exactly the messages the code passes to vscode.l10n.t (run `npm run l10n` after changing one)', async () => {
    const { collectMessages, bundleText } = await import('../../scripts/l10n.mjs');
    const { bundle, problems } = collectMessages();
    assert.deepEqual(problems, [], 'every message is a literal');
    assert.ok(Object.keys(bundle).length > 50, 'messages were found');
    const committed = readFileSync(path.join(__dirname, '../../l10n/bundle.l10n.json'), 'utf8');
    assert.equal(committed, bundleText(bundle));
  });
});
