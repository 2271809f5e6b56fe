// One document's text → its parse: the fast reader for plain block YAML, `yaml` for the rest, with
// the guards hostile input needs (nesting depth before the recursive composer, alias expansion).
// Never throws: a problem becomes part of the result.
import type { Document } from 'yaml';
import { parseYamlDocument, type DocumentPool } from './yamlDocument.js';
import { DocCore } from './docCore.js';
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

export function parseChunk(text: string, limits: ParseLimits, pool?: DocumentPool): DocCore {
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
    const message = (e as Error).message;
    // yaml throws a ReferenceError for both; only the count is an attack, an unknown name is a typo.
    const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec(message);
    const at = firstAliasOffset(text, unresolved?.[1]);
    const bomb = e instanceof ReferenceError && /excessive alias count/i.test(message);
    return new DocCore(text, doc, undefined, {
      ruleId: bomb ? 'yaml-limits' : 'syntax',
      start: at,
      end: at + 1,
      message: bomb
        ? `Aliases expand to too many nodes (more than ${limits.maxAliasCount} per alias): this looks like an alias bomb; the document is not analysed.`
        : unresolved
          ? `YAML syntax error: the alias *${unresolved[1]} refers to no anchor (&${unresolved[1]}) defined before it`
          : `YAML could not be read: ${message}`,
    });
  }
}

/** Offset of the first alias (of `name`, when given), for the finding's position. */
function firstAliasOffset(text: string, name?: string): number {
  if (name !== undefined) {
    const i = text.indexOf(`*${name}`);
    if (i >= 0) return i;
  }
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

const FLOKOA_API_VERSION_LINE = /^apiVersion:[ \t]*["']?agent\.flokoa\.ai\//m;

/**
 * Syntax errors are ours to report only in Flokoa documents: other YAML (CI files, Helm values)
 * gets no diagnostics from us, and a Go template (`{{ }}`) is not YAML until it is rendered.
 */
export function looksLikeFlokoaYaml(text: string): boolean {
  return FLOKOA_API_VERSION_LINE.test(text) && !text.includes('{{');
}
