/**
 * Every command id, setting key and secret key the extension uses, defined once. The manifest
 * (package.json) must agree with these; test/unit/manifest.test.ts checks that it does. The setting keys come from
 * the readers' part of the core's settings registry (settingKeys.ts), a plain data module that is the one core file
 * the extension may import as a value; the registry's other part (types, limits, CLI flags and usage text) is not
 * needed here, so activation does not carry it.
 */
import {
  ENV_API_KEY,
  SECTION,
  SETTING_KEY_SPECS as SETTING_SPECS,
  SETTING_KEYS as SETTINGS,
  type SettingKeySpec,
  type SettingName,
} from '../core/settingKeys';

export const EXTENSION_ID = 'litellm-images.litellm-images';

export const Commands = {
  generateImage: 'litellm.generateImage',
  generateFromSelection: 'litellm.generateFromSelection',
  editImage: 'litellm.editImage',
  showImageInfo: 'litellm.showImageInfo',
  setApiKey: 'litellm.setApiKey',
  clearApiKey: 'litellm.clearApiKey',
  selectModel: 'litellm.selectModel',
  testConnection: 'litellm.testConnection',
  showLog: 'litellm.showLog',
  /** Opens the Settings editor filtered to this extension (used by failure buttons and the walkthrough). */
  openSettings: 'litellm.openSettings',
  /** The Image Studio panel; with an image resource (Explorer, image preview) it opens with that image as reference. */
  openStudio: 'litellm.openStudio',
} as const;

/** The Studio's webview type: the serializer that restores the panel after a reload is registered under it. */
export const STUDIO_VIEW_TYPE = 'litellm.imageStudio';
/** workspaceState key of the Studio's composer (prompt, model, options, references), kept across reloads. */
export const STUDIO_STATE_KEY = 'litellm.studio.composer';
export type CommandId = (typeof Commands)[keyof typeof Commands];

/** Setting keys, relative to the `litellm` section, by name: derived from the core's settings registry. */
export const Settings = Object.fromEntries(
  Object.entries(SETTINGS).map(([name, spec]) => [name, spec.key]),
) as {
  readonly [N in SettingName]: (typeof SETTINGS)[N]['key'];
};
export type SettingKey = (typeof Settings)[keyof typeof Settings];
export { SECTION };

/**
 * The keys of the settings whose restriction passes `which`. The calls below are marked pure so that esbuild drops
 * the lists from dist/extension.js while no activation code reads them (today only the tests do).
 */
function restrictedKeys(which: (r: SettingKeySpec['restricted']) => boolean): readonly SettingKey[] {
  return SETTING_SPECS.filter((s) => which(s.restricted)).map((s) => s.key as SettingKey);
}

/** Settings that decide where the key is sent: restricted in untrusted workspaces (see package.json). */
export const SECURITY_SETTINGS = /* @__PURE__ */ restrictedKeys((r) => r === 'security');

/**
 * Settings VS Code reads from user settings only in untrusted workspaces (package.json `restrictedConfigurations`):
 * the security settings, and the output folder (a repository must not choose where files are written).
 */
export const RESTRICTED_SETTINGS = /* @__PURE__ */ restrictedKeys((r) => r !== undefined);

/** The secret's key in SecretStorage: one key per proxy origin, so a key never follows a changed base URL. */
export function apiKeySecretName(origin: string): string {
  return `litellm.apiKey:${origin}`;
}

export { ENV_API_KEY };
/**
 * The registry's readers' part (keys, defaults, core paths), for readers that iterate it (configuration.ts): ids.ts
 * is its one door into the extension.
 */
export { SETTING_SPECS, SETTINGS };
