// What a Flokoa CRD found in the workspace or a cluster says: which generation's facts it matches
// exactly, or which it is nearest to, and then which reference fields it has (the nearest
// generation's table where the CRD has the field, the rest inferred from the CRD) and what the
// notice on its documents should say.
import { digestOfCrd, fieldsOf, ITEMS } from './digest.js';
import { API_GENERATIONS, kindOf } from './index.js';
import { inferReferences, type KnownKind } from './infer.js';
import { nodeAt } from './build.js';
import { isPlainObject } from '../schema/structural.js';
import type { JsonSchema } from '../schema/types.js';
import type { ApiDescription, CrdVerdict, RefSpec } from './types.js';

/** Share of a CRD's field paths a generation has; a generation below this is not "near" it. */
const NEAR = 0.5;

/**
 * How near a CRD is to a generation's kind: the share of the CRD's fields the generation has (a
 * newer release keeps most of them; a trimmed hand-written CRD too), ties broken by the share of
 * all fields in common.
 */
function nearness(crd: Set<string>, gen: Set<string>): number {
  let common = 0;
  for (const p of crd) if (gen.has(p)) common++;
  return common / (crd.size || 1) + common / (crd.size + gen.size - common || 1) / 1000;
}

/** A reference path pattern as the digest paths it can stand for (`*` → `[]`, `a|b` → both). */
function digestPaths(path: string): string[] {
  let out = [''];
  for (const seg of path.slice(1).split('/')) {
    const alts = seg === '*' ? [ITEMS] : seg.split('|');
    out = out.flatMap((p) => alts.map((a) => `${p}/${a}`));
  }
  return out;
}

function storageSchema(crd: Record<string, unknown>): JsonSchema | undefined {
  const spec = isPlainObject(crd.spec) ? crd.spec : {};
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isPlainObject) : [];
  const v = versions.find((x) => x.storage === true) ?? versions[0];
  const schema = v && isPlainObject(v.schema) ? v.schema.openAPIV3Schema : undefined;
  return isPlainObject(schema) ? (schema as JsonSchema) : undefined;
}

/** How the references and notes of a CRD that matches no generation exactly are worked out. */
function customReferences(
  group: string,
  kind: string,
  schema: JsonSchema,
  closest: ApiDescription | undefined,
  kinds: readonly KnownKind[],
): { references: RefSpec[]; notes: string[] } {
  const kept = (closest?.references ?? []).filter(
    (r) => r.fromGroup === group && r.fromKind === kind && digestPaths(r.path).some((p) => nodeAt(schema, p)),
  );
  const gone = (closest?.references ?? []).filter((r) => r.fromGroup === group && r.fromKind === kind && !kept.includes(r));
  const inferred = inferReferences(group, kind, schema, kinds);
  const covered = new Set(kept.flatMap((r) => digestPaths(r.path)));
  const extra = inferred.specs.filter((s) => !digestPaths(s.path).some((p) => covered.has(p)));
  const notes: string[] = ['schema checks use the CRD'];
  if (closest) notes.push(`references as in the ${closest.title} API where the CRD has the field`);
  if (extra.length) notes.push(`recognised by name: ${extra.map((s) => `${s.id.slice('inferred:'.length)} → ${s.toKind}`).join(', ')}`);
  if (gone.length)
    notes.push(
      `fields the ${closest!.title} API references but the CRD lacks: ${gone.map((r) => r.path.slice(1).replace(/\//g, '.')).join(', ')}`,
    );
  // A field the nearest generation's table covers is checked, whatever its name says.
  const unclear = inferred.unclear.filter((u) => !digestPaths(u.path).some((p) => covered.has(p)));
  if (unclear.length) notes.push(`not checked (target kind unclear): ${unclear.map((u) => u.dotted).join(', ')}`);
  return { references: [...kept, ...extra], notes };
}

const builtinCache = new Map<string, string>();

/** The facts of a generation's built-in schema of a kind, as a CRD written from it has them. */
function builtinFacts(api: ApiDescription, kind: string): string | undefined {
  const key = `${api.id}/${kind}`;
  let facts = builtinCache.get(key);
  if (facts === undefined) {
    const k = kindOf(api, api.group, kind);
    if (!k) return undefined;
    const schema = { ...k.schema, properties: { ...k.schema.properties, metadata: { type: 'object' as const } } };
    facts = JSON.stringify(fieldsOf(schema));
    builtinCache.set(key, facts);
  }
  return facts;
}

/** The verdict on one CRD object of `group`; undefined when it is not a usable CRD of a Flokoa kind. */
export function verdictOf(crd: unknown, layer: CrdVerdict['layer'], kinds: readonly KnownKind[]): CrdVerdict | undefined {
  const d = digestOfCrd(crd);
  if (typeof d === 'string' || !isPlainObject(crd)) return undefined;
  const version = d.digest.versions.find((v) => v.storage) ?? d.digest.versions[0];
  const schema = storageSchema(crd);
  if (!version || !schema) return undefined;
  const name = isPlainObject(crd.metadata) && typeof crd.metadata.name === 'string' ? crd.metadata.name : `${d.digest.plural}.${d.group}`;
  const facts = JSON.stringify(version.fields);
  const exact: ApiDescription[] = [];
  let operator = false;
  let closest: ApiDescription | undefined;
  let best = NEAR;
  const mine = new Set(Object.keys(version.fields));
  for (const api of API_GENERATIONS) {
    const theirs = api.digest.kinds[d.kind]?.versions.find((v) => v.name === version.name);
    if (!theirs || api.group !== d.group) continue;
    // The operator's CRD, or the one these tools write for the generation (crdFromSchemas, e.g. a simulated cluster's).
    const same = JSON.stringify(theirs.fields) === facts;
    if (same || builtinFacts(api, d.kind) === facts) exact.push(api);
    operator ||= same;
    const s = nearness(mine, new Set(Object.keys(theirs.fields)));
    if (s >= best) [best, closest] = [s, api];
  }
  if (exact.length) return { name, layer, exact, ...(operator ? { operator } : {}) };
  // A newer kind no generation has: its own schema is all there is to go on.
  const near = closest && kindOf(closest, d.group, d.kind) ? closest : undefined;
  return { name, layer, exact, ...(near ? { closest: near } : {}), ...customReferences(d.group, d.kind, schema, near, kinds) };
}
