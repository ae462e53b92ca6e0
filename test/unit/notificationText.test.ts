import { strict as assert } from 'node:assert';
import { plainNotificationText } from '../../src/extension/notificationText';

describe('text shown in notifications', () => {
  it('cannot form a link, command links included', () => {
    const hostile =
      'Bad request. [Click to fix](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D)';
    const shown = plainNotificationText(hostile);
    assert.ok(!/\]\(/.test(shown), shown);
    assert.match(shown, /Click to fix\] \(command:/, 'still readable');
    assert.equal(
      plainNotificationText('[x]  \n(command:y)'),
      '[x] (command:y)',
      'whitespace cannot sneak one in',
    );
  });

  it('leaves ordinary text alone and shortens very long text', () => {
    assert.equal(plainNotificationText('Rate limit reached (HTTP 429).'), 'Rate limit reached (HTTP 429).');
    const long = plainNotificationText('x'.repeat(1000), 100);
    assert.equal(long.length, 100);
    assert.ok(long.endsWith('…'));
  });
});
