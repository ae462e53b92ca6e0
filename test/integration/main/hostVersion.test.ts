// The VS Code the suite runs in is one the manifest claims: on the floor host (npm test's integration:floor stage,
// scripts/vscode/installCodeServer.mjs HOSTS.floor) exactly the lowest version engines.vscode allows, so that claim
// is tested rather than hoped for.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { integrationEnv } from '../env';

const minorOf = (version: string): [number, number] => {
  const m = /(\d+)\.(\d+)\.\d+/.exec(version);
  assert.ok(m, `a version: ${version}`);
  return [Number(m[1]), Number(m[2])];
};

describe('the VS Code host', () => {
  const { host, repoRoot } = integrationEnv();
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    engines: { vscode: string };
  };

  it(`is ${host === 'floor' ? 'the lowest VS Code engines.vscode allows' : 'one engines.vscode allows'}`, () => {
    assert.match(manifest.engines.vscode, /^\^\d+\.\d+\.\d+$/, 'a caret range');
    const [floorMajor, floorMinor] = minorOf(manifest.engines.vscode);
    const [major, minor] = minorOf(vscode.version);
    if (host === 'floor')
      assert.deepEqual([major, minor], [floorMajor, floorMinor], `VS Code ${vscode.version}`);
    else assert.ok(major === floorMajor && minor >= floorMinor, `VS Code ${vscode.version}`);
  });
});
