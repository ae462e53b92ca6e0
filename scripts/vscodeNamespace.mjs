// An esbuild plugin for the bundles that run in the extension host: every `import * as vscode from 'vscode'` of the
// bundle shares one module that re-exports the API, so the bundle calls `require('vscode')` once.
//
// Why: for an external CommonJS module esbuild turns each file's `import * as vscode` into its own
// `__toESM(require("vscode"))`, which copies every property of the API object (several hundred) into a new object,
// and VS Code's `require('vscode')` hook resolves the calling file's real path and looks up its extension on every
// call. With two dozen files importing vscode that was about half of the time dist/extension.js took to load at
// activation (measured with `npm run bench:activation -- --profile`); once per bundle it is a fraction of a millisecond.

/** @type {import('esbuild').Plugin} */
export const oneVscodeNamespace = {
  name: 'one-vscode-namespace',
  setup(build) {
    const namespace = 'vscode-namespace';
    // Inside the shared module, `vscode` is the real external; everywhere else it is the shared module.
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === namespace ? { path: 'vscode', external: true } : { path: 'vscode', namespace },
    );
    build.onLoad({ filter: /.*/, namespace }, () => ({ contents: 'export * from "vscode";', loader: 'js' }));
  },
};
