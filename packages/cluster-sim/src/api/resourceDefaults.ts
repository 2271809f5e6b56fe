// Quantities as the API server stores them: parsed and written back in canonical form ("1000m" is
// stored as "1"), a Pod container's missing requests taken from its limits, and a LimitRange's own
// defaults filled in (max → default, default → defaultRequest, min → defaultRequest).
import { formatQuantity, parseQuantity, readLimitRange, listJson } from '@flokoa/core';
import { isPlainObject } from '../object.js';

type Obj = Record<string, unknown>;

/** Rewrites each parsable quantity of a map in canonical form (unparsable ones are left for validation). */
export function canonicalList(v: unknown): void {
  if (!isPlainObject(v)) return;
  for (const [k, raw] of Object.entries(v)) {
    const q = parseQuantity(raw);
    if (q) v[k] = formatQuantity(q);
  }
}

/** A container's resources in canonical form; for Pods (not templates), requests default to limits. */
export function defaultContainerResources(c: Obj, isPod: boolean): void {
  if (!isPlainObject(c.resources)) return;
  const res = c.resources;
  canonicalList(res.limits);
  canonicalList(res.requests);
  if (!isPod || !isPlainObject(res.limits)) return;
  const requests = isPlainObject(res.requests) ? res.requests : {};
  for (const [k, v] of Object.entries(res.limits)) if (requests[k] === undefined) requests[k] = v;
  res.requests = requests;
}

export function defaultQuota(o: Obj): void {
  if (isPlainObject(o.spec)) canonicalList(o.spec.hard);
  if (isPlainObject(o.status)) {
    canonicalList(o.status.hard);
    canonicalList(o.status.used);
  }
}

export function defaultLimitRange(o: Obj): void {
  const spec = isPlainObject(o.spec) ? o.spec : undefined;
  if (!spec || !Array.isArray(spec.limits)) return;
  const read = readLimitRange(o);
  spec.limits = spec.limits.map((raw, i) => {
    if (!isPlainObject(raw) || !read.items[i]) return raw;
    const item = read.items[i];
    const out: Obj = { ...raw };
    for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const) {
      if (item[f].size > 0) out[f] = { ...(isPlainObject(raw[f]) ? raw[f] : {}), ...listJson(item[f]) };
    }
    return out;
  });
}
