import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { builtNativeModules, folderBytes, progressLine } from '../../scripts/vscode/npmWithProgress.mjs';

describe('install progress (scripts/vscode/npmWithProgress.mjs)', () => {
  const MB = 1e6;
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'progress-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says how far, of what, and the time left at the pace so far', () => {
    assert.equal(
      progressLine({
        label: 'code-server 4.139.1',
        expectedBytes: 600 * MB,
        bytes: 150 * MB,
        elapsedMs: 30_000,
      }),
      'code-server 4.139.1: 150 MB of about 600 MB (25%) after 30 s, about 1 min 30 s left',
    );
    assert.equal(
      progressLine({
        label: 'Node 24',
        expectedBytes: 200 * MB,
        bytes: 0,
        elapsedMs: 10_000,
        phase: 'downloading',
      }),
      'Node 24: 0 MB of about 200 MB (0%) after 10 s: downloading',
      'no estimate before anything arrived',
    );
    assert.match(
      progressLine({ label: 'x', expectedBytes: 100 * MB, bytes: 120 * MB, elapsedMs: 61_000 }),
      /120 MB of about 100 MB \(99%\) after 1 min 01 s, finishing$/,
      'a larger install than expected never shows 100% or a negative time',
    );
    assert.equal(
      progressLine({
        label: 'code-server 4.106.3',
        expectedBytes: 324 * MB,
        bytes: 92 * MB,
        elapsedMs: 30_000,
        phase: 'postinstall',
        stalled: true,
      }),
      'code-server 4.106.3: 92 MB of about 324 MB (28%) after 30 s: postinstall',
      'a folder that did not grow since the last line gives no time left (its pace would only climb)',
    );
  });

  it('counts native modules once the folder is nearly full, and times what is left by them', () => {
    const line = progressLine({
      label: 'code-server',
      expectedBytes: 600 * MB,
      bytes: 590 * MB,
      elapsedMs: 200_000,
      native: { done: 2, expected: 7, since: 100_000, text: 'compiling native modules' },
    });
    assert.equal(
      line,
      'code-server: 590 MB of about 600 MB (98%) after 3 min 20 s, about 4 min 10 s left: compiling native modules (2 of about 7 built)',
    );
  });

  it('counts down while a module compiles, and says so when one takes longer than its share instead of climbing', () => {
    // Compiling began at 100 s; the second module finished at 140 s: 20 s per module so far, 5 still to build.
    const at = (elapsedMs: number) =>
      progressLine({
        label: 'code-server',
        expectedBytes: 600 * MB,
        bytes: 590 * MB,
        elapsedMs,
        native: { done: 2, expected: 7, since: 100_000, lastAt: 140_000, text: 'compiling' },
      });
    assert.match(at(140_000), /about 1 min 40 s left/);
    assert.match(at(150_000), /about 1 min 30 s left/);
    assert.match(at(190_000), /one slow module still compiling: compiling \(2 of about 7 built\)$/);
  });

  it('measures regular files only, and finds built native modules in plain and scoped packages', () => {
    assert.equal(folderBytes(path.join(dir, 'not-yet')), 0);
    for (const [pkg, file] of [
      ['kerberos', 'kerberos.node'],
      ['@vscode/spdlog', 'spdlog.node'],
      ['@vscode/sqlite3', 'notes.txt'],
    ]) {
      mkdirSync(path.join(dir, pkg, 'build/Release'), { recursive: true });
      writeFileSync(path.join(dir, pkg, 'build/Release', file), Buffer.alloc(1000));
    }
    assert.equal(builtNativeModules(dir), 2);
    symlinkSync(path.join(dir, 'kerberos'), path.join(dir, 'linked'));
    assert.equal(folderBytes(dir), 3000, 'the link is not followed');
  });
});
