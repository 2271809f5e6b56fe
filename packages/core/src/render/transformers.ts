// The built-in transformers that set fields: namespace, name prefix and suffix, labels,
// annotations, replicas. Each records its kustomization line as the origin of what it writes.
import type { RenderContext } from './context.js';
import type { TransformerOrigin } from './model.js';
import { visitFieldSpec, mergeSpecs, type FieldSpec } from './fieldSpec.js';
import { isClusterScoped, gvkSelected, describeId, sameId } from './resid.js';
import { isJsonObject, type JsonObject } from './origins.js';
import { objectList, str, stringMap, type Level } from './kustomization.js';
import type { Accumulator } from './resources.js';

export function by(level: Level, transformer: string, pointer: string): TransformerOrigin {
  return { kind: 'transformer', transformer, doc: level.doc, pointer };
}

/** `namespace:` — every namespaced object (and what the config lists) moves to it. */
export function runNamespace(ctx: RenderContext, level: Level, acc: Accumulator, namespace: string, origin: TransformerOrigin): void {
  const specs = acc.config.namespace;
  for (const r of acc.resources) {
    if (Object.keys(r.object).length === 0) continue;
    r.storePreviousId();
    const id = r.id;
    if (!isClusterScoped(id)) r.setIdentity('namespace', namespace, origin);
    for (const s of specs) {
      if (s.path === 'metadata/namespace') continue;
      if (s.path === 'metadata/name' && str(r.object.apiVersion) !== 'v1') continue;
      if ((id.kind === 'RoleBinding' || id.kind === 'ClusterRoleBinding') && s.path === 'subjects/namespace') continue;
      visitFieldSpec(
        ctx.book,
        r.object,
        r.rootOrigin,
        id,
        s,
        (parent, key) => {
          if (parent === r.object.metadata && key === 'name') r.setIdentity('name', namespace, origin);
          else ctx.book.set(parent, key, namespace, origin);
        },
        'scalar',
      );
    }
    if ((id.kind === 'RoleBinding' || id.kind === 'ClusterRoleBinding') && Array.isArray(r.object.subjects)) {
      for (const s of r.object.subjects) if (isJsonObject(s) && s.name === 'default') ctx.book.set(s, 'namespace', namespace, origin);
    }
  }
  for (const r of acc.resources) {
    if (acc.resources.filter((o) => sameId(o.id, r.id)).length > 1) {
      ctx.issue(
        'error',
        'duplicate-id',
        `namespace transformation produces an ID conflict: ${describeId(r.id)}`,
        level.doc,
        origin.pointer,
      );
      return;
    }
  }
}

const AFFIX_SKIPPED = [
  { kind: 'CustomResourceDefinition' },
  { group: 'apiregistration.k8s.io', kind: 'APIService' },
  { kind: 'Namespace' },
];

/** `namePrefix:` / `nameSuffix:` */
export function runAffix(ctx: RenderContext, acc: Accumulator, which: 'prefix' | 'suffix', affix: string, origin: TransformerOrigin): void {
  const specs = which === 'prefix' ? acc.config.namePrefix : acc.config.nameSuffix;
  for (const r of acc.resources) {
    const org = r.orgId;
    if (AFFIX_SKIPPED.some((s) => gvkSelected(org, s))) continue;
    for (const s of specs) {
      if (!gvkSelected(org, s)) continue;
      const isName = s.path === 'metadata/name';
      if (isName) {
        (which === 'prefix' ? r.prefixes : r.suffixes).push(affix);
        r.storePreviousId();
      }
      visitFieldSpec(
        ctx.book,
        r.object,
        r.rootOrigin,
        r.id,
        s,
        (parent, key) => {
          const old = parent[key] === undefined || parent[key] === null ? '' : String(parent[key]);
          const value = which === 'prefix' ? affix + old : old + affix;
          if (isName && parent === r.object.metadata && key === 'name') r.setIdentity('name', value, origin, true);
          else ctx.book.set(parent, key, value, origin);
        },
        'scalar',
      );
    }
  }
}

/** Sets each label (or annotation) on every field a spec reaches. */
function setEntries(
  ctx: RenderContext,
  acc: Accumulator,
  pairs: Record<string, string>,
  specs: FieldSpec[],
  origin: (key: string) => TransformerOrigin,
): void {
  const keys = Object.keys(pairs).sort();
  for (const r of acc.resources) {
    for (const k of keys) {
      for (const s of specs) {
        visitFieldSpec(
          ctx.book,
          r.object,
          r.rootOrigin,
          r.id,
          s,
          (parent, key, parentOrigin) => {
            let m = parent[key];
            if (!isJsonObject(m)) {
              if (m !== undefined && m !== null) return;
              m = {};
              ctx.book.set(parent, key, m, parentOrigin.kind === 'transformer' ? parentOrigin : origin(k));
            }
            ctx.book.set(m, k, pairs[k], origin(k));
          },
          'map',
        );
      }
    }
  }
}

/** `labels:` entries, then `commonLabels:`. */
export function runLabels(ctx: RenderContext, level: Level, acc: Accumulator): void {
  const tc = acc.config;
  for (const { value, pointer } of objectList(level, 'labels')) {
    const pairs = stringMap(value.pairs);
    if (Object.keys(pairs).length === 0) continue;
    let specs: FieldSpec[] = readFieldSpecs(value.fields);
    if (value.includeSelectors === true) specs = mergeSpecs(specs, tc.commonLabels);
    else {
      if (value.includeTemplates === true) specs = mergeSpecs(specs, tc.templateLabels);
      specs = mergeSpecs(specs, [{ path: 'metadata/labels', create: true }]);
    }
    setEntries(ctx, acc, pairs, specs, (k) => by(level, 'labels', `${pointer}/pairs/${k}`));
  }
  const common = stringMap(level.k.commonLabels);
  if (Object.keys(common).length > 0) setEntries(ctx, acc, common, tc.commonLabels, (k) => by(level, 'commonLabels', `/commonLabels/${k}`));
}

export function runAnnotations(ctx: RenderContext, level: Level, acc: Accumulator): void {
  const common = stringMap(level.k.commonAnnotations);
  if (Object.keys(common).length > 0)
    setEntries(ctx, acc, common, acc.config.commonAnnotations, (k) => by(level, 'commonAnnotations', `/commonAnnotations/${k}`));
}

/** `replicas:` — a count for each named workload; a name that matches no configured kind fails the build. */
export function runReplicas(ctx: RenderContext, level: Level, acc: Accumulator): void {
  for (const { value, pointer } of objectList(level, 'replicas')) {
    const name = str(value.name);
    const count = typeof value.count === 'number' ? Math.trunc(value.count) : Number.parseInt(str(value.count), 10);
    let found = false;
    for (const s of acc.config.replicas) {
      for (const r of acc.matching((id) => id.name === name && gvkSelected(id, s))) {
        found = true;
        visitFieldSpec(
          ctx.book,
          r.object,
          r.rootOrigin,
          r.id,
          s,
          (parent, key) => ctx.book.set(parent, key, count, by(level, 'replicas', `${pointer}/count`)),
          'scalar',
        );
      }
    }
    if (!found) {
      const kinds = [...new Set(acc.config.replicas.map((s) => s.kind ?? '*'))].join(', ');
      ctx.issue(
        'error',
        'replicas-target',
        `replicas: no ${kinds} named '${name}' here; kustomize sets replicas only on kinds its configuration lists`,
        level.doc,
        `${pointer}/name`,
      );
    }
  }
}

/** Field specs as a `configurations:` file or a `labels[].fields` entry writes them. */
export function readFieldSpecs(v: unknown): FieldSpec[] {
  if (!Array.isArray(v)) return [];
  const out: FieldSpec[] = [];
  for (const x of v) {
    if (!isJsonObject(x) || typeof x.path !== 'string') continue;
    const s: FieldSpec = { path: x.path };
    for (const k of ['group', 'version', 'kind'] as const) if (typeof x[k] === 'string' && x[k] !== '') s[k] = x[k] as string;
    if (x.create === true) s.create = true;
    out.push(s);
  }
  return out;
}

export function isEmptyObject(o: JsonObject): boolean {
  return Object.keys(o).length === 0;
}
