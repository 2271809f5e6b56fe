// YAML text → documents with exact ranges. Never throws: every problem becomes a finding.
// Files are split at `---` lines before parsing so that an edit re-parses only the documents
// whose text changed (a 1,000-document file re-validates in milliseconds after a keystroke).
import { isMap, isSeq, isScalar, isPair, type Document, type Node, type Pair } from 'yaml';
import { parseYamlDocument, type DocumentPool } from './yamlDocument.js';
import type { Finding, Position, Range } from './model.js';
import { DocCore, DocSourceMap } from './sourcemap.js';
import { escapeSegment } from './pointer.js';
import { readFastYaml } from './fastYaml.js';

export interface ParseLimits {
  /** Larger files are not parsed at all (characters). */
  maxFileSize: number;
  /** Estimated nesting depth (flow brackets, indentation columns / 2) beyond which a document is skipped. */
  maxDepth: number;
  /** yaml's bound on alias expansion (alias bombs). */
  maxAliasCount: number;
}

export const DEFAULT_LIMITS: ParseLimits = { maxFileSize: 5 * 1024 * 1024, maxDepth: 200, maxAliasCount: 100 };

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

export interface ParsedFile {
  uri: string;
  text: string;
  docs: ParsedDoc[];
  /** Syntax and limit findings (rule ids `syntax`, `yaml-limits`). */
  findings: Finding[];
  lineStarts: number[];
  /** How many documents were parsed afresh (the rest were reused from `previous`). */
  reparsed: number;
  /** Comment-only chunks, kept so that they are not re-parsed either. */
  emptyCores?: { core: DocCore; start: number; end: number; line: number }[];
}

/**
 * Parses a file. With `previous`, only the documents around the changed text are split and
 * looked at again (and re-parsed when their text is new); the documents before it are kept as
 * they are and the ones after it are moved. With a `pool`, syntax trees of documents not
 * recently used are dropped and rebuilt on demand.
 */
export function parseFile(
  uri: string,
  text: string,
  previous?: ParsedFile,
  limits: ParseLimits = DEFAULT_LIMITS,
  pool?: DocumentPool,
): ParsedFile {
  if (text.length > limits.maxFileSize) {
    const file: ParsedFile = { uri, text, docs: [], findings: [], lineStarts: split(text).lineStarts, reparsed: 0 };
    file.findings.push({
      ruleId: 'yaml-limits',
      severity: 'error',
      uri,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      message: `File is ${(text.length / 1048576).toFixed(1)} MB, over the ${(limits.maxFileSize / 1048576).toFixed(0)} MB limit: not analysed. Split it into smaller files.`,
    });
    return file;
  }
  if (previous && previous.text.length <= limits.maxFileSize) return reparse(uri, text, previous, limits, pool);
  const { lineStarts, chunks } = split(text);
  const file: ParsedFile = { uri, text, docs: [], findings: [], lineStarts, reparsed: 0, emptyCores: [] };
  // A file's first parse keeps views into its text (held by the ParsedFile anyway); only
  // documents parsed on a later edit get their own copy (see detached).
  for (const ch of chunks) {
    addChunk(file, ch.start, ch.end, ch.line, parseChunk(text.slice(ch.start, ch.end), limits, pool));
    file.reparsed++;
  }
  collectProblems(file);
  return file;
}

/** Adds one chunk's document (or, comment-only, its empty core) to a file being built. */
function addChunk(file: ParsedFile, start: number, end: number, line: number, core: DocCore): void {
  if (!core.hasContents && !core.problem) {
    // Nothing is ever looked up in a comment-only tree.
    core.release();
    file.emptyCores!.push({ core, start, end, line });
    return;
  }
  const range = { start: { line, character: 0 }, end: positionIn(file.lineStarts, end) };
  file.docs.push(new Doc(file.docs.length, range, start, end, line, new DocSourceMap(core, line), core));
}

/** Syntax and limit findings of a file's documents, in document order. */
function collectProblems(file: ParsedFile): void {
  for (const d of file.docs) {
    const core = d.core;
    if (core.problem && (core.problem.ruleId !== 'syntax' || looksLikeFlokoaYaml(core.text))) {
      file.findings.push({
        ruleId: core.problem.ruleId,
        severity: 'error',
        uri: file.uri,
        range: core.range(core.problem.start, core.problem.end, d.startLine),
        message: core.problem.message,
      });
    }
  }
}

/**
 * A class, not an object literal with a `doc` getter: each literal's getter closed over its own
 * core, which gave every document of the workspace its own hidden class and closure.
 */
class Doc implements ParsedDoc {
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
}

/** A chunk of a previous parse: a document, or a comment-only stretch. */
interface OldChunk {
  start: number;
  end: number;
  line: number;
  core: DocCore;
  doc?: ParsedDoc;
}

function chunksOf(file: ParsedFile): OldChunk[] {
  const out: OldChunk[] = [];
  const empties = file.emptyCores ?? [];
  let e = 0;
  for (const d of file.docs) {
    for (; e < empties.length && empties[e].start < d.startOffset; e++) out.push(empties[e]);
    out.push({ start: d.startOffset, end: d.endOffset, line: d.startLine, core: d.core, doc: d });
  }
  for (; e < empties.length; e++) out.push(empties[e]);
  return out;
}

/**
 * The incremental parse. Where the texts differ is found with native string comparisons (a
 * common prefix and suffix); the chunks from one before the one holding the first change to one
 * after the first that starts past the last change are split again (a `---` line or directive
 * next to a change may have appeared or gone); chunks before are kept, chunks after are moved.
 */
function reparse(uri: string, text: string, previous: ParsedFile, limits: ParseLimits, pool?: DocumentPool): ParsedFile {
  const old = previous.text;
  const prefix = commonPrefix(old, text);
  const suffix = commonSuffix(old, text, Math.min(old.length, text.length) - prefix);
  const oldEnd = old.length - suffix;
  const newEnd = text.length - suffix;
  const delta = text.length - old.length;
  const chunks = chunksOf(previous);

  // Line starts: those up to the change are the same, those after it move by delta (copied
  // natively: a big file has tens of thousands, and the first edits run before the JIT warms up).
  const oldStarts = previous.lineStarts;
  const changed: number[] = [];
  for (let nl = text.indexOf('\n', prefix); nl >= 0 && nl < newEnd; nl = text.indexOf('\n', nl + 1)) changed.push(nl + 1);
  const after = oldStarts.slice(upperBound(oldStarts, oldEnd));
  if (delta !== 0) for (let i = 0; i < after.length; i++) after[i] += delta;
  const lineStarts = oldStarts.slice(0, upperBound(oldStarts, prefix)).concat(changed, after);
  const lineDelta = lineStarts.length - oldStarts.length;

  const first = chunks.length === 0 || prefix === 0 ? 0 : Math.max(0, chunkAt(chunks, prefix - 1) - 1);
  // chunkAt(oldEnd) + 1 is the first chunk that starts past the change.
  const kept = chunks.length === 0 ? 0 : Math.min(chunks.length, chunkAt(chunks, oldEnd) + 2);
  const regionStart = first < chunks.length ? chunks[first].start : 0;
  const regionEnd = kept < chunks.length ? chunks[kept].start + delta : text.length;

  const file: ParsedFile = { uri, text, docs: [], findings: [], lineStarts, reparsed: 0, emptyCores: [] };
  for (let i = 0; i < first; i++) {
    const c = chunks[i];
    if (c.doc) file.docs.push(c.doc);
    else file.emptyCores!.push(c);
  }
  // Documents of the region whose text is unchanged (or moved within it) keep their parse.
  const candidates = chunks.slice(first, kept);
  const region = split(text.slice(regionStart, regionEnd));
  const baseLine = first < chunks.length ? chunks[first].line : 0;
  for (const ch of region.chunks) {
    if (ch.end === ch.start && text.length > 0) continue;
    const start = regionStart + ch.start;
    const end = regionStart + ch.end;
    let core: DocCore | undefined;
    const at = candidates.findIndex((c) => c.core.text.length === end - start && c.core.text === text.slice(start, end));
    if (at >= 0) core = candidates.splice(at, 1)[0].core;
    else {
      core = parseChunk(detached(text.slice(start, end)), limits, pool);
      file.reparsed++;
    }
    addChunk(file, start, end, baseLine + ch.line, core);
  }
  for (let i = kept; i < chunks.length; i++) {
    const c = chunks[i];
    addChunk(file, c.start + delta, c.end + delta, c.line + lineDelta, c.core);
  }
  collectProblems(file);
  return file;
}

/** Index of the first element greater than `value` in an ascending array. */
function upperBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the chunk holding an offset (the last one starting at or before it). */
function chunkAt(chunks: OldChunk[], offset: number): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunks[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Compared in blocks of shrinking size: each comparison is one native call, not a character loop. */
const BLOCKS = [65536, 4096, 256, 16, 1];

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (const step of BLOCKS) while (i + step <= n && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
  return i;
}

function commonSuffix(a: string, b: string, max: number): number {
  let i = 0;
  for (const step of BLOCKS)
    while (i + step <= max && a.slice(a.length - i - step, a.length - i) === b.slice(b.length - i - step, b.length - i)) i += step;
  return i;
}

interface Chunk {
  start: number;
  end: number;
  line: number;
}

/** Line starts and document chunks in one pass over the text. */
function split(text: string): { lineStarts: number[]; chunks: Chunk[] } {
  const lineStarts: number[] = [];
  const chunks: Chunk[] = [];
  let chunkStart = 0;
  let chunkLine = 0;
  let directiveStart = -1;
  let directiveLine = -1;
  let line = 0;
  for (let pos = 0; pos <= text.length; line++) {
    lineStarts.push(pos);
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
  return { lineStarts, chunks };
}

const FLOKOA_API_VERSION_LINE = /^apiVersion:[ \t]*["']?agent\.flokoa\.ai\//m;

/**
 * Syntax errors are ours to report only in Flokoa documents: other YAML (CI files, Helm values)
 * gets no diagnostics from us, and a Go template (`{{ }}`) is not YAML until it is rendered.
 */
function looksLikeFlokoaYaml(text: string): boolean {
  return FLOKOA_API_VERSION_LINE.test(text) && !text.includes('{{');
}

/**
 * A copy of a slice that does not keep the whole file text alive: a reused document outlives the
 * text it was cut from, and every keystroke makes a new text. Documents from a file's first
 * parse skip the copy: reused, they keep at most that one first text alive, which is what their
 * copies would have weighed.
 */
function detached(slice: string): string {
  return (' ' + slice).slice(1);
}

function isBreakOrEnd(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function parseChunk(text: string, limits: ParseLimits, pool?: DocumentPool): DocCore {
  // Most manifests are in the subset the fast reader takes; yaml reads the rest (and builds the
  // trees of fast-read documents when an editor feature needs one).
  const fast = readFastYaml(text, limits.maxDepth);
  if (fast) return new DocCore(text, undefined, fast.value, undefined, pool, fast);
  const tooDeep = findExcessiveNesting(text, limits.maxDepth);
  if (tooDeep >= 0) {
    return new DocCore(text, undefined, undefined, {
      ruleId: 'yaml-limits',
      start: tooDeep,
      end: tooDeep + 1,
      message: `Nesting deeper than ${limits.maxDepth} levels: this document is not analysed. Flatten the structure.`,
    });
  }
  let doc: Document;
  try {
    doc = parseYamlDocument(text);
  } catch (e) {
    return new DocCore(text, undefined, undefined, {
      ruleId: 'syntax',
      start: 0,
      end: 0,
      message: `YAML could not be parsed: ${(e as Error).message}`,
    });
  }
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    let [s, en] = e.pos;
    // "unclosed" errors point past the end; show them on the last character instead.
    const contentEnd = text.trimEnd().length;
    if (s >= contentEnd) [s, en] = [Math.max(0, contentEnd - 1), contentEnd];
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more in this document)` : '';
    // The best-effort value still feeds the index, so that a half-typed document does not make
    // every reference to it in other files look broken; the document itself is not diagnosed.
    let partial: unknown;
    try {
      partial = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch {
      partial = undefined;
    }
    return new DocCore(
      text,
      doc,
      partial,
      { ruleId: 'syntax', start: s, end: Math.max(en, s), message: `YAML syntax error: ${e.message}${more}` },
      pool,
    );
  }
  try {
    return new DocCore(text, doc, doc.toJS({ maxAliasCount: limits.maxAliasCount }), undefined, pool);
  } catch (e) {
    const at = firstAliasOffset(text);
    const bomb = e instanceof ReferenceError && /alias/i.test(e.message);
    return new DocCore(text, doc, undefined, {
      ruleId: bomb ? 'yaml-limits' : 'syntax',
      start: at,
      end: at + 1,
      message: bomb
        ? `Aliases expand to too many nodes (more than ${limits.maxAliasCount} per alias): this looks like an alias bomb; the document is not analysed.`
        : `YAML could not be read: ${(e as Error).message}`,
    });
  }
}

function firstAliasOffset(text: string): number {
  const m = /(^|[\s[{,:-])\*[^\s,\]}]/m.exec(text);
  return m ? m.index + m[1].length : 0;
}

/**
 * Offset where nesting exceeds the limit, or -1. The yaml composer recurses per level and a few
 * thousand levels exhaust the process, so this runs before it: flow brackets outside quotes and
 * comments, and block indentation (two columns a level).
 */
function findExcessiveNesting(text: string, maxDepth: number): number {
  let flow = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (c === 0x20 || c === 0x2d || c === 0x09 || c === 0x3f) {
        if (++indent > maxDepth * 2) return i;
        continue;
      }
      lineStart = false;
    }
    if (c === 0x23 /* # */ && (i === 0 || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl - 1;
    } else if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      if (flow === 0 && !(i === 0 || /[\s:[{,]/.test(text[i - 1]))) continue;
      const close = c === 0x22 ? findDoubleQuoteEnd(text, i + 1) : text.indexOf("'", i + 1);
      if (close < 0) break;
      i = close;
    } else if (c === 0x5b || c === 0x7b) {
      if (++flow > maxDepth) return i;
    } else if ((c === 0x5d || c === 0x7d) && flow > 0) {
      flow--;
    }
  }
  return -1;
}

function findDoubleQuoteEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i;
  }
  return -1;
}

function positionIn(lineStarts: number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo] };
}

export function positionAt(file: ParsedFile, offset: number): Position {
  return positionIn(file.lineStarts, Math.max(0, Math.min(offset, file.text.length)));
}

export function offsetAt(file: ParsedFile, pos: Position): number {
  if (pos.line < 0) return 0;
  if (pos.line >= file.lineStarts.length) return file.text.length;
  const start = file.lineStarts[pos.line];
  const next = pos.line + 1 < file.lineStarts.length ? file.lineStarts[pos.line + 1] - 1 : file.text.length;
  return Math.min(start + Math.max(0, pos.character), Math.max(start, next));
}

/** The document holding a position (binary search). */
export function docAt(file: ParsedFile, pos: Position): ParsedDoc | undefined {
  const docs = file.docs;
  let lo = 0;
  let hi = docs.length - 1;
  let found: ParsedDoc | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (docs[mid].startLine <= pos.line) {
      found = docs[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && offsetAt(file, pos) <= found.endOffset ? found : undefined;
}

export interface Located {
  doc: ParsedDoc;
  /** JSON pointer of the deepest node at the position ('' for the document root). */
  pointer: string;
  /** True when the position is on a mapping key (then `pointer` is that key's path). */
  onKey: boolean;
  keyName?: string;
  node: Node | null;
}

/** What is at a position: the document and the deepest key or value under it. */
export function locate(file: ParsedFile, pos: Position): Located | undefined {
  const doc = docAt(file, pos);
  if (!doc || !doc.doc || !doc.doc.contents) return doc ? { doc, pointer: '', onKey: false, node: null } : undefined;
  const off = doc.core.offset(pos.line - doc.startLine, pos.character);
  let node: Node | null = doc.doc.contents as Node;
  let pointer = '';
  let keyName: string | undefined;
  for (;;) {
    if (isMap(node)) {
      let next: Node | null | undefined;
      for (const p of node.items as Pair[]) {
        const k = p.key as Node | null;
        if (!isScalar(k) || !k.range) continue;
        const name = String(k.value);
        if (off >= k.range[0] && off <= k.range[1]) {
          return { doc, pointer: pointer + '/' + escapeSegment(name), onKey: true, keyName: name, node: k };
        }
        const v = p.value as Node | null;
        if (v && v.range && off >= v.range[0] && off <= v.range[1]) {
          pointer += '/' + escapeSegment(name);
          keyName = name;
          next = v;
          break;
        }
      }
      if (next === undefined) break;
      node = next;
    } else if (isSeq(node)) {
      const idx = node.items.findIndex((it) => {
        const r = (it as Node | null)?.range;
        return !isPair(it) && !!r && off >= r[0] && off <= r[1];
      });
      if (idx < 0) break;
      pointer += '/' + idx;
      keyName = undefined;
      node = node.items[idx] as Node;
    } else break;
  }
  return { doc, pointer, onKey: false, keyName, node };
}
