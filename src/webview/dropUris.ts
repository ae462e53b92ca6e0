/**
 * Reads the files dropped onto the panel. VS Code puts Explorer drags in `application/vnd.code.uri-list` (all the
 * files) and `text/uri-list` (sometimes only the first); both are RFC 2483 lists: one URI a line, `#` comments.
 * The host checks every URI (scheme, workspace, image type); this only keeps the message within its limits.
 */
import type { LIMITS } from '../shared/studio/protocol';

/** Typed against the protocol's LIMITS, so a change there fails to compile here instead of dropping messages. */
const MAX_URIS: (typeof LIMITS)['droppedUris'] = 32;
const MAX_URI_CHARS: (typeof LIMITS)['uriChars'] = 4096;

export const URI_LIST_TYPES = ['application/vnd.code.uri-list', 'text/uri-list'] as const;

/** The URIs in a uri-list text: trimmed, without comments, blanks or duplicates. */
export function parseUriList(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const uri = line.trim();
    if (!uri || uri.startsWith('#') || uri.length > MAX_URI_CHARS) continue;
    seen.add(uri);
  }
  return [...seen];
}

/** The dropped URIs, preferring VS Code's full list; at most the number one message may carry. */
export function droppedUris(data: { getData(format: string): string }): string[] {
  for (const type of URI_LIST_TYPES) {
    const uris = parseUriList(data.getData(type));
    if (uris.length) return uris.slice(0, MAX_URIS);
  }
  return [];
}

/** Whether a drag carries something that could become references (checked on dragover, when data is hidden). */
export function mayCarryFiles(types: readonly string[]): boolean {
  return types.some((t) => (URI_LIST_TYPES as readonly string[]).includes(t) || t === 'Files');
}
