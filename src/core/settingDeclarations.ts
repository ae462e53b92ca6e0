/**
 * The part of the settings registry (settingsRegistry.ts) that says how each setting is declared and offered: the
 * JSON type, scope, allowed values and limits package.json declares (the core's zod schemas take their limits and
 * enums from here), and the CLI's flag, help text and environment variable. Keyed by the same names as
 * settingKeys.ts, which the extension carries at activation; this file only the core and the CLI do, so
 * dist/extension.js stays free of usage text (architecture.test.ts). Plain data with no imports.
 */
import type { SettingName } from './settingKeys';

export const QUALITIES = ['low', 'medium', 'high', 'auto', 'standard', 'hd'] as const;
export const BACKGROUNDS = ['transparent', 'opaque', 'auto'] as const;
export const OUTPUT_FORMATS = ['png', 'jpeg', 'webp'] as const;
export const MODERATIONS = ['low', 'auto'] as const;
export const STYLES = ['vivid', 'natural'] as const;
/** Every aspect ratio any model family offers (Gemini, Imagen, Stability), in the order pickers show them. */
export const ASPECT_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '9:16', '16:9', '21:9'] as const;
/** Output resolutions of the models that have several (Gemini 3 Pro Image; Imagen 4 Standard and Ultra: 1K, 2K). */
export const IMAGE_SIZES = ['1K', '2K', '4K'] as const;
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
  /** The value's placeholder in the usage text (none for a boolean switch); the usage text lists an enum's values. */
  value?: string;
  help: string;
  /** The flag may be given several times (a list setting). */
  multiple?: boolean;
}

export interface SettingDeclaration {
  type: SettingType;
  scope: SettingScope;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  cli?: CliFlag;
  /** Read by the CLI when the flag is not given. */
  env?: string;
}

/** Every name of settingKeys.ts, no other (the type checks it; settingsRegistry.test.ts checks the order too). */
export const SETTING_DECLARATIONS = {
  baseUrl: {
    type: 'string',
    scope: 'window',
    cli: { flag: '--base-url', value: 'URL', help: 'proxy URL' },
    env: 'LITELLM_BASE_URL',
  },
  allowPrivateNetwork: {
    type: 'boolean',
    scope: 'window',
    cli: {
      flag: '--allow-private-network',
      help: 'allow proxies on private networks (the key is sent there)',
    },
  },
  requestHeaders: {
    type: 'object',
    scope: 'window',
    cli: {
      flag: '--header',
      value: '"Name: value"',
      help: 'extra request header, repeatable (never the key)',
      multiple: true,
    },
  },
  caCertificates: {
    type: 'array',
    maxItems: 20,
    scope: 'machine',
    cli: {
      flag: '--ca-file',
      value: 'PEM',
      help: 'trust the CA certificates in this PEM file too, repeatable',
      multiple: true,
    },
    env: 'NODE_EXTRA_CA_CERTS',
  },
  allowKeyThroughHttpForwardProxy: {
    type: 'boolean',
    scope: 'machine',
    cli: {
      flag: '--allow-http-through-proxy',
      help: 'send requests to an http: proxy through the forward proxy (it sees the key)',
    },
  },
  timeoutMs: {
    type: 'integer',
    minimum: 1_000,
    maximum: 3_600_000,
    scope: 'window',
    cli: { flag: '--timeout-ms', value: 'MS', help: 'per-attempt timeout' },
  },
  maxResponseBytes: {
    type: 'integer',
    minimum: 1024,
    maximum: 1024 * 1024 * 1024,
    scope: 'window',
  },
  model: {
    type: 'string',
    scope: 'window',
    cli: { flag: '--model', value: 'ID', help: 'image model, "litellm/<id>" accepted' },
  },
  fallbacks: {
    type: 'array',
    maxItems: 10,
    scope: 'window',
    cli: {
      flag: '--fallback',
      value: 'ID',
      help: 'fallback model, repeatable, tried in order',
      multiple: true,
    },
  },
  size: {
    type: 'string',
    scope: 'resource',
    cli: { flag: '--size', value: 'WxH', help: 'image size in pixels, or auto' },
  },
  quality: {
    type: 'string',
    enum: ['', ...QUALITIES],
    scope: 'resource',
    cli: { flag: '--quality', value: 'QUALITY', help: 'image quality' },
  },
  count: {
    type: 'integer',
    minimum: 1,
    maximum: 10,
    scope: 'resource',
    cli: { flag: '--n', value: 'COUNT', help: 'how many images, 1-10; dall-e-3 makes one per request' },
  },
  background: {
    type: 'string',
    enum: ['', ...BACKGROUNDS],
    scope: 'resource',
    cli: { flag: '--background', value: 'BACKGROUND', help: 'image background' },
  },
  outputFormat: {
    type: 'string',
    enum: ['', ...OUTPUT_FORMATS],
    scope: 'resource',
    cli: { flag: '--output-format', value: 'FORMAT', help: 'file format' },
  },
  outputCompression: {
    type: ['integer', 'null'],
    minimum: 0,
    maximum: 100,
    scope: 'resource',
    cli: { flag: '--output-compression', value: '0-100', help: 'jpeg/webp compression' },
  },
  moderation: {
    type: 'string',
    enum: ['', ...MODERATIONS],
    scope: 'resource',
    cli: { flag: '--moderation', value: 'MODERATION', help: 'content moderation' },
  },
  style: {
    type: 'string',
    enum: ['', ...STYLES],
    scope: 'resource',
    cli: { flag: '--style', value: 'STYLE', help: 'style (DALL-E 3)' },
  },
  aspectRatio: {
    type: 'string',
    enum: ['', ...ASPECT_RATIOS],
    scope: 'resource',
    cli: { flag: '--aspect-ratio', value: 'W:H', help: 'aspect ratio (Gemini, Imagen, Stability)' },
  },
  imageSize: {
    type: 'string',
    enum: ['', ...IMAGE_SIZES],
    scope: 'resource',
    cli: {
      flag: '--image-size',
      value: IMAGE_SIZES.join('|'),
      help: 'output resolution (Gemini 3 Pro Image, Imagen 4)',
    },
  },
  modelCapabilities: {
    type: 'object',
    scope: 'window',
    cli: {
      flag: '--model-capabilities',
      value: 'FILE',
      help: 'JSON file: what each model accepts, by model name (see README)',
    },
  },
  outputFolder: {
    type: 'string',
    scope: 'resource',
  },
  fileNames: {
    type: 'string',
    enum: FILE_NAMINGS,
    scope: 'resource',
  },
  insertLink: {
    type: 'string',
    enum: INSERT_LINKS,
    scope: 'language-overridable',
  },
  openAfterSave: {
    type: 'boolean',
    scope: 'resource',
  },
  showCost: {
    type: 'boolean',
    scope: 'window',
  },
} as const satisfies Record<SettingName, SettingDeclaration>;
