// The Node the project claims (package.json engines.node) is one every installed package accepts: otherwise `npm ci`
// on that Node prints EBADENGINE warnings, and a tool may fail there in ways CI (on the oldest claimed Node) would not
// show. Read from package-lock.json, which records each package's engines field as npm saw it.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as semver from 'semver';

const root = path.join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  engines: { node: string; vscode: string };
};
interface LockEntry {
  version?: string;
  engines?: Record<string, string> | string[];
  link?: boolean;
}
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
};

/** A package's engines.node range; old packages wrote engines as an array of "node >= x" strings. */
function nodeRange(entry: LockEntry): string | undefined {
  const e = entry.engines;
  if (!e) return undefined;
  if (Array.isArray(e)) return e.find((x) => /^node\b/.test(x))?.replace(/^node\s*/, '');
  return e.node;
}

describe('the Node version the project claims', () => {
  const claimed = manifest.engines.node;

  it('is a valid range starting at a Node 20 release', () => {
    assert.ok(semver.validRange(claimed), claimed);
    assert.equal(semver.minVersion(claimed)?.major, 20, 'CI runs on Node 20: the claim starts there');
    assert.ok(semver.satisfies(process.version, claimed), `this Node (${process.version}) is one it claims`);
  });

  it('is accepted by every package in package-lock.json', () => {
    assert.equal(lock.lockfileVersion, 3);
    const packages = Object.entries(lock.packages).filter(([p, e]) => p !== '' && !e.link);
    assert.ok(packages.length > 100, `the lock's packages (${packages.length})`);
    const refusing = packages.flatMap(([p, e]) => {
      const range = nodeRange(e);
      if (!range || range === '*') return [];
      // Every Node the project claims must be one the package accepts, not just the one running now.
      const ok = semver.validRange(range) !== null && semver.subset(claimed, range);
      return ok ? [] : [`${p.replace(/^.*node_modules\//, '')}@${e.version}: engines.node "${range}"`];
    });
    assert.deepEqual(refusing, [], `packages that refuse some Node in "${claimed}"`);
  });

  it('the check can fail: a range starting at Node 22 is refused', () => {
    assert.equal(semver.subset(claimed, '>=22'), false);
    assert.equal(semver.subset(claimed, '>=20'), true);
  });

  it("the lock's root records the manifest's engines, so `npm install` has nothing to add", () => {
    assert.deepEqual(lock.packages['']?.engines, manifest.engines);
  });
});
