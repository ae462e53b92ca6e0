/** The proxy's error answers, and answers that are not usable images. */
import { sentences, Table, withProxyMessage } from './table';
import { nonImageText } from './valueText';

type Codes =
  | 'proxy.keyRejected'
  | 'proxy.keyNotMaster'
  | 'proxy.budget'
  | 'proxy.rateLimit'
  | 'proxy.timeout'
  | 'proxy.contentPolicy'
  | 'proxy.unknownModel'
  | 'proxy.upstream'
  | 'proxy.rejected'
  | 'response.emptyImage'
  | 'response.notImage'
  | 'response.noDataList'
  | 'response.noImages'
  | 'response.itemMalformed'
  | 'response.itemEmpty'
  | 'response.truncated'
  | 'response.notJson'
  | 'response.badBase64'
  | 'response.extraImage'
  | 'response.tooLarge'
  | 'response.badDataUrl'
  | 'response.badImageUrl'
  | 'response.downloadFailed'
  | 'response.endpointNotJson'
  | 'response.noModelList'
  | 'response.moreImagesThanAsked';

/** Two sentences per code, with and without a model name (word order differs between languages). */
function onModel(
  model: string | undefined,
  withModel: (model: string) => string,
  without: () => string,
): string {
  return model ? withModel(model) : without();
}

export const answerMessages: Table<Codes> = {
  'proxy.keyRejected': (p, s) =>
    withProxyMessage(
      s,
      sentences(
        s,
        s.l10n.t('The proxy refused the request: the API key is missing or wrong (HTTP {status}).', {
          status: p.status,
        }),
        s.setKeyAdvice(),
      ),
      p.proxyMessage,
    ),
  'proxy.keyNotMaster': (p, s) =>
    withProxyMessage(
      s,
      sentences(
        s,
        s.l10n.t(
          'The proxy did not accept the API key (HTTP 400 no_db_connection: a key that is not the master key, on a proxy without a database).',
        ),
        s.setKeyAdvice(),
      ),
      p.proxyMessage,
    ),
  'proxy.budget': (p, s) =>
    withProxyMessage(
      s,
      s.l10n.t(
        "The key's budget is used up (HTTP {status}). Ask the proxy's admin to raise the budget or use another key.",
        {
          status: p.status,
        },
      ),
      p.proxyMessage,
    ),
  'proxy.rateLimit': (p, s) =>
    withProxyMessage(
      s,
      onModel(
        p.model,
        (model) =>
          s.l10n.t(
            'Rate limit reached for model "{model}" (HTTP {status}). Wait a moment and retry, or add a fallback model.',
            { model, status: p.status },
          ),
        () =>
          s.l10n.t('Rate limit reached (HTTP {status}). Wait a moment and retry, or add a fallback model.', {
            status: p.status,
          }),
      ),
      p.proxyMessage,
    ),
  'proxy.timeout': (p, s) =>
    withProxyMessage(
      s,
      sentences(
        s,
        onModel(
          p.model,
          (model) =>
            s.l10n.t('The proxy timed out for model "{model}" (HTTP {status}).', { model, status: p.status }),
          () => s.l10n.t('The proxy timed out (HTTP {status}).', { status: p.status }),
        ),
        s.l10n.t('Image models can take minutes; retry or raise {setting}.', {
          setting: s.setting('image.timeoutMs'),
        }),
      ),
      p.proxyMessage,
    ),
  'proxy.contentPolicy': (p, s) =>
    withProxyMessage(
      s,
      p.model
        ? s.l10n.t(
            'The provider refused the prompt under its content policy for model "{model}". Rephrase the prompt.',
            {
              model: p.model,
            },
          )
        : s.l10n.t('The provider refused the prompt under its content policy. Rephrase the prompt.'),
      p.proxyMessage,
    ),
  'proxy.unknownModel': (p, s) =>
    withProxyMessage(
      s,
      onModel(
        p.model,
        (model) =>
          s.l10n.t(
            'The proxy does not know the model "{model}" (HTTP {status}). Pick one of the proxy\'s image models.',
            { model, status: p.status },
          ),
        () =>
          s.l10n.t(
            "The proxy does not know the model (HTTP {status}). Pick one of the proxy's image models.",
            { status: p.status },
          ),
      ),
      p.proxyMessage,
    ),
  'proxy.upstream': (p, s) =>
    withProxyMessage(
      s,
      onModel(
        p.model,
        (model) =>
          s.l10n.t(
            'The proxy or the provider behind it failed for model "{model}" (HTTP {status}). Retry later or add a fallback model.',
            { model, status: p.status },
          ),
        () =>
          s.l10n.t(
            'The proxy or the provider behind it failed (HTTP {status}). Retry later or add a fallback model.',
            { status: p.status },
          ),
      ),
      p.proxyMessage,
    ),
  'proxy.rejected': (p, s) =>
    withProxyMessage(
      s,
      onModel(
        p.model,
        (model) =>
          s.l10n.t('The proxy rejected the request for model "{model}" (HTTP {status}).', {
            model,
            status: p.status,
          }),
        () => s.l10n.t('The proxy rejected the request (HTTP {status}).', { status: p.status }),
      ),
      p.proxyMessage,
    ),
  'response.emptyImage': (_, s) => s.l10n.t('The proxy returned an empty image.'),
  'response.notImage': (p, s) =>
    s.l10n.t('The proxy returned data that is not an image ({what}, {bytes} bytes).', {
      what: nonImageText(p.what, s),
      bytes: p.bytes,
    }),
  'response.noDataList': (_, s) =>
    s.l10n.t('The proxy answered with JSON that has no "data" list of images.'),
  'response.noImages': (_, s) =>
    s.l10n.t('The proxy answered without any images (empty "data"). Try again or another model.'),
  'response.itemMalformed': (p, s) =>
    s.l10n.t('Image {index} in the answer is malformed.', { index: p.index }),
  'response.itemEmpty': (p, s) =>
    s.l10n.t('Image {index} in the answer has neither b64_json nor url.', { index: p.index }),
  'response.truncated': (_, s) =>
    s.l10n.t('The proxy’s answer ended in the middle of the JSON (truncated response).'),
  'response.notJson': (p, s) =>
    p.preview
      ? s.l10n.t('The proxy answered with something that is not JSON: "{preview}"', { preview: p.preview })
      : s.l10n.t('The proxy answered with something that is not JSON (an empty body).'),
  'response.badBase64': (_, s) =>
    s.l10n.t('The proxy returned an image whose base64 data cannot be decoded.'),
  'response.extraImage': (_, s) =>
    s.l10n.t('The proxy returned more images than were asked for; this one was not read.'),
  'response.tooLarge': (p, s) =>
    s.l10n.t(
      'The response is larger than the limit of {limit} MB ({setting}). Ask for fewer or smaller images, or raise the limit.',
      { limit: p.limitMb, setting: s.setting('image.maxResponseBytes') },
    ),
  'response.badDataUrl': (_, s) => s.l10n.t('The proxy returned a data: URL that is not a base64 image.'),
  'response.badImageUrl': (_, s) => s.l10n.t('The proxy returned an image URL that is not valid.'),
  'response.downloadFailed': (p, s) =>
    s.l10n.t('Downloading the image from {url} failed (HTTP {status}).', { url: p.url, status: p.status }),
  'response.endpointNotJson': (p, s) => s.l10n.t('{path} did not answer with JSON.', { path: p.path }),
  'response.noModelList': (_, s) => s.l10n.t('/v1/models did not answer with a model list.'),
  'response.moreImagesThanAsked': (p, s) =>
    p.want === 1
      ? s.l10n.t('The proxy returned {got} images for a request of 1; only the first was kept.', {
          got: p.got,
        })
      : s.l10n.t(
          'The proxy returned {got} images for a request of {want}; only the first {want} were kept.',
          {
            got: p.got,
            want: p.want,
          },
        ),
};
