// Every code the core can report has a rendering in each front end (the CLI's English naming flags, the extension's
// l10n naming settings), every sentence goes through the translator whole, and no front end names the other's
// controls. The samples below are typed by code, so a new code without a sample does not compile.
import { strict as assert } from 'node:assert';
import { MESSAGE_CODES, type Message, type MessageCode, type MessageParams } from '../../src/core/messages';
import { cliSurface } from '../../src/cli/surface';
import { extensionSurface } from '../../src/extension/messageSurface';
import { englishL10n, renderMessage, RENDERED_CODES, type L10n } from '../../src/shared/messages';

const refused: Message = { code: 'net.refused', params: { where: 'http://127.0.0.1:4000' } };
const many = (n: number) => Array.from({ length: n }, (_, i) => `m${i}`);

const SAMPLES: { [C in MessageCode]: MessageParams[C][] } = {
  'settings.invalid': [
    { problems: [{ setting: 'image.timeoutMs', problem: { rule: 'atLeast', limit: 1000 } }] },
    {
      problems: [
        { setting: 'baseUrl', problem: { rule: 'httpUrl' } },
        { setting: 'requestHeaders', problem: { rule: 'headerReserved', header: 'Authorization' } },
        { setting: 'image.quality', problem: { rule: 'oneOf', values: ['"low"', '"high"'] } },
        { setting: 'image.fallbacks', problem: { rule: 'type', expected: 'array' } },
        { setting: 'image.fallbacks', problem: { rule: 'tooMany', limit: 5 } },
        { setting: 'image.model', problem: { rule: 'other', detail: 'x' } },
      ],
    },
    {
      problems: [
        {
          setting: 'image.modelCapabilities',
          entry: 'my-model.like',
          problem: { rule: 'capabilityLike' },
        },
        { setting: 'image.modelCapabilities', entry: 'm', problem: { rule: 'unknownKeys', keys: ['sizez'] } },
        { setting: 'image.modelCapabilities', problem: { rule: 'tooManyModels' } },
      ],
    },
  ],
  'request.emptyPrompt': [{}],
  'request.promptTooLong': [{ length: 40_000, max: 32_000 }],
  'request.invalidOption': [{ option: 'n', problem: { rule: 'atMost', limit: 10 } }],
  'request.noModelCanTake': [
    { attempts: [] },
    { attempts: [{ model: 'dall-e-3', skipped: true, error: refused }] },
  ],
  'model.cannotEdit': [{ model: 'dall-e-3', editors: ['gpt-image-1', 'dall-e-2'] }],
  'model.size': [
    { model: 'dall-e-3', size: '10x10', accepted: ['1024x1024'] },
    {
      model: 'gpt-image-2',
      size: '1000x1000',
      accepted: ['1024x1024'],
      flexible: { multipleOf: 16, maxSide: 3840, minPixels: 655360, maxPixels: 8294400, maxAspect: 3 },
      problem: { rule: 'multipleOf', multipleOf: 16 },
    },
  ],
  'model.noOption': [{ model: 'dall-e-2', option: 'quality' }],
  'model.optionValue': [{ model: 'dall-e-3', option: 'outputFormat', value: 'gif', accepted: ['png'] }],
  'model.noCompression': [{ model: 'dall-e-3' }],
  'model.noModeration': [{ model: 'dall-e-3' }],
  'model.compressionNeedsLossy': [{ model: 'gpt-image-1' }],
  'model.transparentJpeg': [{ model: 'gpt-image-1' }],
  'model.maxCount': [{ model: 'dall-e-3', max: 1 }],
  'model.shapeDropped': [
    { model: 'nano', provider: 'gemini', option: 'aspectRatio', why: 'route' },
    { model: 'nano', option: 'size', why: 'unknownRoute' },
    { model: 'nano', provider: 'vertex_ai', option: 'imageSize', why: 'edit' },
  ],
  'model.sizeWouldBeSquare': [
    { model: 'imagen', size: '1536x1024', accepted: ['1024x1024'], aspectRatios: ['1:1', '16:9'] },
  ],
  'model.sizeAndAspect': [{ model: 'imagen', size: '1024x1024', aspectRatio: '16:9' }],
  'proxy.keyRejected': [{ status: 401 }, { status: 401, model: 'm', proxyMessage: 'bad key' }],
  'proxy.keyNotMaster': [{ status: 400 }],
  'proxy.budget': [{ status: 400, proxyMessage: 'Budget has been exceeded' }],
  'proxy.rateLimit': [{ status: 429 }, { status: 429, model: 'gpt-image-2' }],
  'proxy.timeout': [{ status: 408 }, { status: 408, model: 'gpt-image-2' }],
  'proxy.contentPolicy': [{ status: 400 }, { status: 400, model: 'gpt-image-2' }],
  'proxy.unknownModel': [{ status: 400 }, { status: 400, model: 'nope' }],
  'proxy.upstream': [{ status: 500 }, { status: 503, model: 'gpt-image-2' }],
  'proxy.rejected': [{ status: 400 }, { status: 422, model: 'gpt-image-2', proxyMessage: 'size: bad' }],
  'net.refused': [{ where: 'http://127.0.0.1:4000' }],
  'net.dnsFailed': [{ host: 'proxy.internal' }, { host: 'proxy.internal', code: 'ENOTFOUND' }],
  'net.noAddresses': [{ host: 'proxy.internal' }],
  'net.dnsNotIp': [{ host: 'proxy.internal' }],
  'net.unexpectedLookup': [{ host: 'proxy.internal' }],
  'net.closed': [{ where: 'http://127.0.0.1:4000' }],
  'net.connectTimeout': [{ where: 'http://127.0.0.1:4000' }],
  'net.stalled': [{ where: 'http://127.0.0.1:4000' }],
  'net.tls': [{ where: 'https://proxy.test', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }],
  'net.certificate': (
    ['selfSigned', 'unknownCa', 'expired', 'notYetValid', 'nameMismatch', 'revoked', 'other'] as const
  ).map((problem) => ({ host: 'proxy.test:4443', problem, code: 'CERT_HAS_EXPIRED' })),
  'tls.caFile': [
    { file: 'ca.pem', problem: 'notAbsolute' },
    { file: '/etc/ca.pem', problem: 'unreadable', code: 'ENOENT' },
    { file: '/etc/ca.pem', problem: 'tooBig' },
    { file: '/etc/ca.pem', problem: 'noCertificate' },
    { file: '/etc/ca.pem', problem: 'invalid' },
  ],
  'net.proxyInvalid': [
    { proxy: 'socks5://p:1080', source: { kind: 'setting' }, reason: 'scheme' },
    { proxy: 'http://[x', source: { kind: 'env', variable: 'HTTPS_PROXY' }, reason: 'url' },
  ],
  'net.proxyUnreachable': [
    { proxy: 'http://proxy.corp:3128', source: { kind: 'setting' }, code: 'ECONNREFUSED' },
    { proxy: 'http://proxy.corp:3128', source: { kind: 'env', variable: 'https_proxy' }, code: 'ENOTFOUND' },
  ],
  'net.proxyAuth': [{ proxy: 'http://proxy.corp:3128', source: { kind: 'setting' } }],
  'net.proxyTunnel': [{ proxy: 'http://proxy.corp:3128', where: 'https://llm.test', status: 403 }],
  'net.proxyCertificate': [{ proxy: 'https://proxy.corp:3129', problem: 'unknownCa', code: 'X' }],
  'net.httpThroughProxy': [{ where: 'http://llm.test:4000', proxy: 'http://proxy.corp:3128' }],
  'net.failed': [{ where: 'http://127.0.0.1:4000', detail: 'EHOSTUNREACH' }],
  'net.redirectInvalid': [{ where: 'http://127.0.0.1:4000' }],
  'net.redirectPost': [{ where: 'http://127.0.0.1:4000', to: 'https://127.0.0.1:4443' }],
  'net.tooManyRedirects': [{ where: 'http://127.0.0.1:4000' }],
  'net.noAnswer': [{ seconds: 30 }, { model: 'gpt-image-2', seconds: 30 }],
  cancelled: [{}],
  unexpected: [{ detail: 'TypeError: x' }],
  'policy.invalidUrl': [{ url: 'not a url' }],
  'policy.refused': [
    {
      url: 'http://10.0.0.1',
      canOptIn: true,
      refusal: { reason: 'privateLiteral', host: '10.0.0.1', range: 'private' },
    },
    { url: 'ftp://x', canOptIn: false, refusal: { reason: 'scheme', scheme: 'ftp:' } },
    { url: 'http://u@x', canOptIn: false, refusal: { reason: 'credentials' } },
    { url: 'http://corp', canOptIn: true, refusal: { reason: 'internalName', host: 'corp' } },
    {
      url: 'http://host.docker.internal',
      canOptIn: false,
      refusal: { reason: 'dockerPublic', host: 'host.docker.internal', address: '93.184.216.34' },
    },
    {
      url: 'http://host.docker.internal',
      canOptIn: true,
      refusal: {
        reason: 'dockerOther',
        host: 'host.docker.internal',
        address: '169.254.1.1',
        range: 'linkLocal',
      },
    },
    {
      url: 'http://p.test',
      canOptIn: true,
      refusal: {
        reason: 'resolvedPrivate',
        host: 'p.test',
        addresses: [
          { address: '10.0.0.7', range: 'private' },
          { address: '::1', range: 'loopback' },
        ],
      },
    },
  ],
  'policy.downloadRefused': [
    {
      image: 'http://10.0.0.1/a.png',
      proxy: 'https://p',
      proxyClass: 'public',
      reason: 'privateNeedsPrivateProxy',
    },
    {
      image: 'http://p/a.png',
      hop: 'http://127.0.0.1/b.png',
      proxy: 'http://10.0.0.2',
      proxyClass: 'private',
      reason: 'loopbackNeedsLoopbackProxy',
    },
    {
      image: 'http://10.0.0.1/a.png',
      proxy: 'http://127.0.0.1',
      proxyClass: 'loopback',
      reason: 'privateNeedsOptIn',
    },
  ],
  'policy.summary': [
    { summary: 'loopbackAddress' },
    { summary: 'publicAddress' },
    { summary: 'privateAddressOptIn', range: 'private' },
    { summary: 'loopbackName' },
    { summary: 'dockerHost' },
    { summary: 'privateAddressesOptIn' },
    { summary: 'publicAddresses' },
    { summary: 'forwardProxyResolves' },
  ],
  'response.emptyImage': [{}],
  'response.notImage': [
    { what: { shape: 'markup' }, bytes: 10 },
    { what: { shape: 'json' }, bytes: 10 },
    { what: { shape: 'text' }, bytes: 10 },
    { what: { shape: 'unknown', bytes: 10 }, bytes: 10 },
  ],
  'response.noDataList': [{}],
  'response.noImages': [{}],
  'response.itemMalformed': [{ index: 2 }],
  'response.itemEmpty': [{ index: 2 }],
  'response.truncated': [{}],
  'response.notJson': [{ preview: 'Bad gateway' }, { preview: '' }],
  'response.badBase64': [{}],
  'response.extraImage': [{}],
  'response.tooLarge': [{ limitMb: 64 }],
  'response.badDataUrl': [{}],
  'response.badImageUrl': [{}],
  'response.downloadFailed': [{ url: 'http://127.0.0.1/a.png', status: 404 }],
  'response.endpointNotJson': [{ path: '/model/info' }],
  'response.noModelList': [{}],
  'response.moreImagesThanAsked': [
    { got: 3, want: 1 },
    { got: 40, want: 3 },
  ],
  'image.notAsRequested': [
    { size: { asked: '1536x1024', got: '1024x1024' } },
    {
      file: 'a.png',
      size: { asked: '1024x1536', got: '1024x1024' },
      format: { asked: 'webp', got: 'png' },
      model: { asked: 'gpt-image-2', got: 'dall-e-3' },
    },
    { aspectRatio: { asked: '16:9', got: '1:1', pixels: '1024x1024' } },
    { imageSize: { asked: '2K', got: '1K', pixels: '1024x1024' } },
    {
      file: 'b.png',
      aspectRatio: { asked: '21:9', got: '1:1', pixels: '1024x1024' },
      imageSize: { asked: '4K', got: '1K', pixels: '1024x1024' },
    },
  ],
  'input.missing': [
    { role: 'reference', file: '/w/a.png' },
    { role: 'mask', file: '/w/m.png' },
  ],
  'input.unreadable': [
    { role: 'reference', file: '/w/a.png', code: 'EACCES' },
    { role: 'mask', file: '/w/m.png', code: 'EACCES' },
  ],
  'input.notFile': [
    { role: 'reference', file: '/w/a' },
    { role: 'mask', file: '/w/m' },
  ],
  'input.empty': [
    { role: 'reference', name: 'a.png' },
    { role: 'mask', name: 'm.png' },
  ],
  'input.tooBig': [
    { role: 'reference', name: 'a.png', mb: '60.2', limitMb: 50 },
    { role: 'mask', name: 'm.png', mb: '60.2', limitMb: 50 },
  ],
  'input.notEditable': [
    { role: 'reference', name: 'a.gif', what: { shape: 'image', format: 'GIF' } },
    { role: 'mask', name: 'm.txt', what: { shape: 'text' } },
  ],
  'input.maskNotPng': [{ name: 'm.jpg' }],
  'input.noReference': [{}],
  'input.tooManyReferences': [{ count: 17, max: 16 }],
  'input.maskSize': [{ mask: 'm.png', maskSize: '10x10', image: 'a.png', imageSize: '20x20' }],
  'files.saveFailed': [{ folder: '/w/images', detail: 'EACCES' }],
  'files.sidecarFailed': [{ file: 'a.png', detail: 'ENOSPC' }],
  'files.notFolder': [{ folder: '/w/images' }],
  'rerun.noProvenance': [{ file: '/w/a.png' }],
  'rerun.inputOutside': [
    { image: '/w/a.png', file: '/etc/passwd', how: 'outside' },
    { image: '/w/a.png', file: '/w/link/x.png', how: 'link' },
  ],
  'files.listFailed': [{ folder: '/w/images', detail: 'EIO' }],
  'chain.allFailed': [{ attempts: [{ model: 'gpt-image-2', error: refused }, { model: 'dall-e-2' }] }],
  'connection.keyRejected': [
    { baseUrl: 'http://127.0.0.1:4000' },
    { baseUrl: 'http://x', proxyMessage: 'no' },
  ],
  'connection.keyNeeded': [{ baseUrl: 'http://127.0.0.1:4000' }],
  'connection.noImageModels': [{}],
  'connection.modelNotListed': [{ model: 'gpt-image-9', models: many(3) }],
  'connection.listFailed': [{ error: refused }],
  'connection.forwardProxy': [
    {},
    { proxy: 'http://proxy.corp:3128', source: { kind: 'setting' } },
    { proxy: 'http://proxy.corp:3128', source: { kind: 'env', variable: 'HTTPS_PROXY' } },
    { proxy: 'https://proxy.corp:3129', source: { kind: 'setting' }, unverified: true },
  ],
  'connection.certificates': [
    { system: 'used', files: [], https: true },
    { system: 'used', files: ['/etc/a.pem', '/etc/b.pem'], https: true },
    { system: 'unavailable', files: [], https: true },
    { system: 'unavailable', files: ['/etc/a.pem'], https: true },
    { system: 'off', files: ['/etc/a.pem'], https: true },
    { system: 'used', files: [], https: false },
  ],
  'frontEnd.text': [{ text: 'Ein Satz, schon übersetzt.' }],
};

function samples(): Message[] {
  return MESSAGE_CODES.flatMap((code) =>
    (SAMPLES[code] as MessageParams[MessageCode][]).map((params) => ({ code, params }) as Message),
  );
}

const editorEnglish = extensionSurface(englishL10n, 'en');

describe('messages', () => {
  it('the renderers cover exactly the codes the core defines', () => {
    assert.ok(MESSAGE_CODES.length > 60, `the core's codes (${MESSAGE_CODES.length})`);
    assert.deepEqual([...RENDERED_CODES].sort(), [...MESSAGE_CODES].sort());
  });

  for (const [name, surface] of [
    ['the CLI', cliSurface],
    ['the extension', editorEnglish],
  ] as const) {
    it(`${name} renders every code as finished text`, () => {
      for (const m of samples()) {
        const text = renderMessage(m, surface);
        const label = `${m.code} ${JSON.stringify(m.params)} → ${text}`;
        assert.ok(text.trim().length > 3, label);
        assert.doesNotMatch(text, /\{\w+\}|undefined|\[object Object\]|NaN/, label);
        assert.equal(text, text.trim(), label);
      }
    });
  }

  it('the CLI names its flags and environment variables, never a VS Code setting or command', () => {
    for (const m of samples()) {
      const text = renderMessage(m, cliSurface);
      assert.doesNotMatch(text, /\blitellm\.[a-zA-Z]/, `${m.code}: ${text}`);
      assert.doesNotMatch(text, /LiteLLM: Set API Key|Open Settings/, `${m.code}: ${text}`);
    }
    const timeout = renderMessage({ code: 'net.noAnswer', params: { seconds: 5 } }, cliSurface);
    assert.match(timeout, /--timeout-ms/);
    assert.match(renderMessage(refused, cliSurface), /--base-url \(or LITELLM_BASE_URL\)/);
    assert.match(
      renderMessage({ code: 'proxy.keyRejected', params: { status: 401 } }, cliSurface),
      /LITELLM_API_KEY/,
    );
  });

  it('the extension names settings and commands, never a CLI flag', () => {
    for (const m of samples()) {
      const text = renderMessage(m, editorEnglish);
      assert.doesNotMatch(text, /(^|\s)--[a-z]/, `${m.code}: ${text}`);
      assert.doesNotMatch(text, /LITELLM_[A-Z_]+/, `${m.code}: ${text}`);
    }
    assert.match(renderMessage(refused, editorEnglish), /litellm\.baseUrl/);
    assert.match(
      renderMessage({ code: 'proxy.keyRejected', params: { status: 401 } }, editorEnglish),
      /"LiteLLM: Set API Key"/,
    );
  });

  it('every sentence goes through the translator whole: no word is assembled outside it', () => {
    // A translator that answers every sentence with a mark and drops the arguments: whatever letters remain were
    // written outside l10n.t (and a German window would show them in English).
    const mark: L10n = { t: () => '§' };
    const surface = extensionSurface(mark, 'de', 'ssh-remote'); // remote: the loopback hint's words too
    for (const m of samples()) {
      if (m.code === 'frontEnd.text') continue; // already translated by the front end that wrote it
      const text = renderMessage(m, surface);
      assert.match(text, /^[§\s|.:;,()]+$/, `${m.code} ${JSON.stringify(m.params)} → ${text}`);
    }
  });

  it('writes sizes with the decimals the facts have, in the form of the locale', () => {
    const big: Message = {
      code: 'input.tooBig',
      params: { role: 'reference', name: 'huge.png', mb: '51.0', limitMb: 50 },
    };
    assert.match(renderMessage(big, editorEnglish), /"huge\.png" is 51\.0 MB; the limit is 50 MB/);
    assert.match(renderMessage(big, extensionSurface(englishL10n, 'de')), /51,0 MB/);
  });

  it('keeps the words of the proxy and the user as they are, inside the translated sentence', () => {
    const m: Message = {
      code: 'proxy.rejected',
      params: { status: 422, model: 'my-alias', proxyMessage: 'size: bad' },
    };
    const text = renderMessage(m, editorEnglish);
    assert.match(text, /"my-alias" \(HTTP 422\)/);
    assert.match(text, /The proxy said: size: bad$/);
  });

  // In a remote window the requests leave from the remote machine: a loopback proxy URL names that machine.
  describe('a loopback proxy seen from a remote window', () => {
    const remote = extensionSurface(englishL10n, 'en', 'ssh-remote');
    const failures = (where: string): Message[] => [
      { code: 'net.refused', params: { where } },
      { code: 'net.connectTimeout', params: { where } },
    ];
    const hint = /This window is remote \(ssh-remote\): (\S+) is the remote machine, not your computer\./;

    it('says that localhost is the remote machine, with port forwarding and the setting as the ways out', () => {
      for (const [where, host] of [
        ['http://localhost:4000', 'localhost'],
        ['http://127.0.0.1:4000', '127.0.0.1'],
        ['https://127.8.9.10:4443/litellm', '127.8.9.10'],
        ['http://[::1]:4000', '[::1]'],
        ['http://litellm.localhost:4000', 'litellm.localhost'],
        ['http://0.0.0.0:4000', '0.0.0.0'],
      ] as const) {
        for (const m of failures(where)) {
          const text = renderMessage(m, remote);
          assert.equal(hint.exec(text)?.[1], host, `${m.code} ${where}: ${text}`);
          assert.match(text, /Forward the proxy's port to the remote machine/, text);
          assert.match(
            text,
            /set litellm\.baseUrl to the address at which the remote machine reaches the proxy/,
          );
          assert.ok(
            text.startsWith(renderMessage(m, editorEnglish)),
            `the usual sentence comes first: ${text}`,
          );
        }
      }
    });

    it('says nothing of the kind for another host, in a local window, or in the CLI', () => {
      for (const m of failures('http://litellm.corp.example:4000'))
        assert.doesNotMatch(renderMessage(m, remote), /remote/);
      for (const m of failures('http://localhost:4000')) {
        assert.doesNotMatch(renderMessage(m, editorEnglish), /remote/);
        assert.doesNotMatch(renderMessage(m, cliSurface), /remote/);
      }
      const dns: Message = { code: 'net.dnsFailed', params: { host: 'localhost', code: 'ENOTFOUND' } };
      assert.doesNotMatch(renderMessage(dns, remote), /remote/, 'only connection failures get the hint');
    });

    it('reaches the connection report through its problems', () => {
      const m: Message = { code: 'connection.listFailed', params: { error: refused } };
      assert.match(renderMessage(m, remote), hint);
    });
  });
});
