// The fields that tell generations apart: for each kind and generation, the shallowest fields its
// schema has and no other generation's schema of that kind has (Agent: spec.modelRef vs
// spec.model, runtime.image vs runtime.type ...). Worked out from the descriptions, so a new
// generation brings its own markers.
import { fieldPathsOf, ITEMS, VALUES } from './digest.js';
import { API_GENERATIONS } from './index.js';
import { isPlainObject } from '../schema/structural.js';
import { escapeSegment, splitPointer } from '../schema/pointer.js';
import type { ApiDescription } from './types.js';

const cache = new Map<string, Map<ApiDescription, string[]>>();

/** Per generation having `kind`, its exclusive fields (digest paths, shallowest only). */
export function markersOf(group: string, kind: string): Map<ApiDescription, string[]> {
  const key = `${group}/${kind}`;
  let out = cache.get(key);
  if (out) return out;
  out = new Map();
  const paths = new Map<ApiDescription, Set<string>>();
  for (const api of API_GENERATIONS) {
    const k = api.kinds.find((x) => x.group === group && x.kind === kind);
    // In the order fieldsOf gives them (sorted), so the first marker named is the same.
    if (k) paths.set(api, new Set(fieldPathsOf(k.schema).sort()));
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

/**
 * Works out every kind's markers now rather than on the first document of the kind: a server does
 * this while it indexes, so the first file opened in an empty workspace does not pay for it.
 */
export function prepareMarkers(): void {
  for (const api of API_GENERATIONS) for (const k of api.kinds) compiledMarkers(k.group, k.kind);
}

/** A marker path split once, with its pointer when it goes through no list or map (then it is the one hit). */
interface CompiledMarker {
  segments: string[];
  pointer: string | undefined;
}

/** Per kind, each generation's markers compiled: every document of the kind is looked at through them. */
const compiledCache = new Map<string, [ApiDescription, CompiledMarker[]][]>();

function compiledMarkers(group: string, kind: string): [ApiDescription, CompiledMarker[]][] {
  const key = `${group}/${kind}`;
  let out = compiledCache.get(key);
  if (!out) {
    out = [...markersOf(group, kind)].map(([api, paths]) => [api, paths.map(compileMarker)]);
    compiledCache.set(key, out);
  }
  return out;
}

function compileMarker(path: string): CompiledMarker {
  const segments = splitPointer(path);
  const wild = segments.some((seg) => seg === ITEMS || seg === VALUES);
  return { segments, pointer: wild ? undefined : segments.map(escapeSegment).reduce((p, seg) => `${p}/${seg}`, '') };
}

/** Concrete pointers in `value` where a digest path is present (`[]` any item, `{}` any map value). */
export function presentAt(value: unknown, path: string): string[] {
  return [...presentCompiled(value, compileMarker(path))];
}

function presentCompiled(value: unknown, m: CompiledMarker): readonly string[] {
  if (m.pointer === undefined) return presentThrough(value, m.segments);
  // Most marker paths are absent from a document: found out without building anything.
  let v: unknown = value;
  for (const seg of m.segments) {
    if (!isPlainObject(v) || !Object.hasOwn(v, seg) || v[seg] === undefined) return NONE;
    v = v[seg];
  }
  return [m.pointer];
}

const NONE: readonly string[] = [];

/**
 * presentAt through lists and maps: every item or value the path goes through. Walked without
 * building anything; a pointer is written only for a hit (most documents have none).
 */
function presentThrough(value: unknown, segments: readonly string[]): readonly string[] {
  const out: string[] = [];
  walkSegments(value, segments, 0, TRAIL, out);
  return out.length === 0 ? NONE : out;
}

/** The walk's path so far (walks do not nest: one array for all). */
const TRAIL: (string | number)[] = [];

function walkSegments(v: unknown, segments: readonly string[], at: number, trail: (string | number)[], out: string[]): void {
  if (at === segments.length) {
    let ptr = '';
    for (const seg of trail) ptr += `/${typeof seg === 'number' ? seg : escapeSegment(seg)}`;
    out.push(ptr);
    return;
  }
  const seg = segments[at]!;
  if (seg === ITEMS) {
    if (!Array.isArray(v)) return;
    for (let i = 0; i < v.length; i++) {
      trail.push(i);
      walkSegments(v[i], segments, at + 1, trail, out);
      trail.pop();
    }
  } else if (!isPlainObject(v)) {
    return;
  } else if (seg === VALUES) {
    for (const k of Object.keys(v)) {
      trail.push(k);
      walkSegments(v[k], segments, at + 1, trail, out);
      trail.pop();
    }
  } else if (Object.hasOwn(v, seg) && v[seg] !== undefined) {
    trail.push(seg);
    walkSegments(v[seg], segments, at + 1, trail, out);
    trail.pop();
  }
}

/** The marker fields of each generation present in a document (pointers into it). */
export function markersIn(group: string, kind: string, value: unknown): Map<ApiDescription, string[]> {
  const out = new Map<ApiDescription, string[]>();
  for (const [api, markers] of compiledMarkers(group, kind)) {
    let hits: string[] | undefined;
    for (const m of markers) {
      const found = presentCompiled(value, m);
      if (found.length > 0) (hits ??= []).push(...found);
    }
    if (hits) out.set(api, hits);
  }
  return out;
}
