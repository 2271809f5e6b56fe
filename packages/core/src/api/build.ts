// A generation's kinds built from the operator's facts (its CRD digest) plus what is ours: field
// descriptions, the Kubernetes types whose docs a subtree borrows, constraints the operator's
// admission webhook adds, and the documented form where it drifts from the CRD.
import { schemaOfFields, type ApiDigest, type FieldFacts } from './digest.js';
import { k8s } from '../schema/k8s.js';
import { splitPointer } from '../schema/pointer.js';
import type { JsonSchema } from '../schema/types.js';
import type { ApiOverlay, KindDescription, KindOverlay, PrinterColumn, RefSpec } from './types.js';
import { STATUS_DOCS } from './docs/common.js';
import { ROOT_DOCS } from './docs/roots.js';

/** Descriptions every reference's `name`/`namespace`/`key` get from the reference table itself. */
function referenceDocs(refs: readonly RefSpec[], kind: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of refs) {
    if (r.fromKind !== kind) continue;
    for (const path of expandAlternatives(r.path.replace(/\/\*(?=\/|$)/g, '/[]'))) {
      const base = r.nameField ? `${path}/${r.nameField}` : path;
      out[base] ??= `Name of the ${r.toKind}.`;
      if (r.hasNamespace) out[`${path}/namespace`] ??= `Namespace of the ${r.toKind}; defaults to this ${r.fromKind}'s namespace.`;
      if (r.hasKey) out[`${path}/key`] ??= `Key within the ${r.toKind}.`;
      if (r.optional || r.hasKey) out[`${path}/optional`] ??= `Whether the ${r.toKind} (or its key) may be missing.`;
    }
  }
  return out;
}

/** `/a/b|c/d` → `/a/b/d`, `/a/c/d`. */
function expandAlternatives(path: string): string[] {
  let out = [''];
  for (const seg of path.slice(1).split('/')) out = out.flatMap((p) => seg.split('|').map((alt) => `${p}/${alt}`));
  return out;
}

/** Copies descriptions of a Kubernetes type onto a subtree of the same shape (where names match). */
function borrowDocs(node: JsonSchema, from: JsonSchema, depth = 0): void {
  if (depth > 24) return;
  if (!node.description && from.description) node.description = from.description;
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const src = from.properties?.[name];
    if (src) borrowDocs(child, src, depth + 1);
  }
  if (node.items && from.items) borrowDocs(node.items, from.items, depth + 1);
  if (typeof node.additionalProperties === 'object' && typeof from.additionalProperties === 'object') {
    borrowDocs(node.additionalProperties, from.additionalProperties, depth + 1);
  }
}

/** The node at a digest path, or undefined. */
export function nodeAt(root: JsonSchema, path: string): JsonSchema | undefined {
  let cur: JsonSchema | undefined = root;
  for (const seg of splitPointer(path)) {
    if (!cur) return undefined;
    if (seg === '[]') cur = cur.items;
    else if (seg === '{}') cur = typeof cur.additionalProperties === 'object' ? cur.additionalProperties : undefined;
    else cur = cur.properties?.[seg];
  }
  return cur;
}

function parentAndName(path: string): [string, string] {
  const slash = path.lastIndexOf('/');
  return [path.slice(0, slash), splitPointer(path.slice(slash)).pop()!];
}

function describeNodes(root: JsonSchema, o: KindOverlay, docs: Record<string, string>, wanted: (path: string) => boolean): void {
  for (const [path, name] of Object.entries(o.k8s ?? {})) {
    if (!wanted(path)) continue;
    const node = nodeAt(root, path);
    if (!node) throw new Error(`k8s docs ${path}: no such node`);
    borrowDocs(node, k8s(name));
  }
  for (const [path, text] of Object.entries(docs)) {
    if (!wanted(path)) continue;
    const node = nodeAt(root, path);
    // Descriptions derived from the reference table skip what a kind lacks; a test holds the table to the schemas.
    if (!node && Object.hasOwn(o.docs, path)) throw new Error(`description for ${path}: no such field`);
    if (node) node.description = text;
  }
}

/** Status is the operator's: a short line by field name, conditions described as Kubernetes describes them. */
function describeStatus(node: JsonSchema | undefined, depth = 0): void {
  if (!node || depth > 8) return;
  if (depth === 0) node.description ??= 'Observed state, written by the operator; not set in manifests.';
  for (const [name, field] of Object.entries(node.properties ?? {})) {
    if (name === 'conditions' && field.items) borrowDocs(field.items, k8s('io.k8s.apimachinery.pkg.apis.meta.v1.Condition'));
    field.description ??= STATUS_DOCS[name] ?? 'Reported by the operator.';
    describeStatus(field, depth + 1);
    if (field.items) describeStatus(field.items, depth + 1);
  }
}

function overlaid(
  kind: string,
  group: string,
  version: string,
  fields: Record<string, FieldFacts>,
  o: KindOverlay,
  refDocs: Record<string, string>,
): JsonSchema {
  const root = schemaOfFields(fields);
  const docs = { ...refDocs, ...o.docs };
  const aliases = Object.keys(o.documentedAliases ?? {});
  const aliased = (p: string) => aliases.some((a) => p === a || p.startsWith(`${a}/`));
  describeNodes(root, o, docs, (p) => !aliased(p));
  for (const [path, alias] of Object.entries(o.documentedAliases ?? {})) {
    const [parent, name] = parentAndName(path);
    const source = nodeAt(root, alias);
    const into = nodeAt(root, parent);
    if (!source || !into) throw new Error(`documented alias ${path} -> ${alias}: no such node`);
    (into.properties ??= {})[name] = structuredClone(source);
  }
  describeNodes(root, o, docs, aliased);
  for (const [path, names] of Object.entries(o.documentedOptional ?? {})) {
    const node = nodeAt(root, path);
    if (!node) throw new Error(`documented-optional ${path}: no such node`);
    node.required = (node.required ?? []).filter((r) => !names.includes(r));
    if (node.required.length === 0) delete node.required;
  }
  for (const [path, extra] of Object.entries(o.admission ?? {})) {
    const node = nodeAt(root, path);
    if (!node) throw new Error(`admission ${path}: no such node`);
    Object.assign(node, extra);
  }
  const props = root.properties ?? {};
  describeStatus(props.status);
  if (props.apiVersion) props.apiVersion.description ??= `APIVersion of this object: ${group}/${version}.`;
  if (props.kind) props.kind.description ??= `Kind of this object: ${kind}.`;
  if (props.metadata) props.metadata.description ??= 'Standard object metadata: name, namespace, labels, annotations.';
  root.description ??= ROOT_DOCS[kind] ?? `${kind}: ${props.spec?.description ?? 'a Flokoa object'}`;
  return root;
}

/** Every kind of a digest with our overlay: the built-in kinds of one generation. */
export function buildKinds(digest: ApiDigest, overlay: ApiOverlay, group: string, refs: readonly RefSpec[]): KindDescription[] {
  return Object.entries(digest.kinds).map(([kind, d]) => {
    const v = d.versions.find((x) => x.storage) ?? d.versions[0];
    if (!v) throw new Error(`${kind}: the digest has no version`);
    const o = overlay[kind];
    if (!o) throw new Error(`${kind}: no overlay (descriptions) for a kind of the digest`);
    return {
      group,
      version: v.name,
      kind,
      plural: d.plural,
      singular: d.singular,
      listKind: d.listKind,
      shortNames: [...d.shortNames],
      categories: [...d.categories],
      printerColumns: v.columns.map((c) => ({ ...c }) as PrinterColumn),
      statusSubresource: v.status,
      schema: overlaid(kind, group, v.name, v.fields, o, referenceDocs(refs, kind)),
    };
  });
}

const operatorCache = new WeakMap<object, KindDescription[]>();

/**
 * A generation's kinds as its operator's CRDs have them: the facts and our descriptions, without
 * the documented form (drift) or the admission webhook's checks. What a simulated cluster installs.
 */
export function operatorKinds(api: {
  digest: ApiDigest;
  overlay: ApiOverlay;
  group: string;
  references: readonly RefSpec[];
}): KindDescription[] {
  let kinds = operatorCache.get(api);
  if (!kinds) {
    const plain = Object.fromEntries(Object.entries(api.overlay).map(([k, o]) => [k, { docs: o.docs, ...(o.k8s ? { k8s: o.k8s } : {}) }]));
    kinds = buildKinds(api.digest, plain, api.group, api.references);
    operatorCache.set(api, kinds);
  }
  return kinds;
}
