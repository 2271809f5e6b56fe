// OpenAPI v3 documents, per group-version, as kubectl reads them: `apply` and `create` look for
// the `fieldValidation` query parameter on a PATCH operation tagged with the kind's
// x-kubernetes-group-version-kind (server-side field validation), and `explain` reads the
// component schemas. Custom resources publish their CRD schema. Built-in kinds publish their
// operations with a shallow schema and without a strategic-merge request body, so kubectl
// computes strategic merge patches from its compiled-in types, which are exact.

import { createHash } from 'node:crypto';
import { isPlainObject } from './object.js';
import type { Registry, ResourceType } from './resources.js';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const LIST_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta';
const STATUS = 'io.k8s.apimachinery.pkg.apis.meta.v1.Status';

const BUILTIN_PREFIX: Record<string, string> = {
  '': 'io.k8s.api.core',
  apps: 'io.k8s.api.apps',
  'rbac.authorization.k8s.io': 'io.k8s.api.rbac',
  'authorization.k8s.io': 'io.k8s.api.authorization',
  'apiextensions.k8s.io': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions',
};

function schemaName(t: ResourceType, version: string, kind = t.kind): string {
  const prefix = t.builtin ? (BUILTIN_PREFIX[t.group] ?? `io.k8s.api.${t.group}`) : t.group.split('.').reverse().join('.');
  return `${prefix}.${version}.${kind}`;
}

function ref(name: string): Record<string, unknown> {
  return { $ref: `#/components/schemas/${name}` };
}

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

const ERROR_SCHEMA = { content: { 'application/json': { schema: ref(STATUS) } } };

function param(name: string, description: string, type = 'string'): Record<string, unknown> {
  return { name, in: 'query', description, schema: { type, uniqueItems: true } };
}

const WRITE_PARAMS = [
  param('dryRun', 'When present, indicates that modifications should not be persisted. Valid value: All.'),
  param('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
  param(
    'fieldValidation',
    'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values: Ignore, Warn, Strict.',
  ),
];

function operations(t: ResourceType, version: string): Record<string, unknown> {
  const gvk = { group: t.group, version, kind: t.kind };
  const one = schemaName(t, version);
  const list = schemaName(t, version, t.listKind);
  const ok = (name: string): Record<string, unknown> => ({
    '200': { description: 'OK', content: { 'application/json': { schema: ref(name) } } },
    default: ERROR_SCHEMA,
  });
  const base = `/${gvPath(t.group, version)}`;
  const collection = t.namespaced ? `${base}/namespaces/{namespace}/${t.plural}` : `${base}/${t.plural}`;
  const pathParams = [...(t.namespaced ? [{ name: 'namespace', in: 'path', required: true, schema: { type: 'string' } }] : [])];
  const patchTypes = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];
  const paths: Record<string, unknown> = {};
  if (t.virtual) {
    paths[collection] = {
      post: {
        operationId: `create${t.kind}`,
        requestBody: { content: { 'application/json': { schema: ref(one) } } },
        responses: ok(one),
        parameters: WRITE_PARAMS,
        'x-kubernetes-action': 'post',
        'x-kubernetes-group-version-kind': gvk,
      },
      parameters: pathParams,
    };
    return paths;
  }
  paths[collection] = {
    get: { operationId: `list${t.kind}`, responses: ok(list), 'x-kubernetes-action': 'list', 'x-kubernetes-group-version-kind': gvk },
    post: {
      operationId: `create${t.kind}`,
      requestBody: { content: { 'application/json': { schema: ref(one) } }, required: true },
      responses: ok(one),
      parameters: WRITE_PARAMS,
      'x-kubernetes-action': 'post',
      'x-kubernetes-group-version-kind': gvk,
    },
    parameters: pathParams,
  };
  const item = `${collection}/{name}`;
  paths[item] = {
    get: { operationId: `read${t.kind}`, responses: ok(one), 'x-kubernetes-action': 'get', 'x-kubernetes-group-version-kind': gvk },
    put: {
      operationId: `replace${t.kind}`,
      requestBody: { content: { 'application/json': { schema: ref(one) } }, required: true },
      responses: ok(one),
      parameters: WRITE_PARAMS,
      'x-kubernetes-action': 'put',
      'x-kubernetes-group-version-kind': gvk,
    },
    patch: {
      operationId: `patch${t.kind}`,
      requestBody: { content: Object.fromEntries(patchTypes.map((c) => [c, { schema: { type: 'object' } }])), required: true },
      responses: ok(one),
      parameters: [...WRITE_PARAMS, param('force', 'Force is going to "force" Apply requests.', 'boolean')],
      'x-kubernetes-action': 'patch',
      'x-kubernetes-group-version-kind': gvk,
    },
    delete: {
      operationId: `delete${t.kind}`,
      responses: ok(STATUS),
      'x-kubernetes-action': 'delete',
      'x-kubernetes-group-version-kind': gvk,
    },
    parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }, ...pathParams],
  };
  if (t.namespaced) {
    paths[`${base}/${t.plural}`] = {
      get: {
        operationId: `list${t.kind}ForAllNamespaces`,
        responses: ok(list),
        'x-kubernetes-action': 'list',
        'x-kubernetes-group-version-kind': gvk,
      },
    };
  }
  return paths;
}

function withMetaRef(schema: Record<string, unknown>): Record<string, unknown> {
  const props = isPlainObject(schema.properties) ? { ...schema.properties } : {};
  props.metadata = {
    description:
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    allOf: [ref(OBJECT_META)],
  };
  props.apiVersion ??= { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' };
  props.kind ??= { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' };
  return { ...schema, type: 'object', properties: props };
}

function componentSchemas(t: ResourceType, version: string): Record<string, unknown> {
  const gvk = [{ group: t.group, version, kind: t.kind }];
  const base: Record<string, unknown> = t.schema
    ? withMetaRef(t.schema)
    : withMetaRef({
        description: `${t.kind} as served by cluster-sim.`,
        properties: t.virtual
          ? { spec: { type: 'object' }, status: { type: 'object' } }
          : { spec: { type: 'object' }, status: { type: 'object' } },
      });
  return {
    [schemaName(t, version)]: { ...base, 'x-kubernetes-group-version-kind': gvk },
    [schemaName(t, version, t.listKind)]: {
      type: 'object',
      required: ['items'],
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        items: { type: 'array', items: ref(schemaName(t, version)) },
        metadata: { allOf: [ref(LIST_META)] },
      },
      'x-kubernetes-group-version-kind': [{ group: t.group, version, kind: t.listKind }],
    },
  };
}

const META_SCHEMAS: Record<string, unknown> = {
  [OBJECT_META]: {
    type: 'object',
    description: 'ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.',
    properties: {
      name: { type: 'string', description: 'Name must be unique within a namespace.' },
      generateName: { type: 'string', description: 'An optional prefix used by the server to generate a unique name.' },
      namespace: { type: 'string', description: 'Namespace defines the space within which each name must be unique.' },
      labels: {
        type: 'object',
        additionalProperties: { type: 'string', default: '' },
        description: 'Map of string keys and values that can be used to organize and categorize objects.',
      },
      annotations: {
        type: 'object',
        additionalProperties: { type: 'string', default: '' },
        description: 'Annotations is an unstructured key value map stored with a resource.',
      },
      uid: { type: 'string' },
      resourceVersion: { type: 'string' },
      generation: { type: 'integer', format: 'int64' },
      creationTimestamp: { type: 'string', format: 'date-time' },
      deletionTimestamp: { type: 'string', format: 'date-time' },
      finalizers: {
        type: 'array',
        items: { type: 'string', default: '' },
        'x-kubernetes-list-type': 'set',
        'x-kubernetes-patch-strategy': 'merge',
      },
      ownerReferences: {
        type: 'array',
        items: { type: 'object' },
        'x-kubernetes-patch-merge-key': 'uid',
        'x-kubernetes-patch-strategy': 'merge',
      },
      managedFields: { type: 'array', items: { type: 'object' } },
    },
  },
  [LIST_META]: {
    type: 'object',
    properties: {
      resourceVersion: { type: 'string' },
      continue: { type: 'string' },
      remainingItemCount: { type: 'integer', format: 'int64' },
    },
  },
  [STATUS]: {
    type: 'object',
    properties: { code: { type: 'integer' }, message: { type: 'string' }, reason: { type: 'string' }, status: { type: 'string' } },
    'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Status' }],
  },
};

export function openApiV3GroupVersion(registry: Registry, group: string, version: string): Record<string, unknown> | undefined {
  const types = registry.byGroupVersion(group, version);
  if (types.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = { ...META_SCHEMAS };
  for (const t of types) {
    Object.assign(paths, operations(t, version));
    Object.assign(schemas, componentSchemas(t, version));
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths, components: { schemas } };
}

/** The /openapi/v3 index: one entry per group-version, with a hash that changes when the document does. */
export function openApiV3Index(registry: Registry): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const { group, versions } of registry.groups()) {
    for (const v of versions) {
      const doc = openApiV3GroupVersion(registry, group, v);
      const hash = createHash('sha512').update(JSON.stringify(doc)).digest('hex').slice(0, 128).toUpperCase();
      paths[gvPath(group, v)] = { serverRelativeURL: `/openapi/v3/${gvPath(group, v)}?hash=${hash}` };
    }
  }
  return { paths };
}
