// Runs the rules over a file, one document at a time, each document's results cached on its
// record in the workspace: document-scoped findings until its text, the settings or the schemas
// change; workspace-scoped findings until a fact of the index they read changes (facts.ts).
// Findings are kept in the document's own frame (line 0 = its first line), so a document that an
// edit above it moves is not looked at again; suppression comments and severities apply per document.
import type { Finding, Range, Resource } from './model.js';
import { lineText, type ParsedDoc, type ParsedFile } from './parsedFile.js';
import { DocAnalysis, NO_FINDINGS, type DocFindings, type DocRecord, type FileAnalysis, type FileAnalysisState } from './docRecord.js';
import type { FactReaders } from './facts.js';
import type { Rule } from './rules/types.js';
import { silencedOn } from './suppress.js';
import { NoIndexReader } from './facts.js';
import { RULES, checkedAs, runRecorded, runRules, severityOf } from './ruleRunner.js';
import { renderedFindings, type RenderedSource } from './analyzeRendered.js';

export { severityOf, rangeOf, locationOf } from './ruleRunner.js';

/** Numbers the analyses handed out (FileAnalysis.seq): ids, not a cache. */
let analyses = 0;

/** What analysis reads: the workspace (an interface, so this module does not import it). */
export interface AnalysisSource extends RenderedSource {
  readonly readers: FactReaders;
  analysed: number;
  readonly analyses: Map<string, FileAnalysisState>;
  documentsOf(uri: string): { parsed: ParsedFile; docs: readonly DocRecord[] } | undefined;
  /** A rendering covers the file (or it only patches): its plain documents are not analysed. */
  isShadowed(uri: string): boolean;
}

/**
 * A file's findings by document. Only the documents an edit or a changed fact made dirty are looked
 * at again (the first analysis of a file, or one after a settings or schema change, looks at all);
 * while nothing changed, the same FileAnalysis is returned.
 */
export function analyzeDocuments(ws: AnalysisSource, uri: string): FileAnalysis | undefined {
  const entry = ws.documentsOf(uri);
  if (!entry) return undefined;
  const { parsed } = entry;
  const stamp = `${ws.generation}:${ws.schemas.generation}`;
  const shadowed = ws.isShadowed(uri);
  const state = ws.analyses.get(uri);
  if (state && state.stamp === stamp && state.shadowed === shadowed) {
    if (state.result.parsed === parsed && state.dirty.size === 0 && !state.stale) return state.result;
    const changed: number[] = [];
    for (const record of state.dirty) {
      changed.push(record.doc.index);
      if (!shadowed) state.docs[record.doc.index] = documentFindings(ws, record, parsed, stamp);
    }
    state.dirty.clear();
    state.stale = false;
    const after = state.result.seq;
    const { moved } = state;
    // Documents in place: only the ones looked at again can hold other findings than before.
    const inPlace = !moved && state.docs.length === state.result.docs.length;
    const file = fileFindings(ws, uri, parsed);
    state.result = { parsed, file, docs: state.docs.slice(), seq: ++analyses, after, moved, ...(inPlace ? { changed } : {}) };
    state.moved = false;
    return state.result;
  }
  const docs = entry.docs.map((record) => (shadowed ? NO_FINDINGS : documentFindings(ws, record, parsed, stamp)));
  const result: FileAnalysis = { parsed, file: fileFindings(ws, uri, parsed), docs: docs.slice(), seq: ++analyses, moved: true };
  ws.analyses.set(uri, { stamp, shadowed, result, docs, dirty: new Set(), stale: false, moved: false });
  return result;
}

/** Syntax and limit findings, and those of rendered objects that land in the file. */
function fileFindings(ws: AnalysisSource, uri: string, parsed: ParsedFile): Finding[] {
  const file: Finding[] = [];
  for (const f of [...parsed.findings, ...renderedFindings(ws, uri)]) {
    const sev = severityOf(ws, f.ruleId);
    if (sev === 'off' || silencedOn(lineText(parsed, f.range.start.line - 1), f.ruleId)) continue;
    file.push(sev === f.severity ? f : { ...f, severity: sev });
  }
  return file;
}

/** All findings of a file in file positions. */
export function analyzeFile(ws: AnalysisSource, uri: string): Finding[] {
  const a = analyzeDocuments(ws, uri);
  if (!a) return [];
  const out = [...a.file];
  a.docs.forEach((d, i) => {
    for (const f of d.findings) out.push(shift(f, a.parsed.docs[i].startLine));
  });
  return out;
}

/** Resources of a document that rules check, with the rules they get. */
function checked(record: DocRecord, doc: ParsedDoc): [Resource, { doc: readonly Rule[]; ws: readonly Rule[] }][] {
  const out: [Resource, { doc: readonly Rule[]; ws: readonly Rule[] }][] = [];
  if (doc.broken) return out;
  for (const r of record.resources) {
    const as = r.producedBy ? undefined : checkedAs(r);
    if (as) out.push([r, RULES[as]]);
  }
  return out;
}

function documentFindings(ws: AnalysisSource, record: DocRecord, parsed: ParsedFile, stamp: string): DocFindings {
  const doc = record.doc;
  if (!record.analysis && checked(record, doc).length === 0) return NO_FINDINGS;
  const a = (record.analysis ??= new DocAnalysis(record));
  if (a.stamp !== stamp) {
    a.stamp = stamp;
    a.local = a.shared = undefined;
    ws.readers.forget(a);
  }
  let changed = false;
  if (!a.local) {
    a.local = [];
    for (const [r, rules] of checked(record, doc)) runDocumentRules(ws, rules.doc, r, doc, a.local);
    changed = true;
  }
  if (!a.shared) {
    a.shared = [];
    const reads = new Set<string>();
    for (const [r, rules] of checked(record, doc)) {
      const found: Finding[] = [];
      runRecorded(
        rules.ws,
        ws,
        r,
        doc,
        record.refs.filter((ref) => ref.source === r),
        found,
        reads,
      );
      for (const f of found) a.shared.push(shift(f, -doc.startLine));
    }
    ws.readers.track(a, reads);
    ws.analysed++;
    changed = true;
  }
  const above = a.needsLineAbove ? lineText(parsed, doc.startLine - 1) : undefined;
  if (changed || above !== a.lineAbove) settle(ws, a, doc, above);
  return a.output;
}

/** Document rules run in the document's own frame, with no access to the index (their results are cached per text). */
function runDocumentRules(ws: AnalysisSource, rules: readonly Rule[], r: Resource, doc: ParsedDoc, out: Finding[]): void {
  const local: Resource = {
    ...r,
    ranges: doc.sourceMap.shifted(0),
    range: { start: { line: 0, character: 0 }, end: doc.core.endPosition() },
  };
  let rule = '';
  runRules(rules, ws, new NoIndexReader(ws.schemas, () => rule), local, doc, [], 0, out, (id) => (rule = id));
}

/** Suppression comments and severities; the previous output is kept when nothing in it changed. */
function settle(ws: AnalysisSource, a: DocAnalysis, doc: ParsedDoc, above: string | undefined): void {
  const out: Finding[] = [];
  a.needsLineAbove = false;
  for (const f of [...a.local!, ...a.shared!]) {
    const sev = severityOf(ws, f.ruleId);
    if (sev === 'off') continue;
    const line = f.range.start.line;
    if (line === 0) a.needsLineAbove = doc.startLine > 0;
    const silencer = line > 0 ? docLine(doc, line - 1) : a.needsLineAbove ? above : undefined;
    if (silencer !== undefined && silencedOn(silencer, f.ruleId)) continue;
    out.push(sev === f.severity ? f : { ...f, severity: sev });
  }
  a.lineAbove = above;
  if (!sameFindings(out, a.output.findings)) a.output = out.length === 0 ? NO_FINDINGS : { findings: out };
}

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
}

/** A line of a document, counted from its first line. */
function docLine(doc: ParsedDoc, line: number): string {
  const text = doc.core.text;
  const start = doc.core.offset(line, 0);
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end);
}

/** A finding `lines` lines down (fix edits in its own file move with it; related locations stay). */
function shift(f: Finding, lines: number): Finding {
  if (lines === 0) return f;
  const mv = (rg: Range): Range => ({
    start: { line: rg.start.line + lines, character: rg.start.character },
    end: { line: rg.end.line + lines, character: rg.end.character },
  });
  return {
    ...f,
    range: mv(f.range),
    ...(f.fixes
      ? { fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => (e.uri && e.uri !== f.uri ? e : { ...e, range: mv(e.range) })) })) }
      : {}),
  };
}
