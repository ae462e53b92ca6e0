/**
 * One schema for everything the core reads from settings. The extension and the CLI both produce a raw object in
 * this shape; an invalid value becomes an error that names the setting (and CLI flag) and says what is allowed.
 */
import { z } from 'zod';
import { LiteLLMError } from './errors';
import { ImageOptionsSchema } from './imageOptions';
import { normalizeModelRef } from './modelRef';
import { SETTING_SPECS, SETTINGS, settingId } from './settingsRegistry';

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
  .refine((s) => s.length > 0 && !/\s/.test(s), 'must be a model name without spaces, e.g. "gpt-image-2"');

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
  }, 'must be an http:// or https:// URL, e.g. "http://localhost:4000"')
  .refine((s) => {
    try {
      const u = new URL(s);
      return !u.username && !u.password;
    } catch {
      return true;
    }
  }, 'must not contain a user name or password; set the key with "LiteLLM: Set API Key" (or LITELLM_API_KEY)')
  .refine((s) => !/[?#]/.test(s), 'must not contain a query or fragment');

export const CoreSettingsSchema = z.object({
  baseUrl: baseUrl.default(DEFAULT_BASE_URL),
  model: modelRef.default(DEFAULT_MODEL),
  fallbacks: z
    .array(modelRef)
    .max(SETTINGS.fallbacks.maxItems, `may list at most ${SETTINGS.fallbacks.maxItems} models`)
    .default([]),
  timeoutMs: z
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(SETTINGS.timeoutMs.minimum, `must be at least ${SETTINGS.timeoutMs.minimum} (1 second)`)
    .max(SETTINGS.timeoutMs.maximum, `must be at most ${SETTINGS.timeoutMs.maximum} (1 hour)`)
    .default(DEFAULT_TIMEOUT_MS),
  allowPrivateNetwork: z.boolean({ error: 'must be true or false' }).default(false),
  requestHeaders: z
    .record(
      z.string(),
      z.string().refine((v) => !/[\r\n]/.test(v), 'header values must be on one line'),
    )
    .default({})
    .superRefine((h, ctx) => {
      for (const name of Object.keys(h)) {
        if (!HEADER_NAME.test(name))
          ctx.addIssue({ code: 'custom', message: `"${name}" is not a valid header name` });
        else if (FORBIDDEN_HEADERS.has(name.toLowerCase()))
          ctx.addIssue({
            code: 'custom',
            message: `must not set "${name}": the API key belongs in secret storage (LiteLLM: Set API Key), and framing headers are set by the client`,
          });
      }
    }),
  maxResponseBytes: z
    .number()
    .int()
    .min(SETTINGS.maxResponseBytes.minimum)
    .max(SETTINGS.maxResponseBytes.maximum)
    .default(DEFAULT_MAX_RESPONSE_BYTES),
  defaults: ImageOptionsSchema.default({}),
});

export type CoreSettings = z.output<typeof CoreSettingsSchema>;
export type RawCoreSettings = z.input<typeof CoreSettingsSchema>;

/** How each setting is called where users set it, by its path in the raw settings (the registry's `core`). */
const SETTING_NAMES: Record<string, { setting: string; flag?: string }> = Object.fromEntries(
  SETTING_SPECS.filter((s) => s.core).map((s) => [s.core!, { setting: settingId(s), flag: s.cli?.flag }]),
);

/** How a setting is named in messages: `litellm.image.size (--size)` for the CLI, without the flag in the editor. */
export function settingLabel(path: ReadonlyArray<PropertyKey>, withFlag = true): string {
  const key = path.filter((p) => typeof p === 'string').join('.');
  const top = path.length > 1 && path[0] !== 'defaults' ? String(path[0]) : key;
  const name = SETTING_NAMES[key] ?? SETTING_NAMES[top];
  if (!name) return key || 'settings';
  return name.flag && withFlag ? `${name.setting} (${name.flag})` : name.setting;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // Messages written in this file start with "must"; zod's own defaults are rephrased for people.
  if (issue.message.startsWith('must')) return issue.message;
  if (issue.code === 'invalid_value')
    return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_type')
    return `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
  if (issue.code === 'too_small') return `must be at least ${issue.minimum}`;
  if (issue.code === 'too_big') return `must be at most ${issue.maximum}`;
  return issue.message;
}

/** `audience: 'editor'` leaves the CLI flags out of the messages (VS Code users set settings, not flags). */
export function parseSettings(raw: unknown, audience: 'cli' | 'editor' = 'cli'): CoreSettings {
  const result = CoreSettingsSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (i) => `${settingLabel(i.path, audience === 'cli')} ${describeIssue(i)}.`,
  );
  throw new LiteLLMError('invalid_settings', `Invalid setting: ${lines.join(' ')}`, {
    actions: ['open_settings'],
  });
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
