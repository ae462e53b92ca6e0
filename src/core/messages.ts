/**
 * Everything the core reports to a person, as a code and its parameters: no sentence is built here. Each front end
 * renders a code its own way (src/shared/messages: the CLI in English naming its flags, the extension through
 * vscode.l10n naming settings and commands, the Studio through the host), so a German window never shows an English
 * fragment and the CLI never names a VS Code setting. Parameters are values (names, numbers, URLs, the proxy's own
 * words), never pieces of prose.
 *
 * Adding a code: add it to MESSAGE_CODES and MessageParams, then render it in src/shared/messages (the compiler and
 * test/unit/messages.test.ts insist), run `npm run l10n` and translate the new strings.
 */

import type {
  AddressClassName,
  AttemptLine,
  CaFileProblem,
  CertificateProblem,
  FlexibleSizeSummary,
  InputRole,
  ModelOption,
  NonImageShape,
  PolicyRefusal,
  PolicySummary,
  ProxySource,
  SettingProblem,
  SizeProblem,
  ValueProblem,
} from './messageParts';

export * from './messageParts';

type NoParams = Record<string, never>;

/** What was asked for and what came back, as the values a person compares. */
interface AskedGot {
  asked: string;
  got: string;
}

/** The proxy's HTTP error answers: the status, the model asked for, and what the proxy said (cleaned). */
interface ProxyAnswer {
  status: number;
  model?: string;
  proxyMessage?: string;
}

export interface MessageParams {
  // Settings and requests refused before anything is sent
  'settings.invalid': { problems: SettingProblem[] };
  'request.emptyPrompt': NoParams;
  'request.promptTooLong': { length: number; max: number };
  'request.invalidOption': { option: string; problem: ValueProblem };
  'request.noModelCanTake': { attempts: AttemptLine[] };
  'model.cannotEdit': { model: string; editors: string[] };
  'model.size': {
    model: string;
    size: string;
    accepted: string[];
    flexible?: FlexibleSizeSummary;
    problem?: SizeProblem;
  };
  'model.noOption': { model: string; option: ModelOption };
  'model.optionValue': { model: string; option: ModelOption; value: string; accepted: string[] };
  'model.noCompression': { model: string };
  'model.noModeration': { model: string };
  'model.compressionNeedsLossy': { model: string };
  'model.transparentJpeg': { model: string };
  'model.maxCount': { model: string; max: number };
  /**
   * The route cannot carry a shape: LiteLLM drops size and aspect ratio for Gemini on AI Studio (`route`), the proxy
   * did not say which route serves a Gemini model (`unknownRoute`), or the family's edits take no shape (`edit`).
   */
  'model.shapeDropped': {
    model: string;
    /** The LiteLLM provider of the route (`gemini` for AI Studio), when known. */
    provider?: string;
    option: 'size' | 'aspectRatio' | 'imageSize';
    why: 'route' | 'unknownRoute' | 'edit';
  };
  /** LiteLLM would silently turn this size into a square for this model: only its table's sizes are sent. */
  'model.sizeWouldBeSquare': { model: string; size: string; accepted: string[]; aspectRatios: string[] };
  'model.sizeAndAspect': { model: string; size: string; aspectRatio: string };

  // The proxy's HTTP error answers
  'proxy.keyRejected': ProxyAnswer;
  'proxy.keyNotMaster': ProxyAnswer;
  'proxy.budget': ProxyAnswer;
  'proxy.rateLimit': ProxyAnswer;
  'proxy.timeout': ProxyAnswer;
  'proxy.contentPolicy': ProxyAnswer;
  'proxy.unknownModel': ProxyAnswer;
  'proxy.upstream': ProxyAnswer;
  'proxy.rejected': ProxyAnswer;

  // Connecting and waiting
  'net.refused': { where: string };
  'net.dnsFailed': { host: string; code?: string };
  'net.noAddresses': { host: string };
  'net.dnsNotIp': { host: string };
  'net.unexpectedLookup': { host: string };
  'net.closed': { where: string };
  'net.connectTimeout': { where: string };
  'net.stalled': { where: string };
  'net.tls': { where: string; code: string };
  /** The server's certificate was refused: the host, what is wrong in plain terms, and the TLS code for the log. */
  'net.certificate': { host: string; problem: CertificateProblem; code: string };
  'tls.caFile': { file: string; problem: CaFileProblem; code?: string };
  // Forward proxies
  'net.proxyInvalid': { proxy: string; source: ProxySource; reason: 'url' | 'scheme' };
  'net.proxyUnreachable': { proxy: string; source: ProxySource; code: string };
  'net.proxyAuth': { proxy: string; source: ProxySource };
  'net.proxyTunnel': { proxy: string; where: string; status: number };
  'net.proxyCertificate': { proxy: string; problem: CertificateProblem; code: string };
  'net.httpThroughProxy': { where: string; proxy: string };
  'net.failed': { where: string; detail: string };
  'net.redirectInvalid': { where: string };
  'net.redirectPost': { where: string; to: string };
  'net.tooManyRedirects': { where: string };
  'net.noAnswer': { model?: string; seconds: number };
  cancelled: NoParams;
  unexpected: { detail: string };

  // The network policy
  'policy.invalidUrl': { url: string };
  'policy.refused': { url: string; canOptIn: boolean; refusal: PolicyRefusal };
  'policy.downloadRefused': {
    image: string;
    hop?: string;
    proxy: string;
    proxyClass: AddressClassName;
    reason: 'loopbackNeedsLoopbackProxy' | 'privateNeedsPrivateProxy' | 'privateNeedsOptIn';
  };
  'policy.summary': { summary: PolicySummary; range?: string };

  // Answers that are not usable images
  'response.emptyImage': NoParams;
  'response.notImage': { what: NonImageShape; bytes: number };
  'response.noDataList': NoParams;
  'response.noImages': NoParams;
  'response.itemMalformed': { index: number };
  'response.itemEmpty': { index: number };
  'response.truncated': NoParams;
  'response.notJson': { preview: string };
  'response.badBase64': NoParams;
  'response.extraImage': NoParams;
  'response.tooLarge': { limitMb: number };
  'response.badDataUrl': NoParams;
  'response.badImageUrl': NoParams;
  'response.downloadFailed': { url: string; status: number };
  'response.endpointNotJson': { path: string };
  'response.noModelList': NoParams;
  'response.moreImagesThanAsked': { got: number; want: number };

  // Requested vs. produced (producedImage.ts): each side as it is compared, e.g. "1536x1024" and "1024x1024"
  'image.notAsRequested': {
    file?: string;
    size?: AskedGot;
    /** e.g. asked "16:9", got "1:1", pixels "1024x1024" */
    aspectRatio?: AskedGot & { pixels: string };
    /** e.g. asked "2K", got "1K" (the class of the file's area), pixels "1024x1024" */
    imageSize?: AskedGot & { pixels: string };
    format?: AskedGot;
    model?: AskedGot;
  };

  // Local input images and the output folder
  'input.missing': { role: InputRole; file: string };
  'input.unreadable': { role: InputRole; file: string; code: string };
  'input.notFile': { role: InputRole; file: string };
  'input.empty': { role: InputRole; name: string };
  'input.tooBig': { role: InputRole; name: string; mb: string; limitMb: number };
  'input.notEditable': { role: InputRole; name: string; what: NonImageShape };
  'input.maskNotPng': { name: string };
  'input.noReference': NoParams;
  'input.tooManyReferences': { count: number; max: number };
  'input.maskSize': { mask: string; maskSize: string; image: string; imageSize: string };
  'files.saveFailed': { folder: string; detail: string };
  'files.sidecarFailed': { file: string; detail: string };
  'files.notFolder': { folder: string };
  'rerun.noProvenance': { file: string };
  /** `how`: the path is outside, or a symbolic link on the way leads outside. */
  'rerun.inputOutside': { image: string; file: string; how: 'outside' | 'link' };
  'files.listFailed': { folder: string; detail: string };

  // Fallback chains
  'chain.allFailed': { attempts: AttemptLine[] };

  // The connection report
  'connection.keyRejected': { baseUrl: string; proxyMessage?: string };
  'connection.keyNeeded': { baseUrl: string };
  'connection.noImageModels': NoParams;
  'connection.modelNotListed': { model: string; models: string[] };
  'connection.listFailed': { error: Message };
  /** The report's network lines: the forward proxy used for the proxy URL, and where trusted certificates come from. */
  /** `unverified`: an https:// forward proxy whose own certificate is not checked (`http.proxyStrictSSL` off). */
  'connection.forwardProxy': { proxy?: string; source?: ProxySource; unverified?: boolean };
  'connection.certificates': {
    system: 'used' | 'unavailable' | 'off';
    files: string[];
    /** Whether the proxy URL is https: (certificates matter) or http:. */
    https: boolean;
  };

  // A refusal a front end wrote itself, already in the user's language (the extension's own checks, through
  // vscode.l10n): carried through the same error type so it is shown and logged like every other.
  'frontEnd.text': { text: string };
}

export type MessageCode = keyof MessageParams;

/** A code with its parameters; `Message<'net.refused'>` has exactly that code's parameters. */
export type Message<C extends MessageCode = MessageCode> = {
  [K in C]: { code: K; params: MessageParams[K] };
}[C];

/** Every code, for tests that check each front end renders each one (the record makes the compiler list them all). */
const CODES: Record<MessageCode, true> = {
  'settings.invalid': true,
  'request.emptyPrompt': true,
  'request.promptTooLong': true,
  'request.invalidOption': true,
  'request.noModelCanTake': true,
  'model.cannotEdit': true,
  'model.size': true,
  'model.noOption': true,
  'model.optionValue': true,
  'model.noCompression': true,
  'model.noModeration': true,
  'model.compressionNeedsLossy': true,
  'model.transparentJpeg': true,
  'model.maxCount': true,
  'model.shapeDropped': true,
  'model.sizeWouldBeSquare': true,
  'model.sizeAndAspect': true,
  'proxy.keyRejected': true,
  'proxy.keyNotMaster': true,
  'proxy.budget': true,
  'proxy.rateLimit': true,
  'proxy.timeout': true,
  'proxy.contentPolicy': true,
  'proxy.unknownModel': true,
  'proxy.upstream': true,
  'proxy.rejected': true,
  'net.refused': true,
  'net.dnsFailed': true,
  'net.noAddresses': true,
  'net.dnsNotIp': true,
  'net.unexpectedLookup': true,
  'net.closed': true,
  'net.connectTimeout': true,
  'net.stalled': true,
  'net.tls': true,
  'net.certificate': true,
  'tls.caFile': true,
  'net.proxyInvalid': true,
  'net.proxyUnreachable': true,
  'net.proxyAuth': true,
  'net.proxyTunnel': true,
  'net.proxyCertificate': true,
  'net.httpThroughProxy': true,
  'net.failed': true,
  'net.redirectInvalid': true,
  'net.redirectPost': true,
  'net.tooManyRedirects': true,
  'net.noAnswer': true,
  cancelled: true,
  unexpected: true,
  'policy.invalidUrl': true,
  'policy.refused': true,
  'policy.downloadRefused': true,
  'policy.summary': true,
  'response.emptyImage': true,
  'response.notImage': true,
  'response.noDataList': true,
  'response.noImages': true,
  'response.itemMalformed': true,
  'response.itemEmpty': true,
  'response.truncated': true,
  'response.notJson': true,
  'response.badBase64': true,
  'response.extraImage': true,
  'response.tooLarge': true,
  'response.badDataUrl': true,
  'response.badImageUrl': true,
  'response.downloadFailed': true,
  'response.endpointNotJson': true,
  'response.noModelList': true,
  'response.moreImagesThanAsked': true,
  'image.notAsRequested': true,
  'input.missing': true,
  'input.unreadable': true,
  'input.notFile': true,
  'input.empty': true,
  'input.tooBig': true,
  'input.notEditable': true,
  'input.maskNotPng': true,
  'input.noReference': true,
  'input.tooManyReferences': true,
  'input.maskSize': true,
  'files.saveFailed': true,
  'files.sidecarFailed': true,
  'files.notFolder': true,
  'rerun.noProvenance': true,
  'rerun.inputOutside': true,
  'files.listFailed': true,
  'chain.allFailed': true,
  'connection.keyRejected': true,
  'connection.keyNeeded': true,
  'connection.noImageModels': true,
  'connection.modelNotListed': true,
  'connection.listFailed': true,
  'connection.forwardProxy': true,
  'connection.certificates': true,
  'frontEnd.text': true,
};
export const MESSAGE_CODES = Object.keys(CODES) as MessageCode[];

export function message<C extends MessageCode>(code: C, params: MessageParams[C]): Message<C> {
  return { code, params } as Message<C>;
}

/** For logs and stack traces (people read the rendered text, not this): `net.refused {"where":"http://…"}`. */
export function debugText(m: Message): string {
  const p = JSON.stringify(m.params);
  return p === '{}' ? m.code : `${m.code} ${p}`;
}

/** The message with every string in its parameters passed through `fn` (cleaning and redaction of proxy text). */
export function mapMessageStrings<M extends Message>(m: M, fn: (s: string) => string): M {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return fn(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return { code: m.code, params: walk(m.params) } as M;
}
