/**
 * The path rule for anything a workspace, a file or a message can name (references and masks recorded in provenance,
 * webview messages, drops, command arguments, an output folder from `.vscode/settings.json`): after following every
 * symbolic link, the path must lie inside one of the allowed roots. A cloned repository can plant `../..` paths,
 * absolute paths and links that point out of it; all three are caught here, before anything is read, sent or written.
 */
import * as path from 'node:path';
import type { FileStore } from './files/fileStore';
import { nodeFileStore } from './files/nodeFileStore';

/** `outside`: the path itself is outside; `link`: it looks inside but a symbolic link on the way leads out. */
export type PathVerdict =
  { inside: true; real: string; root: string } | { inside: false; real?: string; why: 'outside' | 'link' };

/** Whether `file` is `root` or lies below it (plain path arithmetic: no links followed). */
export function isWithin(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function code(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * The real path of `file` with every link followed. A path that does not exist yet (a folder about to be created)
 * is its deepest existing ancestor's real path plus the rest. Undefined when a link cannot be followed (it dangles
 * or loops): its target is unknown, so it cannot be shown to be inside anything.
 */
export async function realPathOf(
  file: string,
  store: FileStore = nodeFileStore,
): Promise<string | undefined> {
  let existing = path.resolve(file);
  const rest: string[] = [];
  // Each step goes one level up, so this ends at the file system root at the latest.
  for (;;) {
    try {
      return path.join(await store.realPath(existing), ...rest);
    } catch (e) {
      if (code(e) !== 'ENOENT' && code(e) !== 'ENOTDIR') return undefined;
    }
    // Gone, or below a file. But a link that exists and points nowhere is not "not there yet": writing through it
    // would create its target, wherever that is.
    const link = await store.lstat(existing).then(
      (s) => s.kind === 'link',
      () => false,
    );
    if (link) return undefined;
    const parent = path.dirname(existing);
    if (parent === existing) return undefined;
    rest.unshift(path.basename(existing));
    existing = parent;
  }
}

/** Whether `file`, links followed, is inside one of `roots` (whose own links are followed too). */
export async function checkInside(
  file: string,
  roots: readonly string[],
  store: FileStore = nodeFileStore,
): Promise<PathVerdict> {
  const resolved = path.resolve(file);
  const [real, ...realRoots] = await Promise.all([resolved, ...roots].map((p) => realPathOf(p, store)));
  if (real !== undefined)
    for (const root of realRoots)
      if (root !== undefined && isWithin(root, real)) return { inside: true, real, root };
  const looksInside =
    roots.some((r) => isWithin(path.resolve(r), resolved)) ||
    realRoots.some((r) => r !== undefined && isWithin(r, resolved));
  return { inside: false, real, why: looksInside ? 'link' : 'outside' };
}

/** The first of `files` that does not resolve (after links) inside `roots`, and how it leaves; undefined if none. */
export async function firstOutside(
  files: readonly string[],
  roots: readonly string[],
): Promise<{ file: string; how: 'outside' | 'link' } | undefined> {
  for (const file of files) {
    const verdict = await checkInside(file, roots);
    if (!verdict.inside) return { file, how: verdict.why };
  }
  return undefined;
}
