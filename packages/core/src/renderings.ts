// The renderings of a workspace: which kustomizations and Flux Kustomizations are roots (what is
// applied to the cluster), what each renders as Resources, and which files are thereby covered
// (their documents are represented by their renderings, not read alone) or only patches. Kept
// incrementally: a change re-renders only the roots that read the changed file.
import type { NamespaceSource, Resource, ResourceRendering, SourceDocument } from './model.js';
import { RenderedSourceMap } from './renderedRanges.js';

export { RenderedSourceMap, locateOrigin } from './renderedRanges.js';
import {
  renderKustomization,
  renderFluxKustomization,
  isFluxKustomization,
  resolveFluxPath,
  unresolvedFluxResult,
  type RenderHost,
  type RenderResult,
  type RenderedObject,
} from './render/index.js';
import { KUSTOMIZATION_FILES, isRemote, resolveEntry, asDir } from './render/kustomization.js';
import { resourcesFromObject } from './resources.js';
import { isPlainObject } from './schema/structural.js';
import { summarize, type FileSummary } from './fileSummary.js';

/** What the renderings read from the workspace. */
export interface RenderFiles extends RenderHost {
  /** A file's summary, when the host keeps one (else it is worked out from its documents on every change). */
  summary?(uri: string): FileSummary | undefined;
  /** Is there any workspace file under this folder URI? */
  folderExists(dir: string): boolean;
  /** A ConfigMap or Secret as the workspace indexes it (Flux's substituteFrom). */
  lookup(kind: 'ConfigMap' | 'Secret', namespace: string, name: string): { object: Record<string, unknown>; uri: string } | undefined;
  defaultNamespace(): string;
}

/** One root: a kustomization no other one includes, or a Flux Kustomization's path. */
export interface RenderRoot {
  /** The kustomization file, or `<file>#<document>` of a Flux Kustomization. */
  id: string;
  kind: 'kustomize' | 'flux';
  dir: string;
  /** The kustomization document, or the Flux Kustomization document. */
  doc: SourceDocument;
  /** namespace/name of a Flux Kustomization. */
  flux?: string;
  result: RenderResult;
  /** Its objects as Resources (none when the rendering is opaque). */
  resources: Resource[];
}

/** What an update changed for the index. */
export interface RenderDelta {
  added: Resource[];
  removed: Resource[];
  /** Files that became covered or uncovered (their plain file view enters or leaves the index). */
  coverage: Set<string>;
  /** Every file whose findings the re-rendered roots can touch (sources, patches, kustomizations). */
  touched: Set<string>;
}

interface KustomizationFacts {
  dir: string;
  component: boolean;
  /** Folders its resources, bases and components name. */
  includes: string[];
}

export class Renderings {
  private readonly kustomizationFiles = new Set<string>();
  private readonly fluxFiles = new Set<string>();
  /** Every file noted: a file appearing or vanishing can make a Flux path resolve or not. */
  private readonly known = new Set<string>();
  private readonly roots = new Map<string, RenderRoot>();
  private readonly bySource = new Map<string, Resource[]>();
  private covered = new Set<string>();
  private patchOnly = new Set<string>();
  private rootsStale = true;

  constructor(private readonly files: RenderFiles) {}

  /** Notes a file added, changed or removed (call before update). */
  noteFile(uri: string): void {
    const name = uri.slice(uri.lastIndexOf('/') + 1);
    const summary = this.summaryOf(uri);
    const wasRootFile = this.kustomizationFiles.has(uri) || this.fluxFiles.has(uri);
    if (this.known.has(uri) !== (summary !== undefined)) {
      if (summary) this.known.add(uri);
      else this.known.delete(uri);
      if (this.fluxFiles.size > 0) this.rootsStale = true;
    }
    if (KUSTOMIZATION_FILES.includes(name) && summary && summary.documents > 0) this.kustomizationFiles.add(uri);
    else this.kustomizationFiles.delete(uri);
    if (summary && summary.flux > 0) this.fluxFiles.add(uri);
    else this.fluxFiles.delete(uri);
    if (wasRootFile || this.kustomizationFiles.has(uri) || this.fluxFiles.has(uri)) this.rootsStale = true;
  }

  /** Re-renders the roots the changed files can affect (all of them with `everything`). */
  update(changed: Iterable<string>, everything = false): RenderDelta {
    const delta: RenderDelta = { added: [], removed: [], coverage: new Set(), touched: new Set() };
    const changedList = [...changed];
    for (const u of [...changedList]) changedList.push(...this.definedObjects(u));
    const wanted = this.rootsStale ? this.discoverRoots() : undefined;
    this.rootsStale = false;
    const dirty = new Set<string>();
    if (wanted) {
      for (const id of this.roots.keys()) if (!wanted.has(id)) this.drop(id, delta);
      for (const [id, spec] of wanted) if (this.roots.get(id)?.dir !== spec.dir) dirty.add(id);
    }
    for (const root of this.roots.values()) {
      const folders = root.result.folders;
      const reads = (u: string): boolean => root.result.inputs.has(u) || (folders.size > 0 && [...folders].some((f) => u.startsWith(f)));
      if (everything || changedList.some(reads)) dirty.add(root.id);
    }
    const changedSet = new Set(changedList);
    for (const id of dirty) {
      const spec = wanted?.get(id) ?? this.specOf(this.roots.get(id)!);
      if (spec) this.render(spec, delta, changedSet);
    }
    if (dirty.size > 0 || wanted) this.recomputeCoverage(delta);
    return delta;
  }

  /** Is a file's content represented by renderings (not read alone)? */
  isCovered(uri: string): boolean {
    return this.covered.has(uri);
  }

  /** A file that only patches or configures (no rendering lists it as a resource): not objects. */
  isPatchOnly(uri: string): boolean {
    return this.patchOnly.has(uri);
  }

  /** The rendered resources whose document is in this file, all roots together. */
  resourcesFrom(uri: string): Resource[] {
    return this.bySource.get(uri) ?? [];
  }

  allRoots(): RenderRoot[] {
    return [...this.roots.values()];
  }

  root(id: string): RenderRoot | undefined {
    return this.roots.get(id);
  }

  /** Roots that read a file (as a resource, patch, kustomization, generator source…). */
  rootsReading(uri: string): RenderRoot[] {
    return this.allRoots().filter((r) => r.result.inputs.has(uri));
  }

  /** The ConfigMaps and Secrets a file defines, as the inputs a lookup by name records. */
  private summaryOf(uri: string): FileSummary | undefined {
    if (this.files.summary) return this.files.summary(uri);
    const docs = this.files.documents(uri);
    return docs && summarize(docs);
  }

  private definedObjects(uri: string): string[] {
    const out: string[] = [];
    for (const v of this.summaryOf(uri)?.objects ?? []) {
      if (!isPlainObject(v) || (v.kind !== 'ConfigMap' && v.kind !== 'Secret') || !isPlainObject(v.metadata)) continue;
      const ns = typeof v.metadata.namespace === 'string' ? v.metadata.namespace : this.files.defaultNamespace();
      out.push(objectInput(v.kind, ns, String(v.metadata.name)));
    }
    return out;
  }

  private kustomizationFacts(uri: string): KustomizationFacts | undefined {
    const doc = this.files.documents(uri)?.[0];
    if (!doc || !isPlainObject(doc.value)) return undefined;
    const k = doc.value;
    const dir = uri.slice(0, uri.lastIndexOf('/') + 1);
    const includes: string[] = [];
    for (const field of ['resources', 'bases', 'components']) {
      const list = k[field];
      if (!Array.isArray(list)) continue;
      for (const e of list) {
        if (typeof e !== 'string' || isRemote(e) || /\.(ya?ml|json)$/i.test(e)) continue;
        const target = resolveEntry(dir, e);
        if (target) includes.push(asDir(target));
      }
    }
    return { dir, component: k.kind === 'Component', includes };
  }

  /** The roots the workspace's kustomizations and Flux Kustomizations make now. */
  private discoverRoots(): Map<string, RootSpec> {
    const out = new Map<string, RootSpec>();
    const fluxTargets = new Set<string>();
    for (const uri of [...this.fluxFiles].sort()) {
      (this.files.documents(uri) ?? []).forEach((doc) => {
        const spec = this.fluxSpec(doc);
        if (!spec) return;
        fluxTargets.add(spec.dir);
        if (spec.dir) fluxTargets.add(spec.dir);
        out.set(spec.id, spec);
      });
    }
    const facts = [...this.kustomizationFiles].sort().flatMap((u) => {
      const f = this.kustomizationFacts(u);
      return f ? [{ uri: u, ...f }] : [];
    });
    const included = new Set(facts.flatMap((f) => f.includes));
    for (const f of facts) {
      if (f.component || included.has(f.dir) || fluxTargets.has(f.dir)) continue;
      const doc = this.files.documents(f.uri)![0];
      out.set(f.uri, { id: f.uri, kind: 'kustomize', dir: f.dir, doc });
    }
    return out;
  }

  private fluxSpec(doc: SourceDocument): RootSpec | undefined {
    if (!isFluxKustomization(doc.value)) return undefined;
    const v = doc.value;
    const spec = isPlainObject(v.spec) ? v.spec : {};
    const meta = isPlainObject(v.metadata) ? v.metadata : {};
    if (typeof spec.path !== 'string' && spec.path !== undefined) return undefined;
    const dir = resolveFluxPath(doc.uri, typeof spec.path === 'string' ? spec.path : './', (d) => this.files.folderExists(d)) ?? '';
    const namespace = typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : this.files.defaultNamespace();
    const name = typeof meta.name === 'string' ? meta.name : '';
    return { id: `${doc.uri}#${doc.docIndex}`, kind: 'flux', dir, doc, flux: `${namespace}/${name}` };
  }

  private specOf(root: RenderRoot): RootSpec | undefined {
    if (root.kind === 'kustomize') {
      const doc = this.files.documents(root.id)?.[0];
      return doc ? { id: root.id, kind: 'kustomize', dir: root.dir, doc } : undefined;
    }
    const [uri, index] = [root.id.slice(0, root.id.lastIndexOf('#')), Number(root.id.slice(root.id.lastIndexOf('#') + 1))];
    const doc = this.files.documents(uri)?.[index];
    return doc ? this.fluxSpec(doc) : undefined;
  }

  private render(spec: RootSpec, delta: RenderDelta, changed: Set<string>): void {
    const old = this.roots.get(spec.id);
    const result =
      spec.kind === 'kustomize'
        ? renderKustomization(this.files, spec.dir)
        : spec.dir
          ? this.renderFlux(spec)
          : unresolvedFluxResult(spec.doc);
    const root: RenderRoot = { ...spec, result, resources: [] };
    const reusable = new Map<string, Resource>();
    for (const r of old?.resources ?? []) reusable.set(slotOf(r), r);
    if (!result.opaque) {
      for (const o of result.objects) {
        for (const r of this.toResources(root, o)) {
          const prev = reusable.get(slotOf(r));
          if (prev && sameContent(prev, r)) {
            reusable.delete(slotOf(r));
            // Its own file, patches and kustomizations unchanged: every range it has still holds,
            // and so do the findings cached on it. Else it takes the new ranges.
            const stable = !changed.has(prev.uri) && ![...result.inputs].some((u) => changed.has(u) && !result.resourceFiles.has(u));
            if (!stable) Object.assign(prev, { docIndex: r.docIndex, range: r.range, ranges: r.ranges, rendering: r.rendering });
            root.resources.push(prev);
          } else {
            root.resources.push(r);
            delta.added.push(r);
          }
        }
      }
    }
    delta.removed.push(...reusable.values());
    this.roots.set(spec.id, root);
    this.reindexSources(old?.resources ?? [], root.resources);
    for (const u of result.inputs) delta.touched.add(u);
    for (const u of old?.result.inputs ?? []) delta.touched.add(u);
  }

  private renderFlux(spec: RootSpec): RenderResult {
    const [namespace] = spec.flux!.split('/');
    const inputs: string[] = [];
    const result = renderFluxKustomization(this.files, spec.doc, spec.dir, {
      namespace,
      lookup: (kind, ns, name) => {
        const hit = this.files.lookup(kind, ns, name);
        // Looked up by name: a file defining it later must re-render this root too.
        inputs.push(hit ? hit.uri : objectInput(kind, ns, name));
        return hit?.object as never;
      },
    });
    for (const u of inputs) result.inputs.add(u);
    result.inputs.add(spec.doc.uri);
    return result;
  }

  private toResources(root: RenderRoot, o: RenderedObject): Resource[] {
    const home = o.source.doc;
    const rendering: ResourceRendering = {
      root: root.id,
      dir: root.dir,
      ...(root.flux ? { flux: root.flux } : {}),
      originAt: o.originAt,
      changes: o.changes,
      ...(o.namespaceBy ? { namespaceBy: o.namespaceBy } : {}),
      generated: o.generated,
      listedBy: o.listedBy,
    };
    const namespaceSource = (): NamespaceSource => {
      const by = o.namespaceBy;
      if (!by) return { kind: 'metadata' };
      return by.transformer === 'namespace'
        ? { kind: 'kustomization', uri: by.doc.uri }
        : { kind: 'kustomization', uri: by.doc.uri, field: by.pointer.slice(1).replace(/\//g, '.') };
    };
    const rs = resourcesFromObject(o.object, {
      uri: home.uri,
      docIndex: home.docIndex,
      ranges: new RenderedSourceMap(o, home),
      range: home.range,
      namespace: (mns, namespaced) => {
        if (!namespaced) return { namespace: '', source: { kind: 'cluster-scoped' } };
        if (typeof mns === 'string' && mns !== '') return { namespace: mns, source: namespaceSource() };
        const d = this.files.defaultNamespace();
        return { namespace: d, source: { kind: 'default', setting: d } };
      },
    });
    for (const r of rs) r.rendering = rendering;
    return rs;
  }

  private reindexSources(removed: Resource[], added: Resource[]): void {
    for (const r of removed) {
      const l = this.bySource.get(r.uri);
      if (!l) continue;
      const i = l.indexOf(r);
      if (i >= 0) l.splice(i, 1);
      if (l.length === 0) this.bySource.delete(r.uri);
    }
    for (const r of added) {
      const l = this.bySource.get(r.uri) ?? [];
      if (!l.includes(r)) l.push(r);
      this.bySource.set(r.uri, l);
    }
  }

  private drop(id: string, delta: RenderDelta): void {
    const root = this.roots.get(id);
    if (!root) return;
    this.roots.delete(id);
    delta.removed.push(...root.resources);
    this.reindexSources(root.resources, []);
    for (const u of root.result.inputs) delta.touched.add(u);
  }

  private recomputeCoverage(delta: RenderDelta): void {
    const covered = new Set<string>();
    const patches = new Set<string>();
    for (const root of this.roots.values()) {
      if (root.result.opaque) continue;
      for (const f of root.result.resourceFiles) covered.add(f);
      for (const f of root.result.patchFiles) patches.add(f);
    }
    for (const f of covered) patches.delete(f);
    for (const f of new Set([...covered, ...this.covered])) if (covered.has(f) !== this.covered.has(f)) delta.coverage.add(f);
    for (const f of new Set([...patches, ...this.patchOnly])) if (patches.has(f) !== this.patchOnly.has(f)) delta.coverage.add(f);
    this.covered = covered;
    this.patchOnly = patches;
  }
}

type RootSpec = Omit<RenderRoot, 'result' | 'resources'>;

/** The input a lookup by name records (a file defining that object re-renders the root). */
function objectInput(kind: string, namespace: string, name: string): string {
  return `object:${kind}/${namespace}/${name}`;
}

/** Where a rendered resource sits: its root, its document and which of its resources it is. */
function slotOf(r: Resource): string {
  return `${r.rendering?.root}|${r.uri}#${r.docIndex}|${r.producedBy ? 'produced' : 'own'}|${r.kind}|${r.name}`;
}

function sameContent(a: Resource, b: Resource): boolean {
  return a.name === b.name && a.namespace === b.namespace && a.apiVersion === b.apiVersion && deepEqual(a.object, b.object);
}

/** Structural equality of two JSON-like values (no strings built: this runs on every re-render). */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    return a.length === y.length && a.every((v, i) => deepEqual(v, y[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) if (!(k in y) || !deepEqual(x[k], y[k])) return false;
  return true;
}
