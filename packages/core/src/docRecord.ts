// What one document contributes to the index: the resources and references derived from it (once
// per text: a document an edit did not touch keeps its record) and its cached analysis; and how a
// file's records follow an incremental parse (only the changed region is derived again).
import type { Finding, Resource } from './model.js';
import type { FileChange, ParsedDoc, ParsedFile } from './parsedFile.js';
import type { DocCore } from './docCore.js';
import type { Reader } from './facts.js';
import { resourcesFromObject, type ResourceOrigin } from './resources.js';
import { referencesOf, type Reference } from './references.js';
import { FLOKOA_GROUP, keyString } from './kinds.js';
import type { ApiChoice } from './api/types.js';
import type { Kustomization } from './namespaces.js';
import { summarize, type FileSummary } from './fileSummary.js';

export interface DocRecord {
  uri: string;
  core: DocCore;
  /** The document as last parsed (it moves with edits above it). */
  doc: ParsedDoc;
  resources: Resource[];
  refs: Reference[];
  /** Set by analyze.ts the first time the document is analysed. */
  analysis?: DocAnalysis;
}

/** A document's resources and references; `namespace` decides the namespace of each object, `apiOf` the generation a Flokoa one is read as. */
export function deriveRecord(
  uri: string,
  doc: ParsedDoc,
  namespace: ResourceOrigin['namespace'],
  apiOf: (group: string, kind: string, object: unknown) => ApiChoice,
): DocRecord {
  const items: DocRecord = { uri, core: doc.core, doc, resources: [], refs: [] };
  doc.core.enlist();
  if (doc.value === undefined) return items;
  items.resources = resourcesFromObject(doc.value, { uri, docIndex: doc.index, ranges: doc.sourceMap, range: doc.range, namespace });
  for (const r of items.resources) if (r.group === FLOKOA_GROUP && !r.producedBy) r.api = apiOf(r.group, r.kind, r.object);
  for (const r of items.resources) if (!r.producedBy) for (const ref of referencesOf(r)) items.refs.push(ref);
  // Look up now, while the syntax tree is at hand, the ranges that references, definitions and
  // workspace rules report on; the tree may be dropped before they are asked for. (A document
  // the fast reader read answers any span from its node table: nothing to remember.)
  const core = doc.core;
  if (!core.remembersSpans) return items;
  core.span('/metadata/name');
  core.span('/kind');
  for (const ref of items.refs) {
    core.span(ref.pointer);
    core.span(ref.namePointer);
    if (ref.namespaceExplicit) core.span(ref.pointer + '/namespace');
    if (ref.key !== undefined) core.span(ref.pointer + '/key');
  }
  return items;
}

/** A file's parse and its documents' records; resources and references are gathered when asked. */
export class FileEntry {
  private gathered: { resources: Resource[]; refs: Reference[] } | undefined;

  constructor(
    readonly parsed: ParsedFile,
    readonly docs: DocRecord[],
    readonly kustomization: Kustomization | undefined,
    /** What the renderings note of the file, kept up to date from the documents an edit changed. */
    readonly summary: FileSummary,
  ) {}

  /** Tracked resources of the file in document order, unnamed ones included (rules still check them). */
  get resources(): Resource[] {
    return this.gather().resources;
  }

  get refs(): Reference[] {
    return this.gather().refs;
  }

  /** The references one of the file's (plain) resources makes, as derived; undefined when it is not one of them. */
  referencesOf(r: Resource): Reference[] | undefined {
    const rec = this.docs[r.docIndex];
    if (r.producedBy || !rec || !rec.resources.includes(r)) return undefined;
    return rec.resources.length === 1 ? rec.refs : rec.refs.filter((ref) => ref.source === r);
  }

  private gather(): { resources: Resource[]; refs: Reference[] } {
    return (this.gathered ??= { resources: this.docs.flatMap((d) => d.resources), refs: this.docs.flatMap((d) => d.refs) });
  }
}

/** A file's summary after `removed` documents gave way to `added` ones (none before: worked out from all of them). */
export function summaryAfter(before: FileSummary | undefined, records: DocRecord[], removed: DocRecord[], added: DocRecord[]): FileSummary {
  const values = (rs: DocRecord[]): { value: unknown }[] => rs.map((r) => ({ value: r.doc.value }));
  if (!before) return summarize(values(records));
  const gone = summarize(values(removed));
  const come = summarize(values(added));
  const goneValues = new Set(gone.objects);
  return {
    documents: records.length,
    flux: before.flux - gone.flux + come.flux,
    objects: [...before.objects.filter((v) => !goneValues.has(v)), ...come.objects],
  };
}

/** A file's records after an incremental parse, and what that changed. */
export interface Spliced {
  records: DocRecord[];
  /** Records of documents that are gone, and of documents derived afresh. */
  removed: DocRecord[];
  added: DocRecord[];
  /** Records of the changed region (kept or new): what analysis looks at again. */
  region: DocRecord[];
  /**
   * Kept records whose document changed index: their order among the file's documents may have
   * changed, which whatever reads in file order (which duplicate wins, the apply order of a
   * namespace's workloads) must see as a change of them.
   */
  reordered: DocRecord[];
  /** Kept documents moved (other lines or indexes). */
  moved: boolean;
}

/**
 * Follows an incremental parse: the records of the changed region are matched by parse (a document
 * whose text is unchanged keeps its record, re-pointed at its new position), the others derived;
 * the records after the region kept their documents, which moved in place.
 */
export function spliceRecords(old: DocRecord[], parsed: ParsedFile, change: FileChange, derive: (doc: ParsedDoc) => DocRecord): Spliced {
  const { from } = change;
  const gone = new Map(old.slice(from, from + change.removed.length).map((r) => [r.core, r]));
  const region: DocRecord[] = [];
  const added: DocRecord[] = [];
  const reordered: DocRecord[] = [];
  let moved = change.moved;
  for (let i = from; i < from + change.added; i++) {
    const doc = parsed.docs[i];
    const kept = gone.get(doc.core);
    if (!kept) {
      const rec = derive(doc);
      region.push(rec);
      added.push(rec);
      continue;
    }
    gone.delete(doc.core);
    if (kept.doc.startLine !== doc.startLine || kept.doc.index !== doc.index) moved = true;
    if (kept.doc.index !== doc.index) reordered.push(kept);
    kept.doc = doc;
    for (const r of kept.resources) {
      r.docIndex = doc.index;
      r.range = doc.range;
      r.ranges = doc.sourceMap;
    }
    region.push(kept);
  }
  const after = old.slice(from + change.removed.length);
  if (change.added !== change.removed.length) for (const rec of after) for (const r of rec.resources) r.docIndex = rec.doc.index;
  return { records: old.slice(0, from).concat(region, after), removed: [...gone.values()], added, region, reordered, moved };
}

/** What refers, through which field, to what: a change of any of it moves the target's referrers. */
export function refSignatures(docs: DocRecord[]): Map<string, Reference> {
  const out = new Map<string, Reference>();
  for (const d of docs) {
    for (const ref of d.refs) {
      const sig = `${keyString(ref.source)}>${ref.spec.id}>${ref.pointer}>${keyString(ref.target)}#${ref.key ?? ''}${ref.optional ? '?' : ''}`;
      out.set(sig, ref);
    }
  }
  return out;
}

/** One document's findings, in its own frame, after suppression and severities. */
export interface DocFindings {
  readonly findings: readonly Finding[];
}

export const NO_FINDINGS: DocFindings = { findings: [] };

/**
 * A file's findings by document. `docs[i]` belongs to `parsed.docs[i]` and is the same object
 * for as long as that document's findings are the same, so a front end can keep what it made of
 * it (LSP diagnostics, serialised) and redo only what changed. The whole object is the same while
 * nothing in the file changed.
 */
export interface FileAnalysis {
  parsed: ParsedFile;
  /** Syntax and limit findings, in file positions. */
  file: readonly Finding[];
  docs: readonly DocFindings[];
  /** Identifies this analysis (unique in the process). */
  seq: number;
  /** The analysis of the file this one follows, when it was worked out from it (not afresh). */
  after?: number;
  /** Since that one, documents moved: to other lines, or documents came or went before others. */
  moved: boolean;
  /**
   * Worked out from `after` with no document moved: the indices of the documents whose findings
   * may differ from that analysis' (the others are the same objects), so a consumer need not compare all.
   */
  changed?: readonly number[];
}

/** A file's analysis as last handed out, and what changed since. */
export interface FileAnalysisState {
  stamp: string;
  /** A rendering covered the file: its plain documents were not analysed. */
  shadowed: boolean;
  result: FileAnalysis;
  /** The findings by document of the current parse (the changed region holds placeholders until analysed). */
  docs: DocFindings[];
  /** Records to look at again. */
  dirty: Set<DocRecord>;
  /** The file-wide findings (syntax, rendered objects') to work out again. */
  stale: boolean;
  moved: boolean;
}

/** A document's cached analysis, registered as a reader of the index facts its workspace rules read. */
export class DocAnalysis implements Reader {
  reads: readonly string[] | undefined;
  /** Settings and schema generation of the results below. */
  stamp = '';
  /** Document-rule findings. */
  local: Finding[] | undefined;
  /** Workspace-rule findings; dropped when a fact they read changes. */
  shared: Finding[] | undefined;
  output: DocFindings = NO_FINDINGS;
  /** A finding sits on the document's first line: the line above it (another document's) may silence it. */
  lineAbove: string | undefined;
  needsLineAbove = false;

  constructor(readonly record: DocRecord) {}

  get uri(): string {
    return this.record.uri;
  }

  stale(): void {
    this.shared = undefined;
  }
}
