/**
 * The values messages carry besides names and numbers: why a value or a size is refused, what a non-image looks
 * like, why the network policy refused an address. Data, not prose: each front end words them (src/shared/messages).
 */
import type { Message } from './messages';

/** A setting by its registry key (`image.timeoutMs`); each front end names it (`litellm.image.timeoutMs`, `--timeout-ms`). */
export type SettingKey = string;

/** Why a value was refused, independent of language. */
export type ValueProblem =
  | { rule: 'oneOf'; values: string[] }
  | { rule: 'type'; expected: string }
  | { rule: 'atLeast'; limit: number }
  | { rule: 'atMost'; limit: number }
  | { rule: 'tooLong'; limit: number }
  | { rule: 'tooMany'; limit: number }
  /** A rule of the settings schema, named by its own code (see VALUE_RULES); `header` for the header rules. */
  | { rule: ValueRule; header?: string }
  /** An object with keys its schema does not have (a typo in litellm.image.modelCapabilities). */
  | { rule: 'unknownKeys'; keys: string[] }
  /** Anything else, with the validator's own words (rare: every rule this project writes has a code). */
  | { rule: 'other'; detail: string };

/** The rules the settings and option schemas state themselves (their zod messages are these codes). */
export const VALUE_RULES = [
  'modelName', // a model name without spaces
  'httpUrl', // an http:// or https:// URL
  'noUrlCredentials', // no user name or password in the URL
  'noUrlQuery', // no query or fragment
  'milliseconds', // a number of milliseconds
  'wholeMilliseconds',
  'trueOrFalse',
  'sizeShape', // "auto" or WIDTHxHEIGHT
  'headerName', // an HTTP header name
  'headerValue', // a header value without line breaks
  'headerReserved', // a header the client sets itself (Authorization, Content-Type…)
  'capabilityLike', // `like` names a model the capability table knows
  'tooManyModels', // modelCapabilities lists too many models
] as const;
export type ValueRule = (typeof VALUE_RULES)[number];

export interface SettingProblem {
  setting: SettingKey;
  problem: ValueProblem;
  /** Where inside an object setting: `my-model.sizes[0]` in litellm.image.modelCapabilities. */
  entry?: string;
}

/** Why a size is refused by a model's flexible-size rule (gpt-image-2); the Studio renders the same values. */
export type SizeProblem =
  | { rule: 'shape' }
  | { rule: 'multipleOf'; multipleOf: number }
  | { rule: 'maxSide'; maxSide: number }
  | { rule: 'pixels'; min: number; max: number; got: number }
  | { rule: 'aspect'; maxAspect: number };

export interface FlexibleSizeSummary {
  multipleOf: number;
  maxSide: number;
  minPixels: number;
  maxPixels: number;
  maxAspect: number;
}

/** What bytes that are not an image look like, for messages. */
export type NonImageShape =
  | { shape: 'markup' }
  | { shape: 'json' }
  | { shape: 'text' }
  | { shape: 'unknown'; bytes: number }
  | { shape: 'image'; format: string };

export type InputRole = 'reference' | 'mask';
export type ModelOption = 'quality' | 'style' | 'background' | 'outputFormat' | 'aspectRatio' | 'imageSize';
export type AddressClassName = 'loopback' | 'private' | 'public';

/** Why the network policy refused an address (the URL is a parameter beside it). */
export type PolicyRefusal =
  | { reason: 'scheme'; scheme: string }
  | { reason: 'credentials' }
  | { reason: 'privateLiteral'; host: string; range: string }
  | { reason: 'internalName'; host: string }
  | { reason: 'dockerPublic'; host: string; address: string }
  | { reason: 'dockerOther'; host: string; address: string; range: string }
  | { reason: 'resolvedPrivate'; host: string; addresses: { address: string; range: string }[] };

/** The one-line network-policy verdict of the connection report. */
export type PolicySummary =
  | 'loopbackAddress'
  | 'publicAddress'
  | 'privateAddressOptIn'
  | 'loopbackName'
  | 'dockerHost'
  | 'privateAddressesOptIn'
  | 'publicAddresses'
  | 'forwardProxyResolves';

/** Where a forward proxy was configured: VS Code's `http.proxy` or the CLI's `--proxy`, or an environment variable. */
export type ProxySource = { kind: 'setting' } | { kind: 'env'; variable: string };

/** What is wrong with a CA file the user named. */
export type CaFileProblem = 'notAbsolute' | 'unreadable' | 'tooBig' | 'noCertificate' | 'invalid';

/** Why a server's certificate was not accepted, in the terms a person can act on. */
export type CertificateProblem =
  'selfSigned' | 'unknownCa' | 'expired' | 'notYetValid' | 'nameMismatch' | 'revoked' | 'other';

/** One model's try in a fallback chain, as messages render it. */
export interface AttemptLine {
  model: string;
  /** Why it failed, or why it was skipped (`skipped: true`). */
  error?: Message;
  skipped?: boolean;
}
