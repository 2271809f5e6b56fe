// The editor's text of an open document. A change given as a range is turned into offsets with
// core's parse of the text it applies to, whose line lookups follow edits incrementally, instead
// of a second table of line starts that every keystroke shifts (vscode-languageserver-textdocument
// makes a pass over all lines per edit: half a millisecond in a 4,000-document file).
import { offsetAt, lineStart, type ParsedFile, type Position, type Range } from '@flokoa/core';

export class OpenDocument {
  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    public text: string,
  ) {}

  getText(): string {
    return this.text;
  }

  /** Replaces a range; `parsed` is core's parse of the current text. */
  replace(parsed: ParsedFile, range: Range, newText: string): void {
    let start = offsetIn(parsed, range.start);
    let end = offsetIn(parsed, range.end);
    if (end < start) [start, end] = [end, start];
    this.text = this.text.slice(0, start) + newText + this.text.slice(end);
  }
}

/** As the LSP reads a position: a character past the end of its line means the line's end, before `\r\n`. */
function offsetIn(parsed: ParsedFile, pos: Position): number {
  let o = offsetAt(parsed, pos);
  const begin = lineStart(parsed, pos.line) ?? 0;
  while (o > begin && parsed.text.charCodeAt(o - 1) === 0x0d && parsed.text.charCodeAt(o) === 0x0a) o--;
  return o;
}
