/**
 * Reads every import of a TypeScript source tree with the TypeScript parser (not regexes: an import inside a comment
 * or a string is not an import) and resolves each one to what it points at: a file of the tree, a package, or a Node
 * builtin. test/unit/architecture.test.ts checks the layer rules over this graph.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import * as ts from 'typescript';

/** What an import points at. File paths are relative to the root, with forward slashes (`src/core/errors.ts`). */
export type ImportTarget =
  | { kind: 'file'; path: string }
  /** A relative import that names no file of the tree (a path that exists only next to the bundle, or a typo). */
  | { kind: 'missing'; path: string }
  | { kind: 'package'; name: string }
  /** Always with the `node:` prefix, whether the source wrote `fs` or `node:fs`. */
  | { kind: 'builtin'; name: string };

export interface ImportEdge {
  /** The importing file, relative to the root (`src/extension/extension.ts`). */
  from: string;
  line: number;
  /** The module specifier as written. */
  specifier: string;
  /** `import type`, `export type`, `import { type A }` with only type names, or an `import('x').T` type. */
  typeOnly: boolean;
  /** `require()` or `import()`: evaluated when the code runs, not when the module loads. */
  form: 'static' | 'require' | 'dynamic' | 'type';
  target: ImportTarget;
}

const builtins = new Set(builtinModules.filter((m) => !m.startsWith('_')));
const extensions = ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json', '.css'];

/** Every `.ts` file under `dir` (relative to `root`), sorted so reports are stable. */
export function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string): void => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const child = path.join(abs, e.name);
      if (e.isDirectory()) walk(child);
      else if (e.name.endsWith('.ts')) out.push(toPosix(path.relative(root, child)));
    }
  };
  walk(path.join(root, dir));
  return out.sort();
}

/** All imports of the given files (paths relative to `root`). */
export function importGraph(root: string, files: readonly string[]): ImportEdge[] {
  return files.flatMap((file) => importsOf(root, file));
}

export function importsOf(root: string, file: string): ImportEdge[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (
    node: ts.Node,
    literal: ts.Expression | undefined,
    form: ImportEdge['form'],
    typeOnly: boolean,
  ) => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    edges.push({
      from: file,
      line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
      specifier: literal.text,
      typeOnly,
      form,
      target: resolve(root, file, literal.text),
    });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      add(node, node.moduleSpecifier, 'static', importIsTypeOnly(node));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node, node.moduleSpecifier, 'static', exportIsTypeOnly(node));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, 'static', node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, 'type', true);
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword)
        add(node, node.arguments[0], 'dynamic', false);
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require')
        add(node, node.arguments[0], 'require', false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/**
 * esbuild (like tsc with isolatedModules) drops `import type …` and `import { type A, type B } …` entirely; an import
 * with only side effects (`import './x'`) or any value name stays.
 */
function importIsTypeOnly(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0
    ? bindings.elements.every((e) => e.isTypeOnly)
    : false;
}

function exportIsTypeOnly(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return (
    !!clause &&
    ts.isNamedExports(clause) &&
    clause.elements.length > 0 &&
    clause.elements.every((e) => e.isTypeOnly)
  );
}

function resolve(root: string, file: string, specifier: string): ImportTarget {
  if (specifier.startsWith('node:')) return { kind: 'builtin', name: specifier };
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const abs = path.resolve(path.join(root, path.dirname(file)), specifier);
    const found = [
      abs,
      ...extensions.map((e) => abs + e),
      ...extensions.map((e) => path.join(abs, 'index' + e)),
    ].find((p) => existsSync(p) && statSync(p).isFile());
    return found
      ? { kind: 'file', path: toPosix(path.relative(root, found)) }
      : { kind: 'missing', path: toPosix(path.relative(root, abs)) };
  }
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  if (builtins.has(name)) return { kind: 'builtin', name: 'node:' + name };
  return { kind: 'package', name };
}

/** How a target is named in the layer table and in reports: a path, a package name, or `node:<name>`. */
export function targetName(t: ImportTarget): string {
  return t.kind === 'file' || t.kind === 'missing' ? t.path : t.name;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
