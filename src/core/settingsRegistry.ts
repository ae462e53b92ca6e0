/**
 * Every `litellm.*` setting, once: its key, the JSON type and default package.json declares, its scope, whether VS
 * Code ignores a workspace's value in an untrusted workspace, where the core reads it, and its CLI flag and
 * environment variable. The extension's readers and ids, the CLI's options and usage text and the core's setting
 * names all come from here; test/unit/manifest.test.ts checks package.json's `contributes.configuration` against it.
 *
 * Plain data with no imports on purpose: the extension imports it at activation (architecture.test.ts allows exactly
 * this core file), so it must never bring zod, undici or another core file into dist/extension.js. Validation stays
 * in the core's zod schema (settings.ts, imageOptions.ts), which takes its limits and enums from here.
 */

export const SECTION = 'litellm';

/** The key is a secret, not a setting: the CLI reads it only from here, the extension falls back to it. */
export const ENV_API_KEY = 'LITELLM_API_KEY';

export const QUALITIES = ['low', 'medium', 'high', 'auto', 'standard', 'hd'] as const;
export const BACKGROUNDS = ['transparent', 'opaque', 'auto'] as const;
export const OUTPUT_FORMATS = ['png', 'jpeg', 'webp'] as const;
export const MODERATIONS = ['low', 'auto'] as const;
export const STYLES = ['vivid', 'natural'] as const;
export const FILE_NAMINGS = ['prompt', 'date-prompt'] as const;
export const INSERT_LINKS = ['auto', 'markdown', 'html', 'path', 'never'] as const;

/** The JSON types package.json uses; `['integer', 'null']` is an integer that may be left unset. */
export type SettingType =
  'string' | 'boolean' | 'integer' | 'object' | 'array' | readonly ['integer', 'null'];
/** package.json's `scope` values this extension uses (VS Code also knows application, machine, machine-overridable). */
export type SettingScope = 'application' | 'machine' | 'window' | 'resource' | 'language-overridable';

export interface CliFlag {
  /** With the leading dashes, e.g. `--base-url`. */
  flag: string;
  /** The value's placeholder in the usage text (none for a boolean switch). */
  value?: string;
  help: string;
  /** The flag may be given several times (a list setting). */
  multiple?: boolean;
}

export interface SettingSpec {
  /** Relative to the `litellm` section. */
  key: string;
  type: SettingType;
  default: unknown;
  scope: SettingScope;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  /**
   * Listed in package.json `restrictedConfigurations`: in an untrusted workspace VS Code reads only the user's value.
   * `security`: it decides where the key is sent; `output`: where files are written.
   */
  restricted?: 'security' | 'output';
  /** The path in the core's raw settings (settings.ts) this setting fills; absent for the extension's own settings. */
  core?: string;
  /** `''` and `null` mean "not set: the model decides", so the reader leaves the value out rather than sending it. */
  emptyMeansUnset?: boolean;
  cli?: CliFlag;
  /** Read by the CLI when the flag is not given. */
  env?: string;
}

/** In the order the Settings editor and the usage text show them. */
export const SETTINGS = {
  baseUrl: {
    key: 'baseUrl',
    type: 'string',
    default: 'http://localhost:4000',
    scope: 'window',
    restricted: 'security',
    core: 'baseUrl',
    cli: { flag: '--base-url', value: 'URL', help: 'proxy URL' },
    env: 'LITELLM_BASE_URL',
  },
  allowPrivateNetwork: {
    key: 'allowPrivateNetwork',
    type: 'boolean',
    default: false,
    scope: 'window',
    restricted: 'security',
    core: 'allowPrivateNetwork',
    cli: {
      flag: '--allow-private-network',
      help: 'allow proxies on private networks (the key is sent there)',
    },
  },
  requestHeaders: {
    key: 'requestHeaders',
    type: 'object',
    default: {},
    scope: 'window',
    restricted: 'security',
    core: 'requestHeaders',
    cli: {
      flag: '--header',
      value: '"Name: value"',
      help: 'extra request header, repeatable (never the key)',
      multiple: true,
    },
  },
  timeoutMs: {
    key: 'image.timeoutMs',
    type: 'integer',
    default: 300_000,
    minimum: 1_000,
    maximum: 3_600_000,
    scope: 'window',
    core: 'timeoutMs',
    cli: { flag: '--timeout-ms', value: 'MS', help: 'per-attempt timeout' },
  },
  maxResponseBytes: {
    key: 'image.maxResponseBytes',
    type: 'integer',
    default: 128 * 1024 * 1024,
    minimum: 1024,
    maximum: 1024 * 1024 * 1024,
    scope: 'window',
    core: 'maxResponseBytes',
  },
  model: {
    key: 'image.model',
    type: 'string',
    default: 'gpt-image-2',
    scope: 'window',
    core: 'model',
    cli: { flag: '--model', value: 'ID', help: 'image model, "litellm/<id>" accepted' },
  },
  fallbacks: {
    key: 'image.fallbacks',
    type: 'array',
    default: [],
    maxItems: 10,
    scope: 'window',
    core: 'fallbacks',
    cli: {
      flag: '--fallback',
      value: 'ID',
      help: 'fallback model, repeatable, tried in order',
      multiple: true,
    },
  },
  size: {
    key: 'image.size',
    type: 'string',
    default: '',
    scope: 'resource',
    core: 'defaults.size',
    emptyMeansUnset: true,
    cli: { flag: '--size', value: 'WxH | auto', help: 'image size in pixels' },
  },
  quality: {
    key: 'image.quality',
    type: 'string',
    default: '',
    enum: ['', ...QUALITIES],
    scope: 'resource',
    core: 'defaults.quality',
    emptyMeansUnset: true,
    cli: { flag: '--quality', value: QUALITIES.join('|'), help: 'image quality' },
  },
  count: {
    key: 'image.count',
    type: 'integer',
    default: 1,
    minimum: 1,
    maximum: 10,
    scope: 'resource',
    core: 'defaults.n',
    emptyMeansUnset: true,
    cli: { flag: '--n', value: 'COUNT', help: 'images per request' },
  },
  background: {
    key: 'image.background',
    type: 'string',
    default: '',
    enum: ['', ...BACKGROUNDS],
    scope: 'resource',
    core: 'defaults.background',
    emptyMeansUnset: true,
    cli: { flag: '--background', value: BACKGROUNDS.join('|'), help: 'image background' },
  },
  outputFormat: {
    key: 'image.outputFormat',
    type: 'string',
    default: '',
    enum: ['', ...OUTPUT_FORMATS],
    scope: 'resource',
    core: 'defaults.outputFormat',
    emptyMeansUnset: true,
    cli: { flag: '--output-format', value: OUTPUT_FORMATS.join('|'), help: 'file format' },
  },
  outputCompression: {
    key: 'image.outputCompression',
    type: ['integer', 'null'],
    default: null,
    minimum: 0,
    maximum: 100,
    scope: 'resource',
    core: 'defaults.outputCompression',
    emptyMeansUnset: true,
    cli: { flag: '--output-compression', value: '0-100', help: 'jpeg/webp compression' },
  },
  moderation: {
    key: 'image.moderation',
    type: 'string',
    default: '',
    enum: ['', ...MODERATIONS],
    scope: 'resource',
    core: 'defaults.moderation',
    emptyMeansUnset: true,
    cli: { flag: '--moderation', value: MODERATIONS.join('|'), help: 'content moderation' },
  },
  style: {
    key: 'image.style',
    type: 'string',
    default: '',
    enum: ['', ...STYLES],
    scope: 'resource',
    core: 'defaults.style',
    emptyMeansUnset: true,
    cli: { flag: '--style', value: STYLES.join('|'), help: 'style (DALL-E 3)' },
  },
  outputFolder: {
    key: 'image.outputFolder',
    type: 'string',
    default: 'images',
    scope: 'resource',
    restricted: 'output',
  },
  fileNames: {
    key: 'image.fileNames',
    type: 'string',
    default: 'prompt',
    enum: FILE_NAMINGS,
    scope: 'resource',
  },
  insertLink: {
    key: 'image.insertLink',
    type: 'string',
    default: 'auto',
    enum: INSERT_LINKS,
    scope: 'language-overridable',
  },
  openAfterSave: {
    key: 'image.openAfterSave',
    type: 'boolean',
    default: true,
    scope: 'resource',
  },
  showCost: {
    key: 'statusBar.showCost',
    type: 'boolean',
    default: true,
    scope: 'window',
  },
} as const satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTINGS;

/** Every setting as the general shape (the literal types of SETTINGS are for ids; code that iterates wants this). */
export const SETTING_SPECS: readonly SettingSpec[] = Object.values(SETTINGS);

/** The full id, `litellm.image.size`. */
export function settingId(spec: Pick<SettingSpec, 'key'>): string {
  return `${SECTION}.${spec.key}`;
}
