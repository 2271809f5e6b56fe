// A fast reader for the plain block YAML that manifests are written in: block mappings and
// sequences, plain and quoted one-line scalars, `|` literals, one-line flow collections, comments.
// In one pass it gives what yaml's parse + toJS would give (the value) and the spans yaml's
// syntax tree would give (key and value offsets of every node), at a small fraction of the cost.
// It gives up (returns undefined) on anything else: anchors, aliases, tags, directives, folded or
// multi-line scalars, tabs, mixed line breaks, escapes it does not know, duplicate or non-string keys, merge
// keys, anything yaml would report as an error. Those documents go to `yaml`, which stays the
// parser of record; the differential test (test/fastYaml.test.ts) holds the two to the same answers.
import {
  COLON,
  DASH,
  FLOW_ENDS,
  GIVE_UP,
  HASH,
  INDICATORS,
  LineReader,
  NL,
  NODE_FIELDS,
  SPACE,
  nodeTableFits,
  UNUSUAL_CHARS,
  resolvePlain,
  type FastDoc,
} from './fastYamlLexer.js';

export type { FastDoc } from './fastYamlLexer.js';

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
  const read = readFastYaml(lf, maxDepth);
  if (!read) return undefined;
  // The offsets grow by the \r before them: 2 bytes may no longer hold them.
  const doc = nodeTableFits(text.length) ? read : { ...read, nodes: Int32Array.from(read.nodes) };
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

class Reader extends LineReader {
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
    return { value, nodes: this.nodeTable(), hasContents: true };
  }

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
