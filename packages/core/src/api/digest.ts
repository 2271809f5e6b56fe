// A facts-only digest of CustomResourceDefinitions: names, versions, printer columns and, per
// field, its type, enum, default, bounds, format, required list and list/map semantics. No
// description text. Digests of the operator's CRDs are committed per API generation
// (api/digests/*.json, written by scripts/crd-digest.mjs) and the built-in schemas are built from
// them, so a test can prove each built-in generation says what the operator's CRD says.
import { escapeSegment, splitPointer } from '../schema/pointer.js';
import { isPlainObject } from '../schema/structural.js';
import type { JsonSchema } from '../schema/types.js';

/** What a field is, without prose: a schema node minus description, properties, items and map values. */
export type FieldFacts = Omit<JsonSchema, 'description' | 'properties' | 'items' | 'additionalProperties'> & {
  additionalProperties?: boolean;
};

export interface ColumnDigest {
  name: string;
  type: string;
  jsonPath: string;
  priority?: number;
}

export interface VersionDigest {
  name: string;
  served: boolean;
  storage: boolean;
  /** The status subresource is enabled. */
  status: boolean;
  columns: ColumnDigest[];
  /** Field path → facts. Paths are JSON pointers with `[]` for list items and `{}` for map values. */
  fields: Record<string, FieldFacts>;
}

export interface KindDigest {
  plural: string;
  singular: string;
  listKind: string;
  shortNames: string[];
  categories: string[];
  scope: string;
  versions: VersionDigest[];
}

export interface ApiDigest {
  /** Where the facts were read: repository, commit and folder of the CRDs. */
  source: { repository: string; commit: string; path: string };
  kinds: Record<string, KindDigest>;
}

/** Segments that stand for "every item" and "every map value" in digest paths. */
export const ITEMS = '[]';
export const VALUES = '{}';

const CHILD_KEYS = new Set(['description', 'properties', 'items', 'additionalProperties', 'example']);
const NESTED_KEYS = ['allOf', 'anyOf', 'oneOf', 'not'] as const;

/** A schema node's own facts (nested allOf/anyOf/oneOf/not kept, their prose dropped). */
function factsOf(node: JsonSchema): FieldFacts {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node).sort()) {
    if (CHILD_KEYS.has(key)) continue;
    const v = (node as Record<string, unknown>)[key];
    if (key === 'required' && Array.isArray(v)) out[key] = [...(v as string[])].sort();
    else if ((NESTED_KEYS as readonly string[]).includes(key)) out[key] = stripProse(v);
    else out[key] = v;
  }
  if (typeof node.additionalProperties === 'boolean') out.additionalProperties = node.additionalProperties;
  return out as FieldFacts;
}

function stripProse(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripProse);
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v).sort()) if (key !== 'description') out[key] = stripProse(v[key]);
  return out;
}

/** Every node of a schema as path → facts, in a stable (sorted) order. */
export function fieldsOf(schema: JsonSchema): Record<string, FieldFacts> {
  const out: [string, FieldFacts][] = [];
  walkFields(schema, '', (path, node) => out.push([path, factsOf(node)]));
  out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return Object.fromEntries(out);
}

/** The paths of `fieldsOf` alone (in walk order), without each node's facts. */
export function fieldPathsOf(schema: JsonSchema): string[] {
  const out: string[] = [];
  walkFields(schema, '', (path) => out.push(path));
  return out;
}

function walkFields(node: JsonSchema, path: string, visit: (path: string, node: JsonSchema) => void): void {
  visit(path, node);
  for (const [name, child] of Object.entries(node.properties ?? {})) walkFields(child, `${path}/${escapeSegment(name)}`, visit);
  if (node.items && isPlainObject(node.items)) walkFields(node.items, `${path}/${ITEMS}`, visit);
  if (isPlainObject(node.additionalProperties)) walkFields(node.additionalProperties, `${path}/${VALUES}`, visit);
}

/** The schema a field map describes (the inverse of `fieldsOf`); nodes are fresh objects. */
export function schemaOfFields(fields: Record<string, FieldFacts>): JsonSchema {
  const nodes = new Map<string, JsonSchema>();
  // Sorted paths put every parent before its children.
  for (const path of Object.keys(fields).sort()) {
    const node: JsonSchema = { ...(fields[path] as JsonSchema) };
    nodes.set(path, node);
    if (path === '') continue;
    const slash = path.lastIndexOf('/');
    const parent = nodes.get(path.slice(0, slash));
    if (!parent) throw new Error(`digest field ${path} has no parent`);
    const seg = splitPointer(path.slice(slash)).pop()!;
    if (seg === ITEMS && parent.type === 'array') parent.items = node;
    else if (seg === VALUES && parent.type === 'object' && !parent.properties) parent.additionalProperties = node;
    else (parent.properties ??= {})[seg] = node;
  }
  const root = nodes.get('');
  if (!root) throw new Error('digest has no root field');
  return root;
}

/** The digest of one CRD object (apiextensions.k8s.io/v1); a string says why it is not one. */
export function digestOfCrd(crd: unknown): { group: string; kind: string; digest: KindDigest } | string {
  if (!isPlainObject(crd) || !isPlainObject(crd.spec)) return 'not a CustomResourceDefinition';
  const spec = crd.spec;
  const names = isPlainObject(spec.names) ? spec.names : {};
  if (typeof spec.group !== 'string' || typeof names.kind !== 'string')
    return 'CustomResourceDefinition without spec.group and spec.names.kind';
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const versions: VersionDigest[] = [];
  for (const v of Array.isArray(spec.versions) ? spec.versions : []) {
    if (!isPlainObject(v) || typeof v.name !== 'string') continue;
    const schema = isPlainObject(v.schema) && isPlainObject(v.schema.openAPIV3Schema) ? (v.schema.openAPIV3Schema as JsonSchema) : {};
    const columns = (Array.isArray(v.additionalPrinterColumns) ? v.additionalPrinterColumns : []).filter(isPlainObject).map((c) => ({
      name: String(c.name),
      type: String(c.type),
      jsonPath: String(c.jsonPath),
      ...(typeof c.priority === 'number' ? { priority: c.priority } : {}),
    }));
    versions.push({
      name: v.name,
      served: v.served !== false,
      storage: v.storage === true,
      status: isPlainObject(v.subresources) && isPlainObject(v.subresources.status),
      columns,
      fields: fieldsOf(schema),
    });
  }
  const kind = names.kind;
  return {
    group: spec.group,
    kind,
    digest: {
      plural: typeof names.plural === 'string' ? names.plural : kind.toLowerCase() + 's',
      singular: typeof names.singular === 'string' ? names.singular : kind.toLowerCase(),
      listKind: typeof names.listKind === 'string' ? names.listKind : `${kind}List`,
      shortNames: strings(names.shortNames),
      categories: strings(names.categories),
      scope: typeof spec.scope === 'string' ? spec.scope : 'Namespaced',
      versions,
    },
  };
}

/** One JSON text per digest, one line per field, so that a new operator release reads as a short diff. */
export function formatDigest(digest: ApiDigest): string {
  const lines: string[] = ['{', `  "source": ${JSON.stringify(digest.source)},`, '  "kinds": {'];
  const kinds = Object.keys(digest.kinds).sort();
  kinds.forEach((kind, ki) => {
    const k = digest.kinds[kind];
    const { versions, ...names } = k;
    lines.push(`    ${JSON.stringify(kind)}: {`);
    for (const [key, value] of Object.entries(names)) lines.push(`      ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
    lines.push('      "versions": [');
    versions.forEach((v, vi) => {
      const { fields, ...head } = v;
      lines.push('        {');
      for (const [key, value] of Object.entries(head)) lines.push(`          ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
      lines.push('          "fields": {');
      const paths = Object.keys(fields);
      paths.forEach((p, i) =>
        lines.push(`            ${JSON.stringify(p)}: ${JSON.stringify(fields[p])}${i < paths.length - 1 ? ',' : ''}`),
      );
      lines.push('          }');
      lines.push(`        }${vi < versions.length - 1 ? ',' : ''}`);
    });
    lines.push('      ]');
    lines.push(`    }${ki < kinds.length - 1 ? ',' : ''}`);
  });
  lines.push('  }', '}', '');
  return lines.join('\n');
}
