/**
 * Where inserted image links go in a document: on lines of their own, never inside the line the user was writing.
 * Pure (no `vscode` import; positions are plain line/character pairs) so every case is unit-tested in plain Node.
 */

export interface LinePosition {
  line: number;
  character: number;
}

/** What placement needs to know about the document and the editor it was started from. */
export interface PlacementInput {
  /** The selection (or the cursor, when start equals end) the command was started with. */
  start: LinePosition;
  end: LinePosition;
  lineCount: number;
  /** The text of a line, without its line break. */
  lineText(line: number): string;
  /** The document's line break: `\n` or `\r\n`. */
  eol: string;
}

export interface LinkInsertion {
  at: LinePosition;
  text: string;
}

/**
 * The insertion of `links` (one per image, each on its own line):
 * - a cursor on an empty line: the links fill that line;
 * - otherwise after the last line of the selection (a selection ending at the start of a line, as whole-line
 *   selections do, ends on the line before), so a heading or a sentence is never split.
 * The text carries the document's own line break, so a CRLF document stays CRLF.
 */
export function placeLinks(input: PlacementInput, links: readonly string[]): LinkInsertion {
  const block = links.join(input.eol);
  const { start, end, eol } = input;
  const empty = start.line === end.line && start.character === end.character;
  if (empty && input.lineText(end.line).length === 0)
    return { at: { line: end.line, character: 0 }, text: block };
  const lastLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
  if (lastLine + 1 < input.lineCount) return { at: { line: lastLine + 1, character: 0 }, text: block + eol };
  // The last line of a document without a final line break: the break goes before the links, and none is added.
  return { at: { line: lastLine, character: input.lineText(lastLine).length }, text: eol + block };
}

/** Whether a position comes before another (or is the same). */
function atOrBefore(a: LinePosition, b: LinePosition): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/**
 * Whether a selection must be put back as it was after an insertion at `at`: an edge touching the insertion point
 * would otherwise grow over the inserted links. Selections wholly after it have moved down with the text, correctly.
 */
export function keepsSelectionAsWas(selection: { end: LinePosition }, at: LinePosition): boolean {
  return atOrBefore(selection.end, at);
}
