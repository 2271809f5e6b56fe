// The object store: one global resourceVersion counter (like etcd's revision), a bounded
// history of changes for watches to resume from, and synchronous listeners that the watch
// endpoint and the simulated controllers subscribe to.

import type { KObject } from './object.js';
import { clone } from './object.js';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: EventType;
  /** Resource type key, see `typeKey()`. */
  key: string;
  rv: number;
  object: KObject;
  /** The object before the change (MODIFIED), so watchers can tell a selector transition. */
  old?: KObject;
}

export type HistoryResult = { events: StoreEvent[] } | { expired: true; oldest: number };

function itemKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

export class Store {
  private rv: number;
  private readonly objects = new Map<string, Map<string, KObject>>();
  private readonly history: StoreEvent[] = [];
  /** Oldest resourceVersion a watch may still resume from. */
  private compactedRv: number;
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  /** owner uid -> children, for garbage collection without scanning the store. */
  private readonly ownerIndex = new Map<string, Set<string>>();

  constructor(
    readonly historySize = 10_000,
    firstRv = 1000,
  ) {
    this.rv = firstRv;
    this.compactedRv = firstRv;
  }

  currentRv(): number {
    return this.rv;
  }

  get(key: string, namespace: string | undefined, name: string): KObject | undefined {
    const o = this.objects.get(key)?.get(itemKey(namespace, name));
    return o ? clone(o) : undefined;
  }

  /** Read without copying: callers must not mutate the result. */
  peek(key: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.objects.get(key)?.get(itemKey(namespace, name));
  }

  list(key: string, namespace?: string): KObject[] {
    return this.peekList(key, namespace).map(clone);
  }

  peekList(key: string, namespace?: string): KObject[] {
    const m = this.objects.get(key);
    if (!m) return [];
    const out: KObject[] = [];
    for (const o of m.values()) if (namespace === undefined || o.metadata.namespace === namespace) out.push(o);
    return out.sort(byNamespaceName);
  }

  count(key: string): number {
    return this.objects.get(key)?.size ?? 0;
  }

  /** Every stored object's type key and object, for cascading deletes by namespace. */
  *entries(): Iterable<[string, KObject]> {
    for (const [key, m] of this.objects) for (const o of m.values()) yield [key, o];
  }

  /** Children of an owner uid as [typeKey, namespace, name]. */
  childrenOf(uid: string): [string, string | undefined, string][] {
    const out: [string, string | undefined, string][] = [];
    for (const ref of this.ownerIndex.get(uid) ?? []) {
      const [key, rest] = splitOnce(ref, '|');
      const [ns, name] = splitOnce(rest, '/');
      out.push([key, ns || undefined, name]);
    }
    return out;
  }

  /** Objects of one type whose ownerReferences name `uid`, without copying: callers must not mutate them. */
  peekOwnedBy(uid: string, key: string): KObject[] {
    const out: KObject[] = [];
    for (const [k, ns, name] of this.childrenOf(uid)) {
      if (k !== key) continue;
      const o = this.peek(k, ns, name);
      if (o) out.push(o);
    }
    return out;
  }

  /** Store a new or changed object; assigns the next resourceVersion. */
  put(key: string, obj: KObject): KObject {
    const m = this.objects.get(key) ?? new Map<string, KObject>();
    this.objects.set(key, m);
    const ik = itemKey(obj.metadata.namespace, obj.metadata.name!);
    const old = m.get(ik);
    const stored = clone(obj);
    stored.metadata.resourceVersion = String(++this.rv);
    m.set(ik, stored);
    if (old) this.unindex(key, old);
    this.index(key, stored);
    this.emit({ type: old ? 'MODIFIED' : 'ADDED', key, rv: this.rv, object: stored, ...(old ? { old } : {}) });
    return clone(stored);
  }

  remove(key: string, namespace: string | undefined, name: string): KObject | undefined {
    const m = this.objects.get(key);
    const ik = itemKey(namespace, name);
    const old = m?.get(ik);
    if (!m || !old) return undefined;
    m.delete(ik);
    this.unindex(key, old);
    // A deletion gets its own resourceVersion, as in etcd.
    const gone = clone(old);
    gone.metadata.resourceVersion = String(++this.rv);
    this.emit({ type: 'DELETED', key, rv: this.rv, object: gone, old });
    return clone(gone);
  }

  /** Events after `rv` (exclusive), or `expired` when the history no longer reaches back that far. */
  since(rv: number): HistoryResult {
    if (rv < this.compactedRv) return { expired: true, oldest: this.compactedRv };
    const start = lowerBound(this.history, rv + 1);
    return { events: this.history.slice(start) };
  }

  /** Forget the history, so every watch resuming from an older version gets 410 Gone. */
  compact(): void {
    this.history.length = 0;
    this.compactedRv = this.rv;
  }

  subscribe(fn: (e: StoreEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(e: StoreEvent): void {
    this.history.push(e);
    if (this.history.length > this.historySize) {
      const dropped = this.history.splice(0, this.history.length - this.historySize);
      this.compactedRv = dropped[dropped.length - 1].rv;
    }
    for (const fn of [...this.listeners]) fn(e);
  }

  private index(key: string, o: KObject): void {
    for (const ref of o.metadata.ownerReferences ?? []) {
      const s = this.ownerIndex.get(ref.uid) ?? new Set<string>();
      s.add(`${key}|${o.metadata.namespace ?? ''}/${o.metadata.name}`);
      this.ownerIndex.set(ref.uid, s);
    }
  }

  private unindex(key: string, o: KObject): void {
    for (const ref of o.metadata.ownerReferences ?? []) {
      const s = this.ownerIndex.get(ref.uid);
      if (!s) continue;
      s.delete(`${key}|${o.metadata.namespace ?? ''}/${o.metadata.name}`);
      if (s.size === 0) this.ownerIndex.delete(ref.uid);
    }
  }
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

function lowerBound(events: StoreEvent[], rv: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid].rv < rv) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function byNamespaceName(a: KObject, b: KObject): number {
  const na = a.metadata.namespace ?? '';
  const nb = b.metadata.namespace ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  const ma = a.metadata.name ?? '';
  const mb = b.metadata.name ?? '';
  return ma < mb ? -1 : ma > mb ? 1 : 0;
}
