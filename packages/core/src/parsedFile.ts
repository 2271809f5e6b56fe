// A file cut into documents, each at its place in the file, and the lookups between positions,
// offsets and documents (by binary search over the documents: no table of line starts to rebuild
// after every edit). The documents an edit did not touch are shared with the file's previous
// parse and moved in place, so a ParsedFile is current until the next parse of its file.
import type { Document } from 'yaml';
import type { Finding, Position, Range } from './model.js';
import { DocCore } from './docCore.js';
import { DocSourceMap } from './sourcemap.js';
import { looksLikeFlokoaYaml } from './parseChunk.js';

export interface ParsedDoc {
  /** Index among the file's non-empty documents (Resource.docIndex). */
  index: number;
  /** From the start of the document's `---` line (or of the file) to the start of the next one. */
  range: Range;
  startOffset: number;
  endOffset: number;
  startLine: number;
  /** The yaml syntax tree (rebuilt on demand when the workspace's pool dropped it). */
  readonly doc: Document | undefined;
  /** Plain JS value; undefined when a syntax error or a limit prevented it. */
  value: unknown;
  sourceMap: DocSourceMap;
  /** True when the document has a syntax or limit problem (it is indexed but not diagnosed). */
  broken: boolean;
  /** The position-independent parse, shared with earlier ParsedFiles where the text was the same. */
  core: DocCore;
}

/** A comment-only stretch between documents, kept so that it is not parsed again. */
export interface EmptyChunk {
  core: DocCore;
  startOffset: number;
  endOffset: number;
  startLine: number;
}

/** What a parse changed in the previous parse of the file. */
export interface FileChange {
  /** `docs[from]` to `docs[from + added - 1]` replace these documents of the previous parse. */
  from: number;
  removed: ParsedDoc[];
  added: number;
  /** Documents after them kept their text but moved: to other lines, or other indexes. */
  moved: boolean;
}

export interface ParsedFile {
  uri: string;
  /** The whole text (after an editor's change, joined from the documents' texts when first read). */
  readonly text: string;
  /** Its length, known without reading it. */
  length: number;
  docs: ParsedDoc[];
  empties: EmptyChunk[];
  /** Syntax and limit findings (rule ids `syntax`, `yaml-limits`). */
  findings: Finding[];
  /** Documents with a problem worth a finding, in order. */
  problems: ParsedDoc[];
  lineCount: number;
  /** How many documents were parsed afresh (the rest were reused from the previous parse). */
  reparsed: number;
  /** What yaml read for all its chunks (its share of the values budget), kept up to date by addChunk. */
  yamlCost: number;
  /** Undefined for a first parse. */
  change?: FileChange;
  /** The file is over a cost limit and not analysed (its one finding says which). */
  overLimit?: boolean;
}

/**
 * A class, not an object literal with a `doc` getter: each literal's getter closed over its own
 * core, which gave every document of the workspace its own hidden class and closure.
 */
export class Doc implements ParsedDoc {
  value: unknown;
  broken: boolean;
  constructor(
    public index: number,
    public range: Range,
    public startOffset: number,
    public endOffset: number,
    public startLine: number,
    public sourceMap: DocSourceMap,
    public core: DocCore,
  ) {
    this.value = core.value;
    this.broken = !!core.problem;
  }

  get doc(): Document | undefined {
    return this.core.doc;
  }

  /** Moves the document in place (its range and source map are shared with the resources made from it). */
  moveBy(offset: number, lines: number, index: number): void {
    this.startOffset += offset;
    this.endOffset += offset;
    this.index = index;
    if (lines === 0) return;
    this.startLine += lines;
    this.range.start.line += lines;
    this.range.end.line += lines;
    this.sourceMap.lineShift += lines;
  }
}

/** Adds one chunk's document (or, comment-only, its empty chunk) to a file being built. */
export function addChunk(file: ParsedFile, start: number, end: number, line: number, endPos: Position, core: DocCore): void {
  file.yamlCost += core.yamlCost;
  if (!core.hasContents && !core.problem) {
    // Nothing is ever looked up in a comment-only tree.
    core.release();
    file.empties.push({ core, startOffset: start, endOffset: end, startLine: line });
    return;
  }
  const range = { start: { line, character: 0 }, end: endPos };
  const doc = new Doc(file.docs.length, range, start, end, line, new DocSourceMap(core, line), core);
  file.docs.push(doc);
  if (core.problem && (core.problem.ruleId !== 'syntax' || looksLikeFlokoaYaml(core.text))) file.problems.push(doc);
}

/** A file over a cost limit: no documents, and one finding at its start that says which limit. */
export function refusedFile(uri: string, text: string, message: string): ParsedFile {
  let lineCount = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCount++;
  const at = { line: 0, character: 0 };
  return {
    uri,
    text,
    length: text.length,
    docs: [],
    empties: [],
    findings: [{ ruleId: 'yaml-limits', severity: 'error', uri, range: { start: at, end: at }, message }],
    problems: [],
    lineCount,
    reparsed: 0,
    yamlCost: 0,
    overLimit: true,
  };
}

/** The findings of the documents with problems (positions of now). */
export function problemFindings(file: ParsedFile): Finding[] {
  return file.problems.map((d) => ({
    ruleId: d.core.problem!.ruleId,
    severity: 'error',
    uri: file.uri,
    range: d.core.range(d.core.problem!.start, d.core.problem!.end, d.startLine),
    message: d.core.problem!.message,
  }));
}

/** Index of the last element whose key is at most `value` (-1 when none). */
export function lastAtOrBefore<T>(xs: readonly T[], key: (x: T) => number, value: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (key(xs[mid]) <= value) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const byOffset = (c: EmptyChunk | ParsedDoc): number => c.startOffset;
const byLine = (c: EmptyChunk | ParsedDoc): number => c.startLine;

/** The chunk (document or comment-only) that starts last at or before `value` by `key`. */
function chunkBy(file: ParsedFile, key: (c: EmptyChunk | ParsedDoc) => number, value: number): EmptyChunk | ParsedDoc | undefined {
  const d = lastAtOrBefore(file.docs, key, value);
  const e = lastAtOrBefore(file.empties, key, value);
  if (d < 0) return e < 0 ? undefined : file.empties[e];
  if (e < 0) return file.docs[d];
  return key(file.docs[d]) >= key(file.empties[e]) ? file.docs[d] : file.empties[e];
}

/** Offset of the start of a line (undefined outside the file). */
export function lineStart(file: ParsedFile, line: number): number | undefined {
  if (line < 0 || line >= file.lineCount) return undefined;
  const c = chunkBy(file, byLine, line);
  return c ? c.startOffset + c.core.offset(line - c.startLine, 0) : 0;
}

/** A line of the file without its line break (undefined outside the file), read from its document's own text. */
export function lineText(file: ParsedFile, line: number): string | undefined {
  if (line < 0 || line >= file.lineCount) return undefined;
  const c = chunkBy(file, byLine, line);
  if (!c) return '';
  const text = c.core.text;
  const start = c.core.offset(line - c.startLine, 0);
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end);
}

/** A file's text made of its documents' (and comment-only stretches') own texts. */
export function joinedText(docs: readonly ParsedDoc[], empties: readonly EmptyChunk[]): string {
  return [...docs, ...empties]
    .sort((a, b) => a.startOffset - b.startOffset)
    .map((c) => c.core.text)
    .join('');
}

/** A character of the file, read from its document's own text (the file's text may be a string an edit concatenated, which reading would copy whole). */
export function charCodeAt(file: ParsedFile, offset: number): number {
  const c = chunkBy(file, byOffset, offset);
  return c ? c.core.text.charCodeAt(offset - c.startOffset) : NaN;
}

export function positionAt(file: ParsedFile, offset: number): Position {
  const o = Math.max(0, Math.min(offset, file.length));
  const c = chunkBy(file, byOffset, o);
  return c ? c.core.position(o - c.startOffset, c.startLine) : { line: 0, character: o };
}

export function offsetAt(file: ParsedFile, pos: Position): number {
  if (pos.line < 0) return 0;
  if (pos.line >= file.lineCount) return file.length;
  const start = lineStart(file, pos.line)!;
  const next = pos.line + 1 < file.lineCount ? lineStart(file, pos.line + 1)! - 1 : file.length;
  return Math.min(start + Math.max(0, pos.character), Math.max(start, next));
}

/** The document holding a position (binary search). */
export function docAt(file: ParsedFile, pos: Position): ParsedDoc | undefined {
  const i = lastAtOrBefore(file.docs, byLine, pos.line);
  const found = i < 0 ? undefined : file.docs[i];
  return found && offsetAt(file, pos) <= found.endOffset ? found : undefined;
}
