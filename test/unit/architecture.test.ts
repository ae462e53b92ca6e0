import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? filesUnder(path.join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [path.join(dir, e.name)]
        : [],
  );
}

describe('architecture', () => {
  const core = path.join(__dirname, '..', '..', 'src', 'core');

  it('the core never imports vscode (it runs in the CLI and in plain Node tests)', () => {
    const files = filesUnder(core);
    assert.ok(files.length > 5, 'found the core files');
    const offenders = files.filter((f) =>
      /(from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\))/.test(
        readFileSync(f, 'utf8'),
      ),
    );
    assert.deepEqual(offenders, []);
  });

  it('the check above catches an import when there is one', () => {
    assert.match("import * as vscode from 'vscode';", /from\s+['"]vscode['"]/);
  });
});
