// The index of a workspace: files in, resources, references and findings out. Incremental:
// setFile re-parses only changed documents, keeps the Resource objects of unchanged ones (only
// their position moves) and touches only the index entries of documents that changed.
import type { Finding, ObjectKey, Position, Resource } from './model.js';
import { parseFile, docAt, DEFAULT_LIMITS, type ParsedDoc, type ParsedFile } from './parse.js';
import { KustomizationIndex, kustomizationOf, effectiveNamespace, entryCovers, type Kustomization } from './namespaces.js';
import { resourcesFromObject, labelsOf } from './resources.js';
import { referencesOf, type Reference } from './references.js';
import { ResourceIndex } from './resourceIndex.js';
import type { ResourceLookup } from './resolve.js';
import type { DocCore } from './sourcemap.js';
import { DEFAULT_SETTINGS, type AnalysisSettings } from './settings.js';
import { FLOKOA_GROUP, keyString } from './kinds.js';
import { chooseApi, type ChoiceContext } from './api/choose.js';
import { apiById } from './api/index.js';
import type { ApiChoice } from './api/types.js';
import { closestNames } from './schema/didYouMean.js';
import { analyzeFile } from './analyze.js';
import { SchemaStore } from './schema/store.js';
import { DocumentPool } from './yamlDocument.js';
import { admissionDependents } from './admission/dependents.js';
import { RenderedIndex } from './renderedIndex.js';
import type { Renderings } from './renderings.js';

/** What one document contributes to the index. */
interface DocItems {
  core: DocCore;
  resources: Resource[];
  refs: Reference[];
}

interface FileEntry {
  parsed: ParsedFile;
  docs: DocItems[];
  /** Tracked resources of the file in document order, unnamed ones included (rules still check them). */
  resources: Resource[];
  refs: Reference[];
  kustomization?: Kustomization;
}

export interface NamespaceInfo {
  name: string;
  /** Labels of the Namespace object, when one is in the workspace or cluster. */
  labels?: Record<string, string>;
  resource?: Resource;
}

export interface ResourceFilter {
  group?: string;
  kind?: string;
  namespace?: string;
  uri?: string;
}

export class Workspace implements ResourceLookup {
  private readonly files = new Map<string, FileEntry>();
  private readonly externals = new Map<string, { resources: Resource[]; refs: Reference[] }>();
  private readonly index = new ResourceIndex();
  private readonly kustomizations = new KustomizationIndex();
  private readonly documents = new DocumentPool();
  /** Per file, the files whose findings its last change may have altered. */
  private readonly lastAffected = new Map<string, Set<string>>();
  private settingsValue: AnalysisSettings;
  /** Bumped when settings change: document-scoped rule results are stale. */
  generation = 0;
  /**
   * Bumped when anything workspace-scoped rules read may have changed: the set of keys or
   * references, the content of non-Flokoa objects (Secret keys, Namespace labels), line positions.
   * An edit inside one Agent's container leaves it alone, so other documents' results are reused.
   */
  indexVersion = 0;
  /** Inside setFiles: dependents are not worked out. */
  private bulk = false;
  /** What kustomizations and Flux Kustomizations render, in the index in place of what they cover. */
  private readonly rendered: RenderedIndex;
  /** Reads a file the renderings need that is not YAML in the workspace (a generator's env file). */
  readOtherFile?: (uri: string) => string | undefined;

  constructor(
    settings: AnalysisSettings = DEFAULT_SETTINGS,
    readonly schemas: SchemaStore = new SchemaStore(),
  ) {
    this.settingsValue = settings;
    this.rendered = new RenderedIndex({
      uris: () => this.files.keys(),
      parsed: (uri) => this.files.get(uri)?.parsed,
      fileView: (uri) => this.files.get(uri),
      readOther: (uri) => this.readOtherFile?.(uri),
      defaultNamespace: () => this.settingsValue.defaultNamespace,
      apiChoiceOf: (g, k, o) => this.apiChoiceOf(g, k, o),
      index: this.index,
    });
  }

  /** The roots and what each renders. */
  get renderings(): Renderings {
    this.settle();
    return this.rendered.renderings;
  }

  /**
   * YAML files the renderings looked for and the workspace does not hold (a base outside the
   * folders given, a resource file): what a caller reading from disk should add (see loadInputs.ts).
   */
  wantedFiles(): string[] {
    this.settle();
    const out = new Set<string>();
    for (const root of this.rendered.renderings.allRoots()) {
      for (const u of root.result.inputs) if (!this.files.has(u) && /^file:.*(\.ya?ml|\/Kustomization)$/i.test(u)) out.add(u);
    }
    return [...out].sort();
  }

  /** A file outside the YAML of the workspace changed (an env or generator file): re-render what read it. */
  otherFileChanged(uri: string): void {
    this.rendered.changed(uri);
    if (!this.bulk) this.lastAffected.set(uri, this.settle());
  }

  /** Applies queued renderings to the index; the files whose findings that may change. */
  private settle(): Set<string> {
    if (!this.rendered.dirty) return new Set();
    const { affected, removed, added, coverageChanged } = this.rendered.sync();
    if (coverageChanged) this.indexVersion++;
    // Rendered objects come and go like documents: the same work-out of what they affect.
    if (removed.resources.length > 0 || added.resources.length > 0) this.noteChanges([removed], [added], affected);
    return affected;
  }

  get settings(): AnalysisSettings {
    return this.settingsValue;
  }

  /** New settings; a changed default namespace or API generation re-derives every file's resources. */
  updateSettings(s: AnalysisSettings): void {
    const nsChanged = s.defaultNamespace !== this.settingsValue.defaultNamespace;
    const apiChanged = s.apiGeneration !== this.settingsValue.apiGeneration;
    this.settingsValue = s;
    this.generation++;
    this.indexVersion++;
    this.rendered.invalidate();
    if (nsChanged || apiChanged) for (const uri of this.files.keys()) this.rederive(uri, new Set());
  }

  /** The generation a Flokoa object is read as, with this workspace's setting and CRDs. */
  apiChoiceOf(group: string, kind: string, object: unknown): ApiChoice {
    const pinned = this.settingsValue.apiGeneration ? apiById(this.settingsValue.apiGeneration) : undefined;
    const ctx: ChoiceContext = {
      ...(pinned ? { pinned } : {}),
      crd: (g, k) => this.schemas.crdVerdict(g, k),
      layer: () => this.schemas.layerApi(),
    };
    return chooseApi(group, kind, object, ctx);
  }

  /** Adds or updates a file; unchanged documents are reused from its previous parse. */
  setFile(uri: string, text: string): ParsedFile {
    const old = this.files.get(uri);
    if (old && old.parsed.text === text) return old.parsed;
    const affected = new Set<string>();
    const parsed = parseFile(uri, text, old?.parsed, { ...DEFAULT_LIMITS, ...this.settingsValue.limits }, this.documents);
    const k = parsed.docs.length > 0 ? kustomizationOf(uri, parsed.docs[0].value) : undefined;
    this.replace(uri, parsed, k, old, true, affected);
    if (!old || old.parsed.lineStarts.length !== parsed.lineStarts.length) this.indexVersion++;
    this.moveKustomization(uri, k, affected);
    if (!this.bulk) for (const u of this.settle()) affected.add(u);
    affected.delete(uri);
    this.lastAffected.set(uri, affected);
    return parsed;
  }

  /**
   * Adds many files at once (the initial index): the same as setFile for each, without working
   * out dependents, since everything is analysed afterwards anyway.
   */
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
    if (this.rendered.isPlainIndexed(uri)) this.unindex(old.docs);
    this.rendered.plainIndexedNow(uri, false);
    this.files.delete(uri);
    this.rendered.changed(uri);
    this.noteChanges(old.docs, [], affected);
    this.indexVersion++;
    if (old.resources.some(isCrd)) this.syncCrds(affected);
    this.moveKustomization(uri, undefined, affected);
    for (const u of this.settle()) affected.add(u);
    affected.delete(uri);
    this.lastAffected.set(uri, affected);
  }

  /** Resources from outside the files (e.g. a cluster), under a source name; files take precedence. */
  setExternal(source: string, resources: Resource[]): void {
    const old = this.externals.get(source);
    for (const r of resources) if (r.group === FLOKOA_GROUP && !r.producedBy) r.api = this.apiChoiceOf(r.group, r.kind, r.object);
    if (old) {
      for (const r of old.resources) this.index.remove(r);
      for (const ref of old.refs) this.index.removeRef(ref);
    }
    // Their references count too: a Model that only a cluster Agent uses is not unused.
    const refs = resources.flatMap((r) => (r.producedBy ? [] : referencesOf(r)));
    if (resources.length === 0) this.externals.delete(source);
    else this.externals.set(source, { resources, refs });
    for (const r of resources) this.index.add(r, true);
    for (const ref of refs) this.index.addRef(ref);
    const crds: unknown[] = [];
    for (const e of this.externals.values()) for (const r of e.resources) if (isCrd(r)) crds.push(r.object);
    this.setCrds('cluster', crds, new Set());
    this.indexVersion++;
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
    return r.rendering ? this.rendered.referencesOf(r) : referencesOf(r);
  }

  kustomizationIn(uri: string): Kustomization | undefined {
    return this.files.get(uri)?.kustomization;
  }

  /** All named resources (files and external), optionally filtered. */
  resources(filter: ResourceFilter = {}): Resource[] {
    this.settle();
    if (filter.uri !== undefined) return this.resourcesIn(filter.uri).filter((r) => matches(r, filter));
    if (filter.kind !== undefined && filter.group !== undefined) return this.index.list(filter.group, filter.kind, filter.namespace);
    return [...this.index.allResources()].filter((r) => matches(r, filter));
  }

  // ResourceLookup: what the resolver and the rules read.
  get(key: ObjectKey): Resource | undefined {
    this.settle();
    return this.index.get(key);
  }

  list(group: string, kind: string, namespace?: string): Resource[] {
    this.settle();
    return this.index.list(group, kind, namespace);
  }

  named(group: string, kind: string, name: string): Resource[] {
    this.settle();
    return this.index.named(group, kind, name);
  }

  /** Every definition of a key (duplicates included), files first. */
  find(key: ObjectKey): Resource[] {
    this.settle();
    return this.index.all(key);
  }

  byKind(group: string, kind: string, namespace?: string): Resource[] {
    this.settle();
    return this.index.list(group, kind, namespace);
  }

  isExternal(r: Resource): boolean {
    return this.index.isExternal(r);
  }

  /** Namespaces that hold a kind (completion of a reference's `namespace:`). */
  namespacesWith(group: string, kind: string): string[] {
    this.settle();
    return this.index.namespacesOf(group, kind).sort();
  }

  /** Every namespace mentioned anywhere, with labels from its Namespace object when there is one. */
  namespaces(): NamespaceInfo[] {
    this.settle();
    const out = new Map<string, NamespaceInfo>();
    for (const r of this.index.allResources()) {
      if (r.namespace && !out.has(r.namespace)) out.set(r.namespace, { name: r.namespace });
    }
    for (const ns of this.index.list('', 'Namespace')) out.set(ns.name, { name: ns.name, labels: labelsOf(ns), resource: ns });
    return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  namespaceObject(name: string): Resource | undefined {
    this.settle();
    return this.index.get({ group: '', kind: 'Namespace', namespace: '', name });
  }

  referrersOf(key: ObjectKey): Reference[] {
    this.settle();
    return this.index.referrersOf(key);
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

  /**
   * Files whose findings the last setFile/removeFile of `uri` may have changed (call it right
   * after): referrers of added or removed names in any namespace ("exists in namespace X",
   * "did you mean"), files defining the same keys, targets gained or lost (unused-resource),
   * files whose namespace a kustomization decides, and every Flokoa file when Namespace labels
   * or CRDs changed.
   */
  dependentsOf(uri: string): string[] {
    return [...(this.lastAffected.get(uri) ?? [])].filter((u) => this.files.has(u));
  }

  private moveKustomization(uri: string, k: Kustomization | undefined, affected: Set<string>): void {
    const moved = this.kustomizations.set(uri, k);
    for (const f of this.filesCoveredBy(moved)) {
      if (f === uri) continue;
      affected.add(f);
      this.rederive(f, affected);
    }
  }

  private filesCoveredBy(entries: string[]): string[] {
    if (entries.length === 0) return [];
    return [...this.files.keys()].filter((f) => entries.some((e) => entryCovers(e, f)));
  }

  /** Recomputes a file's resources without re-parsing (its namespace may have changed). */
  private rederive(uri: string, affected: Set<string>): void {
    const e = this.files.get(uri);
    if (e) this.replace(uri, e.parsed, e.kustomization, e, false, affected);
  }

  /**
   * Indexes a file's new parse. With `reuse`, documents whose text is unchanged keep their
   * Resource and Reference objects, moved to their new position; the rest are derived afresh.
   */
  private replace(
    uri: string,
    parsed: ParsedFile,
    k: Kustomization | undefined,
    old: FileEntry | undefined,
    reuse: boolean,
    affected: Set<string>,
  ): void {
    const previous = new Map<DocCore, DocItems>();
    if (old) for (const d of old.docs) previous.set(d.core, d);
    const entry: FileEntry = { parsed, docs: [], resources: [], refs: [], kustomization: k };
    const added: DocItems[] = [];
    for (const doc of parsed.docs) {
      const kept = reuse ? previous.get(doc.core) : undefined;
      let items: DocItems;
      if (kept) {
        previous.delete(doc.core);
        for (const r of kept.resources) {
          r.docIndex = doc.index;
          r.range = doc.range;
          r.ranges = doc.sourceMap;
        }
        items = kept;
      } else {
        items = this.derive(uri, doc);
        added.push(items);
      }
      entry.docs.push(items);
      for (const r of items.resources) entry.resources.push(r);
      for (const ref of items.refs) entry.refs.push(ref);
    }
    const removed = [...previous.values()];
    this.files.set(uri, entry);
    // The plain view is in the index only while no rendering covers the file.
    const was = this.rendered.isPlainIndexed(uri);
    const now = !this.rendered.isShadowed(uri);
    if (was) this.unindex(now ? removed : [...removed, ...(old?.docs ?? []).filter((d) => !removed.includes(d))]);
    for (const d of now ? (was ? added : entry.docs) : []) {
      for (const r of d.resources) this.index.add(r);
      for (const ref of d.refs) this.index.addRef(ref);
    }
    this.rendered.plainIndexedNow(uri, now);
    this.rendered.changed(uri);
    this.noteChanges(removed, added, affected);
    if (removed.some((d) => d.resources.some(isCrd)) || added.some((d) => d.resources.some(isCrd))) this.syncCrds(affected);
  }

  private derive(uri: string, doc: ParsedDoc): DocItems {
    const items: DocItems = { core: doc.core, resources: [], refs: [] };
    doc.core.enlist();
    if (doc.value === undefined) return items;
    items.resources = resourcesFromObject(doc.value, {
      uri,
      docIndex: doc.index,
      ranges: doc.sourceMap,
      range: doc.range,
      namespace: (mns, namespaced) => effectiveNamespace(mns, namespaced, uri, this.kustomizations, this.settingsValue.defaultNamespace),
    });
    for (const r of items.resources) if (r.group === FLOKOA_GROUP && !r.producedBy) r.api = this.apiChoiceOf(r.group, r.kind, r.object);
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

  private unindex(docs: DocItems[]): void {
    for (const d of docs) {
      for (const r of d.resources) this.index.remove(r);
      for (const ref of d.refs) this.index.removeRef(ref);
    }
  }

  /** Works out which other files the replaced documents affect, and whether cached results are stale. */
  private noteChanges(
    removed: Pick<DocItems, 'resources' | 'refs'>[],
    added: Pick<DocItems, 'resources' | 'refs'>[],
    affected: Set<string>,
  ): void {
    if (removed.length === 0 && added.length === 0) return;
    const before = signatures(removed);
    const after = signatures(added);
    const keysChanged = symmetricDifference(before.keys, after.keys);
    const refsChanged = symmetricDifference(before.refs, after.refs);
    const all = [...removed, ...added].flatMap((d) => d.resources);
    const sensitive = all.some((r) => r.group !== FLOKOA_GROUP && r.producedBy?.group !== FLOKOA_GROUP);
    const admission = this.bulk ? [] : admissionDependents(this.index, all);
    if (keysChanged.size || refsChanged.size || sensitive || admission.length > 0) this.indexVersion++;
    if (this.bulk) return;
    for (const r of admission) affected.add(r.uri);
    // Per group/kind/namespace, the referenced names that resolve to nothing: the same for every
    // resource of a 1,000-document file, so looked up once rather than once per resource.
    const unresolvedNames = new Map<string, [string, Set<Reference>][]>();
    for (const r of all) {
      if (!r.name) continue;
      const k = keyString(r);
      for (const ref of this.index.referrersOf(r)) affected.add(ref.source.uri);
      if (!keysChanged.has(k)) continue;
      for (const ref of this.index.referencesNamed(r.group, r.kind, r.name)) affected.add(ref.source.uri);
      for (const d of this.index.all(r)) affected.add(d.uri);
      // A name appearing or vanishing changes the "did you mean" of unresolved references near it.
      const scope = keyString({ group: r.group, kind: r.kind, namespace: r.namespace, name: '' });
      let unresolved = unresolvedNames.get(scope);
      if (!unresolved) {
        unresolved = [];
        for (const [name, refs] of this.index.referencedNames(r.group, r.kind, r.namespace)) {
          if (!this.index.get({ group: r.group, kind: r.kind, namespace: r.namespace, name })) unresolved.push([name, refs]);
        }
        unresolvedNames.set(scope, unresolved);
      }
      for (const [name, refs] of unresolved) {
        if (name === r.name) continue;
        if (closestNames(name, [r.name]).length > 0) for (const ref of refs) affected.add(ref.source.uri);
      }
    }
    for (const d of [...removed, ...added]) {
      for (const ref of d.refs) if (refsChanged.has(refSignature(ref))) for (const t of this.index.all(ref.target)) affected.add(t.uri);
    }
    if (all.some((r) => (r.kind === 'Namespace' && r.group === '') || isCrd(r))) {
      for (const [u, f] of this.files) if (f.resources.some((r) => r.group === FLOKOA_GROUP)) affected.add(u);
    }
  }

  /** Hands the CRDs found in files to the schema store as its workspace layer. */
  private syncCrds(affected: Set<string>): void {
    const crds: unknown[] = [];
    for (const e of this.files.values()) for (const r of e.resources) if (isCrd(r)) crds.push(r.object);
    this.setCrds('workspace', crds, affected);
  }

  /**
   * A new CRD layer may change the generation Flokoa documents are read as (and so their
   * references): when what the CRDs say changed, those files are derived again.
   */
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

function refSignature(ref: Reference): string {
  return `${keyString(ref.source)}>${ref.spec.id}>${keyString(ref.target)}#${ref.key ?? ''}${ref.optional ? '?' : ''}`;
}

function signatures(docs: Pick<DocItems, 'resources' | 'refs'>[]): { keys: Set<string>; refs: Set<string> } {
  const keys = new Set<string>();
  const refs = new Set<string>();
  for (const d of docs) {
    for (const r of d.resources) keys.add(keyString(r));
    for (const ref of d.refs) refs.add(refSignature(ref));
  }
  return { keys, refs };
}

function symmetricDifference(a: Set<string>, b: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const x of a) if (!b.has(x)) out.add(x);
  for (const x of b) if (!a.has(x)) out.add(x);
  return out;
}

function matches(r: Resource, f: ResourceFilter): boolean {
  return (
    !!r.name &&
    (f.group === undefined || r.group === f.group) &&
    (f.kind === undefined || r.kind === f.kind) &&
    (f.namespace === undefined || r.namespace === f.namespace)
  );
}
