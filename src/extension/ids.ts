/**
 * Every command id, setting key and secret key the extension uses, defined once. The manifest
 * (package.json) must agree with these; test/unit/manifest.test.ts checks that it does.
 */

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

/** Setting keys, relative to the `litellm` section. */
export const Settings = {
  baseUrl: 'baseUrl',
  allowPrivateNetwork: 'allowPrivateNetwork',
  requestHeaders: 'requestHeaders',
  model: 'image.model',
  fallbacks: 'image.fallbacks',
  timeoutMs: 'image.timeoutMs',
  maxResponseBytes: 'image.maxResponseBytes',
  size: 'image.size',
  quality: 'image.quality',
  count: 'image.count',
  background: 'image.background',
  outputFormat: 'image.outputFormat',
  outputCompression: 'image.outputCompression',
  moderation: 'image.moderation',
  style: 'image.style',
  outputFolder: 'image.outputFolder',
  fileNames: 'image.fileNames',
  insertLink: 'image.insertLink',
  openAfterSave: 'image.openAfterSave',
  showCost: 'statusBar.showCost',
} as const;
export type SettingKey = (typeof Settings)[keyof typeof Settings];
export const SECTION = 'litellm';

/** Settings that decide where the key is sent: restricted in untrusted workspaces (see package.json). */
export const SECURITY_SETTINGS: readonly SettingKey[] = [
  Settings.baseUrl,
  Settings.allowPrivateNetwork,
  Settings.requestHeaders,
];

/**
 * Settings VS Code reads from user settings only in untrusted workspaces (package.json `restrictedConfigurations`):
 * the security settings, and the output folder (a repository must not choose where files are written).
 */
export const RESTRICTED_SETTINGS: readonly SettingKey[] = [...SECURITY_SETTINGS, Settings.outputFolder];

/** The secret's key in SecretStorage: one key per proxy origin, so a key never follows a changed base URL. */
export function apiKeySecretName(origin: string): string {
  return `litellm.apiKey:${origin}`;
}

export const ENV_API_KEY = 'LITELLM_API_KEY';
