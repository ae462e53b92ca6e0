// Packages the extension as a .vsix with @vscode/vsce (the same command `npm run package` uses), from the current
// dist/ build. Usage: node scripts/vscode/packageVsix.mjs [out.vsix]  (default .cache/vsix/litellm-images.vsix)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './installCodeServer.mjs';

/** vsce flags: no npm dependency scan (everything is bundled), no repository field, README links left as they are. */
export const VSCE_FLAGS = ['--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links'];

export function packageVsix(out = path.join(repoRoot, '.cache/vsix/litellm-images.vsix')) {
  if (!existsSync(path.join(repoRoot, 'dist/extension.js'))) {
    throw new Error('dist/extension.js is missing: run node scripts/build.mjs first');
  }
  mkdirSync(path.dirname(out), { recursive: true });
  const vsce = path.join(repoRoot, 'node_modules/@vscode/vsce/vsce');
  const started = Date.now();
  const res = spawnSync(process.execPath, [vsce, 'package', ...VSCE_FLAGS, '-o', out], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  if (res.status !== 0)
    throw new Error(`vsce package failed (exit ${res.status}):\n${res.stdout}${res.stderr}`);
  return { path: out, ms: Date.now() - started, listing: res.stdout };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { path: out, ms, listing } = packageVsix(process.argv[2] && path.resolve(process.argv[2]));
  console.log(listing.trim());
  console.log(`packaged ${path.relative(repoRoot, out)} in ${ms} ms`);
}
