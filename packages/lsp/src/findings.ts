// Findings and LSP diagnostics of each file at the current workspace state, shared by push and pull
// diagnostics and by code actions. Core keeps each document's findings and hands back the same
// object for as long as they are unchanged; each such object is converted and serialised here once
// (DocDiagnostics), so a file's diagnostics after an edit are its cached parts, written at each
// document's current line, and only the documents the edit changed are converted again. A file's
// resultId moves only when something in it did: an edit that changes no finding of another file
// leaves nothing to republish or pull there.
import type { Diagnostic } from 'vscode-languageserver/node';
import type { DocFindings, FileAnalysis, Finding, Range } from '@flokoa/core';
import type { WorkspaceSession } from './session.js';
import { toDiagnostic } from './convert.js';
import type { RuleLink } from './ruleLinks.js';
import { RawJson } from './rawJson.js';

/** A document's diagnostics in its own frame (line 0 = its first line), converted and serialised once. */
class DocDiagnostics {
  private readonly items: { start: number; end: number; head: string; tail: string }[];
  /** The bytes last written, for a document starting at `line` (none yet: -1). */
  private line = -1;
  private bytes: Uint8Array = EMPTY;

  constructor(
    readonly findings: readonly Finding[],
    ruleLink: RuleLink | undefined,
  ) {
    // Each diagnostic as JSON with its range's two line numbers left out, so the text can be
    // written for any line the document moves to (related locations are absolute: core
    // re-analyses a document whose related locations moved).
    this.items = findings.map((f) => {
      const { range, ...rest } = toDiagnostic(f, ruleLink);
      return {
        start: range.start.line,
        end: range.end.line,
        head: `,"character":${range.start.character}},"end":{"line":`,
        tail: `,"character":${range.end.character}}},${JSON.stringify(rest).slice(1)}`,
      };
    });
  }

  /** The diagnostics as JSON array items in UTF-8, the document starting at `line` (written when first asked for at that line). */
  at(line: number): Uint8Array {
    if (line !== this.line) {
      this.bytes = Buffer.from(this.json(line), 'utf8');
      this.line = line;
    }
    return this.bytes;
  }

  private json(line: number): string {
    return this.items.map((d) => `{"range":{"start":{"line":${d.start + line}${d.head}${d.end + line}${d.tail}`).join(',');
  }
}

const EMPTY = new Uint8Array(0);
const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

const moved = (r: Range, lines: number): Range => ({
  start: { line: r.start.line + lines, character: r.start.character },
  end: { line: r.end.line + lines, character: r.end.character },
});

/** A file's findings and diagnostics at one state of the workspace. */
export class FileFindings {
  private flat: { findings: Finding[]; diagnostics: Diagnostic[] } | undefined;
  private serialised: Uint8Array[] | undefined;
  /** What to send as the diagnostics array: the serialised parts for our stdio writer, `diagnostics` for any other. */
  readonly wire = new RawJson<Diagnostic[]>(
    () => (this.serialised ??= this.json()),
    () => this.diagnostics,
  );

  constructor(
    /** Changes whenever the diagnostics do (pull diagnostics' resultId). */
    readonly resultId: string,
    private readonly analysis: FileAnalysis | undefined,
    private readonly parts: readonly (DocDiagnostics | undefined)[],
    private readonly ruleLink: RuleLink | undefined,
  ) {}

  /** How many diagnostics there are (without building them). */
  get count(): number {
    return (this.analysis?.file.length ?? 0) + this.parts.reduce((n, p) => n + (p?.findings.length ?? 0), 0);
  }

  /** In file positions, in the order of `diagnostics` (code actions pair them by index). */
  get findings(): Finding[] {
    return this.flatten().findings;
  }

  get diagnostics(): Diagnostic[] {
    return this.flatten().diagnostics;
  }

  private flatten(): { findings: Finding[]; diagnostics: Diagnostic[] } {
    if (this.flat) return this.flat;
    const findings: Finding[] = [...(this.analysis?.file ?? [])];
    this.parts.forEach((p, i) => {
      const line = this.analysis!.parsed.docs[i].startLine;
      for (const f of p?.findings ?? []) findings.push(line === 0 ? f : { ...f, range: moved(f.range, line) });
    });
    return (this.flat = { findings, diagnostics: findings.map((f) => toDiagnostic(f, this.ruleLink)) });
  }

  /** The array's JSON in parts: the documents' cached bytes, between brackets and commas. */
  private json(): Uint8Array[] {
    const out: Uint8Array[] = [OPEN];
    const add = (item: Uint8Array): void => {
      if (out.length > 1) out.push(COMMA);
      out.push(item);
    };
    for (const f of this.analysis?.file ?? []) add(Buffer.from(JSON.stringify(toDiagnostic(f, this.ruleLink)), 'utf8'));
    this.parts.forEach((p, i) => p && add(p.at(this.analysis!.parsed.docs[i].startLine)));
    out.push(CLOSE);
    return out;
  }
}

interface FileState {
  analysis: FileAnalysis;
  parts: readonly (DocDiagnostics | undefined)[];
  file: string;
  output: FileFindings;
}

export class FindingsCache {
  private readonly files = new Map<string, FileState>();
  private readonly converted = new WeakMap<DocFindings, DocDiagnostics>();
  private results = 0;

  constructor(
    private readonly session: WorkspaceSession,
    private readonly ruleLink?: RuleLink,
  ) {
    // Only files in the workspace are kept: a closed untitled document must not linger.
    session.onDidChange((e) => {
      for (const uri of e.all ? [...this.files.keys()] : e.uris) if (!session.workspace.file(uri)) this.files.delete(uri);
    });
  }

  /**
   * Findings of `uri` now (the caller makes sure pending edits are flushed and the index is ready).
   * Core says which documents' findings changed (by identity) and whether documents moved, so an
   * edit that changed nothing visible keeps the previous result and its resultId.
   */
  get(uri: string): FileFindings {
    const analysis = this.session.workspace.analyzeDocuments(uri);
    if (!analysis) return new FileFindings('none', undefined, [], this.ruleLink);
    const prev = this.files.get(uri);
    if (prev?.analysis === analysis) return prev.output;
    const file = analysis.file.length === 0 ? '' : JSON.stringify(analysis.file);
    const follows = prev !== undefined && analysis.after === prev.analysis.seq;
    // Core lists the documents whose findings may differ from the last analysis: an edit costs those, not the file.
    const changed = follows ? analysis.changed : undefined;
    const before = follows ? prev.analysis.docs : undefined;
    const same = !before
      ? false
      : changed
        ? changed.every((i) => analysis.docs[i] === before[i])
        : !analysis.moved && sameItems(before, analysis.docs);
    if (same && prev!.file === file) {
      prev!.analysis = analysis;
      return prev!.output;
    }
    const part = (d: DocFindings): DocDiagnostics | undefined => (d.findings.length === 0 ? undefined : this.convert(d));
    let parts: (DocDiagnostics | undefined)[];
    if (changed) {
      parts = prev!.parts.slice();
      for (const i of changed) parts[i] = part(analysis.docs[i]!);
    } else parts = analysis.docs.map((d, i) => (before?.[i] === d ? prev!.parts[i] : part(d)));
    const output = new FileFindings(String(++this.results), analysis, parts, this.ruleLink);
    this.files.set(uri, { analysis, parts, file, output });
    return output;
  }

  /** Recomputes `uri`; true when its diagnostics differ from those last computed (a file never computed: false). */
  changed(uri: string): boolean {
    const before = this.files.get(uri)?.output.resultId;
    return before !== undefined && this.get(uri).resultId !== before;
  }

  private convert(d: DocFindings): DocDiagnostics {
    let c = this.converted.get(d);
    if (!c) this.converted.set(d, (c = new DocDiagnostics(d.findings, this.ruleLink)));
    return c;
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
