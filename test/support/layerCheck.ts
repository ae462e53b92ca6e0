/**
 * Checks an import graph (importGraph.ts) against a layer table: which files may import what, and what each bundle
 * may not carry. Deny by default: an import that no permission of its layer names is a violation.
 */
import { type ImportEdge, targetName } from './importGraph';

/**
 * A path pattern (`src/core/**` for a folder, or one file), `node:*` for every builtin, `node:fs` for one, or a
 * package name.
 */
export type Pattern = string;

export interface Permission {
  to: Pattern;
  /** `types`: only type imports (erased, so nothing of the target reaches the bundle). `lazy`: see `Table.lazy`. */
  as?: 'types' | 'lazy';
  /** Only these importing files (an exception, not a rule of the layer). Each must still use it. */
  from?: readonly string[];
  /** Targets the pattern matches that this permission does not cover. */
  but?: readonly Pattern[];
}

export interface Layer {
  name: string;
  files: Pattern;
  may: readonly Permission[];
}

/** A bundle esbuild writes: everything its entry reaches through value imports ends up inside it. */
export interface Bundle {
  bundle: string;
  entry: string;
  mayNotContain: readonly Pattern[];
  /** Targets `mayNotContain` matches that the bundle carries all the same (each one named and explained). */
  but?: readonly Pattern[];
  why: string;
}

export interface Table {
  layers: readonly Layer[];
  bundles: readonly Bundle[];
  /**
   * `require()` specifiers that esbuild leaves external (scripts/build.mjs) and that resolve next to the bundle at
   * run time, each to the entry of another bundle: `'./core.js'` is `dist/core.js`, built from `src/core/index.ts`.
   */
  lazy: Readonly<Record<string, string>>;
}

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

export function matches(pattern: Pattern, name: string): boolean {
  if (pattern.endsWith('/**')) return name.startsWith(pattern.slice(0, -2));
  if (pattern.endsWith(':*')) return name.startsWith(pattern.slice(0, -1));
  return name === pattern;
}

/** An edge as the rules see it: a `require('./core.js')` of a lazy bundle points at that bundle's entry. */
interface Resolved {
  edge: ImportEdge;
  target: string | undefined;
  lazy: boolean;
}

function resolveLazy(edge: ImportEdge, table: Table): Resolved {
  const entry = table.lazy[edge.specifier];
  if (edge.target.kind === 'missing') {
    const lazy = entry !== undefined && (edge.form === 'require' || edge.form === 'dynamic');
    return { edge, target: lazy ? entry : undefined, lazy };
  }
  return { edge, target: targetName(edge.target), lazy: false };
}

function permits(p: Permission, r: Resolved): boolean {
  if (r.target === undefined || !matches(p.to, r.target)) return false;
  if (p.but?.some((b) => matches(b, r.target!))) return false;
  if (p.from && !p.from.includes(r.edge.from)) return false;
  if (r.lazy) return p.as === 'lazy';
  if (p.as === 'lazy') return false;
  return p.as !== 'types' || r.edge.typeOnly;
}

export function layerOf(file: string, table: Table): Layer | undefined {
  return table.layers.find((l) => matches(l.files, file));
}

/** Every import that its layer does not allow, and every file that belongs to no layer. */
export function checkLayers(
  files: readonly string[],
  edges: readonly ImportEdge[],
  table: Table,
): Violation[] {
  const out: Violation[] = [];
  for (const file of files) {
    if (!layerOf(file, table)) out.push({ file, line: 0, specifier: '', rule: 'belongs to no layer' });
  }
  for (const edge of edges) {
    const layer = layerOf(edge.from, table);
    if (!layer) continue;
    const r = resolveLazy(edge, table);
    if (r.target === undefined) {
      out.push({ ...at(edge), rule: `${layer.name}: does not resolve to a file of the tree` });
    } else if (!layer.may.some((p) => permits(p, r))) {
      const kind = r.lazy ? 'lazy load of' : edge.typeOnly ? 'type import of' : 'import of';
      out.push({ ...at(edge), rule: `${layer.name} may not ${kind} ${r.target}` });
    }
  }
  return out;
}

/** Exceptions (permissions limited to some files) that one of those files no longer needs. */
export function unusedExceptions(edges: readonly ImportEdge[], table: Table): string[] {
  const out: string[] = [];
  for (const layer of table.layers) {
    for (const p of layer.may) {
      for (const file of p.from ?? []) {
        const used = edges.some((e) => e.from === file && permits(p, resolveLazy(e, table)));
        if (!used) out.push(`${layer.name}: ${file} no longer imports ${p.to}; remove it from the table`);
      }
    }
  }
  return out;
}

/**
 * What each bundle would carry that it must not, with the chain of value imports that brings it in (type imports are
 * erased and lazy bundles are loaded at run time, so neither is followed).
 */
export function checkBundles(edges: readonly ImportEdge[], table: Table): Violation[] {
  const byFile = new Map<string, ImportEdge[]>();
  for (const e of edges) byFile.set(e.from, [...(byFile.get(e.from) ?? []), e]);
  const out: Violation[] = [];
  for (const b of table.bundles) {
    const via = new Map<string, ImportEdge | undefined>([[b.entry, undefined]]);
    const queue = [b.entry];
    const reported = new Set<string>();
    for (let i = 0; i < queue.length; i++) {
      for (const edge of byFile.get(queue[i]!) ?? []) {
        if (edge.typeOnly) continue;
        const r = resolveLazy(edge, table);
        if (r.lazy || r.target === undefined) continue;
        const barred =
          b.mayNotContain.some((p) => matches(p, r.target!)) && !b.but?.some((p) => matches(p, r.target!));
        if (barred && !reported.has(r.target)) {
          reported.add(r.target);
          const chain = [r.target];
          for (let e: ImportEdge | undefined = edge; e; e = via.get(e.from)) chain.unshift(e.from);
          out.push({
            ...at(edge),
            rule: `${b.bundle} would contain ${r.target} (${b.why}): ${chain.join(' → ')}`,
          });
        }
        if (edge.target.kind === 'file' && !via.has(r.target)) {
          via.set(r.target, edge);
          queue.push(r.target);
        }
      }
    }
  }
  return out;
}

/** The files of the tree that a bundle built from `entry` contains (value imports; lazy bundles do not resolve). */
export function bundleFiles(edges: readonly ImportEdge[], entry: string): string[] {
  const seen = new Set([entry]);
  const queue = [entry];
  for (let i = 0; i < queue.length; i++) {
    for (const edge of edges) {
      if (edge.from !== queue[i] || edge.typeOnly || edge.target.kind !== 'file') continue;
      if (!seen.has(edge.target.path)) {
        seen.add(edge.target.path);
        queue.push(edge.target.path);
      }
    }
  }
  return [...seen].sort();
}

function at(edge: ImportEdge): Omit<Violation, 'rule'> {
  return { file: edge.from, line: edge.line, specifier: edge.specifier };
}

export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line} '${v.specifier}': ${v.rule}`;
}
