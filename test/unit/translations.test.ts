// The German and Japanese translations against their English sources (package.nls.json for the manifest,
// l10n/bundle.l10n.json for vscode.l10n.t): complete, nothing extra, every part the code or VS Code reads back kept,
// and every text actually translated. A failure lists the keys; `npm run l10n:missing` prints the same work list.
// Plain Node: nothing here imports 'vscode'.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { compareMessages, PAIRS, preservedTokens, readMessages } from '../../scripts/l10nMissing.mjs';

const root = path.join(__dirname, '..', '..');
const LOCALES = ['de', 'ja'] as const;
type Locale = (typeof LOCALES)[number];

/**
 * English texts a translation may keep as they are. Names, units and templates made only of placeholders stay in
 * every language; German uses a few of the same words (VS Code's German UI says "Standard", "Format", "Version",
 * "Proxy" too), the same order for a setting followed by its problem clause and the same space between two
 * sentences (Japanese joins them without one). Anything else that equals its English source was most likely never
 * translated.
 */
const SAME_IN_EVERY_LOCALE = [
  'LiteLLM',
  'HD',
  'PNG',
  'JPEG',
  'WebP',
  'HTML',
  'Markdown',
  '{0} px',
  '{model}: {why}',
  '{file}: {differences}',
  '{address} ({range})',
];
const SAME_IN: Record<Locale, string[]> = {
  de: [
    'Standard',
    'Prompt',
    'Proxy',
    'Version',
    'Format',
    'Moderation',
    'Transparent',
    '{0} s',
    '{setting} {problem}.',
    '{setting} ({entry}) {problem}.',
    '{sentence} {nextSentence}',
    '{clause}; {nextClause}',
  ],
  ja: ['{0}%'],
};

const list = (keys: string[]) => keys.map((k) => `\n  - ${JSON.stringify(k)}`).join('');

/** The problems of one translation file, as messages that name the keys (empty when the file is in order). */
function problems(english: Record<string, string>, translated: Record<string, unknown>, locale: Locale) {
  const r = compareMessages(english, translated);
  const out: string[] = [];
  if (r.missing.length) out.push(`${r.missing.length} key(s) missing or empty:${list(r.missing)}`);
  if (r.stale.length) out.push(`${r.stale.length} key(s) the English file does not have:${list(r.stale)}`);
  const broken = Object.entries(r.broken).map(
    ([k, d]) =>
      `\n  - ${JSON.stringify(k)}: lost ${JSON.stringify(d.lost)}, added ${JSON.stringify(d.added)}`,
  );
  if (broken.length)
    out.push(
      `${broken.length} translation(s) changed a placeholder, id, code span or name:${broken.join('')}`,
    );
  const allowed = new Set([...SAME_IN_EVERY_LOCALE, ...SAME_IN[locale]]);
  const untranslated = Object.keys(english).filter(
    (k) => translated[k] === english[k] && !allowed.has(english[k]),
  );
  if (untranslated.length) out.push(`${untranslated.length} text(s) left in English:${list(untranslated)}`);
  return out;
}

describe('translations', () => {
  for (const locale of LOCALES)
    for (const pair of PAIRS) {
      const file = pair.localeFile(locale);
      it(`${file} translates every message of ${pair.english} completely`, () => {
        const english = readMessages(pair.english, root)!;
        const translated = readMessages(file, root);
        assert.ok(translated, `${file} exists`);
        for (const [k, v] of Object.entries(translated)) assert.equal(typeof v, 'string', `${file}: ${k}`);
        const found = problems(english, translated, locale);
        assert.ok(
          !found.length,
          `${file} (run \`npm run l10n:missing -- --detail\` for the work list):\n${found.join('\n')}`,
        );
      });
    }

  it('allows untranslated texts only where an English source has them', () => {
    const texts = new Set(PAIRS.flatMap((p) => Object.values(readMessages(p.english, root)!)));
    const allowed = [...SAME_IN_EVERY_LOCALE, ...LOCALES.flatMap((l) => SAME_IN[l])];
    assert.deepEqual(
      allowed.filter((t) => !texts.has(t)),
      [],
    );
  });

  it('finds each kind of damage a translation can do (the checks can fail)', () => {
    const english = {
      count: 'Generating {0} images…',
      icon: '$(sync~spin) Generating',
      setting: 'Each of `#litellm.image.fallbacks#` gets its own timeout.',
      link: '[Open Settings](command:litellm.openSettings)',
      url: 'e.g. http://localhost:4000',
      name: 'Your LiteLLM proxy',
      word: 'Brush',
    };
    const good = {
      count: '{0} Bilder werden generiert…',
      icon: '$(sync~spin) Wird generiert',
      setting: 'Jedes Modell aus `#litellm.image.fallbacks#` erhält ein eigenes Zeitlimit.',
      link: '[Einstellungen öffnen](command:litellm.openSettings)',
      url: 'z. B. http://localhost:4000.',
      name: 'Ihr LiteLLM-Proxy',
      word: 'Pinsel',
    };
    assert.deepEqual(problems(english, good, 'de'), []);
    const { count: _removed, ...withoutKey } = good;
    const broken = {
      ...withoutKey,
      icon: '$(sync) Wird generiert',
      setting: 'Jedes Modell aus #litellm.image.fallbacks# erhält ein eigenes Zeitlimit.',
      link: '[Einstellungen öffnen](command:litellm.einstellungen)',
      url: 'z. B. http://localhost:4001',
      name: 'Ihr LLM-Proxy',
      word: 'Brush',
      extra: 'Nicht im Englischen',
    };
    const found = problems(english, broken, 'de').join('\n');
    assert.match(found, /1 key\(s\) missing or empty:\n {2}- "count"/);
    assert.match(found, /the English file does not have:\n {2}- "extra"/);
    for (const key of ['icon', 'setting', 'link', 'url', 'name'])
      assert.match(found, new RegExp(`- "${key}": lost`), `${key} is reported`);
    assert.match(found, /1 text\(s\) left in English:\n {2}- "word"/);
    assert.deepEqual(compareMessages({ a: '{0} of {1}' }, { a: '{0} von {0}' }).broken, {
      a: { lost: ['placeholder: {1}'], added: ['placeholder: {0}'] },
    });
    assert.deepEqual(compareMessages({ a: 'Save' }, { a: '  ' }).missing, ['a'], 'blank is missing');
  });

  it('keeps the names a translation must not touch in the texts it checks (and leaves links to URLs alone)', () => {
    assert.deepEqual(
      preservedTokens(
        'Run [LiteLLM: Set API Key…](command:litellm.setApiKey) for `https://litellm.example.com`',
      ),
      [
        'URL: https://litellm.example.com',
        'code span: `https://litellm.example.com`',
        'link target: ](command:litellm.setApiKey)',
        'product name: LiteLLM',
        'setting or command id: litellm.setApiKey',
      ],
    );
  });

  it('l10n:missing prints an empty work list for de and ja, and every key for a locale without files', function () {
    this.timeout(60_000); // three Node processes on a shared machine
    const script = path.join(root, 'scripts/l10nMissing.mjs');
    const run = (...args: string[]) =>
      JSON.parse(execFileSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8' }));
    assert.deepEqual(run('--locale', 'de,ja', '--check'), {});
    const none = run('--locale', 'xx');
    for (const pair of PAIRS)
      assert.deepEqual(
        none[pair.english].xx,
        readMessages(pair.english, root),
        `${pair.english}: all listed`,
      );
    const check = spawnSync(process.execPath, [script, '--locale', 'xx', '--check'], { encoding: 'utf8' });
    assert.equal(check.status, 1, '--check fails when something is missing');
  });

  it('is shipped: the package holds every translation file, and the manifest names the l10n folder', function () {
    this.timeout(60_000); // vsce reads the whole manifest and file tree
    assert.equal(readMessages('package.json', root)?.l10n, './l10n');
    const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
    const listed = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\n')
      .map((l) => l.trim());
    const files = LOCALES.flatMap((l) => PAIRS.flatMap((p) => [p.english, p.localeFile(l)]));
    assert.deepEqual(
      files.filter((f) => !listed.includes(f)),
      [],
      'missing from the package (see .vscodeignore)',
    );
  });
});
