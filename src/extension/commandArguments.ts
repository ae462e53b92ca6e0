/** Commands receive either an argument object (keybindings, tasks, API) or what a menu passes (a Uri, Uri[]). */
import * as vscode from 'vscode';

/** The argument object, or undefined when the command was invoked from a menu with a resource. */
export function argumentObject(raw: unknown): unknown {
  if (raw instanceof vscode.Uri || Array.isArray(raw)) return undefined;
  return raw;
}

/** The resources a menu passed: the clicked one plus the multi-selection (which repeats it), deduplicated. */
export function menuResources(clicked: unknown, selected: unknown): vscode.Uri[] {
  const all = [
    ...(clicked instanceof vscode.Uri ? [clicked] : []),
    ...(Array.isArray(selected) ? selected.filter((u): u is vscode.Uri => u instanceof vscode.Uri) : []),
  ];
  const seen = new Set<string>();
  return all.filter((u) => !seen.has(u.toString()) && seen.add(u.toString()));
}

/** A path from an argument: a file system path or a `file:` URI string. */
export function pathFromArgument(value: string): string {
  return value.startsWith('file:') ? vscode.Uri.parse(value).fsPath : value;
}
