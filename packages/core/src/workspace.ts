// The index of a workspace: files in, resources, references and findings out. setFile re-parses and
// re-derives only the documents an edit touched, then fires the facts the change touched (facts.ts),
// dropping exactly the cached results that read them (their files are dependentsOf).
import type { Finding, Position, Resource } from './model.js';
import { parseFile, editFile, docAt, DEFAULT_LIMITS, type ParsedDoc, type ParsedFile, type TextChange } from './parse.js';
import { KustomizationIndex, kustomizationOf, effectiveNamespace, entryCovers, type Kustomization } from './namespaces.js';
import { referencesOf, type Reference } from './references.js';
import { deriveRecord, spliceRecords, summaryAfter, FileEntry, type DocRecord, type Spliced } from './docRecord.js';
import type { FileAnalysis, FileAnalysisState } from './docRecord.js';
import { Staleness } from './staleness.js';
import { matchesFilter, type ResourceFilter } from './resourceIndex.js';
import { IndexQueries } from './indexQueries.js';
import { DEFAULT_SETTINGS, type AnalysisSettings } from './settings.js';
import { FLOKOA_GROUP } from './kinds.js';
import { chooseApi, type ChoiceContext } from './api/choose.js';
import { apiById } from './api/index.js';
import type { ApiChoice } from './api/types.js';
import { analyzeFile, analyzeDocuments } from './analyze.js';
import { RenderedFindingsCache } from './analyzeRendered.js';
import { FactReaders, SharedMemos, fact, objectFacts } from './facts.js';
import { SchemaStore } from './schema/store.js';
import { DocumentPool } from './yamlDocument.js';
import { RenderedIndex } from './renderedIndex.js';
import type { RenderRoot, Renderings } from './renderings.js';

export class Workspace extends IndexQueries {
  private readonly files = new Map<string, FileEntry>();
  private readonly externals = new Map<string, { resources: Resource[]; refs: Reference[] }>();
  private readonly kustomizations = new KustomizationIndex();
  private readonly documents = new DocumentPool();
  /** Per file, the files whose findings its last change may have altered. */
  private readonly lastAffected = new Map<string, Set<string>>();
  private settingsValue: AnalysisSettings;
  /** Bumped when settings change: every cached result is stale. */
  generation = 0;
  /** Who read which fact of the index: the cached workspace-rule results (see analyze.ts). */
  readonly readers = new FactReaders();
  readonly renderedFindings = new RenderedFindingsCache();
  readonly memos = new SharedMemos(this.readers);
  /** How many times a document's workspace rules have run (tests and traces count re-analysis with it). */
  analysed = 0;
  /** Per file analysed, its analysis as last handed out and the documents to look at again (analyze.ts). */
  readonly analyses = new Map<string, FileAnalysisState>();
  private readonly staleness = new Staleness(this.index, this.readers, this.analyses);
  /** Inside setFiles: renderings wait for the next read. */
  private bulk = false;
  /** What kustomizations and Flux Kustomizations render, in the index in place of what they cover. */
  private readonly rendered: RenderedIndex;
  /** Reads a file the renderings need that is not YAML in the workspace (a generator's env file). */
  readOtherFile?: (uri: string) => string | undefined;

  constructor(
    settings: AnalysisSettings = DEFAULT_SETTINGS,
    readonly schemas: SchemaStore = new SchemaStore(),
  ) {
    super();
    this.settingsValue = settings;
    this.rendered = new RenderedIndex({
      uris: () => this.files.keys(),
      parsed: (uri) => this.files.get(uri)?.parsed,
      fileView: (uri) => this.files.get(uri),
      readOther: (uri) => this.readOtherFile?.(uri),
      defaultNamespace: () => this.settingsValue.defaultNamespace,
      summary: (uri) => this.files.get(uri)?.summary,
      apiChoiceOf: (g, k, o) => this.apiChoiceOf(g, k, o),
      index: this.index,
    });
  }

  /** The roots and what each renders. */
  get renderings(): Renderings {
    this.settle();
    return this.rendered.renderings;
  }

  renderingRoot(id: string): RenderRoot | undefined {
    return this.renderings.root(id);
  }

  /** A file outside the YAML of the workspace changed (an env or generator file): re-render what read it. */
  otherFileChanged(uri: string): void {
    this.rendered.changed(uri);
    if (!this.bulk) this.lastAffected.set(uri, this.settle());
  }

  /** Applies queued renderings to the index, firing the facts they touch; the files whose findings may change. */
  protected settle(): Set<string> {
    const affected = new Set<string>();
    // A rendering that moves objects in or out of the index (a file it now covers) renders what read them again.
    for (let round = 0; round < 3 && this.rendered.dirty; round++) for (const u of this.syncRendered()) affected.add(u);
    return affected;
  }

  private syncRendered(): Set<string> {
    const { affected, removed, added, toggled } = this.rendered.sync();
    // Rendered objects come and go like documents (their rendering with them), and so do plain views.
    const touched = new Set<string>();
    for (const side of [removed, added, ...toggled]) objectFacts(side.resources, side.refs, touched);
    for (const r of [...removed.resources, ...added.resources]) if (r.rendering) touched.add(fact.rendering(r.rendering.root));
    this.staleness.fire(touched, affected);
    this.staleness.filesStale(affected);
    return affected;
  }

  get settings(): AnalysisSettings {
    return this.settingsValue;
  }

  /** New settings; a changed default namespace or API generation re-derives every file's resources. */
  updateSettings(s: AnalysisSettings): void {
    const rederive = s.defaultNamespace !== this.settingsValue.defaultNamespace || s.apiGeneration !== this.settingsValue.apiGeneration;
    this.settingsValue = s;
    this.generation++;
    this.readers.clear();
    this.memos.clear();
    this.rendered.invalidate();
    if (rederive) for (const uri of this.files.keys()) this.rederive(uri, new Set());
  }

  /** The generation a Flokoa object is read as, with this workspace's setting and CRDs. */
  apiChoiceOf(group: string, kind: string, object: unknown): ApiChoice {
    const pinned = this.settingsValue.apiGeneration ? apiById(this.settingsValue.apiGeneration) : undefined;
    return chooseApi(group, kind, object, pinned ? { ...this.choiceContext, pinned } : this.choiceContext);
  }

  /** The CRDs that decide a document's generation (one object: this runs per document). */
  private readonly choiceContext: ChoiceContext = {
    crd: (g, k) => this.schemas.crdVerdict(g, k),
    layer: () => this.schemas.layerApi(),
  };

  /** Adds or updates a file; unchanged documents are reused from its previous parse. */
  setFile(uri: string, text: string): ParsedFile {
    const old = this.files.get(uri);
    if (old && old.parsed.text === text) return old.parsed;
    return this.update(uri, old, parseFile(uri, text, old?.parsed, { ...DEFAULT_LIMITS, ...this.settingsValue.limits }, this.documents));
  }

  /** Applies an editor's change (offsets in the file's current text) without the texts being compared or even joined. */
  editFile(uri: string, change: TextChange): ParsedFile {
    const old = this.files.get(uri);
    if (!old) throw new Error(`editFile: ${uri} is not in the workspace`);
    return this.update(uri, old, editFile(old.parsed, change, { ...DEFAULT_LIMITS, ...this.settingsValue.limits }, this.documents));
  }

  private update(uri: string, old: FileEntry | undefined, parsed: ParsedFile): ParsedFile {
    const affected = new Set<string>();
    const k = parsed.docs.length > 0 ? kustomizationOf(uri, parsed.docs[0].value) : undefined;
    this.replace(uri, parsed, k, old, true, affected);
    this.moveKustomization(uri, k, affected);
    if (!this.bulk) for (const u of this.settle()) affected.add(u);
    affected.delete(uri);
    this.lastAffected.set(uri, affected);
    return parsed;
  }

  /** Adds many files at once (the initial index): renderings are worked out once, on the next read. */
  setFiles(files: Iterable<{ uri: string; text: string }>): void {
    this.bulk = true;
    try {
      for (const f of files) this.setFile(f.uri, f.text);
    } finally {
      this.bulk = false;
    }
  }

  removeFile(uri: string): void {
    const old = this.files.get(uri);
    if (!old) return;
    const affected = new Set<string>();
    this.unindex(old.docs, this.rendered.isPlainIndexed(uri));
    this.rendered.plainIndexedNow(uri, false);
    this.files.delete(uri);
    this.rendered.changed(uri);
    this.analyses.delete(uri);
    this.staleness.documentsChanged(uri, old.docs, [], true, affected);
    if (old.resources.some(isCrd)) this.syncCrds(affected);
    this.moveKustomization(uri, undefined, affected);
    for (const u of this.settle()) affected.add(u);
    affected.delete(uri);
    this.lastAffected.set(uri, affected);
  }

  /** Resources from outside the files (e.g. a cluster), under a source name; files take precedence. */
  setExternal(source: string, resources: Resource[]): void {
    const touched = new Set<string>();
    const old = this.externals.get(source);
    for (const r of resources) if (r.group === FLOKOA_GROUP && !r.producedBy) r.api = this.apiChoiceOf(r.group, r.kind, r.object);
    if (old) {
      for (const r of old.resources) this.index.remove(r);
      for (const ref of old.refs) this.index.removeRef(ref);
      objectFacts(old.resources, old.refs, touched);
    }
    // Their references count too: a Model that only a cluster Agent uses is not unused.
    const refs = resources.flatMap((r) => (r.producedBy ? [] : referencesOf(r)));
    if (resources.length === 0) this.externals.delete(source);
    else this.externals.set(source, { resources, refs });
    for (const r of resources) this.index.add(r, true);
    for (const ref of refs) this.index.addRef(ref);
    objectFacts(resources, refs, touched);
    const crds: unknown[] = [];
    for (const e of this.externals.values()) for (const r of e.resources) if (isCrd(r)) crds.push(r.object);
    const affected = new Set<string>();
    this.setCrds('cluster', crds, affected);
    this.staleness.fire(touched);
  }

  file(uri: string): ParsedFile | undefined {
    return this.files.get(uri)?.parsed;
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  /** The resources of a file: its documents as rendered (by every root) or read alone, and what its kustomization generates. */
  resourcesIn(uri: string): Resource[] {
    this.settle();
    const rendered = this.rendered.renderedIn(uri);
    const plain = this.rendered.isShadowed(uri) ? [] : (this.files.get(uri)?.resources ?? []);
    return rendered.length === 0 ? plain : [...plain, ...rendered];
  }

  referencesIn(uri: string): Reference[] {
    this.settle();
    const rendered = this.rendered.renderedIn(uri).flatMap((r) => this.rendered.referencesOf(r));
    const plain = this.rendered.isShadowed(uri) ? [] : (this.files.get(uri)?.refs ?? []);
    return rendered.length === 0 ? plain : [...plain, ...rendered];
  }

  /** The references a resource makes (rendered ones are worked out once per rendering). */
  referencesOfResource(r: Resource): Reference[] {
    return r.rendering ? this.rendered.referencesOf(r) : (this.files.get(r.uri)?.referencesOf(r) ?? referencesOf(r));
  }

  kustomizationIn(uri: string): Kustomization | undefined {
    return this.files.get(uri)?.kustomization;
  }

  /** All named resources (files and external), optionally filtered. */
  resources(filter: ResourceFilter = {}): Resource[] {
    this.settle();
    if (filter.uri !== undefined) return this.resourcesIn(filter.uri).filter((r) => matchesFilter(r, filter));
    return this.index.filter(filter);
  }

  /** The resource whose document holds a position (the defining one, not a produced one). */
  resourceAt(uri: string, pos: Position): Resource | undefined {
    return this.resourcesAt(uri, pos)[0];
  }

  /** Every resource a document at a position stands for: one per rendering (or its plain self), produced ones left out. */
  resourcesAt(uri: string, pos: Position): Resource[] {
    const e = this.files.get(uri);
    if (!e) return [];
    const d = docAt(e.parsed, pos);
    return d ? this.resourcesIn(uri).filter((r) => r.docIndex === d.index && !r.producedBy) : [];
  }

  /** All findings of one file, after suppression comments and severity settings. */
  analyze(uri: string): Finding[] {
    this.settle();
    return analyzeFile(this, uri);
  }

  /** The same findings by document, each in its document's own frame (see analyze.ts). */
  analyzeDocuments(uri: string): FileAnalysis | undefined {
    this.settle();
    return analyzeDocuments(this, uri);
  }

  /** A rendering covers the file (or it only patches): its plain documents are not diagnosed. */
  isShadowed(uri: string): boolean {
    this.settle();
    return this.rendered.isShadowed(uri);
  }

  rootsReading(uri: string): RenderRoot[] {
    return this.renderings.rootsReading(uri);
  }

  /** The parsed document a resource came from. */
  docOf(r: Resource): ParsedDoc | undefined {
    return this.files.get(r.uri)?.parsed.docs[r.docIndex];
  }

  /** A file's parse and its documents' records, for analyze.ts. */
  documentsOf(uri: string): { parsed: ParsedFile; docs: readonly DocRecord[] } | undefined {
    return this.files.get(uri);
  }

  /**
   * Files whose findings, as last analysed, the last setFile/removeFile of `uri` may have changed
   * (call it right after): those whose results read a fact the change touched (facts.ts), files
   * whose used-by counts or kustomized namespace moved, every Flokoa file when CRDs changed.
   */
  dependentsOf(uri: string): string[] {
    return [...(this.lastAffected.get(uri) ?? [])].filter((u) => this.files.has(u));
  }

  /** A kustomization's entries moved: the files they cover (or covered) may be in another namespace now. */
  private moveKustomization(uri: string, k: Kustomization | undefined, affected: Set<string>): void {
    const moved = this.kustomizations.set(uri, k);
    if (moved.length === 0) return;
    for (const f of [...this.files.keys()].filter((f) => f !== uri && moved.some((e) => entryCovers(e, f)))) {
      affected.add(f);
      this.rederive(f, affected);
    }
  }

  /** Recomputes a file's resources without re-parsing (its namespace may have changed). */
  private rederive(uri: string, affected: Set<string>): void {
    const e = this.files.get(uri);
    if (e) this.replace(uri, e.parsed, e.kustomization, e, false, affected);
  }

  /**
   * Indexes a file's new parse. With `reuse`, after an incremental parse, only the changed region's
   * documents are looked at: those whose text is unchanged keep their Resource and Reference
   * objects, the rest are derived afresh; the documents after it moved in place.
   */
  private replace(
    uri: string,
    parsed: ParsedFile,
    k: Kustomization | undefined,
    old: FileEntry | undefined,
    reuse: boolean,
    affected: Set<string>,
  ): void {
    const derive = (doc: ParsedDoc): DocRecord =>
      deriveRecord(
        uri,
        doc,
        (mns, namespaced) => effectiveNamespace(mns, namespaced, uri, this.kustomizations, this.settingsValue.defaultNamespace),
        (g, k, o) => this.apiChoiceOf(g, k, o),
      );
    const change = reuse && old ? parsed.change : undefined;
    let s: Spliced;
    if (old && change) s = spliceRecords(old.docs, parsed, change, derive);
    else {
      const records = parsed.docs.map(derive);
      s = { records, removed: old?.docs ?? [], added: records, region: records, reordered: [], moved: !!old };
      this.analyses.delete(uri);
    }
    const summary = summaryAfter(old && change ? old.summary : undefined, s.records, s.removed, s.added);
    this.files.set(uri, new FileEntry(parsed, s.records, k, summary));
    // The plain view is in the index only while no rendering covers the file.
    const was = this.rendered.isPlainIndexed(uri);
    const now = !this.rendered.isShadowed(uri);
    this.unindex(s.removed, was);
    const kept = was && !now ? s.records.filter((d) => !s.added.includes(d)) : [];
    this.unindex(kept, true, false);
    for (const d of now ? (was ? s.added : s.records) : []) {
      for (const r of d.resources) this.index.add(r);
      for (const ref of d.refs) this.index.addRef(ref);
    }
    this.rendered.plainIndexedNow(uri, now);
    this.rendered.changed(uri);
    if (change) this.staleness.spliced(uri, change, s);
    this.staleness.documentsChanged(uri, s.removed, [...s.added, ...s.reordered], s.moved, affected);
    if (s.removed.some((d) => d.resources.some(isCrd)) || s.added.some((d) => d.resources.some(isCrd))) this.syncCrds(affected);
  }

  /** Takes documents' resources out of the index (`indexed`: they are in it) and, `gone`, drops their analyses. */
  private unindex(docs: DocRecord[], indexed: boolean, gone = true): void {
    if (indexed) {
      for (const d of docs) {
        for (const r of d.resources) this.index.remove(r);
        for (const ref of d.refs) this.index.removeRef(ref);
      }
    }
    if (gone) this.staleness.forget(docs);
  }

  /** Hands the CRDs found in files to the schema store as its workspace layer: every Flokoa file may read differently. */
  private syncCrds(affected: Set<string>): void {
    const crds: unknown[] = [];
    for (const e of this.files.values()) for (const r of e.resources) if (isCrd(r)) crds.push(r.object);
    this.setCrds('workspace', crds, affected);
    for (const [u, f] of this.files) if (f.resources.some((r) => r.group === FLOKOA_GROUP)) affected.add(u);
  }

  /** A new CRD layer may change the generation Flokoa documents are read as: then they are derived again. */
  private setCrds(source: 'workspace' | 'cluster', crds: unknown[], affected: Set<string>): void {
    const before = this.schemas.verdictSignature();
    this.schemas.setCrds(source, crds);
    if (this.schemas.verdictSignature() === before) return;
    this.rendered.invalidate();
    for (const [uri, f] of this.files) {
      if (!f.resources.some((r) => r.group === FLOKOA_GROUP)) continue;
      affected.add(uri);
      this.rederive(uri, affected);
    }
  }
}

function isCrd(r: Resource): boolean {
  return r.kind === 'CustomResourceDefinition' && r.group === 'apiextensions.k8s.io';
}
