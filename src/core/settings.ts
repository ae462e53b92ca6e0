/**
 * One schema for everything the core reads from settings. The extension and the CLI both produce a raw object in
 * this shape; an invalid value becomes an error that names the setting (and CLI flag) and says what is allowed.
 */
import { z } from 'zod';
import { ModelCapabilitiesSettingSchema } from './capabilityOverrides';
import { coded } from './errors';
import { ImageOptionsSchema } from './imageOptions';
import { normalizeModelRef } from './modelRef';
import { SETTING_SPECS, SETTINGS } from './settingsRegistry';
import { rule, valueProblem } from './valueProblems';

export const DEFAULT_BASE_URL = SETTINGS.baseUrl.default;
export const DEFAULT_MODEL = SETTINGS.model.default;
export const DEFAULT_TIMEOUT_MS = SETTINGS.timeoutMs.default;
export const DEFAULT_MAX_RESPONSE_BYTES = SETTINGS.maxResponseBytes.default;

/** Headers that would carry credentials or break framing: the key has its own, secret place. */
const FORBIDDEN_HEADERS = new Set([
  'authorization',
  'api-key',
  'x-litellm-api-key',
  'cookie',
  'proxy-authorization',
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
]);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const modelRef = z
  .string()
  .transform(normalizeModelRef)
  .refine((s) => s.length > 0 && !/\s/.test(s), rule('modelName'));

const baseUrl = z
  .string()
  .trim()
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, rule('httpUrl'))
  .refine((s) => {
    try {
      const u = new URL(s);
      return !u.username && !u.password;
    } catch {
      return true;
    }
  }, rule('noUrlCredentials'))
  .refine((s) => !/[?#]/.test(s), rule('noUrlQuery'));

export const CoreSettingsSchema = z.object({
  baseUrl: baseUrl.default(DEFAULT_BASE_URL),
  model: modelRef.default(DEFAULT_MODEL),
  fallbacks: z.array(modelRef).max(SETTINGS.fallbacks.maxItems).default([]),
  timeoutMs: z
    .number({ error: (issue) => (issue.code === 'invalid_type' ? rule('milliseconds') : undefined) })
    .int(rule('wholeMilliseconds'))
    .min(SETTINGS.timeoutMs.minimum)
    .max(SETTINGS.timeoutMs.maximum)
    .default(DEFAULT_TIMEOUT_MS),
  allowPrivateNetwork: z.boolean({ error: rule('trueOrFalse') }).default(false),
  /** Absolute paths of PEM files whose CA certificates are trusted besides Node's and the system's (trust.ts). */
  caCertificates: z.array(z.string().trim().min(1)).max(SETTINGS.caCertificates.maxItems).default([]),
  allowHttpThroughForwardProxy: z.boolean({ error: rule('trueOrFalse') }).default(false),
  requestHeaders: z
    .record(
      z.string(),
      z.string().refine((v) => !/[\r\n]/.test(v), rule('headerValue')),
    )
    .default({})
    .superRefine((h, ctx) => {
      for (const name of Object.keys(h)) {
        if (!HEADER_NAME.test(name))
          ctx.addIssue({ code: 'custom', message: rule('headerName'), params: { header: name } });
        else if (FORBIDDEN_HEADERS.has(name.toLowerCase()))
          ctx.addIssue({ code: 'custom', message: rule('headerReserved'), params: { header: name } });
      }
    }),
  maxResponseBytes: z
    .number()
    .int()
    .min(SETTINGS.maxResponseBytes.minimum)
    .max(SETTINGS.maxResponseBytes.maximum)
    .default(DEFAULT_MAX_RESPONSE_BYTES),
  defaults: ImageOptionsSchema.default({}),
  modelCapabilities: ModelCapabilitiesSettingSchema,
});

export type CoreSettings = z.output<typeof CoreSettingsSchema>;
export type RawCoreSettings = z.input<typeof CoreSettingsSchema>;

/** The registry key of the setting a zod issue is about (`defaults.size` is `image.size`). */
const SETTING_KEYS: Record<string, string> = Object.fromEntries(
  SETTING_SPECS.filter((s) => s.core).map((s) => [s.core!, s.key]),
);

export function settingKeyOf(path: ReadonlyArray<PropertyKey>): string {
  const key = path.filter((p) => typeof p === 'string').join('.');
  const top = path.length > 1 && path[0] !== 'defaults' ? String(path[0]) : key;
  return SETTING_KEYS[key] ?? SETTING_KEYS[top] ?? (key || 'settings');
}

function entryPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
    .join('')
    .slice(0, 200);
}

/** Refuses invalid settings with every problem, each naming its setting; front ends say how it is set. */
export function parseSettings(raw: unknown): CoreSettings {
  const result = CoreSettingsSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => {
    const setting = settingKeyOf(i.path);
    // Inside an object setting with named entries (modelCapabilities), say which entry and key: "my-model.sizes[0]".
    const inner = i.path[0] === 'modelCapabilities' ? entryPath(i.path.slice(1)) : '';
    return { setting, problem: valueProblem(i), ...(inner ? { entry: inner } : {}) };
  });
  throw coded('invalid_settings', 'settings.invalid', { problems }, { actions: ['open_settings'] });
}

/** The proxy's API root without a trailing slash or `/v1` (both route sets are identical on LiteLLM). */
export function apiRoot(base: string): URL {
  const u = new URL(base);
  u.pathname = u.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
  return u;
}

export function endpoint(base: string, path: string): URL {
  const root = apiRoot(base);
  const u = new URL(root.href);
  u.pathname = `${root.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  return u;
}
