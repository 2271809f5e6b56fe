// What the server serves: one ResourceType per (group, resource), built-in or from a stored CRD.
// Discovery, OpenAPI, routing, RBAC messages and tables all read this registry.

import type { KObject } from './object.js';
import { isPlainObject } from './object.js';

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
}

export interface ResourceType {
  group: string;
  version: string;
  /** Other versions a CRD serves; objects are returned in whichever version was asked for. */
  versions: string[];
  kind: string;
  listKind: string;
  /** The resource name: `agents`. */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: string[];
  /** Create-only review kinds (SubjectAccessReview) are answered, never stored. */
  virtual?: boolean;
  /** From a CRD: the OpenAPI v3 schema of the served version, used to validate and prune. */
  schema?: Record<string, unknown>;
  printerColumns?: PrinterColumn[];
  /** Strategic merge patch is only defined for built-in types. */
  builtin: boolean;
}

export const CRUD_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function builtin(
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType {
  return {
    group,
    version,
    versions: [version],
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    namespaced,
    shortNames: [],
    categories: [],
    verbs: CRUD_VERBS,
    subresources: [],
    builtin: true,
    ...extra,
  };
}

const BUILTIN: ResourceType[] = [
  builtin('', 'v1', 'Namespace', 'namespaces', false, {
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: ['status'],
  }),
  builtin('', 'v1', 'Secret', 'secrets', true),
  builtin('', 'v1', 'ConfigMap', 'configmaps', true, { shortNames: ['cm'] }),
  builtin('', 'v1', 'Service', 'services', true, {
    shortNames: ['svc'],
    categories: ['all'],
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: ['status'],
  }),
  builtin('', 'v1', 'ServiceAccount', 'serviceaccounts', true, { shortNames: ['sa'] }),
  builtin('', 'v1', 'Event', 'events', true, { shortNames: ['ev'] }),
  builtin('', 'v1', 'ResourceQuota', 'resourcequotas', true, { shortNames: ['quota'], subresources: ['status'] }),
  builtin('', 'v1', 'LimitRange', 'limitranges', true, { shortNames: ['limits'] }),
  builtin('', 'v1', 'Pod', 'pods', true, { shortNames: ['po'], categories: ['all'], subresources: ['status', 'log', 'eviction'] }),
  builtin('apps', 'v1', 'Deployment', 'deployments', true, {
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  }),
  builtin('apps', 'v1', 'ReplicaSet', 'replicasets', true, {
    shortNames: ['rs'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  }),
  builtin('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, { shortNames: ['pdb'], subresources: ['status'] }),
  builtin('rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true),
  builtin('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true),
  builtin('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false),
  builtin('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false),
  builtin('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', false, {
    verbs: ['create'],
    virtual: true,
  }),
  builtin('authorization.k8s.io', 'v1', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews', false, {
    verbs: ['create'],
    virtual: true,
  }),
  builtin('authorization.k8s.io', 'v1', 'SubjectAccessReview', 'subjectaccessreviews', false, {
    verbs: ['create'],
    virtual: true,
  }),
  builtin('authorization.k8s.io', 'v1', 'LocalSubjectAccessReview', 'localsubjectaccessreviews', true, {
    verbs: ['create'],
    virtual: true,
  }),
  builtin('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', false, {
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
    subresources: ['status'],
  }),
];

/** A store key for a resource type, independent of version: `apps/deployments`, `/pods`. */
export function typeKey(t: { group: string; plural: string }): string {
  return `${t.group}/${t.plural}`;
}

export class Registry {
  private byKey = new Map<string, ResourceType>();
  private listeners = new Set<() => void>();

  constructor() {
    for (const t of BUILTIN) this.byKey.set(typeKey(t), t);
  }

  all(): ResourceType[] {
    return [...this.byKey.values()];
  }

  groups(): { group: string; versions: string[] }[] {
    const out = new Map<string, Set<string>>();
    for (const t of this.byKey.values()) {
      const s = out.get(t.group) ?? new Set<string>();
      for (const v of t.versions) s.add(v);
      out.set(t.group, s);
    }
    return [...out].map(([group, versions]) => ({ group, versions: [...versions] }));
  }

  byGroupVersion(group: string, version: string): ResourceType[] {
    // Sorted by resource name, as the real server lists them (kubectl's `get all` follows this order).
    return this.all()
      .filter((t) => t.group === group && t.versions.includes(version))
      .sort((a, b) => (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0));
  }

  find(group: string, version: string, plural: string): ResourceType | undefined {
    const t = this.byKey.get(`${group}/${plural}`);
    return t && t.versions.includes(version) ? t : undefined;
  }

  byKindName(group: string, kind: string): ResourceType | undefined {
    return this.all().find((t) => t.group === group && t.kind === kind);
  }

  get(key: string): ResourceType | undefined {
    return this.byKey.get(key);
  }

  /** Called when discovery changes (a CRD was created, changed or deleted). */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Serve (or stop serving) the resource a CRD defines. Returns false for an unusable CRD. */
  applyCrd(crd: KObject, deleted: boolean): boolean {
    const t = resourceTypeFromCrd(crd);
    if (!t) return false;
    const key = typeKey(t);
    if (this.byKey.get(key)?.builtin) return false;
    if (deleted) this.byKey.delete(key);
    else this.byKey.set(key, t);
    for (const fn of this.listeners) fn();
    return true;
  }
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function resourceTypeFromCrd(crd: KObject): ResourceType | undefined {
  const spec = crd.spec;
  if (!isPlainObject(spec) || !isPlainObject(spec.names) || typeof spec.group !== 'string') return undefined;
  const names = spec.names;
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isPlainObject) : [];
  const served = versions.filter((v) => v.served !== false && typeof v.name === 'string');
  if (served.length === 0 || typeof names.plural !== 'string' || typeof names.kind !== 'string') return undefined;
  const storage = served.find((v) => v.storage) ?? served[0];
  const schemaHolder = isPlainObject(storage.schema) ? storage.schema : {};
  const schema = isPlainObject(schemaHolder.openAPIV3Schema) ? schemaHolder.openAPIV3Schema : undefined;
  const sub = isPlainObject(storage.subresources) ? storage.subresources : {};
  const subresources = [...(sub.status ? ['status'] : []), ...(sub.scale ? ['scale'] : [])];
  const columns = Array.isArray(storage.additionalPrinterColumns)
    ? storage.additionalPrinterColumns.filter(isPlainObject).map((c): PrinterColumn => ({
        name: String(c.name),
        type: String(c.type ?? 'string'),
        jsonPath: String(c.jsonPath ?? ''),
        ...(typeof c.description === 'string' ? { description: c.description } : {}),
        ...(typeof c.priority === 'number' ? { priority: c.priority } : {}),
        ...(typeof c.format === 'string' ? { format: c.format } : {}),
      }))
    : undefined;
  return {
    group: spec.group,
    version: String(storage.name),
    versions: served.map((v) => String(v.name)),
    kind: names.kind,
    listKind: typeof names.listKind === 'string' ? names.listKind : `${names.kind}List`,
    plural: names.plural,
    singular: typeof names.singular === 'string' ? names.singular : names.kind.toLowerCase(),
    namespaced: spec.scope !== 'Cluster',
    shortNames: strings(names.shortNames),
    categories: strings(names.categories),
    verbs: CRUD_VERBS,
    subresources,
    ...(schema ? { schema } : {}),
    ...(columns ? { printerColumns: columns } : {}),
    builtin: false,
  };
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}
