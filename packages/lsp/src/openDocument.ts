// An open document: the editor's version, and its text. Range changes go to core as they come
// (workspace.editFile): core turns them into offsets with its parse of the text, whose line lookups
// follow edits incrementally, and keeps the new text as the documents' own texts, joined only when
// someone reads it. Neither a second table of line starts that every keystroke shifts
// (vscode-languageserver-textdocument makes a pass over all lines per edit) nor a copy of the whole
// text per keystroke.
import { charCodeAt, offsetAt, lineStart, type ParsedFile, type Position, type Range, type TextChange } from '@flokoa/core';

export class OpenDocument {
  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    /** A whole text not handed to the workspace yet (on open, or a change without a range). */
    public pendingText: string | undefined,
    /** The text the workspace holds for the document. */
    private readonly parsedText: () => string,
  ) {}

  getText(): string {
    return this.pendingText ?? this.parsedText();
  }
}

/** A range of core's parse of a text as offsets, the change that replaces it with `text`. */
export function changeAt(parsed: ParsedFile, range: Range, text: string): TextChange {
  let start = offsetIn(parsed, range.start);
  let end = offsetIn(parsed, range.end);
  if (end < start) [start, end] = [end, start];
  return { start, end, text };
}

/** As the LSP reads a position: a character past the end of its line means the line's end, before `\r\n`. */
function offsetIn(parsed: ParsedFile, pos: Position): number {
  let o = offsetAt(parsed, pos);
  const begin = lineStart(parsed, pos.line) ?? 0;
  while (o > begin && charCodeAt(parsed, o - 1) === 0x0d && charCodeAt(parsed, o) === 0x0a) o--;
  return o;
}
