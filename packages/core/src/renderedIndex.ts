// The workspace index sees rendered objects: what each root kustomization or Flux Kustomization
// sends to the cluster replaces the documents it covers (a base's Agent appears once per overlay,
// renamed and moved as kustomize would), and a patch file is no object at all. Files no rendering
// covers keep their plain file view. Renders lazily: edits queue up and the next read applies them.
import type { Resource, SourceDocument } from './model.js';
import type { ApiChoice } from './api/types.js';
import { FLOKOA_GROUP } from './api/group.js';
import type { ParsedFile } from './parse.js';
import { referencesOf, type Reference } from './references.js';
import type { ResourceIndex } from './resourceIndex.js';
import { Renderings, type RenderFiles, type RenderRoot } from './renderings.js';
import type { FileSummary } from './fileSummary.js';

/** What a sync changed in the index (the workspace works out what that affects, as for a file). */
export interface RenderedChange {
  affected: Set<string>;
  /** Files whose plain view entered or left the index, with what it holds. */
  toggled: { resources: Resource[]; refs: Reference[] }[];
  removed: { resources: Resource[]; refs: Reference[] };
  added: { resources: Resource[]; refs: Reference[] };
  coverageChanged: boolean;
}

/** What the rendered index needs of the workspace. */
export interface RenderedIndexHost {
  uris(): Iterable<string>;
  parsed(uri: string): ParsedFile | undefined;
  /** A file's plain view (its documents read alone) as indexed when nothing renders it. */
  fileView(uri: string): { resources: Resource[]; refs: Reference[] } | undefined;
  /** Text of a file that is not YAML in the workspace (generator sources), from the host, if any. */
  readOther?(uri: string): string | undefined;
  defaultNamespace(): string;
  /** A file's summary, kept up to date as it changes. */
  summary(uri: string): FileSummary | undefined;
  /** The API generation a Flokoa object is read as (the workspace's setting and CRDs decide). */
  apiChoiceOf(group: string, kind: string, object: unknown): ApiChoice;
  readonly index: ResourceIndex;
}

export class RenderedIndex {
  readonly renderings: Renderings;
  private readonly pending = new Set<string>();
  private everything = true;
  private readonly refs = new WeakMap<Resource, Reference[]>();
  /** Files whose plain view is in the index. */
  private readonly plainIndexed = new Set<string>();
  private readonly docsCache = new WeakMap<ParsedFile, SourceDocument[]>();
  private readonly otherText = new Map<string, string | undefined>();

  constructor(private readonly host: RenderedIndexHost) {
    this.renderings = new Renderings(this.files());
  }

  /** A file was set or removed (its plain view is already replaced by the caller). */
  changed(uri: string): void {
    this.pending.add(uri);
    this.otherText.delete(uri);
  }

  /** Everything may render differently (settings changed). */
  invalidate(): void {
    this.everything = true;
  }

  /** True when anything is waiting to be rendered. */
  get dirty(): boolean {
    return this.everything || this.pending.size > 0;
  }

  /** Is a file's plain view kept out of the index (a rendering covers it, or it is only a patch)? */
  isShadowed(uri: string): boolean {
    return this.renderings.isCovered(uri) || this.renderings.isPatchOnly(uri);
  }

  /** Keeps the index's plain entries of a file in step with its coverage (call after replacing them). */
  plainIndexedNow(uri: string, indexed: boolean): void {
    if (indexed) this.plainIndexed.add(uri);
    else this.plainIndexed.delete(uri);
  }

  isPlainIndexed(uri: string): boolean {
    return this.plainIndexed.has(uri);
  }

  /**
   * Renders what the queued changes affect and applies it to the index; returns the files whose
   * findings may have changed (the re-rendered roots' inputs and the files that moved between
   * plain and rendered).
   */
  sync(): RenderedChange {
    const affected = new Set<string>();
    const change: RenderedChange = {
      affected,
      removed: { resources: [], refs: [] },
      added: { resources: [], refs: [] },
      toggled: [],
      coverageChanged: false,
    };
    if (!this.dirty) return change;
    const changed = [...this.pending];
    this.pending.clear();
    for (const u of changed) this.renderings.noteFile(u);
    const delta = this.renderings.update(changed, this.everything);
    this.everything = false;
    const index = this.host.index;
    for (const r of delta.removed) {
      index.remove(r);
      const refs = this.refs.get(r) ?? [];
      for (const ref of refs) index.removeRef(ref);
      change.removed.resources.push(r);
      change.removed.refs.push(...refs);
      affected.add(r.uri);
    }
    for (const r of delta.added) {
      if (r.group === FLOKOA_GROUP && !r.producedBy) r.api = this.host.apiChoiceOf(r.group, r.kind, r.object);
      index.add(r);
      const refs = r.producedBy ? [] : referencesOf(r);
      this.refs.set(r, refs);
      for (const ref of refs) index.addRef(ref);
      change.added.resources.push(r);
      change.added.refs.push(...refs);
      affected.add(r.uri);
    }
    for (const uri of delta.coverage) {
      const view = this.togglePlain(uri);
      if (view) {
        change.toggled.push(view);
        // Its objects came or went (a ConfigMap a Flux postBuild reads): renderings reading them go again.
        if (view.resources.some((r) => r.kind === 'ConfigMap' || r.kind === 'Secret')) this.pending.add(uri);
      }
      affected.add(uri);
    }
    for (const u of delta.touched) affected.add(u);
    change.coverageChanged = delta.coverage.size > 0;
    return change;
  }

  /** Rendered resources of a file (its documents as rendered by every root, generated objects of a kustomization). */
  renderedIn(uri: string): Resource[] {
    return this.renderings.resourcesFrom(uri);
  }

  referencesOf(r: Resource): Reference[] {
    return this.refs.get(r) ?? [];
  }

  rootsReading(uri: string): RenderRoot[] {
    return this.renderings.rootsReading(uri);
  }

  /** Puts a file's plain view in or out of the index as its coverage says; the view when it moved. */
  private togglePlain(uri: string): { resources: Resource[]; refs: Reference[] } | undefined {
    const view = this.host.fileView(uri);
    const shouldIndex = !this.isShadowed(uri) && view !== undefined;
    if (shouldIndex === this.plainIndexed.has(uri) || !view) return undefined;
    const index = this.host.index;
    if (shouldIndex) {
      for (const r of view.resources) index.add(r);
      for (const ref of view.refs) index.addRef(ref);
    } else {
      for (const r of view.resources) index.remove(r);
      for (const ref of view.refs) index.removeRef(ref);
    }
    this.plainIndexedNow(uri, shouldIndex);
    return { resources: view.resources, refs: view.refs };
  }

  private documentsOf(uri: string): SourceDocument[] | undefined {
    const parsed = this.host.parsed(uri);
    if (!parsed) return undefined;
    let docs = this.docsCache.get(parsed);
    if (!docs) {
      docs = parsed.docs.map((d) => ({ uri, docIndex: d.index, value: d.value, ranges: d.sourceMap, range: d.range }));
      this.docsCache.set(parsed, docs);
    }
    return docs;
  }

  private files(): RenderFiles {
    return {
      documents: (uri) => this.documentsOf(uri),
      summary: (uri) => this.host.summary(uri),
      text: (uri) => {
        const parsed = this.host.parsed(uri);
        if (parsed) return parsed.text;
        if (!this.otherText.has(uri)) this.otherText.set(uri, this.host.readOther?.(uri));
        return this.otherText.get(uri);
      },
      yamlFilesUnder: (dir) => [...this.host.uris()].filter((u) => u.startsWith(dir) && /\.ya?ml$/i.test(u)).sort(),
      folderExists: (dir) => [...this.host.uris()].some((u) => u.startsWith(dir)),
      lookup: (kind, namespace, name) => {
        const r = this.host.index.get({ group: '', kind, namespace, name });
        return r ? { object: r.object, uri: r.uri } : undefined;
      },
      defaultNamespace: () => this.host.defaultNamespace(),
    };
  }
}
