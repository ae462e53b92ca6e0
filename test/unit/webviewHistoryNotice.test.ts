// The history's notice (src/webview/historyNotice.ts): what the webview says when the host listed only part of the
// output folder (the newest images, or the first entries of a huge folder).
import { strict as assert } from 'node:assert';
import { historyNotice } from '../../src/webview/historyNotice';

const S = {
  historyNewestOf: 'Showing the newest {0} of {1} images in the folder.',
  historyScanStopped: 'The folder holds more than {0} entries: only {0} were looked at.',
};

describe('webview: the history notice', () => {
  it('says nothing when the whole folder is listed', () => {
    assert.equal(historyNotice(12, undefined, S, 'en-US'), '');
    assert.equal(historyNotice(0, undefined, S, 'en-US'), '');
  });

  it('names how many of how many images are shown, with grouped digits', () => {
    assert.equal(
      historyNotice(2000, { older: 345 }, S, 'en-US'),
      'Showing the newest 2,000 of 2,345 images in the folder.',
    );
    assert.equal(
      historyNotice(2000, { older: 345 }, S, 'de-DE'),
      'Showing the newest 2.000 of 2.345 images in the folder.',
    );
  });

  it('says the scan stopped, alone or after the count', () => {
    assert.equal(
      historyNotice(40, { older: 0, scanned: 100_000 }, S, 'en-US'),
      'The folder holds more than 100,000 entries: only 100,000 were looked at.',
    );
    assert.equal(
      historyNotice(2000, { older: 1, scanned: 100_000 }, S, 'en-US'),
      'Showing the newest 2,000 of 2,001 images in the folder. The folder holds more than 100,000 entries: only 100,000 were looked at.',
    );
  });
});
