/**
 * Image downloads: a `url` item is fetched no more privately than the proxy that offered it (a public proxy cannot
 * make the client fetch a LAN or loopback address), and each refusal is a coded `policy` error for that item only.
 */
import { coded, LiteLLMError } from './errors';
import { AddressClass, AddressVerdict, classifyAddress, displayUrl, PolicyVerdict } from './networkPolicy';

const CLOSENESS: Record<AddressClass, number> = { public: 0, private: 1, loopback: 2 };

/** The more public of two classes: a proxy seen at both counts as the more public one. */
export function morePublic(a: AddressClass, b: AddressClass): AddressClass {
  return CLOSENESS[a] <= CLOSENESS[b] ? a : b;
}

/** How close to this machine one address reaches; the unspecified address connects to local services on Linux. */
function reachOfAddress(v: AddressVerdict): AddressClass {
  return v.range === 'unspecified' ? 'loopback' : v.class;
}

const isDockerHostAddress = (v: AddressVerdict) =>
  v.class === 'loopback' || v.range === 'private' || v.range === 'uniqueLocal';

/**
 * The class of a vetted URL. `side` decides for names with several addresses: a proxy counts as the most public of
 * them (it may have answered from any), a download target as the most private (it may connect to any).
 */
export function reachOf(verdict: PolicyVerdict, side: 'proxy' | 'target'): AddressClass {
  const { hostname, hostKind } = verdict;
  if (hostKind === 'loopback-literal') return 'loopback';
  // A name only the forward proxy resolves: a proxy counts as public; a download target as private, since it may
  // be anything the forward proxy reaches (its own network included).
  if (verdict.summary.params.summary === 'forwardProxyResolves')
    return side === 'proxy' ? 'public' : 'private';
  if (hostKind === 'ip-literal') return reachOfAddress(classifyAddress(hostname));
  const verdicts = verdict.addresses.map((a) => classifyAddress(a.address));
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return 'loopback';
  if (hostKind === 'loopback-name' && verdicts.length > 0 && verdicts.every(isDockerHostAddress))
    return 'loopback';
  const classes = verdicts.map(reachOfAddress);
  // Local and internal names are private whatever they resolve to: split-horizon DNS may answer a public address.
  if (hostKind === 'private-name' || hostKind === 'loopback-name') classes.push('private');
  if (classes.length === 0) return side === 'proxy' ? 'public' : 'loopback';
  const pick = side === 'proxy' ? Math.min : Math.max;
  const closeness = pick(...classes.map((c) => CLOSENESS[c]));
  return (Object.keys(CLOSENESS) as AddressClass[]).find((c) => CLOSENESS[c] === closeness)!;
}

export type DownloadDecision =
  | { allowed: true }
  | {
      allowed: false;
      reason: 'loopback-needs-loopback-proxy' | 'private-needs-private-proxy' | 'private-needs-opt-in';
    };

/** The rule itself: may a proxy of class `proxy` make the client download from a target of class `target`? */
export function downloadDecision(
  proxy: AddressClass,
  target: AddressClass,
  allowPrivateNetwork: boolean,
): DownloadDecision {
  if (target === 'public') return { allowed: true };
  if (target === 'loopback')
    return proxy === 'loopback'
      ? { allowed: true }
      : { allowed: false, reason: 'loopback-needs-loopback-proxy' };
  if (proxy === 'public') return { allowed: false, reason: 'private-needs-private-proxy' };
  return allowPrivateNetwork ? { allowed: true } : { allowed: false, reason: 'private-needs-opt-in' };
}

const REFUSAL_REASON = {
  'loopback-needs-loopback-proxy': 'loopbackNeedsLoopbackProxy',
  'private-needs-private-proxy': 'privateNeedsPrivateProxy',
  'private-needs-opt-in': 'privateNeedsOptIn',
} as const;

/**
 * The `policy` error for a refused download: the image URL (no query) and, for a redirect hop, where it led; the
 * proxy and why. Reported as an item error, so the other images of the same answer are kept.
 */
export function downloadRefusal(
  decision: Exclude<DownloadDecision, { allowed: true }>,
  where: { image: URL; hop: URL; proxy: URL; proxyClass: AddressClass },
): LiteLLMError {
  return coded(
    'policy',
    'policy.downloadRefused',
    {
      image: displayUrl(where.image),
      ...(where.hop.href === where.image.href ? {} : { hop: displayUrl(where.hop) }),
      proxy: `${where.proxy.protocol}//${where.proxy.host}`,
      proxyClass: where.proxyClass,
      reason: REFUSAL_REASON[decision.reason],
    },
    // Only the opt-in can change this answer; the other refusals hold whatever the settings say.
    decision.reason === 'private-needs-opt-in' ? { actions: ['allow_private_network', 'open_settings'] } : {},
  );
}
