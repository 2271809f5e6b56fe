// Maps by key, by kind and namespace, by kind and name, and references by target: every lookup an
// edit needs is a map access, never a scan of the workspace.
import type { ObjectKey, Resource } from './model.js';
import type { Reference } from './references.js';
import { keyString } from './kinds.js';
import { labelsOf } from './resources.js';

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

export function matchesFilter(r: Resource, f: ResourceFilter): boolean {
  return (
    !!r.name &&
    (f.group === undefined || r.group === f.group) &&
    (f.kind === undefined || r.kind === f.kind) &&
    (f.namespace === undefined || r.namespace === f.namespace)
  );
}

/**
 * Values by key. Most keys have one value (one definition per key, one reference to a name):
 * that value is stored as it is, and a Set only once a second one comes (a workspace of 50,000
 * objects held about 100,000 one-element Sets, a fifth of its index).
 */
type Bag<T> = Map<string, T | Set<T>>;

function put<T>(m: Bag<T>, k: string, v: T): void {
  const s = m.get(k);
  if (s === undefined) m.set(k, v);
  else if (s instanceof Set) s.add(v);
  else if (s !== v) m.set(k, new Set([s, v]));
}

function drop<T>(m: Bag<T>, k: string, v: T): void {
  const s = m.get(k);
  if (s === undefined) return;
  if (!(s instanceof Set)) {
    if (s === v) m.delete(k);
    return;
  }
  s.delete(v);
  if (s.size === 1) m.set(k, s.values().next().value as T);
}

/** The values at a key, in the order they came (the bag's own Set: not to be kept or changed). */
function at<T>(m: Bag<T>, k: string): Iterable<T> {
  const s = m.get(k);
  return s === undefined ? [] : s instanceof Set ? s : [s];
}

/** The values at a key, in the order they came, as a new array. */
function valuesAt<T>(m: Bag<T>, k: string): T[] {
  const s = m.get(k);
  return s === undefined ? [] : s instanceof Set ? [...s] : [s];
}

const gk = (group: string, kind: string): string => `${group}/${kind}`;
const gkn = (group: string, kind: string, name: string): string => `${group}/${kind}/${name}`;
const gkns = (group: string, kind: string, ns: string): string => `${group}/${kind}/${ns}`;

function inFileOrder(a: Resource, b: Resource): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.docIndex - b.docIndex;
}

export class ResourceIndex {
  private readonly byKey: Bag<Resource> = new Map();
  private readonly byKindNs: Bag<Resource> = new Map();
  private readonly byKindName: Bag<Resource> = new Map();
  private readonly namespacesByKind: Bag<string> = new Map();
  private readonly refsByTarget: Bag<Reference> = new Map();
  private readonly refsByKindName: Bag<Reference> = new Map();
  /** Resources that came from outside the files (a cluster): files win over them. */
  private readonly external = new Set<Resource>();

  add(r: Resource, external = false): void {
    if (!r.name || !r.kind) return;
    if (external) this.external.add(r);
    put(this.byKey, keyString(r), r);
    const kns = gkns(r.group, r.kind, r.namespace);
    // The kind's first object in the namespace: the namespace is one of the kind's.
    if (!this.byKindNs.has(kns)) put(this.namespacesByKind, gk(r.group, r.kind), r.namespace);
    put(this.byKindNs, kns, r);
    put(this.byKindName, gkn(r.group, r.kind, r.name), r);
  }

  remove(r: Resource): void {
    if (!r.name || !r.kind) return;
    this.external.delete(r);
    drop(this.byKey, keyString(r), r);
    const kns = gkns(r.group, r.kind, r.namespace);
    drop(this.byKindNs, kns, r);
    drop(this.byKindName, gkn(r.group, r.kind, r.name), r);
    if (!this.byKindNs.has(kns)) drop(this.namespacesByKind, gk(r.group, r.kind), r.namespace);
  }

  addRef(ref: Reference): void {
    const t = ref.target;
    put(this.refsByTarget, keyString(t), ref);
    put(this.refsByKindName, gkn(t.group, t.kind, t.name), ref);
  }

  removeRef(ref: Reference): void {
    const t = ref.target;
    drop(this.refsByTarget, keyString(t), ref);
    drop(this.refsByKindName, gkn(t.group, t.kind, t.name), ref);
  }

  isExternal(r: Resource): boolean {
    return this.external.has(r);
  }

  /**
   * Every definition of a key: files first (by file, then document), then external ones. The
   * order is the same whatever order they were indexed in, so findings do not depend on the
   * history of edits.
   */
  all(key: ObjectKey): Resource[] {
    const list = valuesAt(this.byKey, keyString(key));
    return list.length > 1 ? list.sort((a, b) => Number(this.external.has(a)) - Number(this.external.has(b)) || inFileOrder(a, b)) : list;
  }

  /** The definition that counts: a file's own object, else a cluster's, else one another object produces. */
  get(key: ObjectKey): Resource | undefined {
    const s = this.byKey.get(keyString(key));
    if (s === undefined || !(s instanceof Set)) return s;
    let best: Resource | undefined;
    for (const r of s) if (!best || this.better(r, best)) best = r;
    return best;
  }

  /**
   * One resource per key, the file one when a file and a cluster both have it; `keep`, when given,
   * picks names first (cheaper than a pass over the result in a workspace of tens of thousands).
   */
  list(group: string, kind: string, namespace?: string, keep?: (name: string) => boolean): Resource[] {
    const spaces = namespace !== undefined ? [namespace] : valuesAt(this.namespacesByKind, gk(group, kind));
    const out: Resource[] = [];
    for (const ns of spaces) {
      // Every definition of a key is in its kind and namespace's bucket: the best of each name is
      // picked there, as get() would, without a lookup per resource.
      const best = new Map<string, Resource>();
      for (const r of at(this.byKindNs, gkns(group, kind, ns))) {
        if (keep && !keep(r.name)) continue;
        const b = best.get(r.name);
        if (!b || this.better(r, b)) best.set(r.name, r);
      }
      for (const r of best.values()) out.push(r);
    }
    return out;
  }

  /** Whether `a` counts over `b` (same key): a file's own object, else a cluster's, else a produced one; then file order. */
  private better(a: Resource, b: Resource): boolean {
    const rank = (r: Resource) => (r.producedBy ? 2 : this.external.has(r) ? 1 : 0);
    const ra = rank(a);
    const rb = rank(b);
    return ra < rb || (ra === rb && inFileOrder(a, b) < 0);
  }

  named(group: string, kind: string, name: string): Resource[] {
    const out = new Map<string, Resource>();
    for (const r of at(this.byKindName, gkn(group, kind, name))) if (!out.has(r.namespace)) out.set(r.namespace, this.get(r)!);
    return [...out.values()];
  }

  namespacesOf(group: string, kind: string): string[] {
    return valuesAt(this.namespacesByKind, gk(group, kind));
  }

  referrersOf(key: ObjectKey): Reference[] {
    return valuesAt(this.refsByTarget, keyString(key));
  }

  referencesNamed(group: string, kind: string, name: string): Reference[] {
    return valuesAt(this.refsByKindName, gkn(group, kind, name));
  }

  /** Named resources matching a filter (its uri aside). */
  filter(f: ResourceFilter): Resource[] {
    if (f.kind !== undefined && f.group !== undefined) return this.list(f.group, f.kind, f.namespace);
    return [...this.allResources()].filter((r) => matchesFilter(r, f));
  }

  /** Every namespace mentioned anywhere, with labels from its Namespace object when there is one. */
  namespaces(): NamespaceInfo[] {
    const out = new Map<string, NamespaceInfo>();
    for (const r of this.allResources()) if (r.namespace && !out.has(r.namespace)) out.set(r.namespace, { name: r.namespace });
    for (const ns of this.list('', 'Namespace')) out.set(ns.name, { name: ns.name, labels: labelsOf(ns), resource: ns });
    return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  *allResources(): Iterable<Resource> {
    for (const s of this.byKey.values()) {
      if (s instanceof Set) yield* s;
      else yield s;
    }
  }
}
