// Preloaded (`node --import`) into code-server 4.106, whose command line has no `--vscode-option`: declares VS Code's
// own `enable-smoke-test-driver` flag as a code-server option. code-server hands every option it parsed to the VS Code
// server, whose workbench then honours the test payload (extensionTestsPath). Every process the server forks inherits
// the preload (code-server's inner process, which parses the flags again, but also VS Code's extension host and file
// watcher): it acts only where the main module is code-server's out/node/entry.js.
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);

function codeServerCli() {
  try {
    // The inner process is forked with the name alone, without .js.
    const entry = realpathSync(require.resolve(path.resolve(process.argv[1] ?? '')));
    const cli = path.join(path.dirname(entry), 'cli.js');
    return path.basename(entry) === 'entry.js' && existsSync(cli) ? cli : undefined;
  } catch {
    return undefined;
  }
}

const cli = codeServerCli();
if (cli) {
  // The same module object code-server's own require('./cli') gets: the CommonJS cache is shared.
  require(cli).options['enable-smoke-test-driver'] ??= {
    type: 'boolean',
    description: 'Run the VS Code smoke-test driver.',
  };
}
