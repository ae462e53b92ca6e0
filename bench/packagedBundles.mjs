// The extension's own bundles as the .vsix holds them: the `!dist/<name>.js` lines of .vscodeignore's allow-list
// (dist/webview/ aside). The benches stage exactly these, so a bundle the extension requires lazily cannot be missing
// from a bench's extension folder while the package has it (or the other way round).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** File names inside dist/, e.g. `['extension.js', 'commands.js', 'core.js', …]`, in .vscodeignore's order. */
export function packagedBundles(repoRoot) {
  const lines = readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split('\n');
  const bundles = lines.map((l) => /^!dist\/([\w.-]+\.js)$/.exec(l.trim())?.[1]).filter(Boolean);
  if (!bundles.includes('extension.js')) throw new Error('.vscodeignore packages no dist/extension.js');
  return bundles;
}
