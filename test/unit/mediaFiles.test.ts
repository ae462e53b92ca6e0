// Everything in media/ ships in the .vsix (.vscodeignore allows media/**), so every file there must be used: named
// by the manifest, the README (its images show on the extension's page) or a walkthrough step, or loaded by code.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    return e.isDirectory() ? files(rel) : [rel];
  });
}

const read = (rel: string) => readFileSync(path.join(root, rel), 'utf8');

describe('media/ files', () => {
  const media = files('media');
  const documents = ['package.json', 'README.md', ...media.filter((f) => f.endsWith('.md'))]
    .map(read)
    .join('\n');
  const code = files('src').filter((f) => f.endsWith('.ts'));

  /** Code names a media file as path segments: `joinPath(extensionUri, 'media', 'icon.png')`. */
  const loadedByCode = (file: string) => {
    const segments = file.split('/').map((s) => `'${s}'`);
    return code.some((f) => segments.every((s) => read(f).includes(s)));
  };

  it('are each referenced by the manifest, the README, a walkthrough step or the code', () => {
    const unused = media.filter((f) => !documents.includes(f) && !loadedByCode(f));
    assert.deepEqual(unused, [], 'delete them, or reference them');
  });

  it('include every media file the manifest and README name', () => {
    const named = [...documents.matchAll(/\bmedia\/[\w./-]+\.(png|svg|gif|jpe?g|md)\b/g)].map((m) => m[0]);
    assert.ok(named.length >= 5, named.join(', '));
    for (const f of named) assert.ok(existsSync(path.join(root, f)), `${f} exists`);
  });

  it('are what the package ships from media/ (the .vsix allow-list takes the whole folder)', () => {
    assert.match(read('.vscodeignore'), /^!media\/\*\*$/m);
  });
});
