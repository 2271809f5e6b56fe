// CustomResourceDefinitions both ways: reading the versions and schemas of a CRD object (from
// the workspace or a cluster), and writing the CRDs of a generation's built-in Flokoa kinds.
import type { KindDescription } from '../api/types.js';
import { k8s } from './k8s.js';
import { isPlainObject } from './structural.js';
import type { JsonSchema } from './types.js';

export const CRD_API_VERSION = 'apiextensions.k8s.io/v1';

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  /** `subresources.status` is enabled: status is written through /status only. */
  statusSubresource: boolean;
  /** The version's openAPIV3Schema made ready for validation (see `resourceRootSchema`). */
  schema: JsonSchema;
}

export interface CrdInfo {
  name: string;
  group: string;
  kind: string;
  plural: string;
  scope: string;
  versions: CrdVersion[];
}

/** ObjectMeta as the API server validates it for every object; a manifest must name its object. */
function metadataSchema(): JsonSchema {
  const meta = k8s('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'Standard object metadata: name, namespace, labels, annotations.');
  return { ...meta, required: ['name'] };
}

/**
 * A CRD's root schema as the API server applies it: apiVersion and kind are always strings and
 * metadata is always required, validated (and pruned) as ObjectMeta, whatever the CRD declares.
 */
export function resourceRootSchema(openAPIV3Schema: JsonSchema | undefined): JsonSchema {
  const root: JsonSchema = openAPIV3Schema ? { ...openAPIV3Schema } : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const props = root.properties ?? {};
  root.properties = {
    ...props,
    apiVersion: props.apiVersion ?? { type: 'string', description: 'APIVersion of this object.' },
    kind: props.kind ?? { type: 'string', description: 'Kind of this object.' },
    metadata: { ...metadataSchema(), ...(props.metadata?.description ? { description: props.metadata.description } : {}) },
  };
  // Every object needs a name, so a manifest without metadata is refused whatever the CRD says.
  root.required = [...new Set([...(root.required ?? []), 'metadata'])];
  return root;
}

/** Reads a CustomResourceDefinition object; a string says why it is not one we can use. */
export function readCrd(obj: unknown): CrdInfo | string {
  if (!isPlainObject(obj)) return 'not an object';
  if (obj.apiVersion !== CRD_API_VERSION || obj.kind !== 'CustomResourceDefinition')
    return `not an ${CRD_API_VERSION} CustomResourceDefinition`;
  const spec = obj.spec;
  const meta = isPlainObject(obj.metadata) ? obj.metadata : {};
  if (!isPlainObject(spec) || typeof spec.group !== 'string' || !isPlainObject(spec.names) || typeof spec.names.kind !== 'string') {
    return 'CustomResourceDefinition without spec.group and spec.names.kind';
  }
  if (!Array.isArray(spec.versions) || spec.versions.length === 0) return 'CustomResourceDefinition without spec.versions';
  const versions: CrdVersion[] = [];
  for (const v of spec.versions) {
    if (!isPlainObject(v) || typeof v.name !== 'string') return 'spec.versions entry without a name';
    const schema =
      isPlainObject(v.schema) && isPlainObject(v.schema.openAPIV3Schema) ? (v.schema.openAPIV3Schema as JsonSchema) : undefined;
    const statusSubresource = isPlainObject(v.subresources) && isPlainObject(v.subresources.status);
    versions.push({
      name: v.name,
      served: v.served !== false,
      storage: v.storage === true,
      statusSubresource,
      schema: resourceRootSchema(schema),
    });
  }
  return {
    name: typeof meta.name === 'string' ? meta.name : '',
    group: spec.group,
    kind: spec.names.kind,
    plural: typeof spec.names.plural === 'string' ? spec.names.plural : spec.names.kind.toLowerCase() + 's',
    scope: typeof spec.scope === 'string' ? spec.scope : 'Namespaced',
    versions,
  };
}

/** The built-in schema as a CRD carries it: the API server owns metadata, so only `type: object`. */
function crdSchema(schema: JsonSchema): JsonSchema {
  const props = schema.properties ?? {};
  return { ...schema, properties: { ...props, metadata: { type: 'object' } } };
}

function crdOf(k: KindDescription): Record<string, unknown> {
  return {
    apiVersion: CRD_API_VERSION,
    kind: 'CustomResourceDefinition',
    metadata: { name: `${k.plural}.${k.group}` },
    spec: {
      group: k.group,
      scope: 'Namespaced',
      names: {
        kind: k.kind,
        listKind: k.listKind,
        plural: k.plural,
        singular: k.singular,
        ...(k.shortNames.length ? { shortNames: k.shortNames } : {}),
        ...(k.categories.length ? { categories: k.categories } : {}),
      },
      versions: [
        {
          name: k.version,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: crdSchema(k.schema) },
          ...(k.statusSubresource ? { subresources: { status: {} } } : {}),
          additionalPrinterColumns: k.printerColumns,
        },
      ],
    },
  };
}

/** CustomResourceDefinitions (apiextensions.k8s.io/v1) of built-in kinds (a generation's `kinds`), as its operator installs them. */
export function crdFromSchemas(kinds: readonly KindDescription[]): Record<string, unknown>[] {
  // A JSON round trip: callers get plain, independent data (shared schema nodes become copies).
  return kinds.map((k) => JSON.parse(JSON.stringify(crdOf(k))) as Record<string, unknown>);
}
