// A ResourceList (`{cpu: 500m, memory: 1Gi}`, a quota's `hard`) and the operations kube-apiserver's
// quota code applies to them: add, mask, compare, and the `key=value,...` text of its messages.
import { isPlainObject } from '../schema/structural.js';
import { addQuantities, compareQuantities, formatQuantity, parseQuantity, type Quantity } from './quantity.js';

export type ResourceList = Map<string, Quantity>;

/** The quantities of a YAML map; entries Kubernetes could not parse are listed in `invalid`. */
export function readResourceList(v: unknown): { list: ResourceList; invalid: string[] } {
  const list: ResourceList = new Map();
  const invalid: string[] = [];
  if (!isPlainObject(v)) return { list, invalid };
  for (const [k, raw] of Object.entries(v)) {
    const q = parseQuantity(raw);
    if (q) list.set(k, q);
    else invalid.push(k);
  }
  return { list, invalid };
}

/** a + b, key by key (keys of either); as quota.Add. */
export function addLists(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map(a);
  for (const [k, q] of b) {
    const had = out.get(k);
    out.set(k, had ? addQuantities(had, q) : q);
  }
  return out;
}

/** The entries of `list` whose key is in `names`. */
export function maskList(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = new Map();
  for (const n of names) {
    const q = list.get(n);
    if (q) out.set(n, q);
  }
  return out;
}

/** Keys of `a` whose value is above `b`'s (keys `b` lacks do not count), sorted. */
export function exceeding(a: ResourceList, b: ResourceList): string[] {
  const out: string[] = [];
  for (const [k, q] of a) {
    const limit = b.get(k);
    if (limit && compareQuantities(q, limit) > 0) out.push(k);
  }
  return out.sort();
}

/** `requests.cpu=500m,requests.memory=1Gi`: the quota admission's text of a list, keys sorted. */
export function listText(list: ResourceList): string {
  return [...list.keys()]
    .sort()
    .map((k) => `${k}=${formatQuantity(list.get(k)!)}`)
    .join(',');
}

/** The list as plain JSON with canonical quantities (what the API server stores). */
export function listJson(list: ResourceList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of [...list.keys()].sort()) out[k] = formatQuantity(list.get(k)!);
  return out;
}

/** Per key, the larger of the two (init containers against the app containers). */
export function maxLists(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map(a);
  for (const [k, q] of b) {
    const had = out.get(k);
    if (!had || compareQuantities(q, had) > 0) out.set(k, q);
  }
  return out;
}
