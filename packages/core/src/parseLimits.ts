// The cost limits every parse is held to, and the cheap scans that check them before a parser
// runs: a file's size, a document's nesting depth (yaml's composer recurses per level) and the
// number of values (yaml spends about 7 µs and 1 KB on each: 2.5 million values in a 4.9 MB
// flow-style file took 24 s and 2.5 GB). Aliases are bounded by yaml's own count.

export interface ParseLimits {
  /** Larger files are not parsed at all (characters). */
  maxFileSize: number;
  /**
   * Values (nodes) a document may hold, and the documents of a file that yaml reads (those the
   * fast reader does not take) may hold together. Beyond it the document, or the file, is not analysed.
   */
  maxValues: number;
  /** Estimated nesting depth (flow brackets, indentation columns / 2) beyond which a document is skipped. */
  maxDepth: number;
  /** yaml's bound on alias expansion (alias bombs). */
  maxAliasCount: number;
}

// 200,000 values: about 1.5 s and 200 MB in yaml at most; a manifest holds a few values per line
// (Flokoa's largest CRD, 450 KB, holds 14,000).
export const DEFAULT_LIMITS: ParseLimits = { maxFileSize: 5 * 1024 * 1024, maxValues: 200_000, maxDepth: 200, maxAliasCount: 100 };

/** The finding of a file whose documents left to yaml hold more values than the limit. */
export function fileValuesMessage(limits: ParseLimits): string {
  return (
    `This file holds more than ${limits.maxValues.toLocaleString('en')} values (list items, keys, flow entries) in YAML that needs ` +
    'the full parser (tags, anchors, tabs, flow collections or scalars over several lines): not analysed. ' +
    'Split it into smaller files, or write it as plain block YAML.'
  );
}

const NL = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const DASH = 0x2d;
const QUESTION = 0x3f;
const HASH = 0x23;
const COLON = 0x3a;
const COMMA = 0x2c;
const DQ = 0x22;
const SQ = 0x27;

const isBlank = (c: number): boolean => c === SPACE || c === TAB || c === NL || c === CR || Number.isNaN(c);
const isFlowEnd = (c: number): boolean => c === COMMA || c === 0x5d || c === 0x7d;

/**
 * About how many values a document's parse makes: one for each line's first node, block sequence
 * entry, mapping value indicator (`: `), flow collection and flow entry. Comments, quoted text and
 * the lines of block scalars (`|`, `>`) count for nothing. Each counted character is a different
 * one, so the count is at most the text's length. Counting stops once it is past `stopAbove`.
 */
export function countValues(text: string, stopAbove = Infinity): number {
  const len = text.length;
  let n = 0;
  let flow = 0;
  for (let i = 0; i < len && n <= stopAbove; i++) {
    // The start of a line: indentation, block sequence entries and explicit keys.
    const lineStart = i;
    let indicator = -1; // column of the last `- ` or `? `: a block scalar right after it belongs to it
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB) i++;
      else if ((c === DASH || c === QUESTION) && flow === 0 && isBlank(text.charCodeAt(i + 1))) {
        indicator = i - lineStart;
        n++;
        i++;
      } else break;
    }
    const contentStart = i;
    const first = text.charCodeAt(i);
    if (i >= len || first === NL) continue;
    // Unless the first character counts itself below (a flow collection, a value indicator).
    const countsItself = first === 0x5b || first === 0x7b || (first === COLON && isBlank(text.charCodeAt(i + 1)));
    if (first !== HASH && first !== CR && flow === 0 && !countsItself) n++;
    let last = -1;
    for (; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c === NL) break;
      if (c === HASH && (i === contentStart || isBlank(text.charCodeAt(i - 1)))) {
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? len : nl;
        break;
      }
      if ((c === DQ || c === SQ) && (flow > 0 || i === contentStart || /[\s:[{,]/.test(text[i - 1]))) {
        const close = c === DQ ? findDoubleQuoteEnd(text, i + 1) : findSingleQuoteEnd(text, i + 1);
        if (close < 0) return n; // the rest is one unterminated string
        i = last = close;
        continue;
      }
      if (c === 0x5b || c === 0x7b) {
        flow++;
        n++;
      } else if ((c === 0x5d || c === 0x7d) && flow > 0) flow--;
      else if (c === COMMA && flow > 0) n++;
      else if (c === COLON && (isBlank(text.charCodeAt(i + 1)) || (flow > 0 && isFlowEnd(text.charCodeAt(i + 1))))) n++;
      if (!isBlank(c)) last = i;
    }
    const header = flow === 0 && last >= 0 ? blockScalarHeader(text, last, contentStart) : -1;
    // Its parent: the mapping of its key, else its `- ` or `? `, else at most one column left of it.
    const column = contentStart - lineStart;
    const parent = header > contentStart ? column : indicator >= 0 ? indicator : column - 1;
    if (header >= 0) i = skipBlockScalar(text, i, parent);
  }
  return n;
}

/** Where a block scalar header (`|`, `>-`, `|2+`…) ending at a line's last character starts, or -1. */
function blockScalarHeader(text: string, last: number, contentStart: number): number {
  let p = last;
  while (p > last - 2 && p > contentStart && /[0-9+-]/.test(text[p])) p--;
  const c = text.charCodeAt(p);
  return (c === 0x7c || c === 0x3e) && (p === contentStart || isBlank(text.charCodeAt(p - 1))) ? p : -1;
}

/**
 * From the line break after a block scalar's header to the line break before its first line that
 * is not its content: its content is indented as its first line, which is indented more than its
 * parent (`parent` is at least the parent's column, so that no line yaml reads as more than the
 * scalar is ever skipped).
 */
function skipBlockScalar(text: string, nl: number, parent: number): number {
  let content = -1;
  let i = nl;
  while (i < text.length) {
    let j = i + 1;
    while (text.charCodeAt(j) === SPACE) j++;
    const c = text.charCodeAt(j);
    const blank = j >= text.length || c === NL || (c === CR && text.charCodeAt(j + 1) === NL);
    if (!blank) {
      const indent = j - (i + 1);
      if (content < 0) content = indent > parent ? indent : Infinity;
      if (indent < content) return i;
    }
    const next = text.indexOf('\n', j);
    if (next < 0) return text.length;
    i = next;
  }
  return i;
}

/**
 * Offset where nesting exceeds the limit, or -1. The yaml composer recurses per level and a few
 * thousand levels exhaust the process, so this runs before it: flow brackets outside quotes and
 * comments, and block indentation (two columns a level).
 */
export function findExcessiveNesting(text: string, maxDepth: number): number {
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

function findSingleQuoteEnd(text: string, from: number): number {
  for (let i = text.indexOf("'", from); i >= 0; i = text.indexOf("'", i + 2)) {
    if (text.charCodeAt(i + 1) !== SQ) return i;
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
