// Flat config: typescript-eslint's recommended rules, plus the layer rules that fit an import rule, so the editor
// flags a wrong import as it is typed. The full table (what each folder may import, what each bundle may carry) is
// test/unit/architecture.test.ts; these are the parts of it ESLint can say.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const frontEnds = (who) => [
  { group: ['**/extension', '**/extension/**'], message: `${who} must not depend on the VS Code glue.` },
  { group: ['**/webview', '**/webview/**'], message: `${who} must not depend on the Studio's browser code.` },
  { group: ['**/cli', '**/cli.ts'], message: `${who} must not depend on the command line.` },
];

/**
 * The core's import rule. `seam`: the index, which alone re-exports the Studio's validator and view model. `disk`:
 * the file store's Node adapter, the one core file that may read and write the disk itself.
 */
const coreImports = ({ seam = false, disk = false } = {}) => [
  'error',
  {
    paths: [
      { name: 'vscode', message: 'src/core must not depend on VS Code.' },
      ...(disk
        ? []
        : ['fs', 'node:fs', 'fs/promises', 'node:fs/promises'].map((name) => ({
            name,
            message: 'The core reaches the disk through the file store (src/core/files/fileStore.ts).',
          }))),
    ],
    patterns: [
      ...frontEnds('src/core'),
      ...(seam
        ? []
        : [
            {
              group: ['**/shared', '**/shared/**'],
              message: 'Only src/core/index.ts re-exports the Studio seam.',
            },
          ]),
    ],
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', '.vscode-test/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': coreImports({ seam: true }),
      'no-console': 'error',
    },
  },
  {
    // The core knows nothing of the Studio; only its index re-exports the Studio's validator and view model, the
    // one seam that lets the host reach them (they need zod) through loadCore().
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/index.ts'],
    rules: { 'no-restricted-imports': coreImports() },
  },
  {
    // The file-store port's Node adapter: the disk is read and written here and nowhere else in the core.
    files: ['src/core/files/nodeFileStore.ts'],
    rules: { 'no-restricted-imports': coreImports({ disk: true }) },
  },
  {
    // The Studio's protocol and view models, shared by the Studio host and the browser bundle: no Node, no vscode,
    // and only types from the core, except in the two files that run inside dist/core.js (the seam).
    files: ['src/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The webview imports this module too.' },
            ...['undici', 'ipaddr.js', ...builtinModules].map((name) => ({
              name,
              message: 'The webview imports this module too.',
            })),
          ],
          patterns: [
            { group: ['node:*'], message: 'The webview imports this module too.' },
            {
              group: ['**/core', '**/core/**'],
              allowTypeImports: true,
              message: 'Only types from the core: the host and the webview bundles carry no core file.',
            },
            ...frontEnds('src/shared'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/studio/webviewMessages.ts', 'src/shared/studio/modelOptionsView.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'zod', message: 'Only webviewMessages.ts (run inside dist/core.js) uses zod.' }] },
      ],
    },
  },
  {
    // The validator and the view model run inside dist/core.js (re-exported by src/core/index.ts), so they may read
    // the core's option lists and use zod; the bundle rules in test/unit/architecture.test.ts keep them there.
    files: ['src/shared/studio/webviewMessages.ts', 'src/shared/studio/modelOptionsView.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The webview imports this module too.' }],
          patterns: [
            { group: ['node:*'], message: 'The webview imports this module too.' },
            {
              // The option lists, and the core's rule of how an edit carries the shape (capabilities.ts shapeFor).
              group: ['**/core/*', '!**/core/imageOptions', '!**/core/capabilities'],
              allowTypeImports: true,
              message: 'Only types from the core, besides the option lists and shapeFor.',
            },
            ...frontEnds('src/shared'),
          ],
        },
      ],
    },
  },
  {
    // The glue reaches the core only through types and loadCore() (coreLoader.ts): a value import of the core would
    // pull the network stack (undici, zod) into dist/extension.js, which activation loads.
    files: ['src/extension/**/*.ts'],
    ignores: ['src/extension/coreBundle.ts', 'src/extension/commandArgSchemas.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['undici', 'zod', 'ipaddr.js'].map((name) => ({
            name,
            message: 'The extension gets the network stack through loadCore() (dist/core.js).',
          })),
          patterns: [
            {
              // Any core path but the readers' part of the settings registry: plain data with no imports (ids.ts
              // derives the ids from it; the registry's declarations and CLI flags stay out of activation).
              regex: '(^|/)core(/(?!settingKeys$).*)?$',
              allowTypeImports: true,
              message: 'Import only types from the core; reach its code through loadCore() (coreLoader.ts).',
            },
            {
              group: ['**/shared/studio/*', '!**/shared/studio/protocol'],
              allowTypeImports: true,
              message:
                'Import only types from here; the validator and the view model come through loadCore().',
            },
            {
              group: ['**/shared/messages', '**/shared/messages/**'],
              allowTypeImports: true,
              message: 'The sentences load on the first message (messageText.ts requires dist/messages.js).',
            },
            {
              group: ['**/commandArgSchemas', '**/coreBundle'],
              allowTypeImports: true,
              message:
                'Import only types from here: the code runs inside dist/core.js, reached through loadCore().',
            },
            ...frontEnds('src/extension').slice(1),
          ],
        },
      ],
    },
  },
  {
    // dist/core.js's entry and the command-argument schemas it bundles: they run inside that bundle, next to the
    // core's zod, so they import the core's code and zod; no vscode (plain Node tests) and no other glue.
    files: ['src/extension/coreBundle.ts', 'src/extension/commandArgSchemas.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'This runs inside dist/core.js and in plain Node tests.' }],
          patterns: [
            {
              group: ['./*', '../*', '!./commandArgSchemas', '!../core', '!../core/*'],
              message: 'dist/core.js carries the core and the command-argument schemas, no other glue.',
            },
          ],
        },
      ],
    },
  },
  {
    // The Studio's store is pure state (tested in plain Node): the shared protocol's types, nothing else.
    files: ['src/extension/studio/studioStore.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The Studio store is pure: effects belong in studioController.ts.' },
            ...builtinModules.map((name) => ({ name, message: 'The Studio store is pure: no Node.' })),
          ],
          patterns: [
            { group: ['node:*'], message: 'The Studio store is pure: no Node.' },
            {
              group: ['**/shared/studio/**'],
              allowTypeImports: true,
              message: 'The Studio store imports only types from the shared protocol.',
            },
            {
              group: ['./*', '../*', '!../../shared/studio/**'],
              message:
                'The Studio store imports only the shared protocol’s types (effects belong in studioController.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The command line runs without VS Code.' }],
          patterns: frontEnds('The command line').slice(0, 2),
        },
      ],
    },
  },
  {
    // The Studio webview is a browser bundle under a strict CSP that renders text from outside (prompts, file and
    // model names): no Node, no vscode, no zod (only types from the validator), and nothing parsed as HTML.
    files: ['src/webview/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The webview runs in a browser.' },
            { name: 'zod', message: 'The webview bundle carries no zod.' },
            ...['undici', 'ipaddr.js'].map((name) => ({
              name,
              message: 'Requests go out from the extension host.',
            })),
            ...builtinModules.map((name) => ({ name, message: 'The webview runs in a browser.' })),
          ],
          patterns: [
            { group: ['node:*'], message: 'The webview runs in a browser.' },
            {
              group: ['**/shared/studio/*', '!**/shared/studio/protocol', '**/extension/**'],
              allowTypeImports: true,
              message: 'Import only types from here (the modules need zod or vscode).',
            },
            {
              group: ['**/core/*', '!**/core/sizeRule', '!**/core/messages'],
              message:
                'The webview shares only the size rule with the core; the protocol is src/shared/studio.',
            },
            {
              group: ['**/core/messages'],
              allowTypeImports: true,
              message: 'Only the message types (the size rule reports its problems as data).',
            },
            frontEnds('The webview')[2],
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^(innerHTML|outerHTML)$/]',
          message: 'Build DOM with h(); outside text goes in as text.',
        },
        {
          selector:
            "CallExpression[callee.property.name='insertAdjacentHTML'], CallExpression[callee.object.name='document'][callee.property.name=/^write(ln)?$/]",
          message: 'Build DOM with h(); outside text goes in as text.',
        },
        {
          selector: "CallExpression[callee.property.name='setAttribute'][arguments.0.value='style']",
          message: 'The CSP forbids inline styles: use classes.',
        },
      ],
    },
  },
);
