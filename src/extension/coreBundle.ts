/**
 * The entry of dist/core.js, the bundle coreLoader.ts requires on first use: the core's public surface, plus the
 * extension's own code that needs zod (the command-argument schemas). Bundled here, that code shares the core's zod
 * and its LiteLLMError, and activation (dist/extension.js) carries neither; the core itself never imports the
 * extension.
 */
export * from '../core';
export * from './commandArgSchemas';
