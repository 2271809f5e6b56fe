// Cutting a file into documents, before any YAML is read: a document runs from its `---` line (or
// the directive lines before it) to the next one, so that an edit needs to look again only at the
// documents around it. And the comparisons that find where an edit is.

/** A stretch of text from one `---` line (or a directive before it, or the start) to the next. */
export interface Chunk {
  start: number;
  end: number;
  line: number;
}

/** The document chunks of a text and its number of lines, in one pass. */
export function split(text: string): { chunks: Chunk[]; lineCount: number } {
  const chunks: Chunk[] = [];
  let chunkStart = 0;
  let chunkLine = 0;
  let directiveStart = -1;
  let directiveLine = -1;
  let line = 0;
  let pos = 0;
  for (; pos <= text.length; line++) {
    const c = text.charCodeAt(pos);
    if (c === 0x2d /* - */ && text.startsWith('---', pos) && isBreakOrEnd(text, pos + 3)) {
      const start = directiveStart >= 0 ? directiveStart : pos;
      const startLine = directiveStart >= 0 ? directiveLine : line;
      if (start > chunkStart) chunks.push({ start: chunkStart, end: start, line: chunkLine });
      chunkStart = start;
      chunkLine = startLine;
      directiveStart = -1;
    } else if (c === 0x25 /* % */) {
      if (directiveStart < 0) {
        directiveStart = pos;
        directiveLine = line;
      }
    } else if (c !== 0x23 /* # */ && c !== 0x0a && c !== 0x0d && !(c === 0x2e && text.startsWith('...', pos))) {
      directiveStart = -1;
    }
    const nl = text.indexOf('\n', pos);
    if (nl < 0) break;
    pos = nl + 1;
  }
  if (text.length > chunkStart || chunks.length === 0) chunks.push({ start: chunkStart, end: text.length, line: chunkLine });
  return { chunks, lineCount: line + 1 };
}

function isBreakOrEnd(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Compared in blocks of shrinking size: each comparison is one native call, not a character loop. */
const BLOCKS = [65536, 4096, 256, 16, 1];

export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (const step of BLOCKS) while (i + step <= n && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
  return i;
}

export function commonSuffix(a: string, b: string, max: number): number {
  let i = 0;
  for (const step of BLOCKS)
    while (i + step <= max && a.slice(a.length - i - step, a.length - i) === b.slice(b.length - i - step, b.length - i)) i += step;
  return i;
}

/**
 * A copy of a slice that does not keep the whole file text alive: a reused document outlives the
 * text it was cut from, and every keystroke makes a new text. Documents from a file's first
 * parse skip the copy: reused, they keep at most that one first text alive, which is what their
 * copies would have weighed.
 */
export function detached(slice: string): string {
  return (' ' + slice).slice(1);
}
