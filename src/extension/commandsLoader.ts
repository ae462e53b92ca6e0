/**
 * Loads dist/commands.js (Generate, Edit, Select Model, the key commands) the first time one of them runs.
 *
 * Not preloaded after activation: VS Code activates the extension for the command being run (the manifest's
 * commands are its activation events), so that first command would require the bundle before any idle callback
 * could; loading it there costs a few milliseconds next to the core's load on the same path.
 */
import type * as CommandBundle from './commandBundle';

let loaded: typeof CommandBundle | undefined;

export function loadCommands(): typeof CommandBundle {
  // A literal path esbuild leaves alone (external): resolved next to dist/extension.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, deliberately late load
  loaded ??= require('./commands.js') as typeof CommandBundle;
  return loaded;
}
