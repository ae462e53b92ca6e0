// The path rule for hostile repositories (issue 9, items 1 and 2): a path is inside a root only if it still is after
// every symbolic link on the way is followed, including for paths that do not exist yet.
import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkInside, isWithin, realPathOf } from '../../src/core';

describe('hostile repositories: items 1 and 2, the workspace path rule', () => {
  let base: string;
  let ws: string;
  let outside: string;
  beforeEach(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'paths-'));
    ws = path.join(base, 'ws');
    outside = path.join(base, 'outside');
    await mkdir(path.join(ws, 'assets'), { recursive: true });
    await mkdir(outside);
    await writeFile(path.join(ws, 'assets', 'cat.png'), 'cat');
    await writeFile(path.join(outside, 'passport.png'), 'secret');
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  it('accepts files and not-yet-existing folders inside the root', async () => {
    const file = await checkInside(path.join(ws, 'assets', 'cat.png'), [ws]);
    assert.equal(file.inside, true);
    const future = await checkInside(path.join(ws, 'images', 'new', 'deeper'), [ws]);
    assert.equal(future.inside, true);
    assert.equal(await checkInside(ws, [ws]).then((v) => v.inside), true, 'the root itself');
  });

  it('refuses ../ and absolute paths as outside', async () => {
    for (const p of [
      path.join(ws, 'assets', '..', '..', 'outside', 'passport.png'),
      path.join(outside, 'passport.png'),
      path.join(base, 'wsx'),
    ]) {
      const v = await checkInside(p, [ws]);
      assert.deepEqual([v.inside, !v.inside && v.why], [false, 'outside'], p);
    }
  });

  it('refuses a file link, a folder link and a not-yet-existing path below a folder link as "link"', async () => {
    await symlink(path.join(outside, 'passport.png'), path.join(ws, 'assets', 'innocent.png'));
    await symlink(outside, path.join(ws, 'images'));
    for (const p of [
      path.join(ws, 'assets', 'innocent.png'),
      path.join(ws, 'images', 'passport.png'),
      path.join(ws, 'images', 'not', 'yet', 'there'),
    ]) {
      const v = await checkInside(p, [ws]);
      assert.deepEqual([v.inside, !v.inside && v.why], [false, 'link'], p);
    }
  });

  it('refuses a dangling link (writing through it would create its target anywhere)', async () => {
    await symlink(path.join(outside, 'new-folder'), path.join(ws, 'images'));
    assert.equal(await realPathOf(path.join(ws, 'images', 'a.png')), undefined);
    const v = await checkInside(path.join(ws, 'images'), [ws]);
    assert.equal(v.inside, false);
  });

  it('follows links in the roots too: a workspace opened through a link still contains its files', async () => {
    const linkedWs = path.join(base, 'linked-ws');
    await symlink(ws, linkedWs);
    assert.equal((await checkInside(path.join(ws, 'assets', 'cat.png'), [linkedWs])).inside, true);
    assert.equal((await checkInside(path.join(linkedWs, 'assets', 'cat.png'), [ws])).inside, true);
    // A link from outside into the workspace is fine: what counts is where the file really is.
    await symlink(path.join(ws, 'assets'), path.join(outside, 'into-ws'));
    assert.equal((await checkInside(path.join(outside, 'into-ws', 'cat.png'), [ws])).inside, true);
  });

  it('does not take a sibling with a common prefix for a child', () => {
    assert.equal(isWithin('/a/ws', '/a/wsx/file'), false);
    assert.equal(isWithin('/a/ws', '/a/ws/..hidden'), true);
    assert.equal(isWithin('/a/ws', '/a/ws/../x'), false);
  });
});
