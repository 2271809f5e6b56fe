// Documents' texts → their parses: the fast reader for plain block YAML, `yaml` for the rest, with
// the guards hostile input needs (parseLimits.ts: values per document and per file before yaml
// reads any, nesting depth before its recursive composer; alias expansion). Never throws: a
// problem becomes part of the result.
import type { Document } from 'yaml';
import { parseYamlDocument, type DocumentPool } from './yamlDocument.js';
import { DocCore } from './docCore.js';
import { readFastYaml } from './fastYaml.js';
import { countValues, findExcessiveNesting, type ParseLimits } from './parseLimits.js';

export { DEFAULT_LIMITS, type ParseLimits } from './parseLimits.js';

/** A document the fast reader did not take: yaml will read it, for about `cost` values. */
interface SlowChunk {
  text: string;
  cost: number;
}

/**
 * Parses documents' texts: the fast reader's first, then yaml's for the rest. Undefined when the
 * ones left to yaml hold more than `budget` values together (then yaml reads none of them).
 */
export function parseChunks(texts: string[], limits: ParseLimits, pool: DocumentPool | undefined, budget: number): DocCore[] | undefined {
  const read = texts.map((t) => readChunk(t, limits, pool));
  let cost = 0;
  for (const r of read) if (!(r instanceof DocCore)) cost += r.cost;
  if (cost > budget) return undefined;
  return read.map((r) => (r instanceof DocCore ? r : parseSlowChunk(r, limits, pool)));
}

/** The parse when the fast reader or a limit settles it, else what yaml will have to read. */
function readChunk(text: string, limits: ParseLimits, pool?: DocumentPool): DocCore | SlowChunk {
  // A document holds fewer values than characters: only long ones are counted before reading.
  const values = text.length > limits.maxValues ? countValues(text, limits.maxValues) : undefined;
  if (values !== undefined && values > limits.maxValues) {
    return new DocCore(text, undefined, undefined, {
      ruleId: 'yaml-limits',
      start: 0,
      end: 0,
      message: `This document holds more than ${limits.maxValues.toLocaleString('en')} values (list items, keys, flow entries): not analysed. Split it into smaller documents.`,
    });
  }
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
  return { text, cost: values ?? countValues(text) };
}

function parseSlowChunk({ text, cost }: SlowChunk, limits: ParseLimits, pool?: DocumentPool): DocCore {
  const core = parseWithYaml(text, limits, pool);
  core.yamlCost = cost;
  return core;
}

function parseWithYaml(text: string, limits: ParseLimits, pool?: DocumentPool): DocCore {
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

const FLOKOA_API_VERSION_LINE = /^apiVersion:[ \t]*["']?agent\.flokoa\.ai\//m;

/**
 * Syntax errors are ours to report only in Flokoa documents: other YAML (CI files, Helm values)
 * gets no diagnostics from us, and a Go template (`{{ }}`) is not YAML until it is rendered.
 */
export function looksLikeFlokoaYaml(text: string): boolean {
  return FLOKOA_API_VERSION_LINE.test(text) && !text.includes('{{');
}
