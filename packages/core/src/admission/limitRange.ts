// LimitRange as kube-apiserver applies it to a pod being created: the object's own defaulting
// (a `max` with no `default` becomes the default limit, a default limit with no `defaultRequest`
// becomes the default request, and so does `min`), then the LimitRanger admission plugin: missing
// container limits and requests take the defaults, and `min`, `max` and `maxLimitRequestRatio` are
// enforced per container and per pod, with the plugin's own messages.
import { isPlainObject } from '../schema/structural.js';
import { compareQuantities, formatQuantity, ratioExceeds, ratioText, type Quantity } from './quantity.js';
import { readResourceList, type ResourceList } from './resourceList.js';
import { allContainers, podLimits, podRequests, type ContainerResources, type PodResources } from './pod.js';

export interface LimitRangeItem {
  /** `Container`, `Pod` or `PersistentVolumeClaim`. */
  type: string;
  max: ResourceList;
  min: ResourceList;
  default: ResourceList;
  defaultRequest: ResourceList;
  maxLimitRequestRatio: ResourceList;
  /** Index in `spec.limits` (to point at the bound in the source). */
  index: number;
}

export interface LimitRangePolicy {
  name: string;
  items: LimitRangeItem[];
}

export type LimitField = 'max' | 'min' | 'default' | 'defaultRequest' | 'maxLimitRequestRatio';

/** A LimitRange object as the API server stores it (with its defaulting applied). */
export function readLimitRange(object: unknown): LimitRangePolicy {
  const o = isPlainObject(object) ? object : {};
  const meta = isPlainObject(o.metadata) ? o.metadata : {};
  const spec = isPlainObject(o.spec) ? o.spec : {};
  const raw = Array.isArray(spec.limits) ? spec.limits : [];
  const items = raw.map((l, index): LimitRangeItem => {
    const x = isPlainObject(l) ? l : {};
    const read = (f: LimitField): ResourceList => readResourceList(x[f]).list;
    const item: LimitRangeItem = {
      type: typeof x.type === 'string' ? x.type : '',
      max: read('max'),
      min: read('min'),
      default: read('default'),
      defaultRequest: read('defaultRequest'),
      maxLimitRequestRatio: read('maxLimitRequestRatio'),
      index,
    };
    if (item.type === 'Container') {
      for (const [k, q] of item.max) if (!item.default.has(k)) item.default.set(k, q);
      for (const [k, q] of item.default) if (!item.defaultRequest.has(k)) item.defaultRequest.set(k, q);
      for (const [k, q] of item.min) if (!item.defaultRequest.has(k)) item.defaultRequest.set(k, q);
    }
    return item;
  });
  return { name: typeof meta.name === 'string' ? meta.name : '', items };
}

/** Where a container's effective request or limit comes from. */
export type ValueOrigin =
  | { kind: 'written' }
  /** The API server copies a container's limit to its missing request. */
  | { kind: 'limit' }
  | { kind: 'default' | 'defaultRequest'; limitRange: string; item: number };

export interface DefaultedPod {
  pod: PodResources;
  /** Per container (app containers, then init containers), `requests.cpu` / `limits.memory` → origin. */
  origins: Map<string, ValueOrigin>[];
  /** The `kubernetes.io/limit-ranger` annotation the plugin sets, when it set anything. */
  annotation?: string;
}

/**
 * The pod as admission sees it after defaulting: requests copied from limits, then each
 * LimitRange's Container defaults (in the order given) for what is still missing.
 */
export function defaultPod(written: PodResources, limitRanges: readonly LimitRangePolicy[]): DefaultedPod {
  const copy = (c: ContainerResources): ContainerResources => ({ ...c, requests: new Map(c.requests), limits: new Map(c.limits) });
  const pod: PodResources = { ...written, containers: written.containers.map(copy), initContainers: written.initContainers.map(copy) };
  const containers = allContainers(pod);
  const origins = containers.map((c) => {
    const m = new Map<string, ValueOrigin>();
    for (const k of c.limits.keys()) m.set(`limits.${k}`, { kind: 'written' });
    for (const k of c.requests.keys()) m.set(`requests.${k}`, { kind: 'written' });
    for (const [k, q] of c.limits) {
      if (c.requests.has(k)) continue;
      c.requests.set(k, q);
      m.set(`requests.${k}`, { kind: 'limit' });
    }
    return m;
  });
  let notes: string[] = [];
  for (const lr of limitRanges) {
    const set: string[] = [];
    containers.forEach((c, i) => {
      const kind = i < pod.containers.length ? 'container' : 'init container';
      const limits = fill(c.limits, lr, 'default', 'limits', origins[i]);
      const requests = fill(c.requests, lr, 'defaultRequest', 'requests', origins[i]);
      if (requests.length) set.push(`${requests.sort().join(', ')} request for ${kind} ${c.name}`);
      if (limits.length) set.push(`${limits.sort().join(', ')} limit for ${kind} ${c.name}`);
    });
    if (set.length) notes = set;
  }
  return { pod, origins, ...(notes.length ? { annotation: `LimitRanger plugin set: ${notes.join('; ')}` } : {}) };
}

function fill(
  target: ResourceList,
  lr: LimitRangePolicy,
  field: 'default' | 'defaultRequest',
  prefix: string,
  origins: Map<string, ValueOrigin>,
): string[] {
  const defaults = new Map<string, { q: Quantity; item: number }>();
  for (const item of lr.items) if (item.type === 'Container') for (const [k, q] of item[field]) defaults.set(k, { q, item: item.index });
  const set: string[] = [];
  for (const [k, d] of defaults) {
    if (target.has(k)) continue;
    target.set(k, d.q);
    origins.set(`${prefix}.${k}`, { kind: field, limitRange: lr.name, item: d.item });
    set.push(k);
  }
  return set;
}

/** One bound a pod breaks. */
export interface LimitViolation {
  limitRange: string;
  item: number;
  type: 'Container' | 'Pod';
  /** The container, for Container limits. */
  container?: number;
  resource: string;
  bound: 'min' | 'max' | 'maxLimitRequestRatio';
  /** Which value breaks it: the request, the limit, or a value that is missing. */
  side: 'request' | 'limit';
  missing: boolean;
  enforced: Quantity;
  /** The LimitRanger plugin's message. */
  message: string;
}

/** Every bound of these LimitRanges the (defaulted) pod breaks, in the order the plugin checks them. */
export function limitViolations(pod: PodResources, limitRanges: readonly LimitRangePolicy[]): LimitViolation[] {
  const out: LimitViolation[] = [];
  for (const lr of limitRanges) {
    for (const item of lr.items) {
      if (item.type === 'Container') {
        allContainers(pod).forEach((c, i) =>
          checkBounds(item, c.requests, c.limits, (v) => out.push({ ...v, limitRange: lr.name, container: i })),
        );
      } else if (item.type === 'Pod') {
        checkBounds(item, podRequests(pod), podLimits(pod), (v) => out.push({ ...v, limitRange: lr.name }));
      }
    }
  }
  return out;
}

type Found = Omit<LimitViolation, 'limitRange' | 'container'>;

function checkBounds(item: LimitRangeItem, requests: ResourceList, limits: ResourceList, add: (v: Found) => void): void {
  const type = item.type as 'Container' | 'Pod';
  const base = { item: item.index, type };
  const sorted = (l: ResourceList) => [...l.entries()].sort(([a], [b]) => a.localeCompare(b));
  for (const [k, min] of sorted(item.min)) {
    const req = requests.get(k);
    const lim = limits.get(k);
    const at = `minimum ${k} usage per ${type} is ${formatQuantity(min)}`;
    const v = { ...base, resource: k, bound: 'min' as const, enforced: min };
    if (!req) add({ ...v, side: 'request', missing: true, message: `${at}.  No request is specified` });
    else if (compareQuantities(req, min) < 0)
      add({ ...v, side: 'request', missing: false, message: `${at}, but request is ${formatQuantity(req)}` });
    else if (lim && compareQuantities(lim, min) < 0)
      add({ ...v, side: 'limit', missing: false, message: `${at}, but limit is ${formatQuantity(lim)}` });
  }
  for (const [k, max] of sorted(item.max)) {
    const req = requests.get(k);
    const lim = limits.get(k);
    const at = `maximum ${k} usage per ${type} is ${formatQuantity(max)}`;
    const v = { ...base, resource: k, bound: 'max' as const, enforced: max };
    if (!lim) add({ ...v, side: 'limit', missing: true, message: `${at}.  No limit is specified` });
    else if (compareQuantities(lim, max) > 0)
      add({ ...v, side: 'limit', missing: false, message: `${at}, but limit is ${formatQuantity(lim)}` });
    else if (req && compareQuantities(req, max) > 0)
      add({ ...v, side: 'request', missing: false, message: `${at}, but request is ${formatQuantity(req)}` });
  }
  for (const [k, ratio] of sorted(item.maxLimitRequestRatio)) {
    const req = requests.get(k);
    const lim = limits.get(k);
    const at = `${k} max limit to request ratio per ${type} is ${formatQuantity(ratio)}`;
    const v = { ...base, resource: k, bound: 'maxLimitRequestRatio' as const, enforced: ratio };
    if (!req || req.nanos === 0n)
      add({ ...v, side: 'request', missing: true, message: `${at}, but no request is specified or request is 0` });
    else if (!lim || lim.nanos === 0n)
      add({ ...v, side: 'limit', missing: true, message: `${at}, but no limit is specified or limit is 0` });
    else if (ratioExceeds(lim, req, ratio))
      add({ ...v, side: 'limit', missing: false, message: `${at}, but provided ratio is ${ratioText(lim, req)}` });
  }
}

/** The plugin's error text for several violations: one message, or `[a, b]` (duplicates once). */
export function violationsText(vs: readonly LimitViolation[]): string {
  const unique = [...new Set(vs.map((v) => v.message))];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/** A request above its limit once defaults applied: the pod is invalid (422), not forbidden. */
export interface RequestOverLimit {
  container: number;
  resource: string;
  request: Quantity;
  limit: Quantity;
  /** The field within the pod spec: `containers[0].resources.requests`. */
  field: string;
  /** The API server's text after the field: `Invalid value: "700m": must be less than or equal to cpu limit of 500m`. */
  detail: string;
  /** Both, for a Pod: `spec.containers[0].resources.requests: Invalid value: ...`. */
  message: string;
}

export function requestsOverLimits(pod: PodResources): RequestOverLimit[] {
  const out: RequestOverLimit[] = [];
  const n = pod.containers.length;
  allContainers(pod).forEach((c, i) => {
    const field = `${i < n ? `containers[${i}]` : `initContainers[${i - n}]`}.resources.requests`;
    for (const [k, request] of [...c.requests].sort(([a], [b]) => a.localeCompare(b))) {
      const limit = c.limits.get(k);
      if (!limit || compareQuantities(request, limit) <= 0) continue;
      const detail = `Invalid value: "${formatQuantity(request)}": must be less than or equal to ${k} limit of ${formatQuantity(limit)}`;
      out.push({ container: i, resource: k, request, limit, field, detail, message: `spec.${field}: ${detail}` });
    }
  });
  return out;
}
