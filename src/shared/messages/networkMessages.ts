/** Connecting, waiting, and the network policy's refusals. */
import type { AddressClassName, PolicyRefusal } from '../../core/messages';
import { list, Surface } from './surface';
import { sentences, type Table } from './table';

type Codes =
  | 'net.refused'
  | 'net.dnsFailed'
  | 'net.noAddresses'
  | 'net.dnsNotIp'
  | 'net.unexpectedLookup'
  | 'net.closed'
  | 'net.connectTimeout'
  | 'net.stalled'
  | 'net.tls'
  | 'net.failed'
  | 'net.redirectInvalid'
  | 'net.redirectPost'
  | 'net.tooManyRedirects'
  | 'net.noAnswer'
  | 'cancelled'
  | 'unexpected'
  | 'policy.invalidUrl'
  | 'policy.refused'
  | 'policy.downloadRefused'
  | 'policy.summary';

function refusalText(r: PolicyRefusal, s: Surface): string {
  switch (r.reason) {
    case 'scheme':
      return s.l10n.t('only http: and https: URLs are allowed (got {scheme})', { scheme: r.scheme });
    case 'credentials':
      return s.l10n.t('the URL contains a user name or password; credentials never go in URLs');
    case 'privateLiteral':
      return s.l10n.t('{host} is a private or special address ({range})', {
        host: r.host,
        range: rangeText(r.range, s),
      });
    case 'internalName':
      return s.l10n.t('"{host}" is a local or internal network name', { host: r.host });
    case 'dockerPublic':
      return s.l10n.t('{host} resolved to the public address {address}', {
        host: r.host,
        address: r.address,
      });
    case 'dockerOther':
      return s.l10n.t('{host} resolved to {address} ({range}), which is not a Docker host address', {
        host: r.host,
        address: r.address,
        range: rangeText(r.range, s),
      });
    case 'resolvedPrivate':
      return s.l10n.t('{host} resolves to a private or special address: {addresses}', {
        host: r.host,
        addresses: list(
          s,
          r.addresses.map((a) =>
            s.l10n.t('{address} ({range})', { address: a.address, range: rangeText(a.range, s) }),
          ),
        ),
      });
  }
}

/** An address range (ipaddr.js's name, or the policy's own) in words; rare ranges keep their technical name. */
function rangeText(range: string, s: Surface): string {
  switch (range) {
    case 'private':
      return s.l10n.t('private');
    case 'loopback':
      return s.l10n.t('loopback');
    case 'linkLocal':
      return s.l10n.t('link-local');
    case 'uniqueLocal':
      return s.l10n.t('unique local');
    case 'unspecified':
      return s.l10n.t('unspecified address');
    case 'carrierGradeNat':
      return s.l10n.t('carrier-grade NAT');
    case 'multicast':
      return s.l10n.t('multicast');
    case 'broadcast':
      return s.l10n.t('broadcast');
    case 'reserved':
      return s.l10n.t('reserved');
    case 'siteLocal':
    case 'deprecatedSiteLocal':
      return s.l10n.t('site-local (deprecated)');
    case 'ipv4Compatible':
      return s.l10n.t('IPv4-compatible (deprecated)');
    default:
      return range;
  }
}

function placeText(c: AddressClassName, s: Surface): string {
  switch (c) {
    case 'loopback':
      return s.l10n.t("on this machine's loopback");
    case 'private':
      return s.l10n.t('on a private network');
    case 'public':
      return s.l10n.t('on the public internet');
  }
}

/**
 * Names and literals that mean "this machine" wherever the code runs: `localhost`, `*.localhost`, 127.0.0.0/8, [::1],
 * and 0.0.0.0 / [::] (which connect to this machine on Linux). The core's network policy classifies hosts the same
 * way; this folder may not import its code, and only the wording depends on it here.
 */
function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '0.0.0.0') return true;
  return h === '[::1]' || h === '[::]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(h);
}

/**
 * A connection that failed to a loopback address, seen from a remote window: the requests leave from the remote
 * machine, so "localhost" is that machine, not the user's computer. Says so, with the two ways out.
 */
function onRemoteMachine(s: Surface, text: string, where: string): string {
  let hostname = '';
  try {
    hostname = new URL(where).hostname;
  } catch {
    return text;
  }
  if (!s.remoteName || !isLoopbackHost(hostname)) return text;
  return sentences(
    s,
    text,
    s.l10n.t(
      "This window is remote ({remote}): {host} is the remote machine, not your computer. Forward the proxy's port to the remote machine, or set {setting} to the address at which the remote machine reaches the proxy.",
      { remote: s.remoteName, host: hostname, setting: s.setting('baseUrl') },
    ),
  );
}

export const networkMessages: Table<Codes> = {
  'net.refused': (p, s) =>
    onRemoteMachine(
      s,
      s.l10n.t(
        'Could not connect to {where} (connection refused). Is the LiteLLM proxy running there? Check {setting}.',
        {
          where: p.where,
          setting: s.setting('baseUrl'),
        },
      ),
      p.where,
    ),
  'net.dnsFailed': (p, s) =>
    p.code
      ? s.l10n.t('Could not resolve {host} ({code}). Check {setting} and your network.', {
          host: p.host,
          code: p.code,
          setting: s.setting('baseUrl'),
        })
      : s.l10n.t('Could not resolve {host}. Check {setting} and your network.', {
          host: p.host,
          setting: s.setting('baseUrl'),
        }),
  'net.noAddresses': (p, s) =>
    s.l10n.t('{host} has no addresses. Check {setting}.', { host: p.host, setting: s.setting('baseUrl') }),
  'net.dnsNotIp': (p, s) =>
    s.l10n.t('The DNS answer for {host} is not an IP address. Check your network.', { host: p.host }),
  'net.unexpectedLookup': (p, s) =>
    s.l10n.t('Refused an unexpected DNS lookup for {host}.', { host: p.host }),
  'net.closed': (p, s) =>
    s.l10n.t('The connection to {where} was closed before the answer was complete.', { where: p.where }),
  'net.connectTimeout': (p, s) =>
    onRemoteMachine(
      s,
      s.l10n.t('Connecting to {where} timed out. Check {setting} and your network.', {
        where: p.where,
        setting: s.setting('baseUrl'),
      }),
      p.where,
    ),
  'net.stalled': (p, s) => s.l10n.t('{where} stopped answering before the timeout.', { where: p.where }),
  'net.tls': (p, s) =>
    s.l10n.t("The TLS connection to {where} failed ({code}). Check the proxy's certificate.", {
      where: p.where,
      code: p.code,
    }),
  'net.failed': (p, s) =>
    s.l10n.t('Request to {where} failed: {detail}.', { where: p.where, detail: p.detail }),
  'net.redirectInvalid': (p, s) =>
    s.l10n.t('{where} answered with a redirect to an invalid address.', { where: p.where }),
  'net.redirectPost': (p, s) =>
    s.l10n.t('{where} answered with a redirect to {to}. Set {setting} to the final address.', {
      where: p.where,
      to: p.to,
      setting: s.setting('baseUrl'),
    }),
  'net.tooManyRedirects': (p, s) => s.l10n.t('Too many redirects from {where}.', { where: p.where }),
  'net.noAnswer': (p, s) => {
    const advice = s.l10n.t('Image models can be slow: retry, or raise {setting}.', {
      setting: s.setting('image.timeoutMs'),
    });
    const main = p.model
      ? s.l10n.t('No answer from {model} within {seconds} s.', { model: p.model, seconds: p.seconds })
      : s.l10n.t('No answer within {seconds} s.', { seconds: p.seconds });
    return sentences(s, main, advice);
  },
  cancelled: (_, s) => s.l10n.t('Cancelled.'),
  unexpected: (p, s) => s.l10n.t('Something unexpected went wrong: {detail}', { detail: p.detail }),
  'policy.invalidUrl': (p, s) => s.l10n.t('"{url}" is not a valid URL.', { url: p.url }),
  'policy.refused': (p, s) => {
    const main = s.l10n.t('Refused to connect to {url}: {why}.', {
      url: p.url,
      why: refusalText(p.refusal, s),
    });
    if (!p.canOptIn) return main;
    return sentences(
      s,
      main,
      s.l10n.t(
        'If this is your own proxy on a private network, enable {setting} (the API key will be sent there).',
        {
          setting: s.setting('allowPrivateNetwork'),
        },
      ),
    );
  },
  'policy.downloadRefused': (p, s) => {
    const proxy = s.l10n.t('the proxy at {proxy} is {where}', {
      proxy: p.proxy,
      where: placeText(p.proxyClass, s),
    });
    const why =
      p.reason === 'loopbackNeedsLoopbackProxy'
        ? s.l10n.t("{proxy}; an image URL on this machine's loopback is not followed", { proxy })
        : p.reason === 'privateNeedsPrivateProxy'
          ? s.l10n.t('{proxy}; an image URL on a private network is not followed', { proxy })
          : s.l10n.t('an image URL on a private network is followed only when {setting} is on', {
              setting: s.setting('allowPrivateNetwork'),
            });
    return p.hop
      ? s.l10n.t('Refused to download the image from {image} (it redirects to {hop}): {why}.', {
          image: p.image,
          hop: p.hop,
          why,
        })
      : s.l10n.t('Refused to download the image from {image}: {why}.', { image: p.image, why });
  },
  'policy.summary': (p, s) => {
    switch (p.summary) {
      case 'loopbackAddress':
        return s.l10n.t('loopback address');
      case 'publicAddress':
        return s.l10n.t('public address');
      case 'privateAddressOptIn':
        return s.l10n.t('private address ({range}), allowed by opt-in', {
          range: rangeText(p.range ?? '', s),
        });
      case 'loopbackName':
        return s.l10n.t('loopback name');
      case 'dockerHost':
        return s.l10n.t('Docker host name');
      case 'privateAddressesOptIn':
        return s.l10n.t('private addresses, allowed by opt-in');
      case 'publicAddresses':
        return s.l10n.t('public addresses');
      case 'forwardProxyResolves':
        return s.l10n.t(
          'left to the forward proxy to resolve (this machine cannot; the connection is not pinned)',
        );
    }
  },
};
