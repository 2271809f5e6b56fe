// Which generation a document is read as, and why: a pinning setting; else the Flokoa CRDs of the
// workspace or cluster (what the API server will actually apply); else the document's own fields;
// else the newest generation. Fields of another generation in the document are remembered so
// that one finding can say so (instead of an unknown-field warning per field).
import { API_GENERATIONS, kindOf } from './index.js';
import { markersIn } from './markers.js';
import { dottedPath } from '../pointer.js';
import type { ApiChoice, ApiDescription, CrdVerdict, RefSpec } from './types.js';

export interface ChoiceContext {
  /** The generation a setting pins. */
  pinned?: ApiDescription;
  /** The CRD that decides a kind (the workspace's before the cluster's). */
  crd?(group: string, kind: string): CrdVerdict | undefined;
  /** The generation the deciding CRDs as a whole are, with one of them to name. */
  layer?(): { api: ApiDescription; crd: CrdVerdict } | undefined;
}

type Decision = Omit<ApiChoice, 'references' | 'mixed' | 'notes'>;

const where = (v: CrdVerdict) => `the ${v.layer} CRD ${v.name}`;

function byShape(kind: string, candidates: readonly ApiDescription[], found: Map<ApiDescription, string[]>, prefix = ''): Decision {
  const hits = candidates.filter((a) => found.has(a)).sort((a, b) => found.get(b)!.length - found.get(a)!.length);
  const best = hits[0];
  if (best) return { api: best, source: 'document', because: `${prefix}the document uses ${dottedPath(found.get(best)![0]!)}` };
  const newest = candidates[0];
  if (!newest) return { source: 'default', because: 'no API generation these tools know has this kind' };
  if (candidates.length === 1 && !prefix) return { api: newest, source: 'default', because: `only the ${newest.title} API has ${kind}` };
  return {
    api: newest,
    source: 'default',
    because: `${prefix}nothing in the document is particular to one generation, so it is read as the newest`,
  };
}

function byCrd(kind: string, v: CrdVerdict, found: Map<ApiDescription, string[]>, ctx: ChoiceContext): Decision {
  const crd = { name: v.name, layer: v.layer, exact: v.exact.length > 0, ...(v.operator ? { operator: true } : {}) };
  if (v.exact.length === 1) return { api: v.exact[0], source: 'crd', because: `${where(v)} is the ${v.exact[0]!.title} API's`, crd };
  if (v.exact.length > 1) {
    const layer = ctx.layer?.();
    if (layer && v.exact.includes(layer.api))
      return { api: layer.api, source: 'crd', because: `${where(layer.crd)} is the ${layer.api.title} API's`, crd };
    const shaped = byShape(kind, v.exact, found, `${where(v)} is the same in ${v.exact.map((a) => a.title).join(' and ')}; `);
    return { ...shaped, source: 'crd', crd };
  }
  return {
    api: v.closest,
    source: 'crd',
    because: `${where(v)} is not exactly an API generation these tools know${v.closest ? ` (nearest: ${v.closest.title})` : ''}`,
    crd,
  };
}

/** The generation of a Flokoa document of `group`/`kind` with the given content. */
export function chooseApi(group: string, kind: string, object: unknown, ctx: ChoiceContext = {}): ApiChoice {
  const candidates = candidatesOf(group, kind);
  const found = markersIn(group, kind, object);
  const verdict = ctx.crd?.(group, kind);
  const layer = verdict ? undefined : ctx.layer?.();
  let d: Decision;
  if (ctx.pinned) d = { api: ctx.pinned, source: 'setting', because: `the setting flokoa.apiGeneration is ${ctx.pinned.id}` };
  else if (verdict) d = byCrd(kind, verdict, found, ctx);
  else if (layer) {
    const crd = { name: layer.crd.name, layer: layer.crd.layer, exact: true, ...(layer.crd.operator ? { operator: true } : {}) };
    d = { api: layer.api, source: 'crd', because: `${where(layer.crd)} is the ${layer.api.title} API's`, crd };
  } else d = byShape(kind, candidates, found);
  const api = d.api;
  const others = api && found.size > 0 ? [...found].filter(([a]) => a !== api).sort((a, b) => b[1].length - a[1].length) : [];
  const custom = verdict && verdict.references && !(api && verdict.exact.includes(api));
  if (custom)
    return {
      ...d,
      ...(others[0] ? { mixed: { other: others[0][0], pointers: others[0][1] } } : {}),
      references: verdict.references!,
      ...(verdict.notes?.length ? { notes: verdict.notes } : {}),
    };
  if (others[0]) return { ...d, mixed: { other: others[0][0], pointers: others[0][1] }, references: referencesOf(api, group, kind) };
  return shared(d, group, kind);
}

const CANDIDATES = new Map<string, readonly ApiDescription[]>();

/** The generations that have a kind, newest first. */
function candidatesOf(group: string, kind: string): readonly ApiDescription[] {
  const key = `${group}/${kind}`;
  let out = CANDIDATES.get(key);
  if (!out) CANDIDATES.set(key, (out = API_GENERATIONS.filter((a) => kindOf(a, group, kind))));
  return out;
}

/**
 * A workspace's documents mostly fall into a handful of choices: equal ones are one object (they
 * are never changed), not one per document of a large workspace.
 */
const CHOICES = new Map<string, ApiChoice>();
const MAX_CHOICES = 1024;

function shared(d: Decision, group: string, kind: string): ApiChoice {
  // Joined, not JSON.stringify'd: this runs once per document indexed.
  const key = `${group}\0${kind}\0${d.api?.id ?? ''}\0${d.source}\0${d.because}\0${d.crd ? JSON.stringify(d.crd) : ''}`;
  let choice = CHOICES.get(key);
  if (!choice) {
    if (CHOICES.size >= MAX_CHOICES) CHOICES.clear();
    CHOICES.set(key, (choice = { ...d, references: referencesOf(d.api, group, kind) }));
  }
  return choice;
}

const KIND_REFERENCES = new WeakMap<ApiDescription, Map<string, readonly RefSpec[]>>();

/** A generation's reference fields of one kind (one array per generation and kind). */
function referencesOf(api: ApiDescription | undefined, group: string, kind: string): readonly RefSpec[] {
  if (!api) return [];
  let byKind = KIND_REFERENCES.get(api);
  if (!byKind) KIND_REFERENCES.set(api, (byKind = new Map()));
  const key = `${group}/${kind}`;
  let refs = byKind.get(key);
  if (!refs) byKind.set(key, (refs = api.references.filter((r) => r.fromGroup === group && r.fromKind === kind)));
  return refs;
}
