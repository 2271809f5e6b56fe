// The incremental parse. Where the texts differ is found with native string comparisons (a common
// prefix and suffix); the chunks from one before the one holding the first change to one after
// the first that starts past the last change are split again (a `---` line or directive next to
// a change may have appeared or gone) and parsed again where their text is new. The chunks
// before are kept as they are, those after are kept and moved in place: an edit costs the
// documents it touched, not the file.
import type { Position } from './model.js';
import type { DocumentPool } from './yamlDocument.js';
import type { DocCore } from './sourcemap.js';
import { addChunk, lastAtOrBefore, problemFindings, type Doc, type EmptyChunk, type ParsedDoc, type ParsedFile } from './parsedFile.js';
import { commonPrefix, commonSuffix, detached, split } from './chunking.js';
import { parseChunk, type ParseLimits } from './parseChunk.js';

export function reparse(uri: string, text: string, previous: ParsedFile, limits: ParseLimits, pool?: DocumentPool): ParsedFile {
  const old = previous.text;
  const prefix = commonPrefix(old, text);
  const suffix = commonSuffix(old, text, Math.min(old.length, text.length) - prefix);
  const oldEnd = old.length - suffix;
  const delta = text.length - old.length;
  const lines = newlines(text, prefix, text.length - suffix) - newlines(old, prefix, oldEnd);
  const [regionStart, regionEnd] = regionOf(previous, prefix, oldEnd);
  // A region reaching the end of the file takes everything to it (an empty last chunk included).
  const cut = regionEnd < old.length ? regionEnd : Infinity;
  const docs = partition(previous.docs, regionStart, cut);
  const empties = partition(previous.empties, regionStart, cut);
  const from = docs.before.length; // the region's documents are added to `before`
  const file: ParsedFile = {
    uri,
    text,
    docs: docs.before,
    empties: empties.before,
    findings: [],
    problems: previous.problems.filter((d) => d.startOffset < regionStart),
    lineCount: previous.lineCount + lines,
    reparsed: 0,
  };
  const problemsAfter = previous.problems.filter((d) => d.startOffset >= cut);
  const regionEndPos: Position =
    regionEnd < old.length
      ? { line: startLineAt(previous, regionEnd) + lines, character: 0 }
      : { line: file.lineCount - 1, character: text.length - (text.lastIndexOf('\n') + 1) };
  parseRegion(
    file,
    regionStart,
    regionEnd + delta,
    startLineAt(previous, regionStart),
    regionEndPos,
    docs.inside,
    empties.inside,
    limits,
    pool,
  );
  const added = file.docs.length - from;
  docs.after.forEach((d, j) => (d as Doc).moveBy(delta, lines, file.docs.length + j));
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

/** Splits the changed region again and adds its chunks, reusing the parse of any text that did not change. */
function parseRegion(
  file: ParsedFile,
  start: number,
  end: number,
  baseLine: number,
  endPos: Position,
  oldDocs: ParsedDoc[],
  oldEmpties: EmptyChunk[],
  limits: ParseLimits,
  pool?: DocumentPool,
): void {
  const text = file.text;
  const candidates: DocCore[] = [...oldDocs.map((d) => d.core), ...oldEmpties.map((e) => e.core)];
  const region = split(text.slice(start, end)).chunks;
  region.forEach((ch, k) => {
    if (ch.end === ch.start && text.length > 0) return;
    const from = start + ch.start;
    const to = start + ch.end;
    const at = candidates.findIndex((c) => c.text.length === to - from && c.text === text.slice(from, to));
    let core: DocCore;
    if (at >= 0) core = candidates.splice(at, 1)[0];
    else {
      core = parseChunk(detached(text.slice(from, to)), limits, pool);
      file.reparsed++;
    }
    addChunk(
      file,
      from,
      to,
      baseLine + ch.line,
      k + 1 < region.length ? { line: baseLine + region[k + 1].line, character: 0 } : endPos,
      core,
    );
  });
}

function newlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The region to split again, in offsets of the previous text: from the start of the chunk before
 * the one holding the first change, to the start of the second chunk after the one holding the
 * last change (or the end).
 */
function regionOf(file: ParsedFile, prefix: number, oldEnd: number): [number, number] {
  if (file.docs.length + file.empties.length === 0) return [0, file.text.length];
  let start = 0;
  if (prefix > 0) {
    const holding = startAtOrBefore(file, prefix - 1) ?? 0;
    start = holding > 0 ? (startAtOrBefore(file, holding - 1) ?? 0) : 0;
  }
  const next = startAfter(file, startAtOrBefore(file, oldEnd) ?? 0);
  const end = next === undefined ? undefined : startAfter(file, next);
  return [start, end ?? file.text.length];
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
