// kustomize's name references: once every name is final (prefixes, suffixes, generator hashes),
// references to a renamed object are rewritten, but only in the fields its configuration lists
// (built in for Kubernetes kinds; `configurations:` adds others). A Flokoa Agent's
// `spec.model.name` is in no built-in list, so a renamed Model leaves it pointing at the old name.
import type { FieldSpec, NameBackReference } from './fieldSpec.js';
import { visitFieldSpec } from './fieldSpec.js';
import type { ObjectId } from './model.js';
import { effectiveNamespace, gvkSelected, isClusterScoped, describeId, type GvkSelector } from './resid.js';
import type { WorkingResource } from './resource.js';
import { isJsonObject, type Json, type JsonObject } from './origins.js';

/** Merges name reference configurations: same referral kind → union of field specs. */
export function mergeNameReferences(into: NameBackReference[], more: NameBackReference[]): NameBackReference[] {
  const out = into.map((b) => ({ ...b, fieldSpecs: [...b.fieldSpecs] }));
  for (const b of more) {
    const same = out.find(
      (o) => (o.kind ?? '') === (b.kind ?? '') && (o.group ?? '') === (b.group ?? '') && (o.version ?? '') === (b.version ?? ''),
    );
    if (!same) out.push({ ...b, fieldSpecs: [...b.fieldSpecs] });
    else
      for (const f of b.fieldSpecs)
        if (!same.fieldSpecs.some((x) => x.path === f.path && x.kind === f.kind && x.group === f.group)) same.fieldSpecs.push(f);
  }
  return out;
}

/** Rewrites references to renamed objects; throws on an ambiguous reference (kustomize fails the build). */
export function fixNameReferences(resources: WorkingResource[], backRefs: NameBackReference[]): void {
  const filters = new Map<WorkingResource, { spec: FieldSpec; target: GvkSelector }[]>();
  for (const back of backRefs) {
    for (const spec of back.fieldSpecs) {
      for (const r of resources) {
        if (!gvkSelected(r.orgId, spec)) continue;
        let l = filters.get(r);
        if (!l) filters.set(r, (l = []));
        l.push({ spec, target: back });
      }
    }
  }
  for (const [referrer, list] of filters) {
    const candidates = referable(referrer, resources);
    for (const f of list) {
      const id = referrer.id;
      const spec: FieldSpec = { path: f.spec.path };
      visitFieldSpec(referrer.book, referrer.object, referrer.rootOrigin, id, spec, (parent, key) => {
        const v = parent[key];
        if (Array.isArray(v)) v.forEach((_, i) => rewrite(v as unknown as JsonObject, String(i), referrer, f, candidates));
        else rewrite(parent, key, referrer, f, candidates);
      });
    }
  }
}

type Filter = { spec: FieldSpec; target: GvkSelector };

function rewrite(parent: JsonObject, key: string, referrer: WorkingResource, f: Filter, candidates: WorkingResource[]): void {
  const v: Json | undefined = parent[key];
  if (v === undefined || v === null) return;
  if (isJsonObject(v)) return rewriteMapping(v, referrer, f, candidates);
  if (typeof v === 'object') return;
  const old = String(v);
  const referral = select(old, candidates, referrer, f, false);
  if (referral && referral.id.name !== old) parent[key] = referral.id.name;
}

function rewriteMapping(node: JsonObject, referrer: WorkingResource, f: Filter, all: WorkingResource[]): void {
  if (node.name === undefined)
    throw new Error(`the name reference path ${f.spec.path} of ${describeId(referrer.id)} reaches an object without a 'name' field`);
  let candidates = all;
  if (typeof node.namespace === 'string') {
    const ns = node.namespace;
    const byOriginal = all.filter((r) => !isClusterScoped(r.orgId) && effectiveNamespace(r.orgId) === ns);
    candidates = byOriginal.length > 0 ? byOriginal : all.filter((r) => !isClusterScoped(r.id) && effectiveNamespace(r.id) === ns);
  }
  const old = String(node.name);
  const referral = select(old, candidates, referrer, f, true);
  if (!referral) return;
  const { name, namespace } = referral.id;
  if (name === old && namespace === '') return;
  node.name = name;
  if (namespace !== '') node.namespace = namespace;
}

/** What the referrer can see: cluster-scoped objects, its own namespace, and (a RoleBinding) its subjects' namespaces. */
function referable(referrer: WorkingResource, resources: WorkingResource[]): WorkingResource[] {
  const id = referrer.id;
  if (isClusterScoped(id)) return resources;
  const subjectNs = new Set<string>();
  if (id.kind === 'RoleBinding' && Array.isArray(referrer.object.subjects)) {
    for (const s of referrer.object.subjects)
      if (isJsonObject(s) && s.kind === 'ServiceAccount' && typeof s.namespace === 'string') subjectNs.add(s.namespace);
  }
  const ns = effectiveNamespace(id);
  return resources.filter((r) => isClusterScoped(r.id) || effectiveNamespace(r.id) === ns || subjectNs.has(r.id.namespace));
}

function select(
  old: string,
  candidates: WorkingResource[],
  referrer: WorkingResource,
  f: Filter,
  withNamespace: boolean,
): WorkingResource | undefined {
  let c = candidates.filter((r) => r.prevIds.some((p) => p.name === old) && r.prevIds.some((p) => gvkSelected(p, f.target)));
  const roleRef = roleRefKind(referrer, f.spec.path);
  if (roleRef) c = c.filter((r) => r.prevIds.some((p) => gvkSelected(p, roleRef)));
  const rid = referrer.id;
  if (!isClusterScoped(rid))
    c = c.filter((r) => isClusterScoped(r.id) || r.id.kind === 'ServiceAccount' || effectiveNamespace(r.id) === effectiveNamespace(rid));
  if (c.length === 1) return c[0];
  c = c.filter((r) => affixesMatch(r, referrer, true));
  if (c.length > 1) c = c.filter((r) => affixesMatch(r, referrer, false));
  if (c.length <= 1) return c[0];
  const same = (a: ObjectId, b: ObjectId): boolean => a.name === b.name && (!withNamespace || a.namespace === b.namespace);
  if (c.every((r) => same(r.id, c[0].id))) return c[0];
  throw new Error(`found multiple possible referrals for '${old}' in ${describeId(rid)}: ${c.map((r) => describeId(r.id)).join(', ')}`);
}

function roleRefKind(referrer: WorkingResource, path: string): GvkSelector | undefined {
  if (!path.endsWith('roleRef/name')) return undefined;
  const ref = referrer.object.roleRef;
  if (!isJsonObject(ref) || typeof ref.apiGroup !== 'string' || typeof ref.kind !== 'string') return undefined;
  return { group: ref.apiGroup, kind: ref.kind };
}

function sameEnding(a: string[], b: string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const diff = long.length - short.length;
  if (short.length === 0) return diff === 0;
  return short.every((s, i) => long[i + diff] === s);
}

function affixesMatch(r: WorkingResource, o: WorkingResource, allowEmpty: boolean): boolean {
  const pre = (allowEmpty && (r.prefixes.length === 0 || o.prefixes.length === 0)) || sameEnding(r.prefixes, o.prefixes);
  const suf = (allowEmpty && (r.suffixes.length === 0 || o.suffixes.length === 0)) || sameEnding(r.suffixes, o.suffixes);
  return pre && suf;
}
