// The incremental parse. Where the texts differ is given (an editor's change) or found with native
// string comparisons (a common prefix and suffix); the chunks from one before the one holding the first change to one after
// the first that starts past the last change are split again (a `---` line or directive next to
// a change may have appeared or gone) and parsed again where their text is new. The chunks
// before are kept as they are, those after are kept and moved in place: an edit costs the
// documents it touched, not the file. The region's text is made from its chunks' own texts; given
// the change, the file's new text is not even made until someone reads it.
import type { Position } from './model.js';
import type { DocumentPool } from './yamlDocument.js';
import type { DocCore } from './docCore.js';
import {
  addChunk,
  joinedText,
  lastAtOrBefore,
  problemFindings,
  refusedFile,
  type Doc,
  type EmptyChunk,
  type ParsedDoc,
  type ParsedFile,
} from './parsedFile.js';
import { commonPrefix, commonSuffix, detached, split } from './chunking.js';
import { parseChunks, type ParseLimits } from './parseChunk.js';
import { fileValuesMessage } from './parseLimits.js';

/** A replacement in a text: offsets `start` to `end` of the old text became `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

export function reparse(
  uri: string,
  /** The new text; undefined with `given`, when it is joined from the documents if ever read. */
  text: string | undefined,
  previous: ParsedFile,
  limits: ParseLimits,
  pool?: DocumentPool,
  given?: TextChange,
): ParsedFile {
  const change = given ?? diff(previous.text, text!);
  const prefix = change.start;
  const oldEnd = change.end;
  const delta = change.text.length - (oldEnd - prefix);
  const [regionStart, regionEnd] = regionOf(previous, prefix, oldEnd);
  // A region reaching the end of the file takes everything to it (an empty last chunk included).
  const cut = regionEnd < previous.length ? regionEnd : Infinity;
  const docs = partition(previous.docs, regionStart, cut);
  const empties = partition(previous.empties, regionStart, cut);
  const oldRegion = joinedText(docs.inside, empties.inside);
  const newRegion = oldRegion.slice(0, prefix - regionStart) + change.text + oldRegion.slice(oldEnd - regionStart);
  const lines = newlines(newRegion) - newlines(oldRegion);
  const from = docs.before.length; // the region's documents are added to `before`
  let joined = text;
  const file: ParsedFile = {
    uri,
    get text(): string {
      return (joined ??= joinedText(this.docs, this.empties));
    },
    length: previous.length + delta,
    docs: docs.before,
    empties: empties.before,
    findings: [],
    problems: previous.problems.filter((d) => d.startOffset < regionStart),
    lineCount: previous.lineCount + lines,
    reparsed: 0,
    yamlCost: 0,
  };
  const problemsAfter = previous.problems.filter((d) => d.startOffset >= cut);
  const baseLine = startLineAt(previous, regionStart);
  // The region ends where the chunks after it start, or at the end of the file (the region's own end).
  const lastBreak = newRegion.lastIndexOf('\n');
  const regionEndPos: Position =
    regionEnd < previous.length
      ? { line: startLineAt(previous, regionEnd) + lines, character: 0 }
      : { line: baseLine + newlines(newRegion), character: newRegion.length - (lastBreak + 1) };
  // What yaml read for the documents kept as they are is their share of the file's budget: the
  // file's total less the region's (not a pass over every document: that is a cache miss each).
  let kept = previous.yamlCost;
  for (const list of [docs.inside, empties.inside]) for (const c of list) kept -= c.core.yamlCost;
  file.yamlCost = kept;
  const region = { text: newRegion, start: regionStart, baseLine, end: regionEndPos, docs: docs.inside, empties: empties.inside };
  if (!parseRegion(file, region, limits, pool, limits.maxValues - kept)) {
    const old = previous.text;
    return refusedFile(uri, text ?? old.slice(0, change.start) + change.text + old.slice(change.end), fileValuesMessage(limits));
  }
  const added = file.docs.length - from;
  // A change that kept lengths, lines and the count of documents (most keystrokes replace a
  // character) leaves the documents after it where they were.
  if (delta !== 0 || lines !== 0 || added !== docs.inside.length)
    docs.after.forEach((d, j) => (d as Doc).moveBy(delta, lines, file.docs.length + j));
  if (delta !== 0 || lines !== 0)
    for (const e of empties.after) {
      e.startOffset += delta;
      e.endOffset += delta;
      e.startLine += lines;
    }
  file.docs = file.docs.concat(docs.after);
  file.empties = file.empties.concat(empties.after);
  file.problems = file.problems.concat(problemsAfter);
  file.findings = problemFindings(file);
  file.change = { from, removed: docs.inside, added, moved: docs.after.length > 0 && (lines !== 0 || added !== docs.inside.length) };
  return file;
}

/** The changed region: its new text from offset `start` (line `baseLine`) to `end`, and the chunks it replaces. */
interface Region {
  text: string;
  start: number;
  baseLine: number;
  end: Position;
  docs: ParsedDoc[];
  empties: EmptyChunk[];
}

/**
 * Splits the changed region's new text again and adds its chunks, reusing the parse of any text
 * that did not change. False, and nothing added, when its new documents left to yaml would hold
 * more than `budget` values.
 */
function parseRegion(file: ParsedFile, region: Region, limits: ParseLimits, pool: DocumentPool | undefined, budget: number): boolean {
  const candidates: DocCore[] = [...region.docs.map((d) => d.core), ...region.empties.map((e) => e.core)];
  const chunks = split(region.text).chunks;
  const texts = chunks.map((ch) => region.text.slice(ch.start, ch.end));
  const skipped = (k: number): boolean => chunks[k].end === chunks[k].start && file.length > 0;
  const cores: (DocCore | undefined)[] = texts.map((chunk, k) => {
    if (skipped(k)) return undefined;
    const at = candidates.findIndex((c) => c.text.length === chunk.length && c.text === chunk);
    if (at < 0) return undefined;
    const reused = candidates.splice(at, 1)[0];
    budget -= reused.yamlCost;
    return reused;
  });
  const fresh = cores.flatMap((c, k) => (c || skipped(k) ? [] : [k]));
  const parsed = parseChunks(
    fresh.map((k) => detached(texts[k])),
    limits,
    pool,
    budget,
  );
  if (!parsed) return false;
  fresh.forEach((k, j) => (cores[k] = parsed[j]));
  file.reparsed += fresh.length;
  chunks.forEach((ch, k) => {
    if (skipped(k)) return;
    const endPos = k + 1 < chunks.length ? { line: region.baseLine + chunks[k + 1].line, character: 0 } : region.end;
    addChunk(file, region.start + ch.start, region.start + ch.end, region.baseLine + ch.line, endPos, cores[k]!);
  });
  return true;
}

function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Where two texts differ: a common prefix and suffix, by native comparisons. */
function diff(old: string, text: string): TextChange {
  const prefix = commonPrefix(old, text);
  const suffix = commonSuffix(old, text, Math.min(old.length, text.length) - prefix);
  return { start: prefix, end: old.length - suffix, text: text.slice(prefix, text.length - suffix) };
}

/**
 * The region to split again, in offsets of the previous text: from the start of the chunk before
 * the one holding the first change, to the start of the second chunk after the one holding the
 * last change (or the end).
 */
function regionOf(file: ParsedFile, prefix: number, oldEnd: number): [number, number] {
  if (file.docs.length + file.empties.length === 0) return [0, file.length];
  let start = 0;
  if (prefix > 0) {
    const holding = startAtOrBefore(file, prefix - 1) ?? 0;
    start = holding > 0 ? (startAtOrBefore(file, holding - 1) ?? 0) : 0;
  }
  const next = startAfter(file, startAtOrBefore(file, oldEnd) ?? 0);
  const end = next === undefined ? undefined : startAfter(file, next);
  return [start, end ?? file.length];
}

/** The last chunk start at or before an offset. */
function startAtOrBefore(file: ParsedFile, offset: number): number | undefined {
  const d = lastAtOrBefore(file.docs, (x) => x.startOffset, offset);
  const e = lastAtOrBefore(file.empties, (x) => x.startOffset, offset);
  const s = Math.max(d >= 0 ? file.docs[d].startOffset : -1, e >= 0 ? file.empties[e].startOffset : -1);
  return s < 0 ? undefined : s;
}

/** The first chunk start past an offset. */
function startAfter(file: ParsedFile, offset: number): number | undefined {
  const d = file.docs[lastAtOrBefore(file.docs, (x) => x.startOffset, offset) + 1]?.startOffset;
  const e = file.empties[lastAtOrBefore(file.empties, (x) => x.startOffset, offset) + 1]?.startOffset;
  if (d === undefined) return e;
  return e === undefined ? d : Math.min(d, e);
}

function partition<T extends ParsedDoc | EmptyChunk>(xs: T[], start: number, end: number): { before: T[]; inside: T[]; after: T[] } {
  const i = lastAtOrBefore(xs, (x) => x.startOffset, start - 1) + 1;
  const j = end === Infinity ? xs.length : lastAtOrBefore(xs, (x) => x.startOffset, end - 1) + 1;
  return { before: xs.slice(0, i), inside: xs.slice(i, j), after: xs.slice(j) };
}

/** The line of the chunk starting at an offset (0 when none does). */
function startLineAt(file: ParsedFile, offset: number): number {
  const d = file.docs[lastAtOrBefore(file.docs, (x) => x.startOffset, offset)];
  if (d && d.startOffset === offset) return d.startLine;
  const e = file.empties[lastAtOrBefore(file.empties, (x) => x.startOffset, offset)];
  return e && e.startOffset === offset ? e.startLine : 0;
}
