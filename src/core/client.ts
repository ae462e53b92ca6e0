/**
 * The LiteLLM client: generate, edit, discover models, key info and the connection check, all through the policy
 * transport. One instance per settings + key; `dispose()` closes its connections.
 *
 * Longer than most files on purpose: every request goes through the one private `exchange` (deadline, cancel,
 * credentials only to the proxy's origin, redaction, policy), and keeping the calls beside it in one class keeps that
 * path private. Its types are in clientTypes.ts, its error mapping in callErrors.ts, the bodies and answers in
 * requestBodies.ts and imagesResponse.ts.
 */
import { randomUUID } from 'node:crypto';
import { cancelled, normalizeError } from './callErrors';
import type { CallControl, ClientOptions, EditRequest, GenerateRequest, ImageResult } from './clientTypes';
import { coded, LiteLLMError, Redactor, withDetails } from './errors';
import { addUsage, shareCost, sumCosts } from './callCost';
import { askedShapeFor } from './askedShape';
import { ModelCapabilities, needsProviderModel, splitIntoRequests } from './capabilities';
import {
  keyInfoFrom,
  KeyInfoAnswer,
  modelsFromModelInfo,
  modelsFromModelList,
  DiscoveredModel,
  providerModelsFromModelInfo,
} from './discovery';
import { buildEditForm, checkEditInputs } from './editInputs';
import { runWithFallbacks } from './fallback';
import { ImageOptions } from './imageOptions';
import { ByteBudget } from './imageJson';
import {
  imagesWanted,
  parseImagesResponse,
  readBytes,
  readText,
  ReceivedImage,
  responseMeta,
  ResponseMeta,
  Usage,
} from './imagesResponse';
import { Logger, silentLogger } from './logger';
import { debugText, Message } from './messages';
import { displayUrl, PolicyVerdict, vetUrl } from './networkPolicy';
import { proxyHttpError } from './proxyErrors';
import { ProxyText } from './proxyText';
import { editFields, generationBody } from './requestBodies';
import { plannedModels, planRequest } from './requestPlan';
import { CoreSettings, endpoint } from './settings';
import { PolicyTransport, SendRequest, SendResponse } from './transport';
import { ForwardProxy, forwardProxyFor } from './forwardProxy';
import { loadTrust, Trust } from './trust';

interface Batch {
  images: ReceivedImage[];
  meta: ResponseMeta;
  usage?: Usage;
  itemErrors: LiteLLMError[];
  warnings: Message[];
}

type Once = (
  model: string,
  prompt: string,
  options: ImageOptions,
  n: number | undefined,
  caps: ModelCapabilities | undefined,
) => Promise<Batch>;

export class LiteLLMClient {
  private transportInstance?: Promise<PolicyTransport>;
  private trustInstance?: Promise<Trust>;
  private readonly redactor: Redactor;
  /** Every text from the proxy passes through this once, where it is read (see proxyText.ts). */
  private readonly proxyText: ProxyText;
  private readonly log: Logger;
  private readonly proxyOrigin: string;
  /** The provider model behind each name on this proxy, asked once per client and only when a name needs it. */
  private providerModels?: Promise<ReadonlyMap<string, string>>;

  constructor(
    readonly settings: CoreSettings,
    private readonly opts: ClientOptions = {},
  ) {
    this.redactor = new Redactor([opts.apiKey]);
    this.proxyText = new ProxyText(this.redactor);
    this.log = opts.logger ?? silentLogger;
    this.proxyOrigin = new URL(settings.baseUrl).origin;
  }

  /** The transport, once the CA files are read (a file that cannot be used fails the first request, by name). */
  private transport(): Promise<PolicyTransport> {
    this.transportInstance ??= this.trust().then(
      (trust) =>
        new PolicyTransport(
          { allowPrivateNetwork: this.settings.allowPrivateNetwork, resolver: this.opts.resolver },
          { timeoutMs: this.settings.timeoutMs },
          {
            secureContext: trust.secureContext,
            proxies: this.opts.network?.proxies,
            allowHttpThroughProxy: this.settings.allowHttpThroughForwardProxy,
          },
        ),
    );
    return this.transportInstance;
  }

  /** The certificates this client trusts besides Node's: the system's and the configured files (read once). */
  trust(): Promise<Trust> {
    this.trustInstance ??= loadTrust({
      system: this.opts.network?.systemCertificates ?? true,
      files: this.settings.caCertificates.map((file) => ({ path: file, source: 'setting' as const })),
    });
    return this.trustInstance;
  }

  /** The forward proxy requests to the LiteLLM proxy go through, if any. */
  get forwardProxy(): ForwardProxy | undefined {
    return forwardProxyFor(new URL(this.settings.baseUrl), this.opts.network?.proxies);
  }

  async dispose(): Promise<void> {
    const transport = this.transportInstance;
    this.transportInstance = undefined;
    await transport?.then((t) => t.close()).catch(() => undefined);
  }

  private credentials(): SendRequest['credentials'] {
    return this.opts.apiKey
      ? { origin: this.proxyOrigin, headers: { authorization: `Bearer ${this.opts.apiKey}` } }
      : undefined;
  }

  /** One HTTP exchange with the proxy under a per-request deadline; abort and timeout become typed errors. */
  private async exchange<T>(
    req: Omit<SendRequest, 'signal' | 'credentials'> & { auth?: boolean },
    ctl: CallControl,
    model: string | undefined,
    handle: (res: SendResponse, signal: AbortSignal) => Promise<T>,
    timeoutMs = this.settings.timeoutMs,
  ): Promise<T> {
    const user = ctl.signal;
    if (user?.aborted) throw cancelled();
    const timer = AbortSignal.timeout(timeoutMs);
    const signal = user ? AbortSignal.any([user, timer]) : timer;
    const started = Date.now();
    const what = `${req.method} ${req.url.pathname}${model ? ` model=${model}` : ''}`;
    // LiteLLM adopts an incoming x-litellm-call-id, so the id is known even when an error answer carries no
    // x-litellm-* headers (FACTS §4) or no answer arrives at all: log lines can be matched with the proxy's logs.
    const sentCallId = randomUUID();
    try {
      const transport = await this.transport();
      const res = await transport.send({
        ...req,
        headers:
          req.url.origin === this.proxyOrigin
            ? { ...this.settings.requestHeaders, ...req.headers, 'x-litellm-call-id': sentCallId }
            : req.headers,
        credentials: req.auth === false ? undefined : this.credentials(),
        signal,
      });
      this.proxyText.headers(res.headers);
      res.headers['x-litellm-call-id'] ||= sentCallId;
      const callId = res.headers['x-litellm-call-id'];
      this.log.info(
        `${what} → ${res.status} in ${Date.now() - started} ms${callId ? ` call=${callId}` : ''}`,
      );
      return await handle(res, signal);
    } catch (e) {
      const normalized = normalizeError(e, { user, timer, timeoutMs, model, url: req.url });
      // Messages quote the proxy's bodies, URLs and redirect targets: cleaned here, on their way out.
      const err = this.proxyText.error(
        normalized.callId ? normalized : withDetails(normalized, { callId: sentCallId }),
      );
      this.log.warn(
        `${what} failed after ${Date.now() - started} ms: ${err.kind}${err.status ? ` ${err.status}` : ''}${err.callId ? ` call=${err.callId}` : ''}: ${this.redactor.redact(err.message)}`,
      );
      throw err;
    }
  }

  private async expectOk(res: SendResponse, model: string | undefined): Promise<void> {
    if (res.status >= 200 && res.status < 300) return;
    const body = await readText(res).catch(() => '');
    throw proxyHttpError(res.status, body, {
      model,
      callId: res.headers['x-litellm-call-id'],
      redactor: this.redactor,
    });
  }

  /** Downloads a `url` image item: the key goes along only when the URL is on the proxy's own origin. */
  /** `signal` is the calling request's (cancel + deadline), so a slow download counts against the same timeout. */
  /** `budget` is the response's: the JSON and all its downloads share one maxResponseBytes. */
  private async download(raw: string, signal: AbortSignal, budget: ByteBudget): Promise<Buffer> {
    if (raw.startsWith('data:')) {
      const m = /^data:image\/[\w.+-]+;base64,(.*)$/s.exec(raw);
      if (!m) throw coded('bad_response', 'response.badDataUrl', {});
      return Buffer.from(m[1]!, 'base64');
    }
    let url: URL;
    try {
      url = new URL(raw, this.settings.baseUrl);
    } catch {
      throw coded('bad_response', 'response.badImageUrl', {});
    }
    const transport = await this.transport();
    const res = await transport.send({
      method: 'GET',
      url,
      credentials: this.credentials(),
      signal,
      maxRedirects: 3,
      offeredBy: new URL(this.settings.baseUrl),
    });
    if (res.status !== 200) {
      res.body.dump().catch(() => undefined);
      throw coded(
        'bad_response',
        'response.downloadFailed',
        { url: displayUrl(url), status: res.status },
        { status: res.status },
      );
    }
    return readBytes(res, budget);
  }

  /** `n` is this request's count (undefined: one image); an answer with more keeps only that many. */
  private async imagesCall(
    model: string,
    req: Omit<SendRequest, 'signal' | 'credentials'>,
    ctl: CallControl,
    n: number | undefined,
  ): Promise<Batch> {
    return this.exchange(req, ctl, model, async (res, signal) => {
      await this.expectOk(res, model);
      const meta = responseMeta(res.headers);
      const parsed = await parseImagesResponse(res, {
        maxBytes: this.settings.maxResponseBytes,
        want: imagesWanted(n),
        download: (u, budget) => this.download(u, signal, budget),
        text: this.proxyText,
      });
      const itemErrors = parsed.itemErrors.map((e) => this.proxyText.error(e));
      for (const e of itemErrors) this.log.warn(`model=${model} call=${meta.callId ?? '-'}: ${e.message}`);
      for (const w of parsed.warnings)
        this.log.warn(`model=${model} call=${meta.callId ?? '-'}: ${debugText(w)}`);
      this.log.info(
        `model=${model} call=${meta.callId ?? '-'} images=${parsed.images.length}${meta.cost !== undefined ? ` cost=${meta.cost}` : ''}`,
      );
      return {
        images: parsed.images,
        meta,
        usage: parsed.usage,
        itemErrors,
        warnings: parsed.warnings,
      };
    });
  }

  private async runChain(
    req: GenerateRequest,
    operation: 'generate' | 'edit',
    ctl: CallControl,
    once: Once,
  ): Promise<ImageResult> {
    const names = plannedModels(this.settings, req);
    const overrides = this.settings.modelCapabilities;
    const providerModels = names.some((m) => needsProviderModel(m, overrides))
      ? await this.lookupProviderModels(ctl)
      : new Map<string, string>();
    const { prompt, options, primary, models, skipped, capabilities } = planRequest(
      this.settings,
      req,
      operation,
      providerModels,
    );
    const chain = await runWithFallbacks(
      models,
      async (model, index) => {
        ctl.onProgress?.({ type: 'attempt', model, index, total: models.length });
        return this.runBatches(model, prompt, options, ctl, capabilities.get(model), once);
      },
      {
        onFailure: (model, e) => ctl.onProgress?.({ type: 'failed', model, error: e.reported }),
        preAttempts: skipped,
      },
    );
    const { images, meta, usage, incomplete, warnings } = chain.value;
    const askedShape = askedShapeFor(capabilities.get(chain.model), options, operation);
    return {
      images,
      model: chain.model,
      requestedModel: primary,
      usedFallback: chain.model !== primary,
      attempts: chain.attempts,
      options,
      ...(askedShape ? { askedShape } : {}),
      meta,
      ...(usage ? { usage } : {}),
      ...(incomplete ? { incomplete } : {}),
      warnings,
    };
  }

  /**
   * Which provider model serves each name (`/model/info`), so a family is known by what the proxy routes to, not
   * only by the name typed. A proxy that cannot say (old, no rights, slow) leaves the names alone: never an error.
   */
  private lookupProviderModels(ctl: CallControl): Promise<ReadonlyMap<string, string>> {
    this.providerModels ??= this.getJson('model/info', ctl, { timeoutMs: 15_000 }).then(
      (json) => providerModelsFromModelInfo(json),
      (e: unknown) => {
        this.log.info(`/model/info unavailable (${(e as LiteLLMError).kind}); models are known by name`);
        return new Map<string, string>();
      },
    );
    return this.providerModels;
  }

  /** dall-e-3 makes one image per request, so a count of 3 is three requests; images already received are kept. */
  private async runBatches(
    model: string,
    prompt: string,
    options: ImageOptions,
    ctl: CallControl,
    caps: ModelCapabilities | undefined,
    once: Once,
  ): Promise<{
    images: ReceivedImage[];
    meta: ResponseMeta;
    usage?: Usage;
    incomplete?: LiteLLMError;
    warnings: Message[];
  }> {
    const batches = options.n === undefined ? [undefined] : splitIntoRequests(options.n, caps);
    const images: ReceivedImage[] = [];
    let meta: ResponseMeta = {};
    let usage: Usage | undefined;
    const costs: (number | undefined)[] = [];
    let incomplete: LiteLLMError | undefined;
    const warnings: Message[] = [];
    for (const [i, n] of batches.entries()) {
      if (batches.length > 1)
        ctl.onProgress?.({ type: 'request', model, batch: i + 1, batches: batches.length });
      try {
        const b = await once(model, prompt, options, n, caps);
        // Each request's cost is shared out to its own images, so the files add up to what was charged.
        const shares = b.meta.cost === undefined ? [] : shareCost(b.meta.cost, b.images.length);
        images.push(...b.images.map((image, k) => ({ ...image, cost: shares[k] })));
        costs.push(b.meta.cost);
        meta = { ...b.meta };
        usage = addUsage(usage, b.usage);
        if (b.itemErrors.length && !incomplete) incomplete = b.itemErrors[0];
        warnings.push(...b.warnings);
      } catch (e) {
        if (images.length === 0) throw e;
        incomplete = e as LiteLLMError;
        break;
      }
    }
    // Each cost is finite and bounded (responseMeta), so the sum is too; checked anyway, an unknown cost beats Infinity.
    const cost = sumCosts(costs);
    if (cost !== undefined && Number.isFinite(cost)) meta.cost = cost;
    else delete meta.cost;
    const withoutCost = images.filter((image) => image.cost === undefined).length;
    if (withoutCost && meta.cost !== undefined) meta.imagesWithoutCost = withoutCost;
    else delete meta.imagesWithoutCost;
    return { images, meta, usage, incomplete, warnings };
  }

  generate(req: GenerateRequest, ctl: CallControl = {}): Promise<ImageResult> {
    return this.runChain(req, 'generate', ctl, (model, prompt, options, n, caps) =>
      this.imagesCall(
        model,
        {
          method: 'POST',
          url: endpoint(this.settings.baseUrl, 'images/generations'),
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(generationBody(model, prompt, options, n, caps)),
        },
        ctl,
        n,
      ),
    );
  }

  async edit(req: EditRequest, ctl: CallControl = {}): Promise<ImageResult> {
    const inputs = await checkEditInputs(req.images, req.mask);
    return this.runChain(req, 'edit', ctl, (model, prompt, options, n, caps) => {
      const form = buildEditForm(editFields(model, prompt, options, n, caps), inputs.references, inputs.mask);
      return this.imagesCall(
        model,
        {
          method: 'POST',
          url: endpoint(this.settings.baseUrl, 'images/edits'),
          headers: {
            accept: 'application/json',
            'content-type': form.contentType,
            'content-length': String(form.length),
          },
          body: form.stream(),
        },
        ctl,
        n,
      );
    });
  }

  private getJson(
    path: string,
    ctl: CallControl,
    opts: { auth?: boolean; timeoutMs?: number } = {},
  ): Promise<unknown> {
    return this.exchange(
      {
        method: 'GET',
        url: endpoint(this.settings.baseUrl, path),
        headers: { accept: 'application/json' },
        auth: opts.auth,
      },
      ctl,
      undefined,
      async (res) => {
        await this.expectOk(res, undefined);
        const text = await readText(res, 16 * 1024 * 1024);
        let json: unknown;
        try {
          json = JSON.parse(text) as unknown;
        } catch {
          throw coded('bad_response', 'response.endpointNotJson', { path });
        }
        // Model ids, versions and key details are shown and printed: cleaned like every other proxy text.
        return this.proxyText.deep(json);
      },
      opts.timeoutMs ?? Math.min(this.settings.timeoutMs, 30_000),
    );
  }

  /** Image-capable models: `/model/info` when it says, else names from `/v1/models`. */
  async listImageModels(ctl: CallControl = {}): Promise<DiscoveredModel[]> {
    try {
      const fromInfo = modelsFromModelInfo(
        await this.getJson('model/info', ctl),
        this.settings.modelCapabilities,
      );
      if (fromInfo && fromInfo.length > 0) return fromInfo;
    } catch (e) {
      const err = e as LiteLLMError;
      if (err.kind === 'auth' || err.kind === 'cancelled' || err.kind === 'policy' || err.kind === 'network')
        throw err;
      this.log.info(`/model/info unavailable (${err.kind}); falling back to /v1/models`);
    }
    const fromList = modelsFromModelList(
      await this.getJson('v1/models', ctl),
      this.settings.modelCapabilities,
    );
    if (!fromList) throw coded('bad_response', 'response.noModelList', {});
    return fromList;
  }

  /**
   * Key spend and budget, or why there are none: `unsupported` when the proxy answered without them (no database:
   * 500; older proxies: 404; a body without `info`), so asking again will not help; `unanswered` when no usable
   * answer came (network, timeout, 429, 502–504), which the next call may fix.
   */
  async keyInfo(ctl: CallControl = {}): Promise<KeyInfoAnswer> {
    try {
      const info = keyInfoFrom(await this.getJson('key/info', ctl));
      return info ? { info } : { missing: 'unsupported' };
    } catch (e) {
      const err = e as LiteLLMError;
      if (err.kind === 'cancelled') throw err;
      this.log.debug(`key info unavailable: ${err.kind}${err.status ? ` (HTTP ${err.status})` : ''}`);
      const answered =
        err.status !== undefined && err.status !== 408 && err.status !== 429 && err.status < 502;
      return { missing: answered ? 'unsupported' : 'unanswered' };
    }
  }

  /** Plain health probes (no key), used by the connection check. */
  async liveliness(ctl: CallControl = {}): Promise<void> {
    await this.getJson('health/liveliness', ctl, { auth: false, timeoutMs: 10_000 });
  }

  async readiness(ctl: CallControl = {}): Promise<{ version?: string }> {
    const body = (await this.getJson('health/readiness', ctl, { auth: false, timeoutMs: 10_000 })) as Record<
      string,
      unknown
    >;
    return typeof body?.litellm_version === 'string' ? { version: body.litellm_version } : {};
  }

  /** An authenticated call that proves the key works; returns the proxy version header when present. */
  async authCheck(ctl: CallControl = {}): Promise<{ version?: string }> {
    let version: string | undefined;
    await this.exchange(
      {
        method: 'GET',
        url: endpoint(this.settings.baseUrl, 'v1/models'),
        headers: { accept: 'application/json' },
      },
      ctl,
      undefined,
      async (res) => {
        version = res.headers['x-litellm-version'];
        await this.expectOk(res, undefined);
        await res.body.dump();
      },
      Math.min(this.settings.timeoutMs, 30_000),
    );
    return version ? { version } : {};
  }

  /** The network policy's verdict on the proxy URL (resolving it like a request would). */
  vetProxy(): Promise<PolicyVerdict> {
    return vetUrl(this.settings.baseUrl, {
      allowPrivateNetwork: this.settings.allowPrivateNetwork,
      resolver: this.opts.resolver,
      viaForwardProxy: this.forwardProxy !== undefined,
    });
  }

  get hasKey(): boolean {
    return Boolean(this.opts.apiKey);
  }
}

export * from './clientTypes';
