// Lists what each translation lacks, as JSON, grouped by English file and locale: the keys a locale file does not
// have (or has empty), and the keys whose translation lost or gained a placeholder, codicon, setting id, backtick
// span, link target, URL or product name. The output is the work list for the next translation round:
//   node scripts/l10nMissing.mjs                 every locale that has a file, e.g. {"package.nls.json":{"de":{…}}}
//   node scripts/l10nMissing.mjs --locale fr     one locale (also one with no files yet: then every key is listed)
//   node scripts/l10nMissing.mjs --detail        also say why each key is listed, and which keys are stale
//   node scripts/l10nMissing.mjs --check         exit 1 when anything is listed
// test/unit/translations.test.ts uses the same rules (and adds its own) to keep the committed translations complete.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The English source files and where their translations live (VS Code's own naming for both). */
export const PAIRS = [
  { english: 'package.nls.json', localeFile: (locale) => `package.nls.${locale}.json` },
  { english: 'l10n/bundle.l10n.json', localeFile: (locale) => `l10n/bundle.l10n.${locale}.json` },
];

/**
 * What a translation must carry over unchanged, each as many times as the English text has it. Anything the code or
 * VS Code reads back (placeholders, codicons, setting and command ids, markdown link targets) breaks silently if a
 * translation changes it; code spans, URLs, product and model names are names, not words.
 */
const PRESERVED = [
  ['placeholder', /\{[A-Za-z0-9_]+\}/g],
  ['codicon', /\$\([A-Za-z0-9~-]+\)/g],
  ['code span', /`[^`\n]*`/g],
  ['setting or command id', /(?<![\w/.-])litellm(?:\.[A-Za-z0-9_-]+)+/g],
  ['link target', /\]\([^)\s]*\)/g],
  ['URL', /https?:\/\/[A-Za-z0-9[][^\s)`"',;]*/g],
  ['environment variable', /\bLITELLM_[A-Z_]+\b/g],
  ['product name', /\b(?:LiteLLM|VS Code|OpenAI)\b/g],
  ['model name', /\b(?:gpt-image-\d+|dall-e-\d+)\b/g],
];

/** The preserved parts of a text, as "kind: text" strings (a URL loses trailing sentence punctuation). */
export function preservedTokens(text) {
  const tokens = [];
  for (const [kind, pattern] of PRESERVED)
    for (const m of text.matchAll(pattern))
      tokens.push(`${kind}: ${kind === 'URL' ? m[0].replace(/[.。、:]+$/u, '') : m[0]}`);
  return tokens.sort();
}

/** Tokens the English text has and the translation lacks (`lost`), and the other way round (`added`). */
export function tokenDifference(english, translation) {
  const count = (tokens) => tokens.reduce((m, t) => m.set(t, (m.get(t) ?? 0) + 1), new Map());
  const want = count(preservedTokens(english));
  const have = count(preservedTokens(translation));
  const diff = (a, b) => [...a].flatMap(([t, n]) => Array(Math.max(0, n - (b.get(t) ?? 0))).fill(t));
  return { lost: diff(want, have), added: diff(have, want) };
}

/**
 * Compares one locale's messages with the English ones: `missing` (absent or empty), `broken` (preserved parts
 * differ; `lost`/`added` say how), `stale` (keys English no longer has: VS Code ignores them, a translator should
 * not spend time on them).
 */
export function compareMessages(english, translated) {
  const missing = [];
  const broken = {};
  for (const [key, source] of Object.entries(english)) {
    const t = translated[key];
    if (typeof t !== 'string' || !t.trim()) {
      missing.push(key);
      continue;
    }
    const { lost, added } = tokenDifference(source, t);
    if (lost.length || added.length) broken[key] = { lost, added };
  }
  const stale = Object.keys(translated).filter((k) => !Object.hasOwn(english, k));
  return { missing, broken, stale };
}

export function readMessages(relative, dir = root) {
  const file = path.join(dir, relative);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** Every locale with at least one translation file. */
export function existingLocales(dir = root) {
  const found = new Set();
  for (const name of readdirSync(dir)) found.add(/^package\.nls\.([\w-]+)\.json$/.exec(name)?.[1]);
  const l10n = path.join(dir, 'l10n');
  if (existsSync(l10n))
    for (const name of readdirSync(l10n)) found.add(/^bundle\.l10n\.([\w-]+)\.json$/.exec(name)?.[1]);
  found.delete(undefined);
  return [...found].sort();
}

/**
 * The work list: for each English file and locale, key → English text of every missing or broken key (only those
 * with something to do). With `detail`, each locale gets `{ missing, broken, stale }` instead.
 */
export function missingTranslations({ locales = existingLocales(), detail = false, dir = root } = {}) {
  const out = {};
  for (const pair of PAIRS) {
    const english = readMessages(pair.english, dir);
    for (const locale of locales) {
      const r = compareMessages(english, readMessages(pair.localeFile(locale), dir) ?? {});
      const keys = [...r.missing, ...Object.keys(r.broken)].sort();
      if (!keys.length && !(detail && r.stale.length)) continue;
      out[pair.english] ??= {};
      out[pair.english][locale] = detail
        ? {
            missing: Object.fromEntries(r.missing.map((k) => [k, english[k]])),
            broken: Object.fromEntries(
              Object.entries(r.broken).map(([k, d]) => [k, { english: english[k], ...d }]),
            ),
            stale: r.stale,
          }
        : Object.fromEntries(keys.map((k) => [k, english[k]]));
    }
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const locales = args.flatMap((a, i) => (a === '--locale' && args[i + 1] ? args[i + 1].split(',') : []));
  const unknown = args.filter(
    (a, i) => !['--locale', '--detail', '--check'].includes(a) && args[i - 1] !== '--locale',
  );
  if (unknown.length) {
    console.error(`unknown argument ${unknown[0]}; use --locale <id>[,<id>…], --detail, --check`);
    process.exit(2);
  }
  const result = missingTranslations({
    ...(locales.length ? { locales } : {}),
    detail: args.includes('--detail'),
  });
  console.log(JSON.stringify(result, null, 2));
  if (args.includes('--check') && Object.keys(result).length) process.exit(1);
}
