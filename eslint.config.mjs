// Flat config: typescript-eslint's recommended rules, plus the one architectural rule that matters most here:
// the core never imports 'vscode' (it must run in plain Node, in the CLI and in unit tests).
import tseslint from 'typescript-eslint';

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
        { paths: [{ name: 'vscode', message: 'src/core must not depend on VS Code.' }] },
      ],
      'no-console': 'error',
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
          ],
          patterns: [
            { group: ['node:*'], message: 'The webview runs in a browser.' },
            {
              group: ['**/core/studioProtocol', '**/extension/**'],
              allowTypeImports: true,
              message: 'Import only types from here (the modules need zod or vscode).',
            },
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
