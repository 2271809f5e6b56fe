// The fields that tell generations apart: for each kind and generation, the shallowest fields its
// schema has and no other generation's schema of that kind has (Agent: spec.modelRef vs
// spec.model, runtime.image vs runtime.type ...). Worked out from the descriptions, so a new
// generation brings its own markers.
import { fieldPathsOf, ITEMS, VALUES } from './digest.js';
import { API_GENERATIONS } from './index.js';
import { isPlainObject } from '../schema/structural.js';
import { splitPointer } from '../schema/pointer.js';
import { ITEM_STEP, VALUE_STEP, fieldStep, pathMatches, type PathStep } from '../pathMatches.js';
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

/** A marker path as steps, with its pointer when it goes through no list or map (then it is the one hit). */
interface CompiledMarker {
  steps: PathStep[];
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
  const steps = splitPointer(path).map((seg) => (seg === ITEMS ? ITEM_STEP : seg === VALUES ? VALUE_STEP : fieldStep(seg)));
  const wild = steps.some((s) => s.any !== undefined);
  return { steps, pointer: wild ? undefined : steps.reduce((p, s) => `${p}/${s.esc[0]}`, '') };
}

/** Concrete pointers in `value` where a digest path is present (`[]` any item, `{}` any map value). */
export function presentAt(value: unknown, path: string): string[] {
  return [...presentCompiled(value, compileMarker(path))];
}

function presentCompiled(value: unknown, m: CompiledMarker): readonly string[] {
  if (m.pointer === undefined) {
    const found = pathMatches(value, m.steps);
    return found.length === 0 ? NONE : found.map(([p]) => p);
  }
  // Most marker paths are absent from a document: found out without building anything.
  let v: unknown = value;
  for (const s of m.steps) {
    const name = s.seg[0]!;
    if (!isPlainObject(v) || !Object.hasOwn(v, name) || v[name] === undefined) return NONE;
    v = v[name];
  }
  return [m.pointer];
}

const NONE: readonly string[] = [];

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
