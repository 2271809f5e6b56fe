// One document's parse (text, value, syntax tree on demand or the fast reader's node table) and
// the source positions within it. Offsets are local to the document and lines relative to its
// first line, so a document reused by an incremental reparse needs no rework when an edit above
// it moves it down.
import type { Document } from 'yaml';
import type { Position, Range } from './model.js';
import { parseYamlDocument, type DocumentPool } from './yamlDocument.js';
import type { FastDoc } from './fastYamlLexer.js';
import { fastSpanAt } from './fastYamlSpans.js';
import { spanAt } from './yamlSpans.js';
import { splitPointer } from './pointer.js';

/** The parse of one document's text, shared by every ParsedFile in which that text reappears. */
export class DocCore {
  private lineStartsCache: Uint16Array | Uint32Array | undefined;
  /** The syntax tree; null when released to the pool and not needed since. */
  private tree: Document | undefined | null;
  /** The document has contents (not only comments). */
  readonly hasContents: boolean;
  /** The values yaml read to parse it (0 when the fast reader did): its share of the file's budget. */
  yamlCost = 0;
  constructor(
    readonly text: string,
    doc: Document | undefined,
    readonly value: unknown,
    /** Syntax or limit problem, in offsets within `text`. */
    readonly problem: { ruleId: string; message: string; start: number; end: number } | undefined,
    private readonly pool?: DocumentPool,
    /** The fast reader's node table, when it read the document (then the tree is built only on demand). */
    private readonly fast?: FastDoc,
  ) {
    this.tree = fast ? null : doc;
    this.hasContents = fast ? fast.hasContents : !!doc?.contents;
  }

  /**
   * Hands the tree to the pool. Not done on construction: a file's documents are all parsed
   * before any is indexed, and a file with more documents than the pool holds would otherwise
   * lose the first trees before their ranges were looked up, and parse them twice.
   */
  enlist(): void {
    if (this.tree) this.pool?.touch(this);
  }

  /** The yaml syntax tree (parsed again if the pool released it). */
  get doc(): Document | undefined {
    if (this.tree === null) this.tree = parseYamlDocument(this.text);
    this.pool?.touch(this);
    return this.tree;
  }

  /** Spans come from the syntax tree and are remembered (else from the fast reader's node table). */
  get remembersSpans(): boolean {
    return !this.fast;
  }

  /** Drops the syntax tree; only trees that can be rebuilt from the text are dropped. */
  release(): void {
    if (this.tree) this.tree = null;
  }

  /** Spans already looked up survive the tree's release (null: the path is absent). */
  private spans: Map<string, StoredSpan | null> | undefined;

  /** Offsets of the key and value at a pointer, remembered for the next time. */
  span(pointer: string): Span | undefined {
    // The node table answers at once: nothing to remember.
    if (this.fast) return fastSpanAt(this.fast, this.text, splitPointer(pointer));
    let known = this.spans?.get(pointer);
    if (known === undefined) {
      const s = spanAt(this.doc, pointer);
      known = s ? { keyStart: s.key ? s.key[0] : -1, keyEnd: s.key ? s.key[1] : -1, valueStart: s.value[0], valueEnd: s.value[1] } : null;
      (this.spans ??= new Map()).set(pointer, known);
    }
    if (!known) return undefined;
    return {
      key: known.keyStart >= 0 ? [known.keyStart, known.keyEnd] : undefined,
      value: [known.valueStart, known.valueEnd],
    };
  }

  /**
   * Offsets of the line starts, worked out on the first position asked for and kept as 2 bytes a
   * line where the document allows (an array of numbers took 8, and every document of a large
   * workspace kept one).
   */
  private lineStarts(): Uint16Array | Uint32Array {
    if (!this.lineStartsCache) {
      const t = this.text;
      let n = 1;
      for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) n++;
      const starts = t.length < 0x10000 ? new Uint16Array(n) : new Uint32Array(n);
      let k = 1;
      for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) starts[k++] = i + 1;
      this.lineStartsCache = starts;
    }
    return this.lineStartsCache;
  }

  /** Position of the end of the text (line relative to the first), without keeping the line starts. */
  endPosition(): Position {
    const t = this.text;
    let line = 0;
    for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) line++;
    return { line, character: t.length - (t.lastIndexOf('\n') + 1) };
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  /** Position of a local offset, `lineShift` lines down. */
  position(offset: number, lineShift: number): Position {
    const starts = this.lineStarts();
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + lineShift, character: o - starts[lo] };
  }

  range(start: number, end: number, lineShift: number): Range {
    return { start: this.position(start, lineShift), end: this.position(end, lineShift) };
  }

  /** Local offset of a position given relative to the document's first line. */
  offset(line: number, character: number): number {
    const starts = this.lineStarts();
    if (line < 0) return 0;
    if (line >= starts.length) return this.text.length;
    const next = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    return Math.min(starts[line] + Math.max(0, character), next);
  }
}

/**
 * A remembered span as four numbers in one object (keyStart -1: no key). A workspace keeps
 * several per document, and the two-array shape of Span weighs about four times as much.
 */
interface StoredSpan {
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

export interface Span {
  key?: [number, number];
  value: [number, number];
}
