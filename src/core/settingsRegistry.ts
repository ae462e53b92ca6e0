/**
 * Every `litellm.*` setting, once: its key, the JSON type and default package.json declares, its scope, whether VS
 * Code ignores a workspace's value in an untrusted workspace, where the core reads it, and its CLI flag and
 * environment variable. The extension's readers and ids, the CLI's options and usage text and the core's setting
 * names all come from here; test/unit/settingsRegistry.test.ts checks package.json's `contributes.configuration`
 * against it.
 *
 * Written in two plain-data parts keyed by the same setting names, so that activation carries only what the
 * extension reads: settingKeys.ts (key, default, restriction, core path: the one core file dist/extension.js
 * carries, through ids.ts) and settingDeclarations.ts (type, scope, allowed values, limits, CLI flag, environment
 * variable: the core and the CLI). This file joins them for the core, the CLI and the tests. Validation stays in
 * the core's zod schemas (settings.ts, imageOptions.ts), which take their limits and enums from here.
 */
import {
  type CliFlag,
  SETTING_DECLARATIONS,
  type SettingDeclaration,
  type SettingScope,
  type SettingType,
} from './settingDeclarations';
import { ENV_API_KEY, SECTION, SETTING_KEYS, type SettingKeySpec, type SettingName } from './settingKeys';

export {
  ASPECT_RATIOS,
  BACKGROUNDS,
  IMAGE_SIZES,
  FILE_NAMINGS,
  INSERT_LINKS,
  MODERATIONS,
  OUTPUT_FORMATS,
  QUALITIES,
  STYLES,
} from './settingDeclarations';
export { ENV_API_KEY, SECTION };
export type { CliFlag, SettingName, SettingScope, SettingType };

export interface SettingSpec extends SettingKeySpec, SettingDeclaration {}

type Joined = {
  readonly [N in SettingName]: (typeof SETTING_KEYS)[N] & (typeof SETTING_DECLARATIONS)[N];
};

/** Both parts of each setting, in the order of settingKeys.ts (the Settings editor's and the usage text's). */
export const SETTINGS = Object.fromEntries(
  (Object.keys(SETTING_KEYS) as SettingName[]).map((name) => [
    name,
    { ...SETTING_KEYS[name], ...SETTING_DECLARATIONS[name] },
  ]),
) as Joined;

/** Every setting as the general shape (the literal types of SETTINGS are for ids; code that iterates wants this). */
export const SETTING_SPECS: readonly SettingSpec[] = Object.values(SETTINGS);

/** The full id, `litellm.image.size`. */
export function settingId(spec: Pick<SettingSpec, 'key'>): string {
  return `${SECTION}.${spec.key}`;
}
