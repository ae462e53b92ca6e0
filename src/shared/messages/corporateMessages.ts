/** Corporate networks: refused certificates, CA files, forward proxies, and the connection report's network lines. */
import type { CaFileProblem, CertificateProblem, ProxySource } from '../../core/messages';
import { list, type Surface } from './surface';
import { sentences, type Table } from './table';

type Codes =
  | 'net.certificate'
  | 'tls.caFile'
  | 'net.proxyInvalid'
  | 'net.proxyUnreachable'
  | 'net.proxyAuth'
  | 'net.proxyTunnel'
  | 'net.proxyCertificate'
  | 'net.httpThroughProxy'
  | 'connection.forwardProxy'
  | 'connection.certificates';

function sourceText(source: ProxySource, s: Surface): string {
  return source.kind === 'env' ? source.variable : s.forwardProxy.setting;
}

function certificateText(problem: CertificateProblem, s: Surface): string {
  switch (problem) {
    case 'selfSigned':
      return s.l10n.t('it is self-signed');
    case 'unknownCa':
      return s.l10n.t('it was issued by a certificate authority this machine does not trust');
    case 'expired':
      return s.l10n.t('it has expired');
    case 'notYetValid':
      return s.l10n.t("it is not valid yet (check this machine's clock)");
    case 'nameMismatch':
      return s.l10n.t('it was issued for a different host name');
    case 'revoked':
      return s.l10n.t('it has been revoked');
    case 'other':
      return s.l10n.t('it did not pass verification');
  }
}

/** What the user can do about a refused certificate: trust the CA, or have the certificate fixed. */
function certificateFix(problem: CertificateProblem, host: string, s: Surface): string {
  switch (problem) {
    case 'selfSigned':
    case 'unknownCa':
      return s.l10n.t(
        'If your company runs its own certificate authority, add its certificate (a PEM file) to {setting}; verification is never switched off.',
        { setting: s.setting('caCertificates') },
      );
    case 'nameMismatch':
      return s.l10n.t(
        'Use the host name the certificate was issued for in {setting}, or ask the administrator for a certificate that names {host}.',
        { setting: s.setting('baseUrl'), host },
      );
    default:
      return s.l10n.t("The proxy's administrator has to renew or replace its certificate.");
  }
}

function caFileText(file: string, problem: CaFileProblem, code: string | undefined, s: Surface): string {
  switch (problem) {
    case 'notAbsolute':
      return s.l10n.t('The CA certificate file "{file}" is not an absolute path.', { file });
    case 'unreadable':
      return s.l10n.t('Cannot read the CA certificate file {file} ({code}).', { file, code: code ?? '?' });
    case 'tooBig':
      return s.l10n.t('The CA certificate file {file} is too large to be one.', { file });
    case 'noCertificate':
      return s.l10n.t(
        'The CA certificate file {file} contains no PEM certificate (-----BEGIN CERTIFICATE-----).',
        {
          file,
        },
      );
    case 'invalid':
      return s.l10n.t('The CA certificate file {file} contains a certificate that cannot be read.', { file });
  }
}

export const corporateMessages: Table<Codes> = {
  'net.certificate': (p, s) =>
    sentences(
      s,
      s.l10n.t('The certificate of {host} was refused ({code}): {why}.', {
        host: p.host,
        code: p.code,
        why: certificateText(p.problem, s),
      }),
      certificateFix(p.problem, p.host, s),
    ),
  'tls.caFile': (p, s) =>
    sentences(
      s,
      caFileText(p.file, p.problem, p.code, s),
      s.l10n.t('Check {setting}.', { setting: s.setting('caCertificates') }),
    ),
  'net.proxyInvalid': (p, s) =>
    p.reason === 'scheme'
      ? s.l10n.t(
          'The forward proxy {proxy} (from {source}) is not supported: only http:// and https:// forward proxies are.',
          { proxy: p.proxy, source: sourceText(p.source, s) },
        )
      : s.l10n.t('The forward proxy "{proxy}" (from {source}) is not a valid URL.', {
          proxy: p.proxy,
          source: sourceText(p.source, s),
        }),
  'net.proxyUnreachable': (p, s) =>
    s.l10n.t(
      'Could not reach the forward proxy {proxy} ({code}). Is it running? It comes from {source}; {noProxy} lists the hosts that bypass it.',
      { proxy: p.proxy, code: p.code, source: sourceText(p.source, s), noProxy: s.forwardProxy.noProxy },
    ),
  'net.proxyAuth': (p, s) =>
    s.l10n.t('The forward proxy {proxy} asks for a login (407). Give its credentials in {login}.', {
      proxy: p.proxy,
      login: s.forwardProxy.login,
    }),
  'net.proxyTunnel': (p, s) =>
    s.l10n.t(
      'The forward proxy {proxy} did not connect to {where} (status {status}). Ask its administrator, or list the host in {noProxy} if it is reachable directly.',
      { proxy: p.proxy, where: p.where, status: p.status, noProxy: s.forwardProxy.noProxy },
    ),
  'net.proxyCertificate': (p, s) =>
    s.l10n.t("The forward proxy {proxy}'s own certificate was refused ({code}): {why}.", {
      proxy: p.proxy,
      code: p.code,
      why: certificateText(p.problem, s),
    }),
  'net.httpThroughProxy': (p, s) =>
    sentences(
      s,
      s.l10n.t(
        'Refused to send the request for {where} through the forward proxy {proxy}: over http: it would see the API key and the prompts in clear text.',
        { where: p.where, proxy: p.proxy },
      ),
      s.l10n.t(
        'Use an https: address in {baseUrl}, list the host in {noProxy}, or, if you trust the forward proxy, enable {optIn}.',
        {
          baseUrl: s.setting('baseUrl'),
          noProxy: s.forwardProxy.noProxy,
          optIn: s.setting('allowKeyThroughHttpForwardProxy'),
        },
      ),
    ),
  'connection.forwardProxy': (p, s) => {
    if (!p.proxy || !p.source) return s.l10n.t('none (direct connection)');
    const shown = s.l10n.t('{proxy} (from {source})', { proxy: p.proxy, source: sourceText(p.source, s) });
    // Only the forward proxy's own certificate: the LiteLLM proxy's, inside the tunnel, is always verified.
    return p.unverified
      ? s.l10n.t('{proxy}; warning: its own certificate is not checked ({setting} is off)', {
          proxy: shown,
          setting: 'http.proxyStrictSSL',
        })
      : shown;
  },
  'connection.certificates': (p, s) => {
    if (!p.https) return s.l10n.t('not used (the proxy URL is http:)');
    const files = list(s, p.files);
    if (p.system === 'used')
      return p.files.length
        ? s.l10n.t("Node's built-in, the system's, and those in {files}", { files })
        : s.l10n.t("Node's built-in and the system's");
    const base = p.files.length
      ? s.l10n.t("Node's built-in and those in {files}", { files })
      : s.l10n.t("Node's built-in only");
    return p.system === 'unavailable'
      ? s.l10n.t("{certificates} (this runtime cannot read the system's certificates)", {
          certificates: base,
        })
      : base;
  },
};
