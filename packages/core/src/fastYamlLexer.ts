// The fast YAML reader's lexical layer: the node table, the characters it knows, plain-scalar
// resolution through yaml's own tags, and a line-oriented base (lines, indentation, comments,
// keys and quoted scalars) for the block and flow reader in fastYaml.ts.
import { isScalar } from 'yaml';
import { YAML_OPTIONS } from './yamlDocument.js';
import { scalarTags } from './yamlInternals.js';

/** What the fast reader makes of a document. */
export interface FastDoc {
  /** The value yaml's `toJS()` would give. */
  value: unknown;
  /**
   * Pre-order node table, NODE_FIELDS numbers per node (see FastSpans): 2 bytes a number when the
   * text is short enough (every document of a workspace keeps its table), else 4.
   */
  nodes: Int16Array | Int32Array;
  /** The document has contents (not only comments). */
  hasContents: boolean;
}

/** keyStart, keyEnd (-1 for the root and sequence items), valueStart, valueEnd, nodes in subtree. */
export const NODE_FIELDS = 5;

class GiveUp {}
export const GIVE_UP = new GiveUp();

// The scalar tags of the schema yaml reads our documents with (YAML 1.1 minus timestamps), in
// the order yaml tries them: plain scalars resolve to exactly what yaml resolves them to.
const { tags: TAGS, options: TAG_OPTIONS } = scalarTags(YAML_OPTIONS);
const onTagError = (): void => {
  throw GIVE_UP;
};
/** First characters of plain scalars that some tag other than the string one may claim. */
export const MAYBE_TYPED = new Uint8Array(128);
for (const c of '~NnYyTtFfOo-+.0123456789') MAYBE_TYPED[c.charCodeAt(0)] = 1;

export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  if (s.length > 0 && c < 128 && MAYBE_TYPED[c] === 0) return intern(s);
  for (let i = 0; i < TAGS.length; i++) {
    const tag = TAGS[i]!;
    if (tag.test!.test(s)) {
      const r = tag.resolve(s, onTagError, TAG_OPTIONS);
      return isScalar(r) ? r.value : r;
    }
  }
  return intern(s);
}

/**
 * Short string values, one copy each: manifests repeat them (`standard`, `http`, `500m`, kinds,
 * API versions, namespaces), and a workspace of 50,000 documents kept about 25 MB of copies. A
 * bounded table, emptied when full: it holds the values of the documents read recently.
 */
const INTERNED = new Map<string, string>();
const MAX_INTERNED = 20_000;
const MAX_INTERNED_LENGTH = 64;

export function intern(s: string): string {
  if (s.length > MAX_INTERNED_LENGTH) return s;
  const known = INTERNED.get(s);
  if (known !== undefined) return known;
  if (INTERNED.size >= MAX_INTERNED) INTERNED.clear();
  // V8 makes a slice of 13 characters or more a view that keeps the whole text alive: the table
  // keeps a copy of its own, or it would hold on to texts long edited or closed.
  const own = s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
  INTERNED.set(own, own);
  return own;
}

/** Control characters (other than line breaks), tabs and BOM: left to yaml. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const UNUSUAL_CHARS = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f\ufeff]/;

export const NL = 0x0a;
export const SPACE = 0x20;
export const HASH = 0x23;
export const COLON = 0x3a;
export const DASH = 0x2d;

/** Characters a plain scalar may not start with here (indicators, and ones left to yaml). */
export const INDICATORS = new Uint8Array(128);
for (const c of '#&*!|>\'"%@`,[]{}?') INDICATORS[c.charCodeAt(0)] = 1;

export const FLOW_ENDS = new Uint8Array(128);
for (const c of ',[]{}') FLOW_ENDS[c.charCodeAt(0)] = 1;

export const ESCAPES: Record<string, string> = {
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

/** Lines, indentation, comments, keys and quoted scalars of one document's text, and the node table being built. */
/**
 * The node table being built, shared by every read (one at a time: reading is synchronous and
 * does not nest); a document's own table is copied out of it at the end. Growing a fresh array
 * per document was garbage the size of the table, several times over.
 */
let scratch = new Int32Array(4096);

/** Whether a text's offsets (and node counts, fewer than its characters) fit a 2-byte table (-1 marks no key). */
export function nodeTableFits(textLength: number): boolean {
  return textLength < 0x7fff;
}

export abstract class LineReader {
  /** Numbers written to `scratch`. */
  protected size = 0;
  /** Set by every node reader: the node's value range, yaml's range[2] (its end with trailing comment and line break), and the start of the next content line (-1 at the end). */
  protected vs = 0;
  protected ve = 0;
  protected end2 = 0;
  protected next = -1;

  constructor(
    protected readonly text: string,
    protected readonly maxDepth: number,
  ) {}

  // ---- node table ----

  protected open(keyStart: number, keyEnd: number): number {
    const at = this.size;
    if (at + NODE_FIELDS > scratch.length) {
      const grown = new Int32Array(scratch.length * 2);
      grown.set(scratch);
      scratch = grown;
    }
    scratch[at] = keyStart;
    scratch[at + 1] = keyEnd;
    this.size = at + NODE_FIELDS;
    return at;
  }

  protected close(at: number): void {
    scratch[at + 2] = this.vs;
    scratch[at + 3] = this.ve;
    scratch[at + 4] = (this.size - at) / NODE_FIELDS;
  }

  /** The document's node table, out of the shared one: 2 bytes a number when its text allows. */
  protected nodeTable(): Int16Array | Int32Array {
    const table = nodeTableFits(this.text.length) ? new Int16Array(this.size) : new Int32Array(this.size);
    table.set(scratch.subarray(0, this.size));
    // A very large document's table is not kept around for the small ones after it.
    if (scratch.length > 0x10000) scratch = new Int32Array(4096);
    return table;
  }

  // ---- lines ----

  protected lineEnd(p: number): number {
    const nl = this.text.indexOf('\n', p);
    return nl < 0 ? this.text.length : nl;
  }

  /** From `p` (after a node), past spaces and a comment to the start of the next line; anything else gives up. */
  protected restOfLine(p: number): number {
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
  protected nextContent(p: number): number {
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
  protected trailingOfScalar(p: number, col: number): number {
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
  protected trailingOfCollection(p: number, col: number): number {
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

  protected indentAt(lineStart: number): number {
    let q = lineStart;
    while (this.text.charCodeAt(q) === SPACE) q++;
    return q - lineStart;
  }

  protected columnOf(p: number): number {
    return p - (this.text.lastIndexOf('\n', p - 1) + 1);
  }

  protected isSeqIndicator(p: number): boolean {
    const t = this.text;
    if (t.charCodeAt(p) !== DASH) return false;
    const c = t.charCodeAt(p + 1);
    return p + 1 >= t.length || c === SPACE || c === NL;
  }

  // ---- block nodes ----

  /** A block collection whose first line starts at `p`, column `col`. */

  // ---- keys ----

  /** Offset of the `:` that ends an implicit key starting at `p`, or -1 when the line holds no key. */
  protected keyEnd(p: number): number {
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

  protected colonAfter(p: number): number {
    let q = p;
    while (this.text.charCodeAt(q) === SPACE) q++;
    return q;
  }

  protected isKeyAfterQuote(close: number): boolean {
    const t = this.text;
    const q = this.colonAfter(close + 1);
    if (t.charCodeAt(q) !== COLON) return false;
    const c = t.charCodeAt(q + 1);
    return q + 1 >= t.length || c === SPACE || c === NL;
  }

  protected keyString(start: number, end: number): string {
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

  protected quoteEndOrNot(q: number): number {
    try {
      return this.quoteEnd(q);
    } catch (e) {
      if (e === GIVE_UP) return -1;
      throw e;
    }
  }

  /** Offset of the closing quote of a one-line quoted scalar opening at `q`. */
  protected quoteEnd(q: number): number {
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

  protected quoted(q: number, close: number): string {
    const t = this.text;
    const body = t.slice(q + 1, close);
    if (t.charCodeAt(q) === 0x27) return intern(body.includes("''") ? body.replaceAll("''", "'") : body);
    if (!body.includes('\\')) return intern(body);
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
}
