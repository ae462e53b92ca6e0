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
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core must not depend on VS Code.' }],
          patterns: frontEnds('src/core'),
        },
      ],
      'no-console': 'error',
    },
  },
  {
    // The glue reaches the core only through types and loadCore() (coreLoader.ts): a value import of the core would
    // pull the network stack (undici, zod) into dist/extension.js, which activation loads.
    files: ['src/extension/**/*.ts'],
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
              // Any core path but the settings registry: plain data with no imports (ids.ts derives the ids from it).
              regex: '(^|/)core(/(?!settingsRegistry$).*)?$',
              allowTypeImports: true,
              message: 'Import only types from the core; reach its code through loadCore() (coreLoader.ts).',
            },
            ...frontEnds('src/extension').slice(1),
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The command line runs without VS Code.' }],
          patterns: frontEnds('The command line'),
        },
      ],
    },
  },
  {
    // The Studio webview is a browser bundle under a strict CSP that renders text from outside (prompts, file and
    // model names): no Node, no vscode, no zod (only types from the protocol), and nothing parsed as HTML.
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
              group: ['**/core/studioProtocol', '**/extension/**'],
              allowTypeImports: true,
              message: 'Import only types from here (the modules need zod or vscode).',
            },
            {
              group: ['**/core/*', '!**/core/studioProtocol', '!**/core/sizeRule'],
              message: 'The webview shares only the protocol (types) and the size rule with the core.',
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
