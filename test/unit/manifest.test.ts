// The manifest (package.json + package.nls.json) against the ids the code uses and the values the core accepts. Plain
// Node: nothing here imports 'vscode'.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  BACKGROUNDS,
  MODERATIONS,
  OUTPUT_FORMATS,
  QUALITIES,
  SIZE_PATTERN,
  STYLES,
} from '../../src/core/imageOptions';
import {
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MODEL,
  DEFAULT_TIMEOUT_MS,
} from '../../src/core/settings';
import {
  Commands,
  RESTRICTED_SETTINGS,
  SECTION,
  SECURITY_SETTINGS,
  Settings,
  STUDIO_VIEW_TYPE,
} from '../../src/extension/ids';

const root = path.join(__dirname, '..', '..');
const manifestText = readFileSync(path.join(root, 'package.json'), 'utf8');
const nlsText = readFileSync(path.join(root, 'package.nls.json'), 'utf8');

interface CommandContribution {
  command: string;
  title: string;
  shortTitle?: string;
  category?: string;
  icon?: string;
}
interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}
interface SettingSchema {
  type: string | string[];
  default?: unknown;
  scope?: string;
  description?: string;
  markdownDescription?: string;
  enum?: unknown[];
  enumDescriptions?: string[];
  markdownEnumDescriptions?: string[];
  enumItemLabels?: string[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  patternErrorMessage?: string;
  order?: number;
  maxItems?: number;
  uniqueItems?: boolean;
}
interface ConfigurationSection {
  title: string;
  properties: Record<string, SettingSchema>;
}
interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string | Record<string, string>; svg?: string };
  completionEvents?: string[];
}
interface Manifest {
  icon?: string;
  activationEvents?: string[];
  capabilities?: {
    untrustedWorkspaces?: { supported: boolean | 'limited'; restrictedConfigurations?: string[] };
    virtualWorkspaces?: boolean | { supported: boolean | 'limited' };
  };
  contributes: {
    commands: CommandContribution[];
    menus: Record<string, MenuItem[]>;
    configuration: ConfigurationSection | ConfigurationSection[];
    walkthroughs?: Array<{ id: string; title: string; description: string; steps: WalkthroughStep[] }>;
  };
}

const manifest = JSON.parse(manifestText) as Manifest;
const nls = JSON.parse(nlsText) as Record<string, string>;
const contributes = manifest.contributes;
const sections = Array.isArray(contributes.configuration)
  ? contributes.configuration
  : [contributes.configuration];
const settings: Record<string, SettingSchema> = Object.assign({}, ...sections.map((s) => s.properties));
const full = (key: string) => `${SECTION}.${key}`;
const setting = (key: string): SettingSchema => {
  const s = settings[full(key)];
  assert.ok(s, `${full(key)} is contributed`);
  return s;
};
const sorted = (values: Iterable<string>) => [...values].sort();
const commandIds = new Set<string>(Object.values(Commands));

/** Every `%key%` placeholder in a JSON text. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/"%([^"%\s]+)%"/g)].map((m) => m[1]);
}
/** The text a `%key%` value shows, or the value itself. */
function localized(value: string | undefined): string {
  const m = value === undefined ? null : /^%([^%]+)%$/.exec(value);
  return m ? (nls[m[1]] ?? '') : (value ?? '');
}

describe('manifest', () => {
  describe('commands', () => {
    it('contributes exactly the commands in Commands', () => {
      assert.deepEqual(sorted(contributes.commands.map((c) => c.command)), sorted(commandIds));
    });

    it('gives every command a localized title, the LiteLLM category and a codicon', () => {
      for (const c of contributes.commands) {
        assert.match(c.title, /^%.+%$/, `${c.command} title comes from package.nls.json`);
        assert.ok(localized(c.title).trim(), `${c.command} has a title`);
        assert.equal(localized(c.category), 'LiteLLM', `${c.command} category`);
        assert.match(c.icon ?? '', /^\$\([a-z-]+\)$/, `${c.command} has a codicon`);
      }
    });

    it('marks commands that ask for more input with an ellipsis', () => {
      const title = (id: string) => localized(contributes.commands.find((c) => c.command === id)?.title);
      for (const id of [Commands.generateImage, Commands.editImage, Commands.setApiKey, Commands.selectModel])
        assert.ok(title(id).endsWith('…'), `${id}: "${title(id)}"`);
    });

    it('menus only refer to contributed commands', () => {
      for (const [menu, items] of Object.entries(contributes.menus))
        for (const item of items) assert.ok(commandIds.has(item.command), `${menu}: ${item.command}`);
    });

    it('hides commands that need an image from the command palette, and selection commands without one', () => {
      const palette = new Map(contributes.menus['commandPalette'].map((i) => [i.command, i.when]));
      assert.equal(palette.get(Commands.showImageInfo), 'false');
      assert.match(palette.get(Commands.generateFromSelection) ?? '', /\beditorHasSelection\b/);
    });

    it('offers image commands on image files only', () => {
      const imageExt = /resourceExtname =~ \/\^\\\.\(png\|jpe\?g\|webp\)\$\/i/;
      const explorer = contributes.menus['explorer/context'];
      for (const id of [Commands.editImage, Commands.showImageInfo, Commands.openStudio]) {
        const item = explorer.find((i) => i.command === id);
        assert.ok(item, `${id} in the Explorer`);
        assert.match(item.when ?? '', imageExt);
        assert.match(item.group ?? '', /^litellm@\d+$/);
      }
      const title = contributes.menus['editor/title'].find((i) => i.command === Commands.editImage);
      assert.ok(title, 'Edit Image… in the image preview title bar');
      assert.match(title.when ?? '', /activeCustomEditorId == 'imagePreview\.previewEditor'/);
      assert.match(title.when ?? '', imageExt);
      assert.match(title.group ?? '', /^navigation/);
      const editor = contributes.menus['editor/context'].find(
        (i) => i.command === Commands.generateFromSelection,
      );
      assert.equal(editor?.when, 'editorHasSelection && !editorReadonly');
    });

    // In Remote-SSH, WSL, Dev Containers and Codespaces the UI names workspace files vscode-remote://… (the extension
    // beside them gets file: URIs), so a clause that only accepts `file` hides the item exactly there.
    it('every resource-based when clause accepts file and vscode-remote, and no other scheme', () => {
      const clauses = Object.entries(contributes.menus).flatMap(([menu, items]) =>
        items
          .filter((i) => /\bresource(Scheme|Extname|Filename|LangId|Path)\b/.test(i.when ?? ''))
          .map((i) => ({ where: `${menu}: ${i.command}`, when: i.when! })),
      );
      assert.ok(clauses.length >= 9, `the image menus (${clauses.length})`);
      for (const { where, when } of clauses) {
        assert.doesNotMatch(when, /\|\|/, `${where}: an "||" would escape the other conditions: ${when}`);
        assert.doesNotMatch(
          when,
          /resourceScheme\s*[!=]=/,
          `${where}: compares the scheme to one value: ${when}`,
        );
        const schemes = [...when.matchAll(/\bresourceScheme =~ \/((?:[^/\\]|\\.)+)\/([a-z]*)/g)];
        assert.equal(schemes.length, 1, `${where}: one resourceScheme regex: ${when}`);
        const re = new RegExp(schemes[0]![1]!, schemes[0]![2]);
        for (const scheme of ['file', 'vscode-remote'])
          assert.ok(re.test(scheme), `${where} accepts ${scheme}`);
        for (const scheme of [
          'untitled',
          'git',
          'vscode-vfs',
          'https',
          'vscode-userdata',
          'remote',
          'files',
          '',
        ])
          assert.ok(!re.test(scheme), `${where} refuses "${scheme}"`);
      }
    });

    it('the image extension check matches what it should', () => {
      const when = contributes.menus['explorer/context'][0].when ?? '';
      const m = /resourceExtname =~ \/(.+)\/(i?)/.exec(when);
      assert.ok(m, 'a regex in the when clause');
      const re = new RegExp(m[1], m[2]);
      for (const ext of ['.png', '.jpg', '.jpeg', '.webp', '.PNG', '.JPG']) assert.ok(re.test(ext), ext);
      for (const ext of ['.gif', '.svg', '.pngx', '.ts', '']) assert.ok(!re.test(ext), ext);
    });
  });

  describe('settings', () => {
    it('contributes exactly the settings in Settings', () => {
      assert.deepEqual(sorted(Object.keys(settings)), sorted(Object.values(Settings).map(full)));
    });

    it('describes every setting, with an order and a scope', () => {
      for (const [name, s] of Object.entries(settings)) {
        const text = localized(s.markdownDescription ?? s.description);
        assert.ok(text.length > 20, `${name} has a description`);
        assert.equal(typeof s.order, 'number', `${name} order`);
        assert.ok(s.scope, `${name} scope`);
        assert.ok('default' in s, `${name} default`);
      }
    });

    it('links settings only to settings that exist', () => {
      for (const [name, s] of Object.entries(settings))
        for (const m of localized(s.markdownDescription).matchAll(/`#([^`#]+)#`/g))
          assert.ok(settings[m[1]], `${name} links to ${m[1]}`);
    });

    it('gives every enum a description and a label per value', () => {
      for (const [name, s] of Object.entries(settings)) {
        if (!s.enum) continue;
        const descriptions = s.enumDescriptions ?? s.markdownEnumDescriptions;
        assert.equal(descriptions?.length, s.enum.length, `${name} enum descriptions`);
        if (s.enumItemLabels) assert.equal(s.enumItemLabels.length, s.enum.length, `${name} enum labels`);
        assert.ok(s.enum.includes(s.default), `${name} default is one of its values`);
      }
    });

    it('offers exactly the image options the core accepts, plus "" for "not sent"', () => {
      const cases: Array<[string, readonly string[]]> = [
        [Settings.quality, QUALITIES],
        [Settings.background, BACKGROUNDS],
        [Settings.outputFormat, OUTPUT_FORMATS],
        [Settings.moderation, MODERATIONS],
        [Settings.style, STYLES],
      ];
      for (const [key, values] of cases) {
        const s = setting(key);
        assert.deepEqual(s.enum, ['', ...values], key);
        assert.equal(s.default, '', `${key} default is "not sent"`);
      }
    });

    it('matches the core defaults and ranges', () => {
      assert.equal(setting(Settings.baseUrl).default, DEFAULT_BASE_URL);
      assert.equal(setting(Settings.model).default, DEFAULT_MODEL);
      assert.equal(setting(Settings.allowPrivateNetwork).default, false);
      assert.deepEqual(setting(Settings.requestHeaders).default, {});
      const timeout = setting(Settings.timeoutMs);
      assert.deepEqual(
        [timeout.default, timeout.minimum, timeout.maximum],
        [DEFAULT_TIMEOUT_MS, 1000, 3_600_000],
      );
      const bytes = setting(Settings.maxResponseBytes);
      assert.deepEqual(
        [bytes.default, bytes.minimum, bytes.maximum],
        [DEFAULT_MAX_RESPONSE_BYTES, 1024, 1024 ** 3],
      );
      const count = setting(Settings.count);
      assert.deepEqual([count.type, count.default, count.minimum, count.maximum], ['integer', 1, 1, 10]);
      const compression = setting(Settings.outputCompression);
      assert.deepEqual([compression.default, compression.minimum, compression.maximum], [null, 0, 100]);
      const fallbacks = setting(Settings.fallbacks);
      assert.deepEqual([fallbacks.default, fallbacks.maxItems, fallbacks.uniqueItems], [[], 10, true]);
      assert.equal(setting(Settings.outputFolder).default, 'images');
      assert.deepEqual(setting(Settings.fileNames).enum, ['prompt', 'date-prompt']);
      assert.deepEqual(setting(Settings.insertLink).enum, ['auto', 'markdown', 'html', 'path', 'never']);
      assert.equal(setting(Settings.insertLink).scope, 'language-overridable');
    });

    it('keeps number defaults inside their ranges', () => {
      for (const [name, s] of Object.entries(settings)) {
        if (typeof s.default !== 'number') continue;
        if (s.minimum !== undefined) assert.ok(s.default >= s.minimum, name);
        if (s.maximum !== undefined) assert.ok(s.default <= s.maximum, name);
      }
    });

    it('the size pattern accepts what the core accepts, and empty', () => {
      const pattern = new RegExp(setting(Settings.size).pattern ?? '^$');
      for (const ok of ['', 'auto', '1024x1024', '1536x1024', '3840x2160'])
        assert.ok(pattern.test(ok) && (ok === '' || SIZE_PATTERN.test(ok)), ok);
      for (const bad of ['large', '1024', '1024×1024', '0x1024', '1024x1024 ', 'AUTO'])
        assert.ok(!pattern.test(bad) && !SIZE_PATTERN.test(bad), bad);
    });

    it('the base URL pattern accepts proxy URLs and refuses credentials, queries and other schemes', () => {
      const pattern = new RegExp(setting(Settings.baseUrl).pattern ?? '^$');
      for (const ok of [
        DEFAULT_BASE_URL,
        'http://localhost:4000/v1',
        'https://litellm.example.com',
        'https://example.com/litellm/',
        'http://[::1]:4000',
      ])
        assert.ok(pattern.test(ok), ok);
      for (const bad of [
        'ftp://example.com',
        'localhost:4000',
        'http://user:pw@example.com',
        'https://example.com/?key=1',
        'https://example.com/#x',
        '',
      ])
        assert.ok(!pattern.test(bad), bad);
    });

    it('never puts connection settings in application scope (workspaces may set them, Restricted Mode guards them)', () => {
      // window: Restricted Mode ignores a workspace's value; machine (CA files, the http-through-proxy opt-in): a
      // workspace can never set it, trusted or not.
      for (const key of SECURITY_SETTINGS)
        assert.ok(['window', 'machine'].includes(setting(key).scope ?? ''), key);
    });

    it('has no setting that looks like a place for a secret, and no secret-like default', () => {
      const secretLike = /\b(sk|pk|rk)-[A-Za-z0-9_-]{4,}|\bbearer\s+\S|[A-Za-z0-9+/=_-]{32,}/i;
      const walk = (name: string, value: unknown): void => {
        if (typeof value === 'string')
          assert.ok(!secretLike.test(value), `${name} default looks like a secret`);
        else if (Array.isArray(value)) value.forEach((v, i) => walk(`${name}[${i}]`, v));
        else if (value && typeof value === 'object')
          for (const [k, v] of Object.entries(value)) {
            assert.ok(!/authorization|api-?key|token|secret|password|cookie/i.test(k), `${name} sets ${k}`);
            walk(`${name}.${k}`, v);
          }
      };
      for (const [name, s] of Object.entries(settings)) {
        assert.ok(!/(api)?key$|token|secret|password/i.test(name), `${name} is not a place for a secret`);
        walk(name, s.default);
      }
      assert.ok(!secretLike.test('gpt-image-2') && secretLike.test('sk-1234abcd'), 'the check can fail');
    });
  });

  describe('localization', () => {
    it('resolves every %key% placeholder in package.json', () => {
      const missing = placeholders(manifestText).filter((k) => !(k in nls));
      assert.deepEqual(missing, []);
    });

    it('uses every key in package.nls.json, and none is empty', () => {
      const used = new Set(placeholders(manifestText));
      assert.deepEqual(
        Object.keys(nls).filter((k) => !used.has(k)),
        [],
      );
      for (const [k, v] of Object.entries(nls)) assert.ok(v.trim(), `${k} is empty`);
    });

    it('localizes command titles, setting descriptions, enum descriptions and walkthrough texts', () => {
      const literal = (value: string | undefined, what: string) =>
        assert.ok(value === undefined || /^%.+%$/.test(value), `${what} should be a %key%: ${value}`);
      for (const c of contributes.commands) {
        literal(c.title, `${c.command} title`);
        literal(c.shortTitle, `${c.command} shortTitle`);
        literal(c.category, `${c.command} category`);
      }
      for (const s of sections) literal(s.title, 'configuration title');
      for (const [name, s] of Object.entries(settings)) {
        literal(s.markdownDescription ?? s.description, `${name} description`);
        literal(s.patternErrorMessage, `${name} patternErrorMessage`);
        for (const d of [...(s.enumDescriptions ?? []), ...(s.enumItemLabels ?? [])])
          literal(d, `${name} enum`);
      }
      for (const w of contributes.walkthroughs ?? []) {
        literal(w.title, `${w.id} title`);
        literal(w.description, `${w.id} description`);
        for (const st of w.steps) {
          literal(st.title, `${st.id} title`);
          literal(st.description, `${st.id} description`);
        }
      }
    });
  });

  describe('trust, activation and packaging', () => {
    it('restricts exactly the security settings and the output folder in untrusted workspaces', () => {
      const untrusted = manifest.capabilities?.untrustedWorkspaces;
      assert.equal(untrusted?.supported, 'limited');
      assert.deepEqual(
        sorted(untrusted?.restrictedConfigurations ?? []),
        sorted(RESTRICTED_SETTINGS.map(full)),
      );
    });

    it('declares virtual workspaces unsupported (images are written to disk)', () => {
      const virtual = manifest.capabilities?.virtualWorkspaces;
      assert.equal(typeof virtual === 'object' ? virtual.supported : virtual, false);
    });

    it('activates only on use', () => {
      const events = manifest.activationEvents ?? [];
      for (const e of events) assert.ok(e !== '*' && e !== 'onStartupFinished', `activation event ${e}`);
    });

    it('packages exactly the Studio assets its HTML loads (and no source maps)', () => {
      const html = readFileSync(path.join(root, 'src/extension/studio/studioHtml.ts'), 'utf8');
      const assets = [...html.matchAll(/asset\('([^']+)'\)/g)].map((m) => m[1]).sort();
      assert.deepEqual(assets, ['studio.css', 'studio.js']);
      const allowed = readFileSync(path.join(root, '.vscodeignore'), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('!dist/webview/'))
        .map((l) => l.slice('!dist/webview/'.length))
        .sort();
      assert.deepEqual(allowed, assets);
    });

    it('packages every bundle the extension requires lazily (a missing one fails only when first used)', () => {
      const lazy = new Set<string>();
      for (const file of [
        'src/extension/coreLoader.ts',
        'src/extension/studioRegistration.ts',
        'src/extension/messageText.ts',
        'src/extension/reportsLoader.ts',
        'src/extension/commandsLoader.ts',
        'src/extension/tools/thumbnailLoader.ts',
      ])
        for (const m of readFileSync(path.join(root, file), 'utf8').matchAll(
          /require\('\.\/([\w.]+\.js)'\)/g,
        ))
          lazy.add(m[1]!);
      assert.deepEqual([...lazy].sort(), [
        'commands.js',
        'core.js',
        'messages.js',
        'reports.js',
        'studio.js',
        'thumbnail.js',
      ]);
      const build = readFileSync(path.join(root, 'scripts/build.mjs'), 'utf8');
      const packaged = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
      for (const bundle of lazy) {
        assert.ok(build.includes(`outfile: 'dist/${bundle}'`), `scripts/build.mjs builds dist/${bundle}`);
        assert.ok(packaged.includes(`!dist/${bundle}`), `.vscodeignore packages dist/${bundle}`);
      }
    });

    it('activates to restore the Image Studio after a reload (its serializer lives in the extension)', () => {
      assert.deepEqual(manifest.activationEvents, [`onWebviewPanel:${STUDIO_VIEW_TYPE}`]);
    });

    it('has a 128x128 PNG icon', () => {
      assert.ok(manifest.icon, 'icon is set');
      const png = readFileSync(path.join(root, manifest.icon));
      assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
      assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    });
  });

  describe('walkthrough', () => {
    const walkthroughs = contributes.walkthroughs ?? [];

    it('exists and takes a new user from proxy to first image', () => {
      assert.equal(walkthroughs.length, 1);
      const buttons = walkthroughs[0].steps.map(
        (s) => /\(command:([\w.]+)/.exec(localized(s.description))?.[1],
      );
      assert.deepEqual(buttons, [
        Commands.openSettings,
        Commands.setApiKey,
        Commands.testConnection,
        Commands.selectModel,
        Commands.generateImage,
      ]);
    });

    it('has a media file for every step', () => {
      for (const s of walkthroughs.flatMap((w) => w.steps)) {
        const media = s.media.markdown ?? s.media.svg ?? s.media.image;
        assert.equal(typeof media, 'string', `${s.id} media`);
        const file = path.join(root, media as string);
        assert.ok(existsSync(file), `${s.id}: ${media as string} exists`);
        assert.ok(readFileSync(file, 'utf8').trim().length > 0, `${s.id}: ${media as string} is not empty`);
      }
    });

    it('completes steps on contributed commands and settings only', () => {
      for (const s of walkthroughs.flatMap((w) => w.steps)) {
        assert.ok(s.completionEvents?.length, `${s.id} has completion events`);
        for (const e of s.completionEvents ?? []) {
          const [kind, arg] = e.split(/:(.*)/s, 2);
          if (kind === 'onCommand') assert.ok(commandIds.has(arg), `${s.id}: ${e}`);
          else if (kind === 'onSettingChanged') assert.ok(settings[arg], `${s.id}: ${e}`);
          else assert.fail(`${s.id}: unexpected completion event ${e}`);
        }
      }
    });

    it('links only to contributed commands anywhere in the manifest texts', () => {
      const texts = [...Object.values(nls)];
      for (const text of texts)
        for (const m of text.matchAll(/\(command:([\w.]+)/g))
          assert.ok(commandIds.has(m[1]), `link to unknown command ${m[1]}`);
    });
  });
});

describe('the web-assets chat skill', () => {
  const skills = (manifest.contributes as { chatSkills?: { path: string }[] }).chatSkills ?? [];
  const tools = (
    manifest.contributes as unknown as {
      languageModelTools: { name: string; toolReferenceName: string; inputSchema: { properties: object } }[];
    }
  ).languageModelTools;

  it('is contributed, packaged, and named as its folder with a description (the SKILL.md frontmatter)', () => {
    assert.deepEqual(
      skills.map((s) => s.path),
      ['./skills/web-assets/SKILL.md'],
    );
    const text = readFileSync(path.join(root, skills[0]!.path), 'utf8');
    const front = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? '';
    assert.match(front, /^name: web-assets$/m);
    assert.match(front, /^description: .{40,}$/m);
    assert.ok(readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').includes('!skills/**'));
  });

  it('names only tools and tool inputs that exist, so it cannot drift from the schemas', () => {
    const text = readFileSync(path.join(root, skills[0]!.path), 'utf8');
    const references = [...text.matchAll(/#(\w+)/g)].map((m) => m[1]!).filter((r) => /[A-Z]/.test(r));
    assert.ok(references.length >= 3, references.join());
    for (const r of references)
      assert.ok(
        tools.some((t) => t.toolReferenceName === r),
        `#${r} is a tool reference`,
      );
    const inputs = new Set(tools.flatMap((t) => Object.keys(t.inputSchema.properties)));
    // Every `name: "value"` the skill tells a model to send is an input of the tools.
    const sent = [...text.matchAll(/`(\w+): "[^"`]*"`/g)].map((m) => m[1]!);
    assert.ok(sent.length >= 3, sent.join());
    for (const n of sent) assert.ok(inputs.has(n), `${n} is a tool input`);
    const named = new Set([...text.matchAll(/`(\w+)`/g)].map((m) => m[1]!));
    for (const n of ['fileName', 'folder', 'references', 'mask'])
      assert.ok(named.has(n) && inputs.has(n), `the skill explains ${n}, an input of the tools`);
  });
});
