// Which cached results a change of the workspace drops. A change names the facts it touched
// (facts.ts): the keys, kinds and names of the resources that came or went, the referrers of
// targets whose references changed, a file's text and layout. The results that read one of them
// are dropped, and their documents marked for the next analysis of their files.
import type { Reference } from './references.js';
import type { ResourceIndex } from './resourceIndex.js';
import type { FileChange } from './parsedFile.js';
import { fact, resourceFacts, type FactReaders, type Reader } from './facts.js';
import { DocAnalysis, NO_FINDINGS, refSignatures, type DocRecord, type FileAnalysisState, type Spliced } from './docRecord.js';

export class Staleness {
  constructor(
    private readonly index: ResourceIndex,
    private readonly readers: FactReaders,
    private readonly analyses: Map<string, FileAnalysisState>,
  ) {}

  /** Drops the results that read any of `touched`; their files go to `affected`. */
  fire(touched: Iterable<string>, affected?: Set<string>): void {
    this.readers.fire(touched, (r) => this.restale(r, affected));
  }

  /**
   * Fires the facts that replacing `removed` with `added` documents of a file touched: the keys,
   * kinds and names of their resources, the referrers of targets whose references changed (by
   * what refers and how, so an edit elsewhere in an Agent leaves its Model alone), and the file's
   * layout when kept documents moved. Files defining those targets are affected too (used-by counts).
   */
  documentsChanged(uri: string, removed: DocRecord[], added: DocRecord[], moved: boolean, affected: Set<string>): void {
    // Nothing analysed yet (a workspace being indexed): no cached result to drop, no file whose
    // findings as last analysed could change. The facts and signatures below were a twentieth of indexing.
    if (this.readers.isEmpty && this.analyses.size === 0) return;
    // The file's text changed whatever its documents did (a fix reading it must see that).
    const touched = new Set<string>([fact.file(uri)]);
    if (moved || removed.length !== added.length) touched.add(fact.layout(uri));
    for (const d of removed) for (const r of d.resources) resourceFacts(r, touched);
    for (const d of added) for (const r of d.resources) resourceFacts(r, touched);
    const before = refSignatures(removed);
    for (const [sig, ref] of refSignatures(added)) if (!before.delete(sig)) this.referrersMoved(ref, touched, affected);
    for (const ref of before.values()) this.referrersMoved(ref, touched, affected);
    this.fire(touched, affected);
  }

  /** Follows an incremental parse in the file's analysis: the changed region is looked at again. */
  spliced(uri: string, change: FileChange, s: Spliced): void {
    const state = this.analyses.get(uri);
    if (!state) return;
    state.docs.splice(change.from, change.removed.length, ...s.region.map(() => NO_FINDINGS));
    for (const d of s.region) state.dirty.add(d);
    // The line above the first document after the region is the region's last line.
    const next = s.records[change.from + change.added];
    if (next?.analysis?.needsLineAbove) state.dirty.add(next);
    state.moved ||= s.moved;
  }

  /** Files whose file-wide findings (rendered objects') are to be worked out again. */
  filesStale(uris: Iterable<string>): void {
    for (const u of uris) {
      const state = this.analyses.get(u);
      if (state) state.stale = true;
    }
  }

  /** Documents that left the workspace: their results read nothing any more. */
  forget(docs: DocRecord[]): void {
    for (const d of docs) {
      if (d.analysis) this.readers.forget(d.analysis);
      this.analyses.get(d.uri)?.dirty.delete(d);
    }
  }

  private referrersMoved(ref: Reference, touched: Set<string>, affected: Set<string>): void {
    touched.add(fact.referrers(ref.target));
    for (const t of this.index.all(ref.target)) if (!this.index.isExternal(t)) affected.add(t.uri);
  }

  /**
   * A cached result was dropped: a document is looked at again on the next analysis of its file,
   * a rendered object's findings in every file they landed in.
   */
  private restale(reader: Reader, affected?: Set<string>): void {
    if (reader instanceof DocAnalysis) {
      affected?.add(reader.uri);
      this.analyses.get(reader.uri)?.dirty.add(reader.record);
      return;
    }
    // A shared derivation (facts.ts SharedMemos) belongs to no file: its readers fall with it.
    if (!reader.uri) return;
    const uris = [reader.uri, ...(reader.landed ?? [])];
    for (const u of uris) affected?.add(u);
    this.filesStale(uris);
  }
}
