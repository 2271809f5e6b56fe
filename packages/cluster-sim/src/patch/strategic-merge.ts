// Strategic merge patch for the built-in types the sim serves: lists merge by their patch merge
// key (containers by name, ports by containerPort...) instead of being replaced, and the
// `$patch`, `$retainKeys`, `$setElementOrder/` and `$deleteFromPrimitiveList/` directives apply.
// The merge keys are those of the Go types' `patchMergeKey` tags.

import { badRequest } from '../errors.js';
import { clone, deepEqual, isPlainObject } from '../object.js';

type ListStrategy = { mergeKey: string } | { primitive: true } | undefined;

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const CONTAINER_FIELD_KEYS: Record<string, string> = {
  ports: 'containerPort',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  resizePolicy: 'resourceName',
};
const ANYWHERE_KEYS: Record<string, string> = {
  volumes: 'name',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  ownerReferences: 'uid',
};

/** Patch strategy of the list at `path` (field names only, no indices) in an object of `kind`. */
export function listStrategy(kind: string, path: string[]): ListStrategy {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (CONTAINER_LISTS.has(last)) return { mergeKey: 'name' };
  if (parent !== undefined && CONTAINER_LISTS.has(parent) && CONTAINER_FIELD_KEYS[last]) {
    return { mergeKey: CONTAINER_FIELD_KEYS[last] };
  }
  if (kind === 'Service' && path.join('.') === 'spec.ports') return { mergeKey: 'port' };
  if (kind === 'ServiceAccount' && path.join('.') === 'secrets') return { mergeKey: 'name' };
  if (last === 'conditions' && path[0] === 'status') return { mergeKey: 'type' };
  if (path.join('.') === 'metadata.finalizers') return { primitive: true };
  if (ANYWHERE_KEYS[last]) return { mergeKey: ANYWHERE_KEYS[last] };
  return undefined;
}

const ORDER_PREFIX = '$setElementOrder/';
const DELETE_PRIMITIVE_PREFIX = '$deleteFromPrimitiveList/';

export function applyStrategicMergePatch(kind: string, original: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) throw badRequest('strategic merge patch must be a JSON object');
  return mergeMap(kind, isPlainObject(original) ? clone(original) : {}, patch, []) ?? {};
}

function mergeMap(
  kind: string,
  original: Record<string, unknown>,
  patch: Record<string, unknown>,
  path: string[],
): Record<string, unknown> | undefined {
  const directive = patch.$patch;
  if (directive === 'delete') return undefined;
  if (directive === 'replace') {
    const { $patch: _ignored, ...rest } = patch;
    return stripDirectives(rest) as Record<string, unknown>;
  }
  const out = { ...original };
  const orders: [string, unknown[]][] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch') continue;
    if (key === '$retainKeys') continue;
    if (key.startsWith(ORDER_PREFIX)) {
      if (Array.isArray(value)) orders.push([key.slice(ORDER_PREFIX.length), value]);
      continue;
    }
    if (key.startsWith(DELETE_PRIMITIVE_PREFIX)) {
      const field = key.slice(DELETE_PRIMITIVE_PREFIX.length);
      const cur = out[field];
      if (Array.isArray(cur) && Array.isArray(value)) out[field] = cur.filter((v) => !value.some((d) => deepEqual(d, v)));
      continue;
    }
    const childPath = [...path, key];
    if (value === null) {
      delete out[key];
    } else if (isPlainObject(value)) {
      const merged = mergeMap(kind, isPlainObject(out[key]) ? (out[key] as Record<string, unknown>) : {}, value, childPath);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    } else if (Array.isArray(value)) {
      out[key] = mergeList(kind, Array.isArray(out[key]) ? (out[key] as unknown[]) : [], value, childPath);
    } else {
      out[key] = value;
    }
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys.map(String));
    for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
  }
  for (const [field, order] of orders) {
    const strategy = listStrategy(kind, [...path, field]);
    if (Array.isArray(out[field])) out[field] = reorder(out[field] as unknown[], order, strategy);
  }
  return out;
}

function mergeList(kind: string, original: unknown[], patch: unknown[], path: string[]): unknown[] {
  const strategy = listStrategy(kind, path);
  if (!strategy) return stripDirectives(patch) as unknown[];
  if ('primitive' in strategy) {
    const out = [...original];
    for (const v of patch) if (!out.some((o) => deepEqual(o, v))) out.push(v);
    return out;
  }
  const key = strategy.mergeKey;
  if (patch.some((p) => isPlainObject(p) && p.$patch === 'replace')) {
    return stripDirectives(patch.filter((p) => !(isPlainObject(p) && p.$patch === 'replace'))) as unknown[];
  }
  const out = [...original];
  for (const item of patch) {
    if (!isPlainObject(item)) {
      out.push(item);
      continue;
    }
    const idx = out.findIndex((o) => isPlainObject(o) && deepEqual(o[key], item[key]));
    if (item.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) {
      const merged = mergeMap(kind, out[idx] as Record<string, unknown>, item, path);
      if (merged === undefined) out.splice(idx, 1);
      else out[idx] = merged;
    } else {
      out.push(mergeMap(kind, {}, item, path) ?? {});
    }
  }
  return out;
}

function reorder(list: unknown[], order: unknown[], strategy: ListStrategy): unknown[] {
  const keyOf = (v: unknown): unknown => (strategy && 'mergeKey' in strategy && isPlainObject(v) ? v[strategy.mergeKey] : v);
  const rank = (v: unknown): number => {
    const k = keyOf(v);
    const i = order.findIndex((o) => deepEqual(keyOf(o), k));
    return i < 0 ? order.length : i;
  };
  return list
    .map((v, i) => ({ v, i }))
    .sort((a, b) => rank(a.v) - rank(b.v) || a.i - b.i)
    .map((x) => x.v);
}

function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith(ORDER_PREFIX) || k.startsWith(DELETE_PRIMITIVE_PREFIX)) continue;
    out[k] = stripDirectives(x);
  }
  return out;
}
