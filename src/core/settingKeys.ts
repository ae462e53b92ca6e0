/**
 * The part of the settings registry (settingsRegistry.ts) that the readers use: each setting's key, its default,
 * whether VS Code ignores a workspace's value in an untrusted workspace, and where the core reads it. The extension
 * imports this file at activation (ids.ts; architecture.test.ts allows exactly this core file), so it is plain data
 * with no imports, and nothing else: how a setting is declared (JSON type, scope, allowed values, limits) and offered
 * on the command line (flag, help, environment variable) is settingDeclarations.ts, keyed by the same names, which
 * only the core and the CLI carry.
 */

export const SECTION = 'litellm';

/** The key is a secret, not a setting: the CLI reads it only from here, the extension falls back to it. */
export const ENV_API_KEY = 'LITELLM_API_KEY';

export interface SettingKeySpec {
  /** Relative to the `litellm` section. */
  key: string;
  /** The default package.json declares (test/unit/settingsRegistry.test.ts checks it). */
  default: unknown;
  /**
   * Listed in package.json `restrictedConfigurations`: in an untrusted workspace VS Code reads only the user's value.
   * `security`: it decides where the key is sent; `output`: where files are written.
   */
  restricted?: 'security' | 'output';
  /** The path in the core's raw settings (settings.ts) this setting fills; absent for the extension's own settings. */
  core?: string;
  /** `''` and `null` mean "not set: the model decides", so the reader leaves the value out rather than sending it. */
  emptyMeansUnset?: boolean;
}

/** In the order the Settings editor and the usage text show them. */
export const SETTING_KEYS = {
  baseUrl: {
    key: 'baseUrl',
    default: 'http://localhost:4000',
    restricted: 'security',
    core: 'baseUrl',
  },
  allowPrivateNetwork: {
    key: 'allowPrivateNetwork',
    default: false,
    restricted: 'security',
    core: 'allowPrivateNetwork',
  },
  requestHeaders: { key: 'requestHeaders', default: {}, restricted: 'security', core: 'requestHeaders' },
  caCertificates: { key: 'caCertificates', default: [], restricted: 'security', core: 'caCertificates' },
  allowKeyThroughHttpForwardProxy: {
    key: 'allowKeyThroughHttpForwardProxy',
    default: false,
    restricted: 'security',
    core: 'allowHttpThroughForwardProxy',
  },
  timeoutMs: { key: 'image.timeoutMs', default: 300_000, core: 'timeoutMs' },
  maxResponseBytes: { key: 'image.maxResponseBytes', default: 128 * 1024 * 1024, core: 'maxResponseBytes' },
  model: { key: 'image.model', default: 'gpt-image-2', core: 'model' },
  fallbacks: { key: 'image.fallbacks', default: [], core: 'fallbacks' },
  size: { key: 'image.size', default: '', core: 'defaults.size', emptyMeansUnset: true },
  quality: { key: 'image.quality', default: '', core: 'defaults.quality', emptyMeansUnset: true },
  count: { key: 'image.count', default: 1, core: 'defaults.n', emptyMeansUnset: true },
  background: { key: 'image.background', default: '', core: 'defaults.background', emptyMeansUnset: true },
  outputFormat: {
    key: 'image.outputFormat',
    default: '',
    core: 'defaults.outputFormat',
    emptyMeansUnset: true,
  },
  outputCompression: {
    key: 'image.outputCompression',
    default: null,
    core: 'defaults.outputCompression',
    emptyMeansUnset: true,
  },
  moderation: { key: 'image.moderation', default: '', core: 'defaults.moderation', emptyMeansUnset: true },
  style: { key: 'image.style', default: '', core: 'defaults.style', emptyMeansUnset: true },
  aspectRatio: {
    key: 'image.aspectRatio',
    default: '',
    core: 'defaults.aspectRatio',
    emptyMeansUnset: true,
  },
  imageSize: { key: 'image.imageSize', default: '', core: 'defaults.imageSize', emptyMeansUnset: true },
  modelCapabilities: { key: 'image.modelCapabilities', default: {}, core: 'modelCapabilities' },
  outputFolder: { key: 'image.outputFolder', default: 'images', restricted: 'output' },
  fileNames: { key: 'image.fileNames', default: 'prompt' },
  insertLink: { key: 'image.insertLink', default: 'auto' },
  openAfterSave: { key: 'image.openAfterSave', default: true },
  showCost: { key: 'statusBar.showCost', default: true },
} as const satisfies Record<string, SettingKeySpec>;

export type SettingName = keyof typeof SETTING_KEYS;

/** Every setting as the general shape (the literal types of SETTING_KEYS are for ids; code that iterates wants this). */
export const SETTING_KEY_SPECS: readonly SettingKeySpec[] = Object.values(SETTING_KEYS);
