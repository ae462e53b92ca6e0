// The settings registry against the places that must agree with it: package.json's contributes.configuration and
// restrictedConfigurations, the core's zod schema, and the CLI's flags and usage text. Plain Node.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { CoreSettingsSchema, parseSettings } from '../../src/core/settings';
import { SETTING_DECLARATIONS } from '../../src/core/settingDeclarations';
import { SETTING_KEYS } from '../../src/core/settingKeys';
import { SETTING_SPECS, SETTINGS, settingId } from '../../src/core/settingsRegistry';
import { RESTRICTED_SETTINGS, SECURITY_SETTINGS, Settings } from '../../src/extension/ids';

interface SettingSchema {
  type: string | string[];
  default?: unknown;
  scope?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  order?: number;
}
interface Manifest {
  capabilities: { untrustedWorkspaces: { restrictedConfigurations?: string[] } };
  contributes: { configuration: Array<{ properties: Record<string, SettingSchema> }> };
}

const root = path.join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const contributed: Record<string, SettingSchema> = Object.assign(
  {},
  ...manifest.contributes.configuration.map((s) => s.properties),
);
const sorted = (values: Iterable<string>) => [...values].sort();

describe('settings registry', () => {
  describe('its two parts (what activation carries, and the declarations and CLI flags)', () => {
    it('name the same settings in the same order', () => {
      assert.ok(Object.keys(SETTING_KEYS).length >= 20, 'every setting');
      assert.deepEqual(Object.keys(SETTING_DECLARATIONS), Object.keys(SETTING_KEYS));
    });

    it('share no field, and the registry is exactly both joined', () => {
      assert.deepEqual(Object.keys(SETTINGS), Object.keys(SETTING_KEYS));
      for (const [name, keys] of Object.entries(SETTING_KEYS)) {
        const declared = SETTING_DECLARATIONS[name as keyof typeof SETTING_DECLARATIONS];
        const shared = Object.keys(keys).filter((field) => field in declared);
        assert.deepEqual(shared, [], `${name}: a field in both parts`);
        assert.deepEqual(SETTINGS[name as keyof typeof SETTINGS], { ...keys, ...declared }, name);
      }
    });

    it('leave the CLI flags, env names and usage text out of the part the extension imports', () => {
      const carried = JSON.stringify(SETTING_KEYS);
      for (const spec of SETTING_SPECS) {
        if (spec.cli) assert.ok(!carried.includes(spec.cli.flag), spec.cli.flag);
        if (spec.cli) assert.ok(!carried.includes(spec.cli.help), `${spec.cli.flag} help`);
        if (spec.env) assert.ok(!carried.includes(spec.env), spec.env);
      }
    });
  });

  describe('package.json agrees with it', () => {
    it('contributes exactly the registry keys, in the registry order', () => {
      assert.deepEqual(sorted(Object.keys(contributed)), sorted(SETTING_SPECS.map(settingId)));
      const byOrder = Object.entries(contributed)
        .sort(([, a], [, b]) => (a.order ?? 0) - (b.order ?? 0))
        .map(([id]) => id);
      assert.deepEqual(byOrder, SETTING_SPECS.map(settingId));
    });

    for (const spec of SETTING_SPECS) {
      it(`${settingId(spec)}: type, default, scope, enum and limits`, () => {
        const s = contributed[settingId(spec)];
        assert.ok(s, 'contributed');
        assert.deepEqual(s.type, spec.type, 'type');
        assert.deepEqual(s.default, spec.default, 'default');
        assert.equal(s.scope, spec.scope, 'scope');
        assert.deepEqual(s.enum, spec.enum, 'enum');
        assert.equal(s.minimum, spec.minimum, 'minimum');
        assert.equal(s.maximum, spec.maximum, 'maximum');
        assert.equal(s.maxItems, spec.maxItems, 'maxItems');
      });
    }

    it('restricts in untrusted workspaces exactly the registry restricted settings', () => {
      const restricted = SETTING_SPECS.filter((s) => s.restricted).map(settingId);
      assert.ok(restricted.length >= 4, 'the security settings and the output folder');
      assert.deepEqual(
        sorted(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []),
        sorted(restricted),
      );
    });
  });

  describe('the extension ids derive from it', () => {
    it('Settings is the registry keys by name', () => {
      assert.deepEqual(
        Settings,
        Object.fromEntries(Object.entries(SETTINGS).map(([name, spec]) => [name, spec.key])),
      );
    });

    it('RESTRICTED_SETTINGS and SECURITY_SETTINGS are the registry restricted sets', () => {
      assert.deepEqual(
        RESTRICTED_SETTINGS,
        SETTING_SPECS.filter((s) => s.restricted).map((s) => s.key),
      );
      assert.deepEqual(SECURITY_SETTINGS, [
        Settings.baseUrl,
        Settings.allowPrivateNetwork,
        Settings.requestHeaders,
      ]);
      assert.deepEqual(RESTRICTED_SETTINGS, [...SECURITY_SETTINGS, Settings.outputFolder]);
    });
  });

  describe('the core schema agrees with it', () => {
    const paths = (spec: (typeof SETTING_SPECS)[number]) => spec.core;

    it('every field of the core settings has exactly one registry setting, and every core path exists', () => {
      const shape = CoreSettingsSchema.shape;
      const defaultsShape = shape.defaults.unwrap().shape;
      const fields = [
        ...Object.keys(shape).filter((k) => k !== 'defaults'),
        ...Object.keys(defaultsShape).map((k) => `defaults.${k}`),
      ];
      const cores = SETTING_SPECS.map(paths).filter((p): p is string => p !== undefined);
      assert.deepEqual(sorted(cores), sorted(fields));
      assert.equal(new Set(cores).size, cores.length, 'no path twice');
    });

    it('the core applies the registry defaults where it has one (image options stay unset)', () => {
      const parsed = parseSettings({}) as unknown as Record<string, unknown>;
      for (const spec of SETTING_SPECS) {
        if (!spec.core || spec.core.startsWith('defaults.')) continue;
        assert.deepEqual(parsed[spec.core], spec.default, spec.core);
      }
      assert.deepEqual(parsed.defaults, {});
      for (const spec of SETTING_SPECS)
        if (spec.core?.startsWith('defaults.')) assert.equal(spec.emptyMeansUnset, true, spec.key);
    });

    it('the core enforces the registry limits (inclusive) and enums', () => {
      const at = (spec: (typeof SETTING_SPECS)[number], value: unknown): Record<string, unknown> => {
        const [head, leaf] = spec.core!.split('.');
        return leaf ? { [head!]: { [leaf]: value } } : { [head!]: value };
      };
      let checked = 0;
      for (const spec of SETTING_SPECS) {
        if (!spec.core) continue;
        if (spec.minimum !== undefined) {
          assert.doesNotThrow(() => parseSettings(at(spec, spec.minimum)), `${spec.key} = minimum`);
          assert.throws(() => parseSettings(at(spec, spec.minimum! - 1)), `${spec.key} < minimum`);
          checked++;
        }
        if (spec.maximum !== undefined) {
          assert.doesNotThrow(() => parseSettings(at(spec, spec.maximum)), `${spec.key} = maximum`);
          assert.throws(() => parseSettings(at(spec, spec.maximum! + 1)), `${spec.key} > maximum`);
          checked++;
        }
        if (spec.maxItems !== undefined) {
          const list = (n: number) => Array.from({ length: n }, (_, i) => `m${i}`);
          assert.doesNotThrow(() => parseSettings(at(spec, list(spec.maxItems!))), `${spec.key} full`);
          assert.throws(() => parseSettings(at(spec, list(spec.maxItems! + 1))), `${spec.key} too long`);
          checked++;
        }
        for (const value of spec.enum ?? []) {
          if (value === '') continue;
          assert.doesNotThrow(() => parseSettings(at(spec, value)), `${spec.key} = ${value}`);
          checked++;
        }
        if (spec.enum) assert.throws(() => parseSettings(at(spec, 'not-a-value')), `${spec.key} other`);
      }
      assert.ok(checked > 20, `checked ${checked} limits and values`);
    });
  });

  describe('the CLI comes from it', () => {
    async function usage(): Promise<string> {
      let text = '';
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string) => {
        text += chunk;
        return true;
      }) as typeof process.stdout.write;
      try {
        assert.equal(await main(['--help'], {}), 0);
      } finally {
        process.stdout.write = write;
      }
      return text;
    }

    it('the usage text shows every setting flag with its value, help, env var and default', async () => {
      const text = await usage();
      for (const spec of SETTING_SPECS) {
        const cli = spec.cli;
        if (!cli) continue;
        const line = text.split('\n').findIndex((l) => l.startsWith(`  ${cli.flag}`));
        assert.ok(line >= 0, `${cli.flag} is listed`);
        // One line per option: its placeholder, help, allowed values and environment variable all on it.
        const own = text.split('\n')[line]!;
        if (cli.value) assert.ok(own.includes(`${cli.flag} ${cli.value}`), cli.flag);
        assert.ok(own.includes(cli.help), `${cli.flag} help`);
        for (const v of spec.enum?.filter(Boolean) ?? [])
          assert.ok(own.includes(v), `${cli.flag} lists ${v}`);
        if (spec.env) assert.ok(own.includes(`env ${spec.env}`), `${cli.flag} env`);
      }
      assert.match(text, /--base-url URL .*default http:\/\/localhost:4000/);
      assert.match(text, /--timeout-ms MS .*default 300000/);
      assert.match(text, /--quality QUALITY +image quality: low\|medium\|high\|auto\|standard\|hd/);
      for (const own of ['--out DIR', '--verbose', '-h, --help', '--image FILE', '--mask FILE', '--prompt'])
        assert.ok(text.includes(own), own);
      assert.match(text, /The API key is read from LITELLM_API_KEY only\./);
    });

    it('every setting flag is accepted, and a flag the registry does not know is refused', async () => {
      let err = '';
      const write = process.stderr.write.bind(process.stderr);
      process.stderr.write = ((chunk: string) => {
        err += chunk;
        return true;
      }) as typeof process.stderr.write;
      try {
        // Flags parse; the run stops at the missing command (a usage error, exit 2) before any network.
        for (const spec of SETTING_SPECS) {
          if (!spec.cli) continue;
          err = '';
          const args = spec.type === 'boolean' ? [spec.cli.flag] : [spec.cli.flag, 'x'];
          assert.equal(await main(args, {}), 2, spec.cli.flag);
          assert.doesNotMatch(err, /Unknown option/, spec.cli.flag);
          assert.match(err, /Missing command/, spec.cli.flag);
        }
        err = '';
        assert.equal(await main(['--max-response-bytes', '5'], {}), 2);
        assert.match(err, /Unknown option '--max-response-bytes'/);
      } finally {
        process.stderr.write = write;
      }
    });
  });
});
