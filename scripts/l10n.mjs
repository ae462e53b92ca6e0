// Collects every `vscode.l10n.t('…')` message in src/ into l10n/bundle.l10n.json, the file translators start from
// (VS Code loads `bundle.l10n.<locale>.json` beside it). `--check` fails when the committed bundle is out of date.
// Uses the TypeScript compiler's parser (already a dev dependency) rather than a regular expression.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundlePath = path.join(root, 'l10n', 'bundle.l10n.json');

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Every message passed to l10n.t as a literal; a non-literal message is an error (it could not be translated). */
export function collectMessages(files = sourceFiles(path.join(root, 'src'))) {
  const messages = new Set();
  const problems = [];
  for (const file of files) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 't' &&
        node.expression.expression.getText(sf).endsWith('l10n')
      ) {
        const arg = node.arguments[0];
        if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)))
          messages.add(arg.text);
        else {
          const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
          problems.push(`${path.relative(root, file)}:${line + 1}: l10n.t needs a literal message`);
        }
      } else if (
        ts.isPropertyAccessExpression(node) &&
        node.name.text === 't' &&
        node.expression.getText(sf).endsWith('l10n') &&
        !(ts.isCallExpression(node.parent) && node.parent.expression === node)
      ) {
        // `const t = l10n.t.bind(l10n)` would hide every message from this scan: call l10n.t directly.
        const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
        problems.push(
          `${path.relative(root, file)}:${line + 1}: call l10n.t directly (an alias hides its messages)`,
        );
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  const bundle = Object.fromEntries([...messages].sort().map((m) => [m, m]));
  return { bundle, problems };
}

export function bundleText(bundle) {
  return JSON.stringify(bundle, null, 2) + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { bundle, problems } = collectMessages();
  for (const p of problems) console.error(p);
  const text = bundleText(bundle);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(bundlePath, 'utf8');
    } catch {}
    if (current !== text || problems.length) {
      console.error('l10n/bundle.l10n.json is out of date: run `npm run l10n`.');
      process.exit(1);
    }
  } else {
    writeFileSync(bundlePath, text);
    console.log(`${Object.keys(bundle).length} messages → ${path.relative(root, bundlePath)}`);
  }
  if (problems.length) process.exit(1);
}
