// Packages the test fixture language pack (test/fixtures/germanLanguagePack/) as a .vsix, for the `german`
// integration suite, which installs it into its throwaway extensions folder. Why a language pack is needed at all is
// explained at the top of test/integration/german/locale.test.ts.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './installCodeServer.mjs';
import { VSCE_FLAGS } from './packageVsix.mjs';

export const GERMAN_LANGUAGE_PACK = path.join(repoRoot, 'test/fixtures/germanLanguagePack');

/** Returns the path of the packaged language pack (under out/, rebuilt on every call: it takes about a second). */
export function packageGermanLanguagePack(out = path.join(repoRoot, 'out/vsix/test-language-pack-de.vsix')) {
  mkdirSync(path.dirname(out), { recursive: true });
  const vsce = path.join(repoRoot, 'node_modules/@vscode/vsce/vsce');
  const res = spawnSync(process.execPath, [vsce, 'package', ...VSCE_FLAGS, '--skip-license', '-o', out], {
    cwd: GERMAN_LANGUAGE_PACK,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  if (res.status !== 0)
    throw new Error(`vsce package (language pack) failed (exit ${res.status}):\n${res.stdout}${res.stderr}`);
  return out;
}

/**
 * Writes `<user data>/languagepacks.json` for the language packs installed in `extensionsDir`, as VS Code's
 * LanguagePacksCache does after an install through the running server. `code-server --install-extension` does not
 * (the CLI process has no language pack service: coder/code-server#3372, microsoft/vscode#237663), and without the
 * file `--locale de` falls back to English. Same shape and hash (md5 of id + version) as VS Code 1.139 writes.
 */
export function recordLanguagePacks(userDataDir, extensionsDir) {
  const packs = {};
  for (const entry of readdirSync(extensionsDir, { withFileTypes: true })) {
    if (!entry.isDirectory() && !entry.isSymbolicLink()) continue;
    const folder = path.join(extensionsDir, entry.name);
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    const id = `${manifest.publisher}.${manifest.name}`;
    for (const loc of manifest.contributes?.localizations ?? []) {
      const pack = (packs[loc.languageId] ??= {
        hash: '',
        extensions: [],
        translations: {},
        label: loc.localizedLanguageName ?? loc.languageName,
      });
      pack.extensions.push({ extensionIdentifier: { id }, version: manifest.version });
      for (const t of loc.translations) pack.translations[t.id] = path.join(folder, t.path);
    }
  }
  for (const pack of Object.values(packs)) {
    const hash = createHash('md5');
    for (const e of pack.extensions) hash.update(e.extensionIdentifier.id).update(e.version);
    pack.hash = hash.digest('hex');
  }
  writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
  return Object.keys(packs);
}
