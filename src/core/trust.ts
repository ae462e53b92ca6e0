/**
 * Which certificate authorities the transport trusts. Node's own roots always; the operating system's store where
 * the runtime can read it (`tls.getCACertificates('system')`, Node ≥ 22.15: the VS Code extension host has it,
 * Node 20 does not), which is what VS Code's `http.systemCertificates` means; and PEM files the user names
 * (`litellm.caCertificates`, the CLI's `--ca-file` and NODE_EXTRA_CA_CERTS). A context with its own CA list replaces
 * Node's defaults, so the list always starts with them. Verification itself is never switched off.
 */
import { createHash, X509Certificate } from 'node:crypto';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { coded } from './errors';
import type { FileStore } from './files/fileStore';
import { nodeFileStore } from './files/nodeFileStore';
import type { CaFileProblem } from './messages';

/** A CA bundle of a few hundred certificates is under 1 MB; anything larger is not a CA file. */
const MAX_CA_FILE_BYTES = 4 * 1024 * 1024;
const MAX_CERTS_PER_FILE = 1000;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

export interface CaFile {
  path: string;
  /** `setting` (litellm.caCertificates or --ca-file) or `env` (NODE_EXTRA_CA_CERTS). */
  source: 'setting' | 'env';
}

export interface Trust {
  /** The context every TLS connection uses; undefined keeps Node's defaults (nothing was added). */
  secureContext?: tls.SecureContext;
  /** `used`: the operating system's certificates are trusted; `unavailable`: this runtime cannot read them. */
  system: 'used' | 'unavailable' | 'off';
  /** The extra files in use, with how many certificates each held. */
  files: Array<CaFile & { certificates: number }>;
}

type GetCaCertificates = (type: 'default' | 'system' | 'bundled' | 'extra') => string[];

function getCaCertificates(): GetCaCertificates | undefined {
  const fn = (tls as { getCACertificates?: GetCaCertificates }).getCACertificates;
  return typeof fn === 'function' ? fn : undefined;
}

/** Node's defaults: bundled roots plus NODE_EXTRA_CA_CERTS where the runtime says so, else the bundled roots. */
function defaultRoots(): string[] {
  try {
    return getCaCertificates()?.('default') ?? [...tls.rootCertificates];
  } catch {
    return [...tls.rootCertificates];
  }
}

function systemRoots(): string[] | undefined {
  try {
    return getCaCertificates()?.('system');
  } catch {
    return undefined;
  }
}

function caFileError(file: string, problem: CaFileProblem, code?: string) {
  return coded(
    'invalid_settings',
    'tls.caFile',
    { file, problem, ...(code ? { code } : {}) },
    { actions: ['open_settings'] },
  );
}

/** Reads one PEM file: every certificate in it must parse; a file without any is refused by name. */
export async function readCaFile(file: string, store: FileStore = nodeFileStore): Promise<string[]> {
  if (!path.isAbsolute(file)) throw caFileError(file, 'notAbsolute');
  let bytes: Buffer;
  try {
    bytes = await store.readStart(file, MAX_CA_FILE_BYTES + 1);
  } catch (e) {
    throw caFileError(file, 'unreadable', (e as { code?: string }).code ?? 'EIO');
  }
  if (bytes.length > MAX_CA_FILE_BYTES) throw caFileError(file, 'tooBig');
  const blocks = bytes.toString('latin1').match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw caFileError(file, 'noCertificate');
  if (blocks.length > MAX_CERTS_PER_FILE) throw caFileError(file, 'tooBig');
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      throw caFileError(file, 'invalid');
    }
  }
  return blocks;
}

/** The trust for one client: system certificates (when `system`) and every file, each read and checked. */
export async function loadTrust(
  opts: { system: boolean; files: readonly CaFile[] },
  store: FileStore = nodeFileStore,
): Promise<Trust> {
  const seen = new Set<string>();
  const files: Trust['files'] = [];
  const extra: string[] = [];
  for (const f of opts.files) {
    if (seen.has(f.path)) continue;
    seen.add(f.path);
    const certs = await readCaFile(f.path, store);
    extra.push(...certs);
    files.push({ ...f, certificates: certs.length });
  }
  const system = opts.system ? systemRoots() : undefined;
  const systemState: Trust['system'] = !opts.system ? 'off' : system ? 'used' : 'unavailable';
  if (!system?.length && extra.length === 0) return { system: systemState, files };
  const ca = [...new Set([...defaultRoots(), ...(system ?? []), ...extra])];
  return { secureContext: secureContextFor(ca), system: systemState, files };
}

/**
 * Parsing some 800 roots into a context takes about 160 ms here, and undici would do it for every connection if
 * given `ca`: one context per distinct list, shared by the short-lived clients (one per call) that use it.
 */
const CONTEXTS = new Map<string, tls.SecureContext>();
const MAX_CONTEXTS = 4;

function secureContextFor(ca: string[]): tls.SecureContext {
  const key = createHash('sha256').update(ca.join('\n')).digest('hex');
  let context = CONTEXTS.get(key);
  if (!context) {
    context = tls.createSecureContext({ ca });
    if (CONTEXTS.size >= MAX_CONTEXTS) CONTEXTS.delete(CONTEXTS.keys().next().value!);
    CONTEXTS.set(key, context);
  }
  return context;
}
