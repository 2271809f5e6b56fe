// The fields that tell generations apart: for each kind and generation, the shallowest fields its
// schema has and no other generation's schema of that kind has (Agent: spec.modelRef vs
// spec.model, runtime.image vs runtime.type ...). Worked out from the descriptions, so a new
// generation brings its own markers.
import { fieldsOf, ITEMS, VALUES } from './digest.js';
import { API_GENERATIONS } from './index.js';
import { isPlainObject } from '../schema/structural.js';
import { escapeSegment, splitPointer } from '../schema/pointer.js';
import type { ApiDescription } from './types.js';

const cache = new Map<string, Map<ApiDescription, string[]>>();
/** Marker paths split once: each document of the kind is looked at through them. */
const segmentsOf = new Map<string, string[]>();

/** Per generation having `kind`, its exclusive fields (digest paths, shallowest only). */
export function markersOf(group: string, kind: string): Map<ApiDescription, string[]> {
  const key = `${group}/${kind}`;
  let out = cache.get(key);
  if (out) return out;
  out = new Map();
  const paths = new Map<ApiDescription, Set<string>>();
  for (const api of API_GENERATIONS) {
    const k = api.kinds.find((x) => x.group === group && x.kind === kind);
    if (k) paths.set(api, new Set(Object.keys(fieldsOf(k.schema))));
  }
  // A kind one generation alone has tells nothing apart.
  if (paths.size < 2) {
    cache.set(key, out);
    return out;
  }
  for (const [api, own] of paths) {
    const others = [...paths].filter(([a]) => a !== api).map(([, p]) => p);
    const exclusive = [...own].filter((p) => p !== '' && others.every((o) => !o.has(p)));
    const set = new Set(exclusive);
    out.set(
      api,
      exclusive.filter((p) => !set.has(p.slice(0, p.lastIndexOf('/')))),
    );
  }
  cache.set(key, out);
  return out;
}

/** Concrete pointers in `value` where a digest path is present (`[]` any item, `{}` any map value). */
export function presentAt(value: unknown, path: string): string[] {
  let segments = segmentsOf.get(path);
  if (!segments) {
    segments = splitPointer(path);
    // Marker paths are few and fixed; anything else is not worth keeping.
    if (segmentsOf.size < 1_000) segmentsOf.set(path, segments);
  }
  // Most marker paths are absent from a document: find out before building any pointer.
  let v: unknown = value;
  for (const seg of segments) {
    if (seg === ITEMS || seg === VALUES) return presentThrough(value, segments);
    if (!isPlainObject(v) || !Object.hasOwn(v, seg) || v[seg] === undefined) return [];
    v = v[seg];
  }
  return [segments.map(escapeSegment).reduce((p, seg) => `${p}/${seg}`, '')];
}

/** presentAt through lists and maps: every item or value the path goes through. */
function presentThrough(value: unknown, segments: readonly string[]): string[] {
  let current: [string, unknown][] = [['', value]];
  for (const seg of segments) {
    const next: [string, unknown][] = [];
    for (const [ptr, v] of current) {
      if (seg === ITEMS) {
        if (Array.isArray(v)) v.forEach((x, i) => next.push([`${ptr}/${i}`, x]));
      } else if (seg === VALUES) {
        if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) next.push([`${ptr}/${escapeSegment(k)}`, x]);
      } else if (isPlainObject(v) && Object.hasOwn(v, seg) && v[seg] !== undefined) {
        next.push([`${ptr}/${escapeSegment(seg)}`, v[seg]]);
      }
    }
    if (next.length === 0) return [];
    current = next;
  }
  return current.map(([p]) => p);
}

/** The marker fields of each generation present in a document (pointers into it). */
export function markersIn(group: string, kind: string, value: unknown): Map<ApiDescription, string[]> {
  const out = new Map<ApiDescription, string[]>();
  for (const [api, paths] of markersOf(group, kind)) {
    const hits = paths.flatMap((p) => presentAt(value, p));
    if (hits.length) out.set(api, hits);
  }
  return out;
}
