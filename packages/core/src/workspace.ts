// The index of a workspace: files in, resources, references and findings out. Incremental:
// setFile re-parses only changed documents and touches only the index entries of that file.
import type { Finding, ObjectKey, Position, Resource } from './model.js';
import { parseFile, docAt, DEFAULT_LIMITS, type ParsedFile } from './parse.js';
import { KustomizationIndex, kustomizationOf, effectiveNamespace, entryCovers, type Kustomization } from './namespaces.js';
import { resourcesFromObject, labelsOf } from './resources.js';
import { referencesOf, type Reference } from './references.js';
import { ResourceIndex } from './resourceIndex.js';
import type { ResourceLookup } from './resolve.js';
import { DEFAULT_SETTINGS, type AnalysisSettings } from './settings.js';
import { FLOKOA_GROUP } from './kinds.js';
import { closestNames } from './schema/didYouMean.js';
import { analyzeFile } from './analyze.js';
import { SchemaStore } from './schema/store.js';

interface FileEntry {
  parsed: ParsedFile;
  /** Tracked resources of the file, unnamed ones included (rules still check them). */
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
  private readonly externals = new Map<string, Resource[]>();
  private readonly index = new ResourceIndex();
  private readonly kustomizations = new KustomizationIndex();
  /** Files whose findings the last change of a file may have altered, as seen before the change. */
  private readonly lastAffected = new Map<string, Set<string>>();
  private settingsValue: AnalysisSettings;
  /** Bumped whenever something document-scoped rules depend on changes (settings, CRDs). */
  generation = 0;

  constructor(settings: AnalysisSettings = DEFAULT_SETTINGS, readonly schemas: SchemaStore = new SchemaStore()) {
    this.settingsValue = settings;
  }

  get settings(): AnalysisSettings {
    return this.settingsValue;
  }

  /** New settings; a changed default namespace re-derives every file's resources. */
  updateSettings(s: AnalysisSettings): void {
    const nsChanged = s.defaultNamespace !== this.settingsValue.defaultNamespace;
    this.settingsValue = s;
    this.generation++;
    if (nsChanged) for (const uri of this.files.keys()) this.rederive(uri);
  }

  /** Adds or updates a file; unchanged documents are reused from its previous parse. */
  setFile(uri: string, text: string): ParsedFile {
    const old = this.files.get(uri);
    if (old && old.parsed.text === text) return old.parsed;
    const before = this.affectedBy(uri);
    const parsed = parseFile(uri, text, old?.parsed, { ...DEFAULT_LIMITS, ...this.settingsValue.limits });
    const k = parsed.docs.length > 0 ? kustomizationOf(uri, parsed.docs[0].value) : undefined;
    this.replace(uri, { parsed, resources: [], refs: [], kustomization: k });
    const moved = this.kustomizations.set(uri, k);
    for (const f of this.filesCoveredBy(moved)) if (f !== uri) {
      for (const d of this.affectedBy(f)) before.add(d);
      this.rederive(f);
      before.add(f);
    }
    this.lastAffected.set(uri, before);
    return parsed;
  }

  removeFile(uri: string): void {
    const old = this.files.get(uri);
    if (!old) return;
    const before = this.affectedBy(uri);
    this.unindex(old);
    this.files.delete(uri);
    const moved = this.kustomizations.set(uri, undefined);
    for (const f of this.filesCoveredBy(moved)) {
      for (const d of this.affectedBy(f)) before.add(d);
      this.rederive(f);
      before.add(f);
    }
    if (old.resources.some((r) => r.kind === 'CustomResourceDefinition')) this.syncCrds();
    before.delete(uri);
    this.lastAffected.set(uri, before);
  }

  /** Resources from outside the files (e.g. a cluster), under a source name; files take precedence. */
  setExternal(source: string, resources: Resource[]): void {
    for (const r of this.externals.get(source) ?? []) this.index.remove(r);
    if (resources.length === 0) this.externals.delete(source);
    else this.externals.set(source, resources);
    for (const r of resources) this.index.add(r, true);
    const crds: unknown[] = [];
    for (const list of this.externals.values()) for (const r of list) if (r.kind === 'CustomResourceDefinition') crds.push(r.object);
    this.schemas.setCrds('cluster', crds);
  }

  file(uri: string): ParsedFile | undefined {
    return this.files.get(uri)?.parsed;
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  resourcesIn(uri: string): Resource[] {
    return this.files.get(uri)?.resources ?? [];
  }

  referencesIn(uri: string): Reference[] {
    return this.files.get(uri)?.refs ?? [];
  }

  kustomizationIn(uri: string): Kustomization | undefined {
    return this.files.get(uri)?.kustomization;
  }

  /** All named resources (files and external), optionally filtered. */
  resources(filter: ResourceFilter = {}): Resource[] {
    if (filter.uri !== undefined) return this.resourcesIn(filter.uri).filter((r) => matches(r, filter));
    if (filter.kind !== undefined && filter.group !== undefined) return this.index.list(filter.group, filter.kind, filter.namespace);
    return [...this.index.allResources()].filter((r) => matches(r, filter));
  }

  // ResourceLookup: what the resolver and the rules read.
  get(key: ObjectKey): Resource | undefined {
    return this.index.get(key);
  }

  list(group: string, kind: string, namespace?: string): Resource[] {
    return this.index.list(group, kind, namespace);
  }

  named(group: string, kind: string, name: string): Resource[] {
    return this.index.named(group, kind, name);
  }

  /** Every definition of a key (duplicates included), files first. */
  find(key: ObjectKey): Resource[] {
    return this.index.all(key);
  }

  byKind(group: string, kind: string, namespace?: string): Resource[] {
    return this.index.list(group, kind, namespace);
  }

  isExternal(r: Resource): boolean {
    return this.index.isExternal(r);
  }

  /** Namespaces that hold a kind (completion of a reference's `namespace:`). */
  namespacesWith(group: string, kind: string): string[] {
    return this.index.namespacesOf(group, kind).sort();
  }

  /** Every namespace mentioned anywhere, with labels from its Namespace object when there is one. */
  namespaces(): NamespaceInfo[] {
    const out = new Map<string, NamespaceInfo>();
    for (const r of this.index.allResources()) {
      if (r.namespace && !out.has(r.namespace)) out.set(r.namespace, { name: r.namespace });
    }
    for (const ns of this.index.list('', 'Namespace')) out.set(ns.name, { name: ns.name, labels: labelsOf(ns), resource: ns });
    return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  namespaceObject(name: string): Resource | undefined {
    return this.index.get({ group: '', kind: 'Namespace', namespace: '', name });
  }

  referrersOf(key: ObjectKey): Reference[] {
    return this.index.referrersOf(key);
  }

  /** The resource whose document holds a position (the defining one, not a produced one). */
  resourceAt(uri: string, pos: Position): Resource | undefined {
    const e = this.files.get(uri);
    if (!e) return undefined;
    const d = docAt(e.parsed, pos);
    return d ? e.resources.find((r) => r.docIndex === d.index && !r.producedBy) : undefined;
  }

  /** All findings of one file, after suppression comments and severity settings. */
  analyze(uri: string): Finding[] {
    return analyzeFile(this, uri);
  }

  /**
   * Files whose findings may change because `uri` changed: referrers of its resources (in any
   * namespace, for "exists in namespace X"), files defining the same keys, the targets of its
   * references (unused-resource), files whose namespace a kustomization decides, and close names.
   * Includes what the state before the file's last change implied.
   */
  dependentsOf(uri: string): string[] {
    const out = this.affectedBy(uri);
    for (const u of this.lastAffected.get(uri) ?? []) out.add(u);
    out.delete(uri);
    return [...out].filter((u) => this.files.has(u));
  }

  private affectedBy(uri: string): Set<string> {
    const out = new Set<string>();
    const e = this.files.get(uri);
    if (!e) return out;
    const namespaceChanged = e.resources.some((r) => r.kind === 'Namespace' && r.group === '');
    const crds = e.resources.some((r) => r.kind === 'CustomResourceDefinition');
    for (const r of e.resources) {
      if (!r.name) continue;
      for (const ref of this.index.referencesNamed(r.group, r.kind, r.name)) out.add(ref.source.uri);
      for (const d of this.index.all(r)) out.add(d.uri);
      for (const ref of this.index.referencesToKind(r.group, r.kind)) {
        if (ref.target.name !== r.name && closestNames(ref.target.name, [r.name]).length > 0) out.add(ref.source.uri);
      }
    }
    for (const ref of e.refs) for (const d of this.index.all(ref.target)) out.add(d.uri);
    if (e.kustomization) for (const f of this.filesCoveredBy(e.kustomization.entries)) out.add(f);
    if (namespaceChanged || crds) {
      for (const [u, f] of this.files) if (f.resources.some((r) => r.group === FLOKOA_GROUP)) out.add(u);
    }
    return out;
  }

  private filesCoveredBy(entries: string[]): string[] {
    if (entries.length === 0) return [];
    return [...this.files.keys()].filter((f) => entries.some((e) => entryCovers(e, f)));
  }

  /** Recomputes a file's resources without re-parsing (its namespace may have changed). */
  private rederive(uri: string): void {
    const e = this.files.get(uri);
    if (e) this.replace(uri, { ...e, resources: [], refs: [] });
  }

  private replace(uri: string, next: FileEntry): void {
    const old = this.files.get(uri);
    if (old) this.unindex(old);
    const { parsed } = next;
    for (const doc of parsed.docs) {
      if (doc.value === undefined) continue;
      const rs = resourcesFromObject(doc.value, {
        uri,
        docIndex: doc.index,
        ranges: doc.sourceMap,
        range: doc.range,
        namespace: (mns, namespaced) =>
          effectiveNamespace(mns, namespaced, uri, this.kustomizations, this.settingsValue.defaultNamespace),
      });
      for (const r of rs) {
        next.resources.push(r);
        if (!r.producedBy) next.refs.push(...referencesOf(r));
      }
    }
    this.files.set(uri, next);
    for (const r of next.resources) this.index.add(r);
    for (const ref of next.refs) this.index.addRef(ref);
    const hadCrds = old?.resources.some((r) => r.kind === 'CustomResourceDefinition') ?? false;
    if (hadCrds || next.resources.some((r) => r.kind === 'CustomResourceDefinition')) this.syncCrds();
  }

  private unindex(e: FileEntry): void {
    for (const r of e.resources) this.index.remove(r);
    for (const ref of e.refs) this.index.removeRef(ref);
  }

  /** Hands the CRDs found in files to the schema store as its workspace layer. */
  private syncCrds(): void {
    const crds: unknown[] = [];
    for (const e of this.files.values()) for (const r of e.resources) if (r.kind === 'CustomResourceDefinition') crds.push(r.object);
    this.schemas.setCrds('workspace', crds);
  }
}

function matches(r: Resource, f: ResourceFilter): boolean {
  return (
    !!r.name &&
    (f.group === undefined || r.group === f.group) &&
    (f.kind === undefined || r.kind === f.kind) &&
    (f.namespace === undefined || r.namespace === f.namespace)
  );
}

