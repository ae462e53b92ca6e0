// The checks the `german` integration suite uses to call a text German (test/fixtures/germanText.ts): each must
// accept a German rendering and refuse an English one, a half-translated one, and an untranslated label.
import { strict as assert } from 'node:assert';
import {
  englishWordsIn,
  germanTemplatesIn,
  isGermanLabel,
  stripAllowed,
  unescapeAttribute,
  type Bundles,
} from '../fixtures/germanText';

const bundles: Bundles = {
  en: {
    'Could not connect to {0} (connection refused). Is the proxy running there? Check {1}.':
      'Could not connect to {0} (connection refused). Is the proxy running there? Check {1}.',
    'The proxy refused the API key (HTTP {0}). The proxy said: {1}':
      'The proxy refused the API key (HTTP {0}). The proxy said: {1}',
    Retry: 'Retry',
    '{0} s': '{0} s',
    Prompt: 'Prompt',
  },
  de: {
    'Could not connect to {0} (connection refused). Is the proxy running there? Check {1}.':
      'Keine Verbindung zu {0} (Verbindung abgelehnt). Läuft der Proxy dort? Prüfen Sie {1}.',
    'The proxy refused the API key (HTTP {0}). The proxy said: {1}':
      'Der Proxy hat den API-Schlüssel abgelehnt (HTTP {0}). Der Proxy meldete: {1}',
    Retry: 'Wiederholen',
    Prompt: 'Prompt',
  },
};

const refusedDe =
  'Keine Verbindung zu 127.0.0.1:43121 (Verbindung abgelehnt). Läuft der Proxy dort? Prüfen Sie litellm.baseUrl.';
const refusedEn =
  'Could not connect to 127.0.0.1:43121 (connection refused). Is the proxy running there? Check litellm.baseUrl.';
const proxySaid = 'Authentication Error, No api key passed in.';

describe('germanText: is this text German?', () => {
  it('accepts a German rendering: its template is found and no English word is left', () => {
    assert.deepEqual(germanTemplatesIn(refusedDe, bundles), [Object.keys(bundles.en)[0]]);
    assert.deepEqual(englishWordsIn(refusedDe, bundles), []);
  });

  it('refuses the English rendering of the same template', () => {
    assert.deepEqual(germanTemplatesIn(refusedEn, bundles), []);
    assert.ok(
      englishWordsIn(refusedEn, bundles).includes('refused'),
      englishWordsIn(refusedEn, bundles).join(),
    );
  });

  it("allows the proxy's own words only where the caller names them", () => {
    const text = `Der Proxy hat den API-Schlüssel abgelehnt (HTTP 401). Der Proxy meldete: ${proxySaid}`;
    assert.equal(germanTemplatesIn(text, bundles).length, 1);
    assert.deepEqual(englishWordsIn(text, bundles, [proxySaid]), []);
    assert.ok(englishWordsIn(text, bundles).length > 0, 'unnamed English text is caught');
  });

  it('catches an English sentence inside a German one, and English function words not in any bundle', () => {
    assert.deepEqual(englishWordsIn(`${refusedDe} Check the connection.`, bundles), [
      'check',
      'the',
      'connection',
    ]);
    assert.deepEqual(englishWordsIn('Bitte erneut versuchen, please.', bundles), ['please']);
  });

  it('keeps URLs, setting ids, numbers, model names, codicons and product names out of the verdict', () => {
    const left = stripAllowed(
      '$(warning) gpt-image-2 at http://127.0.0.1:4000/v1 (litellm.image.model) LiteLLM',
    );
    assert.deepEqual(left.match(/\p{L}+/gu), ['at']);
  });

  it('calls a label German only when it is a translation or has no word at all', () => {
    assert.ok(isGermanLabel('Wiederholen', bundles));
    assert.ok(isGermanLabel('Prompt', bundles), 'a translation that reads the same counts');
    assert.ok(isGermanLabel('{0} s', bundles), 'no word: the same in every language');
    assert.ok(!isGermanLabel('Retry', bundles));
  });

  it('reads back the attribute studioHtml escaped', () => {
    assert.equal(unescapeAttribute('{&quot;a&quot;:&quot;&lt;b&gt; &amp;amp;&quot;}'), '{"a":"<b> &amp;"}');
  });
});
