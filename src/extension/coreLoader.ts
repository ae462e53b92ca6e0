/**
 * The network stack (undici, zod, the client) lives in its own bundle, `dist/core.js` (built from coreBundle.ts),
 * loaded on first use: activation only registers commands, so it stays fast even though the core is much larger than
 * the glue.
 */
import * as path from 'node:path';
import type * as Core from './coreBundle';

export type CoreModule = typeof Core;

let loaded: CoreModule | undefined;

export function loadCore(): CoreModule {
  // A literal path that esbuild leaves alone (it is marked external): resolved next to dist/extension.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, deliberately late load
  loaded ??= require('./core.js') as CoreModule;
  return loaded;
}

/**
 * Whether the core has been loaded yet (the activation benchmark and a test check that activation does not). Asked of
 * Node's module cache, not of `loaded`: each lazy bundle (commands, Studio, reports) carries its own copy of this
 * loader, and any of them may be the one that loaded the core.
 */
export function isCoreLoaded(): boolean {
  return loaded !== undefined || require.cache[path.join(__dirname, 'core.js')] !== undefined;
}
