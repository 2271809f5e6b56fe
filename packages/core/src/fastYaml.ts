// A fast reader for the plain block YAML that manifests are written in: block mappings and
// sequences, plain and quoted one-line scalars, `|` literals, one-line flow collections, comments.
// In one pass it gives what yaml's parse + toJS would give (the value) and the spans yaml's
// syntax tree would give (key and value offsets of every node), at a small fraction of the cost.
// It gives up (returns undefined) on anything else: anchors, aliases, tags, directives, folded or
// multi-line scalars, tabs, mixed line breaks, escapes it does not know, duplicate or non-string keys, merge
// keys, anything yaml would report as an error. Those documents go to `yaml`, which stays the
// parser of record; the differential test (test/fastYaml.test.ts) holds the two to the same answers.
import { isScalar } from 'yaml';
import { YAML_OPTIONS } from './yamlDocument.js';
import { scalarTags } from './yamlInternals.js';

/** What the fast reader makes of a document. */
export interface FastDoc {
  /** The value yaml's `toJS()` would give. */
  value: unknown;
  /** Pre-order node table, NODE_FIELDS numbers per node (see FastSpans). */
  nodes: Int32Array;
  /** The document has contents (not only comments). */
  hasContents: boolean;
}

/** keyStart, keyEnd (-1 for the root and sequence items), valueStart, valueEnd, nodes in subtree. */
const NODE_FIELDS = 5;

class GiveUp {}
const GIVE_UP = new GiveUp();

// The scalar tags of the schema yaml reads our documents with (YAML 1.1 minus timestamps), in
// the order yaml tries them: plain scalars resolve to exactly what yaml resolves them to.
const { tags: TAGS, options: TAG_OPTIONS } = scalarTags(YAML_OPTIONS);
const onTagError = (): void => {
  throw GIVE_UP;
};
/** First characters of plain scalars that some tag other than the string one may claim. */
const MAYBE_TYPED = new Uint8Array(128);
for (const c of '~NnYyTtFfOo-+.0123456789') MAYBE_TYPED[c.charCodeAt(0)] = 1;

function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  if (s.length > 0 && c < 128 && MAYBE_TYPED[c] === 0) return s;
  for (const tag of TAGS) {
    if (tag.test!.test(s)) {
      const r = tag.resolve(s, onTagError, TAG_OPTIONS);
      return isScalar(r) ? r.value : r;
    }
  }
  return s;
}

/** Control characters (other than line breaks), tabs and BOM: left to yaml. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNUSUAL_CHARS = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f\ufeff]/;

const NL = 0x0a;
const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;

/** Reads one document's text; undefined when it is not in the subset this reader handles. */
export function readFastYaml(text: string, maxDepth: number): FastDoc | undefined {
  if (UNUSUAL_CHARS.test(text)) return undefined;
  if (text.includes('\r')) return readCrlf(text, maxDepth);
  const r = new Reader(text, maxDepth);
  try {
    return r.document();
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

/**
 * A document with Windows line breaks (every one of them \r\n, or it is yaml's): read with \n
 * breaks, then every offset moved past the \r of the lines before it.
 */
function readCrlf(text: string, maxDepth: number): FastDoc | undefined {
  const lf = text.replaceAll('\r\n', '\n');
  if (lf.includes('\r')) return undefined;
  const starts = [0];
  for (let i = lf.indexOf('\n'); i >= 0; i = lf.indexOf('\n', i + 1)) starts.push(i + 1);
  if (starts.length - 1 !== text.length - lf.length) return undefined; // some breaks were \n alone
  const doc = readFastYaml(lf, maxDepth);
  if (!doc) return undefined;
  const nodes = doc.nodes;
  for (let i = 0; i < nodes.length; i++) {
    if (i % NODE_FIELDS === 4 || nodes[i] < 0) continue;
    // Line breaks before the offset: the index of the last line starting at or before it.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= nodes[i]) lo = mid;
      else hi = mid - 1;
    }
    nodes[i] += lo;
  }
  return doc;
}

class Reader {
  private readonly nodes: number[] = [];
  /** Set by every node reader: the node's value range, yaml's range[2] (its end with trailing comment and line break), and the start of the next content line (-1 at the end). */
  private vs = 0;
  private ve = 0;
  private end2 = 0;
  private next = -1;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  document(): FastDoc {
    const t = this.text;
    let p = 0;
    if (t.charCodeAt(0) === 0x25 /* % */) throw GIVE_UP;
    if (t.startsWith('---') && (t.length === 3 || t.charCodeAt(3) === SPACE || t.charCodeAt(3) === NL)) {
      p = this.restOfLine(3);
    }
    const start = this.nextContent(p);
    if (start < 0) return { value: null, nodes: new Int32Array(0), hasContents: false };
    const ind = this.indentAt(start);
    const at = this.open(-1, -1);
    const value = this.block(start + ind, ind, 0);
    this.close(at);
    if (this.next >= 0) throw GIVE_UP;
    return { value, nodes: Int32Array.from(this.nodes), hasContents: true };
  }

  // ---- node table ----

  private open(keyStart: number, keyEnd: number): number {
    const at = this.nodes.length;
    this.nodes.push(keyStart, keyEnd, 0, 0, 0);
    return at;
  }

  private close(at: number): void {
    this.nodes[at + 2] = this.vs;
    this.nodes[at + 3] = this.ve;
    this.nodes[at + 4] = (this.nodes.length - at) / NODE_FIELDS;
  }

  // ---- lines ----

  private lineEnd(p: number): number {
    const nl = this.text.indexOf('\n', p);
    return nl < 0 ? this.text.length : nl;
  }

  /** From `p` (after a node), past spaces and a comment to the start of the next line; anything else gives up. */
  private restOfLine(p: number): number {
    const t = this.text;
    let q = p;
    while (t.charCodeAt(q) === SPACE) q++;
    if (q >= t.length) return t.length;
    const c = t.charCodeAt(q);
    if (c === NL) return q + 1;
    if (c === HASH && q > p) {
      const e = this.lineEnd(q);
      return e < t.length ? e + 1 : e;
    }
    throw GIVE_UP;
  }

  /** Start of the first line at or after `p` (a line start) that holds more than spaces and a comment; -1 at the end. */
  private nextContent(p: number): number {
    const t = this.text;
    while (p < t.length) {
      let q = p;
      while (t.charCodeAt(q) === SPACE) q++;
      const c = t.charCodeAt(q);
      if (q >= t.length) return -1;
      if (c === NL) {
        p = q + 1;
        continue;
      }
      if (c === HASH) {
        const e = this.lineEnd(q);
        p = e + 1;
        continue;
      }
      // Document markers inside a document are yaml's business.
      if (q === p && (t.startsWith('---', q) || t.startsWith('...', q))) throw GIVE_UP;
      return p;
    }
    return -1;
  }

  /**
   * yaml's range[2] of a scalar (in a collection at column `col`) whose line ends at `p`: it runs
   * over the comment lines indented past `col` that follow it (blank lines between them too).
   */
  private trailingOfScalar(p: number, col: number): number {
    const t = this.text;
    let end = p;
    let q = p;
    while (q < t.length) {
      const s = q + this.indentAt(q);
      const c = t.charCodeAt(s);
      if (s >= t.length) break;
      if (c === NL) q = s + 1;
      else if (c === HASH && s - q > col) {
        const e = this.lineEnd(s);
        q = end = e < t.length ? e + 1 : e;
      } else break;
    }
    return end;
  }

  /**
   * yaml's range[2] of a block collection at column `col` whose last node ends at `p`. The comment
   * lines that follow (those its last scalar did not take) are held by the innermost collection;
   * when it closes it keeps them, up to the first token of the next content line, if one of them
   * is at its column or deeper, and else hands them to its parent, which decides the same way.
   * Collections at column 0 always hand them on (to the document).
   */
  private trailingOfCollection(p: number, col: number): number {
    const t = this.text;
    if (col === 0) return p;
    let keeps = false;
    let q = p;
    while (q < t.length) {
      const s = q + this.indentAt(q);
      if (s >= t.length) break;
      const c = t.charCodeAt(s);
      if (c === NL) q = s + 1;
      else if (c === HASH) {
        if (s - q >= col) keeps = true;
        const e = this.lineEnd(s);
        q = e < t.length ? e + 1 : e;
      } else break;
    }
    if (!keeps) return p;
    const n = this.nextContent(p);
    return n < 0 ? t.length : n + this.indentAt(n);
  }

  private indentAt(lineStart: number): number {
    let q = lineStart;
    while (this.text.charCodeAt(q) === SPACE) q++;
    return q - lineStart;
  }

  private columnOf(p: number): number {
    return p - (this.text.lastIndexOf('\n', p - 1) + 1);
  }

  private isSeqIndicator(p: number): boolean {
    const t = this.text;
    if (t.charCodeAt(p) !== DASH) return false;
    const c = t.charCodeAt(p + 1);
    return p + 1 >= t.length || c === SPACE || c === NL;
  }

  // ---- block nodes ----

  /** A block collection whose first line starts at `p`, column `col`. */
  private block(p: number, col: number, depth: number): unknown {
    if (this.isSeqIndicator(p)) return this.sequence(p, col, depth);
    if (this.keyEnd(p) >= 0) return this.mapping(p, col, depth);
    throw GIVE_UP;
  }

  private mapping(p: number, col: number, depth: number): Record<string, unknown> {
    if (depth > this.maxDepth) throw GIVE_UP;
    const t = this.text;
    const obj: Record<string, unknown> = {};
    const start = p;
    for (;;) {
      const colon = this.keyEnd(p);
      if (colon < 0) throw GIVE_UP;
      let keyEnd = colon;
      while (t.charCodeAt(keyEnd - 1) === SPACE) keyEnd--;
      const key = this.keyString(p, keyEnd);
      if (Object.prototype.hasOwnProperty.call(obj, key)) throw GIVE_UP;
      const at = this.open(p, keyEnd);
      const value = this.value(colon + 1, col, depth, true);
      this.close(at);
      obj[key] = value;
      p = this.nextEntry(col);
      if (p < 0) break;
      if (this.isSeqIndicator(p)) throw GIVE_UP;
    }
    this.endCollection(start, col);
    return obj;
  }

  /** A block sequence; `indentless` when it sits at its mapping key's own column (`key:\n- item`). */
  private sequence(p: number, col: number, depth: number, indentless = false): unknown[] {
    if (depth > this.maxDepth) throw GIVE_UP;
    const arr: unknown[] = [];
    const start = p;
    for (;;) {
      const at = this.open(-1, -1);
      arr.push(this.value(p + 1, col, depth, false));
      this.close(at);
      p = this.nextEntry(col);
      if (p < 0) break;
      if (!this.isSeqIndicator(p)) {
        if (indentless) break;
        throw GIVE_UP;
      }
    }
    this.endCollection(start, col);
    return arr;
  }

  /** Where the next entry of a block collection at column `col` starts; -1 when the collection ends. */
  private nextEntry(col: number): number {
    const n = this.next;
    if (n < 0) return -1;
    const ind = this.indentAt(n);
    if (ind < col) return -1;
    if (ind > col) throw GIVE_UP;
    return n + ind;
  }

  /** A block collection's range: from its first entry to its last node's range[2], then its own range[2]. */
  private endCollection(start: number, col: number): void {
    this.vs = start;
    this.ve = this.end2;
    this.end2 = this.trailingOfCollection(this.ve, col);
  }

  /** The value after a mapping's `:` or a sequence's `-` at `p`, in a collection at column `col`. */
  private value(p: number, col: number, depth: number, inMap: boolean): unknown {
    const t = this.text;
    let q = p;
    while (t.charCodeAt(q) === SPACE) q++;
    const c = t.charCodeAt(q);
    if (q >= t.length || c === NL || c === HASH) {
      if (c === HASH && q === p) throw GIVE_UP;
      const n = this.nextContent(this.restOfLine(q));
      if (n >= 0) {
        const ind = this.indentAt(n);
        if (ind > col) return this.block(n + ind, ind, depth + 1);
        if (inMap && ind === col && this.isSeqIndicator(n + ind)) return this.sequence(n + ind, ind, depth + 1, true);
      }
      // An empty value: yaml puts a null scalar where the value would have started, whose
      // range[2] runs over any comment lines up to the next content line's first token.
      if (c === HASH) throw GIVE_UP;
      const upTo = n < 0 ? t.length : n + this.indentAt(n);
      const hash = t.indexOf('#', q);
      this.vs = this.ve = q;
      this.end2 = hash >= 0 && hash < upTo ? upTo : q;
      this.next = n;
      return null;
    }
    let value: unknown;
    let end: number;
    switch (c) {
      case 0x7c /* | */:
        return this.literal(q, col);
      case 0x5b /* [ */:
      case 0x7b /* { */:
        value = this.flow(q, depth + 1);
        end = this.ve;
        break;
      case 0x22 /* " */:
      case 0x27 /* ' */: {
        const close = this.quoteEnd(q);
        if (!inMap && this.isKeyAfterQuote(close)) return this.mapping(q, this.columnOf(q), depth + 1);
        value = this.quoted(q, close);
        end = close + 1;
        this.vs = q;
        this.ve = end;
        break;
      }
      default: {
        if (c === DASH && this.isSeqIndicator(q)) {
          if (inMap) throw GIVE_UP;
          return this.sequence(q, this.columnOf(q), depth + 1);
        }
        if (!inMap && this.keyEnd(q) >= 0) return this.mapping(q, this.columnOf(q), depth + 1);
        if (INDICATORS[c] === 1) throw GIVE_UP;
        end = this.plainEnd(q);
        value = resolvePlain(t.slice(q, end));
        this.vs = q;
        this.ve = end;
      }
    }
    this.end2 = this.trailingOfScalar(this.restOfLine(end), col);
    this.next = this.nextContent(this.end2);
    // A more indented line after a scalar continues it (a multi-line scalar) or is an error.
    if (this.next >= 0 && this.indentAt(this.next) > col) throw GIVE_UP;
    return value;
  }

  /** End of a block plain scalar starting at `q` (trailing spaces and a comment excluded). */
  private plainEnd(q: number): number {
    const t = this.text;
    const e = this.lineEnd(q);
    let end = e;
    for (let i = q; i < e; i++) {
      const c = t.charCodeAt(i);
      if (c === COLON && (i + 1 === e || t.charCodeAt(i + 1) === SPACE)) throw GIVE_UP;
      if (c === HASH && t.charCodeAt(i - 1) === SPACE) {
        end = i;
        break;
      }
    }
    while (end > q && t.charCodeAt(end - 1) === SPACE) end--;
    return end;
  }

  /** `|` or `|-` literal scalars; keep (`|+`), explicit indentation and whitespace-only lines are yaml's. */
  private literal(q: number, col: number): string {
    const t = this.text;
    let h = q + 1;
    let strip = false;
    if (t.charCodeAt(h) === DASH) {
      strip = true;
      h++;
    }
    const hc = t.charCodeAt(h);
    if (h < t.length && hc !== SPACE && hc !== NL) throw GIVE_UP;
    let line = this.restOfLine(h);
    let indent = -1;
    const lines: string[] = [];
    let lastContentEnd = -1;
    let blanks = 0;
    while (line < t.length) {
      const e = this.lineEnd(line);
      if (e === line) {
        blanks++;
        line = e + 1;
        continue;
      }
      const ind = this.indentAt(line);
      if (ind === e - line) throw GIVE_UP; // spaces only
      if (indent < 0) {
        if (ind <= col) break;
        indent = ind;
      } else if (ind < indent) break;
      for (; blanks > 0; blanks--) lines.push('');
      lines.push(t.slice(line + indent, e));
      lastContentEnd = e;
      line = e + 1;
    }
    if (indent < 0) throw GIVE_UP; // an empty literal
    this.vs = q;
    this.ve = this.end2 = lastContentEnd < t.length ? lastContentEnd + 1 : lastContentEnd;
    // Whether yaml counts a comment indented past the parent (but not into the literal) as the literal's: unknown, so not guessed.
    if (this.trailingOfScalar(this.end2, col) !== this.end2) throw GIVE_UP;
    this.next = this.nextContent(this.end2);
    if (this.next >= 0 && this.indentAt(this.next) > col) throw GIVE_UP;
    const body = lines.join('\n');
    return strip ? body : body + '\n';
  }

  // ---- keys ----

  /** Offset of the `:` that ends an implicit key starting at `p`, or -1 when the line holds no key. */
  private keyEnd(p: number): number {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === 0x22 || c === 0x27) {
      const close = this.quoteEndOrNot(p);
      return close >= 0 && this.isKeyAfterQuote(close) ? this.colonAfter(close + 1) : -1;
    }
    if (INDICATORS[c] === 1 || c === DASH || c === COLON) return -1;
    const e = this.lineEnd(p);
    for (let i = p + 1; i < e; i++) {
      const ch = t.charCodeAt(i);
      if (ch === COLON) {
        if (i + 1 === e || t.charCodeAt(i + 1) === SPACE) return i - p > 1024 ? -1 : i;
      } else if (ch === HASH && t.charCodeAt(i - 1) === SPACE) return -1;
    }
    return -1;
  }

  private colonAfter(p: number): number {
    let q = p;
    while (this.text.charCodeAt(q) === SPACE) q++;
    return q;
  }

  private isKeyAfterQuote(close: number): boolean {
    const t = this.text;
    const q = this.colonAfter(close + 1);
    if (t.charCodeAt(q) !== COLON) return false;
    const c = t.charCodeAt(q + 1);
    return q + 1 >= t.length || c === SPACE || c === NL;
  }

  private keyString(start: number, end: number): string {
    const c = this.text.charCodeAt(start);
    let key: unknown;
    if (c === 0x22 || c === 0x27) {
      key = this.quoted(start, end - 1);
    } else {
      const raw = this.text.slice(start, end);
      key = resolvePlain(raw);
      if (key !== raw) throw GIVE_UP;
    }
    if (typeof key !== 'string' || key === '__proto__' || key === '<<' || end - start > 1024) throw GIVE_UP;
    return key;
  }

  // ---- quoted scalars ----

  private quoteEndOrNot(q: number): number {
    try {
      return this.quoteEnd(q);
    } catch (e) {
      if (e === GIVE_UP) return -1;
      throw e;
    }
  }

  /** Offset of the closing quote of a one-line quoted scalar opening at `q`. */
  private quoteEnd(q: number): number {
    const t = this.text;
    const quote = t.charCodeAt(q);
    const e = this.lineEnd(q);
    for (let i = q + 1; i < e; i++) {
      const c = t.charCodeAt(i);
      if (quote === 0x22 && c === 0x5c /* \ */) i++;
      else if (c === quote) {
        if (quote === 0x27 && t.charCodeAt(i + 1) === 0x27) i++;
        else return i;
      }
    }
    throw GIVE_UP;
  }

  private quoted(q: number, close: number): string {
    const t = this.text;
    const body = t.slice(q + 1, close);
    if (t.charCodeAt(q) === 0x27) return body.includes("''") ? body.replaceAll("''", "'") : body;
    if (!body.includes('\\')) return body;
    let out = '';
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if (c !== '\\') {
        out += c;
        continue;
      }
      const esc = ESCAPES[body[++i]];
      if (esc === undefined) throw GIVE_UP;
      out += esc;
    }
    return out;
  }

  // ---- one-line flow collections ----

  /** A one-line flow collection opening at `q` (its node is already open). */
  private flow(q: number, depth: number): unknown {
    if (depth > this.maxDepth) throw GIVE_UP;
    const t = this.text;
    const seq = t.charCodeAt(q) === 0x5b;
    const closing = seq ? 0x5d : 0x7d;
    const out: unknown = seq ? [] : {};
    let p = this.flowSpaces(q + 1);
    if (t.charCodeAt(p) !== closing) {
      for (;;) {
        if (seq) {
          const item = this.open(-1, -1);
          (out as unknown[]).push(this.flowNode(p, depth));
          this.close(item);
        } else {
          const keyStart = p;
          let keyEnd: number;
          const c = t.charCodeAt(p);
          if (c === 0x22 || c === 0x27) keyEnd = this.quoteEnd(p) + 1;
          else keyEnd = this.flowPlainEnd(p);
          const colon = this.flowSpaces(keyEnd);
          const after = t.charCodeAt(colon + 1);
          if (t.charCodeAt(colon) !== COLON || (after !== SPACE && colon + 1 < t.length)) throw GIVE_UP;
          const key = this.keyString(keyStart, keyEnd);
          if (Object.prototype.hasOwnProperty.call(out, key)) throw GIVE_UP;
          const entry = this.open(keyStart, keyEnd);
          (out as Record<string, unknown>)[key] = this.flowNode(this.flowSpaces(colon + 1), depth);
          this.close(entry);
        }
        p = this.flowSpaces(this.ve);
        const c = t.charCodeAt(p);
        if (c === closing) break;
        if (c !== 0x2c /* , */) throw GIVE_UP;
        p = this.flowSpaces(p + 1);
        if (t.charCodeAt(p) === 0x5d || t.charCodeAt(p) === 0x7d) throw GIVE_UP; // trailing comma
      }
    }
    // The caller opened this collection's node; its items were added under it.
    this.vs = q;
    this.ve = p + 1;
    return out;
  }

  private flowSpaces(p: number): number {
    const t = this.text;
    while (t.charCodeAt(p) === SPACE) p++;
    if (p >= t.length || t.charCodeAt(p) === NL) throw GIVE_UP; // flow across lines
    return p;
  }

  private flowNode(p: number, depth: number): unknown {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === 0x5b || c === 0x7b) return this.flow(p, depth + 1);
    if (c === 0x22 || c === 0x27) {
      const close = this.quoteEnd(p);
      this.vs = p;
      this.ve = close + 1;
      return this.quoted(p, close);
    }
    const end = this.flowPlainEnd(p);
    this.vs = p;
    this.ve = end;
    return resolvePlain(t.slice(p, end));
  }

  /** End of a plain scalar in a flow collection; empty ones, and ones holding `: `, are yaml's. */
  private flowPlainEnd(p: number): number {
    const t = this.text;
    const c0 = t.charCodeAt(p);
    const c1 = t.charCodeAt(p + 1);
    // A `-` not followed by a character a plain scalar may hold is a sequence indicator to yaml.
    if (INDICATORS[c0] === 1 || c0 === COLON || (c0 === DASH && (p + 1 >= t.length || c1 === SPACE || c1 === NL || FLOW_ENDS[c1] === 1)))
      throw GIVE_UP;
    let i = p;
    for (; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === NL || c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) break;
      if (c === COLON) {
        const n = t.charCodeAt(i + 1);
        if (n === SPACE || n === 0x2c || n === 0x5d || n === 0x7d || n === NL) break;
      }
      if (c === HASH && t.charCodeAt(i - 1) === SPACE) throw GIVE_UP;
    }
    let end = i;
    while (end > p && t.charCodeAt(end - 1) === SPACE) end--;
    if (end === p) throw GIVE_UP;
    return end;
  }
}

/** Characters a plain scalar may not start with here (indicators, and ones left to yaml). */
const INDICATORS = new Uint8Array(128);
for (const c of '#&*!|>\'"%@`,[]{}?') INDICATORS[c.charCodeAt(0)] = 1;

const FLOW_ENDS = new Uint8Array(128);
for (const c of ',[]{}') FLOW_ENDS[c.charCodeAt(0)] = 1;

const ESCAPES: Record<string, string> = {
  '\\': '\\',
  '"': '"',
  '/': '/',
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  b: '\b',
  f: '\f',
  ' ': ' ',
};

// ---- spans ----

export interface FastSpan {
  key?: [number, number];
  value: [number, number];
}

/**
 * The span of the node at a JSON pointer (segments already split), from the node table of a
 * document read by readFastYaml; the same answer spanAt gives from yaml's tree.
 */
export function fastSpanAt(doc: FastDoc, text: string, segments: string[]): FastSpan | undefined {
  const nodes = doc.nodes;
  if (nodes.length === 0) return undefined;
  let at = 0;
  let value: unknown = doc.value;
  for (const seg of segments) {
    if (Array.isArray(value)) {
      if (!/^\d+$/.test(seg)) return undefined;
      const i = Number(seg);
      if (i >= value.length) return undefined;
      let child = at + NODE_FIELDS;
      for (let j = 0; j < i; j++) child += nodes[child + 4] * NODE_FIELDS;
      at = child;
      value = value[i];
    } else if (value !== null && typeof value === 'object') {
      if (!Object.prototype.hasOwnProperty.call(value, seg)) return undefined;
      const end = at + nodes[at + 4] * NODE_FIELDS;
      let child = at + NODE_FIELDS;
      for (; child < end; child += nodes[child + 4] * NODE_FIELDS) {
        if (keyText(text, nodes[child], nodes[child + 1]) === seg) break;
      }
      if (child >= end) return undefined;
      at = child;
      value = (value as Record<string, unknown>)[seg];
    } else {
      return undefined;
    }
  }
  return {
    key: nodes[at] >= 0 ? [nodes[at], nodes[at + 1]] : undefined,
    value: [nodes[at + 2], nodes[at + 3]],
  };
}

function keyText(text: string, start: number, end: number): string {
  const c = text.charCodeAt(start);
  if (c !== 0x22 && c !== 0x27) return text.slice(start, end);
  const body = text.slice(start + 1, end - 1);
  if (c === 0x27) return body.replaceAll("''", "'");
  return body.includes('\\') ? body.replace(/\\(.)/g, (_, e: string) => ESCAPES[e] ?? e) : body;
}
