/**
 * The extension in a VS Code whose display language is German (issue 10): the host reports `de`, the extension's
 * German bundles are loaded, and the Image Studio's webview is handed German labels.
 *
 * What it takes to get there in code-server 4.139.1 (VS Code 1.139.1), found by trying it here:
 * - `--locale de` alone is not enough: the extension host still reported `vscode.env.language === 'en'` and
 *   package.nls.de.json was not applied. The server turns the locale into the workbench's NLS script only through
 *   `<user-data-dir>/languagepacks.json` (server-main.js: `lN` → `Vm` reads it, needs an entry for the language with
 *   a `hash` and an existing `translations.vscode` file, and then serves an nls.messages.js that sets
 *   `_VSCODE_NLS_LANGUAGE = "de"`); without it the page stays English, and the language the extension host gets is
 *   the page's.
 * - So a language pack is needed: test/fixtures/germanLanguagePack/ is the smallest one (`contributes.localizations`
 *   with languageId `de` and an empty `vscode` translations file: the workbench itself stays English, which does not
 *   matter here). The runner packages it with vsce and installs it into this suite's throwaway extensions folder
 *   (scripts/vscode/languagePack.mjs).
 * - Installing it with `code-server --install-extension` does not write languagepacks.json (the CLI has no language
 *   pack service: coder/code-server#3372, microsoft/vscode#237663), so the harness writes the file itself, in the
 *   shape and with the hash VS Code's LanguagePacksCache writes (`recordLanguagePacks`). With pack, file and
 *   `--locale de`: `vscode.env.language` is `de`, command titles come from package.nls.de.json (the manifest the host
 *   sees has `{ value: <German>, original: <English> }`), and once the extension is activated `vscode.l10n.uri` is
 *   l10n/bundle.l10n.de.json and `vscode.l10n.t` answers from it. Before activation `vscode.l10n.t` returns the
 *   English message (the bundle is loaded as the extension activates).
 * - These test modules live inside the extension's folder, so the host gives them the extension's own `vscode` API:
 *   `vscode.l10n.t` here answers as it does in the extension.
 *
 * Expected German texts are read from l10n/bundle.l10n.de.json and package.nls.de.json at test time, never written
 * here.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID, STUDIO_VIEW_TYPE } from '../../../src/extension/ids';
import { studioStrings } from '../../../src/extension/studio/studioStrings';
import { isGermanLabel, readBundles, unescapeAttribute, type Bundles } from '../../fixtures/germanText';
import { integrationEnv } from '../env';
import { extensionApi, waitFor } from '../support';

const { repoRoot } = integrationEnv();
const readJson = (file: string) => JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as never;

/** `%key%` → key, for a manifest value that names an nls entry. */
const nlsKey = (value: unknown) => (typeof value === 'string' ? /^%(.+)%$/.exec(value)?.[1] : undefined);

/** A localised manifest value as the extension host sees it: a plain string or `{ value, original }`. */
const shown = (value: unknown) =>
  typeof value === 'object' && value !== null && 'value' in value
    ? (value as { value: unknown }).value
    : value;

describe('German display language', () => {
  let bundles: Bundles;

  before(async () => {
    bundles = readBundles(repoRoot);
    await extensionApi();
  });

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('the extension host runs in German and the extension loads its German bundle', () => {
    assert.equal(vscode.env.language, 'de');
    assert.equal(vscode.l10n.uri?.fsPath, path.join(repoRoot, 'l10n', 'bundle.l10n.de.json'));
    const translated = Object.entries(bundles.de).filter(([en, de]) => de !== en && !/\{\d+\}/.test(en));
    assert.ok(translated.length > 0, 'the German bundle translates something');
    for (const [en, de] of translated) assert.equal(vscode.l10n.t(en), de);
  });

  it('command titles and their category come from package.nls.de.json', () => {
    const nlsDe: Record<string, string> = readJson('package.nls.de.json');
    type Manifest = { contributes: { commands: Record<string, unknown>[] } };
    const source: Manifest = readJson('package.json');
    const seen = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Manifest | undefined;
    assert.ok(seen, `${EXTENSION_ID} is installed`);
    for (const command of source.contributes.commands) {
      const inHost: Record<string, unknown> | undefined = seen.contributes.commands.find(
        (c) => c.command === command.command,
      );
      assert.ok(inHost, `${command.command} is contributed`);
      for (const field of ['title', 'shortTitle', 'category']) {
        const key = nlsKey(command[field]);
        if (!key) continue;
        assert.ok(key in nlsDe, `package.nls.de.json translates ${key}`);
        assert.equal(shown(inHost[field]), nlsDe[key], `${command.command} ${field}`);
      }
    }
  });

  it('the Image Studio is handed German labels, its tab title and its page language', async () => {
    await vscode.commands.executeCommand(Commands.openStudio);
    const api = await extensionApi();
    const studio = await waitFor('the Studio panel', () => api.studio());
    // What the webview really got: the HTML set on the panel, the strings decoded from `<body data-strings>`.
    const html = studio.html();
    assert.match(html, /<html lang="de">/);
    const title = /<title>([^<]*)<\/title>/.exec(html)?.[1];
    assert.ok(title !== undefined && isGermanLabel(unescapeAttribute(title), bundles), `page title ${title}`);
    const attribute = /<body data-strings="([^"]*)">/.exec(html)?.[1];
    assert.ok(attribute, 'the body carries the strings');
    const strings = JSON.parse(unescapeAttribute(attribute)) as Record<string, string>;
    assert.deepEqual(
      Object.keys(strings).sort(),
      Object.keys(studioStrings()).sort(),
      'every label is there',
    );
    const english = Object.entries(strings).filter(([, label]) => !isGermanLabel(label, bundles));
    assert.deepEqual(english, [], 'labels that are not German translations');

    const tab = await waitFor('the Studio tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find(
          (t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes(STUDIO_VIEW_TYPE),
        ),
    );
    assert.ok(isGermanLabel(tab.label, bundles), `tab title ${tab.label}`);
  });
});
