/** Loads dist/thumbnail.js (Jimp's codecs) the first time a language-model tool has an image to show. */
import type * as Thumbnails from '../../core/thumbnail';

let loaded: typeof Thumbnails | undefined;

export function loadThumbnails(): typeof Thumbnails {
  // A literal path esbuild leaves alone (external): resolved next to dist/reports.js, which carries the tools.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, deliberately late load
  loaded ??= require('./thumbnail.js') as typeof Thumbnails;
  return loaded;
}
