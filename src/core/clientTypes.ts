/** What the client takes and returns: requests, progress events and results (client.ts does the calls). */
import type { AskedShape } from './askedShape';
import type { AttemptSummary, LiteLLMError } from './errors';
import type { ImageOptions } from './imageOptions';
import type { ReceivedImage, ResponseMeta, Usage } from './imagesResponse';
import type { Logger } from './logger';
import type { Message } from './messages';
import type { ForwardProxies } from './forwardProxy';
import type { Resolver } from './networkPolicy';

/** What the front end found about the network around it (VS Code's `http.*` settings, or the CLI's environment). */
export interface NetworkEnvironment {
  proxies?: ForwardProxies;
  /** Trust the operating system's certificates too, where the runtime can read them (default true). */
  systemCertificates?: boolean;
}

export interface ClientOptions {
  apiKey?: string;
  resolver?: Resolver;
  logger?: Logger;
  network?: NetworkEnvironment;
}

export interface GenerateRequest {
  prompt: string;
  /** Overrides the settings' model (a `litellm/` prefix is accepted). */
  model?: string;
  fallbacks?: string[];
  options?: ImageOptions;
}

export interface EditRequest extends GenerateRequest {
  images: string[];
  mask?: string;
}

export type ProgressEvent =
  | { type: 'attempt'; model: string; index: number; total: number }
  | { type: 'request'; model: string; batch: number; batches: number }
  | { type: 'failed'; model: string; error: Message };

export interface CallControl {
  signal?: AbortSignal;
  onProgress?: (e: ProgressEvent) => void;
}

export interface ImageResult {
  images: ReceivedImage[];
  /** The model that produced the images. */
  model: string;
  requestedModel: string;
  usedFallback: boolean;
  attempts: AttemptSummary[];
  options: ImageOptions;
  /** The shape as the answering model's route asked the provider for it (askedShape.ts); absent when none was. */
  askedShape?: AskedShape;
  meta: ResponseMeta;
  usage?: Usage;
  /** Set when a later request or item failed after some images had already arrived (they are kept). */
  incomplete?: LiteLLMError;
  /** What was dropped without failing (e.g. more images than asked for), as messages for the user. */
  warnings: Message[];
}
