// kustomize's field specs: "this transformer touches path P of objects of kind K". A path walks
// maps by field name and every element of a list it meets (`containers/env/name`), `[]` is only
// a hint, and `\/` escapes a slash inside a field name (annotation keys).
import type { FieldOrigin } from './model.js';
import { gvkSelected, type GvkSelector } from './resid.js';
import { isJsonObject, type Json, type JsonObject, type OriginBook } from './origins.js';

export interface FieldSpec extends GvkSelector {
  path: string;
  /** Create the field (and the maps above it) when it is missing. */
  create?: boolean;
}

/** Called on the field a spec reaches: `parent[key]` (which may be missing when creating). */
export type FieldSetter = (parent: JsonObject, key: string, parentOrigin: FieldOrigin) => void;

export function splitFieldPath(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '\\' && path[i + 1] === '/') {
      cur += '/';
      i++;
    } else if (path[i] === '/') {
      out.push(cur);
      cur = '';
    } else cur += path[i];
  }
  out.push(cur);
  return out;
}

/**
 * Applies `set` wherever the spec's path reaches in `root` (an object of the given kind).
 * `createLeaf` says what a missing last field is created as (when the spec allows creation).
 */
export function visitFieldSpec(
  book: OriginBook,
  root: JsonObject,
  rootOrigin: FieldOrigin,
  gvk: { group: string; version: string; kind: string },
  spec: FieldSpec,
  set: FieldSetter,
  createLeaf?: 'scalar' | 'map',
): void {
  if (!gvkSelected(gvk, spec)) return;
  const path = splitFieldPath(spec.path);
  walk(book, root, rootOrigin, path, spec.create === true ? createLeaf : undefined, set, spec.path);
}

function walk(
  book: OriginBook,
  node: Json,
  origin: FieldOrigin,
  path: string[],
  create: 'scalar' | 'map' | undefined,
  set: FieldSetter,
  whole: string,
): void {
  if (Array.isArray(node)) {
    node.forEach((el, i) => walk(book, el, book.childOrigin(node, i, origin), path, create, set, whole));
    return;
  }
  if (!isJsonObject(node)) return;
  const seq = path[0].endsWith('[]');
  const field = seq ? path[0].slice(0, -2) : path[0];
  if (field === '') return;
  if (path.length === 1) {
    if (node[field] === undefined && (!create || seq)) return;
    set(node, field, origin);
    return;
  }
  let next = node[field];
  if ((next === undefined || next === null) && create && !seq) {
    next = {};
    book.set(node, field, next, origin);
  }
  if (next === undefined || next === null) return;
  walk(book, next, book.childOrigin(node, field, origin), path.slice(1), create, set, whole);
}

// The field specs of kustomize's built-in configuration (its defaults, before any
// `configurations:` file). Kinds that hold a pod template are listed once per kind.

const TEMPLATE_KINDS: GvkSelector[] = [
  { version: 'v1', kind: 'ReplicationController' },
  { kind: 'Deployment' },
  { kind: 'ReplicaSet' },
  { kind: 'DaemonSet' },
];

function metadataLabelSpecs(): FieldSpec[] {
  return [
    { path: 'metadata/labels', create: true },
    ...TEMPLATE_KINDS.map((k) => ({ ...k, path: 'spec/template/metadata/labels', create: true })),
    { group: 'apps', kind: 'StatefulSet', path: 'spec/template/metadata/labels', create: true },
    { group: 'apps', kind: 'StatefulSet', path: 'spec/volumeClaimTemplates[]/metadata/labels', create: true },
    { group: 'batch', kind: 'Job', path: 'spec/template/metadata/labels', create: true },
    { group: 'batch', kind: 'CronJob', path: 'spec/jobTemplate/metadata/labels', create: true },
    { group: 'batch', kind: 'CronJob', path: 'spec/jobTemplate/spec/template/metadata/labels', create: true },
  ];
}

const AFFINITY = [
  'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
];

function selectorLabelSpecs(): FieldSpec[] {
  return [
    { version: 'v1', kind: 'Service', path: 'spec/selector', create: true },
    { version: 'v1', kind: 'ReplicationController', path: 'spec/selector', create: true },
    { kind: 'Deployment', path: 'spec/selector/matchLabels', create: true },
    ...AFFINITY.map((path) => ({ group: 'apps', kind: 'Deployment', path })),
    { kind: 'ReplicaSet', path: 'spec/selector/matchLabels', create: true },
    { kind: 'DaemonSet', path: 'spec/selector/matchLabels', create: true },
    { group: 'apps', kind: 'StatefulSet', path: 'spec/selector/matchLabels', create: true },
    ...AFFINITY.map((path) => ({ group: 'apps', kind: 'StatefulSet', path })),
    { group: 'batch', kind: 'Job', path: 'spec/selector/matchLabels' },
    { group: 'batch', kind: 'CronJob', path: 'spec/jobTemplate/spec/selector/matchLabels' },
    { group: 'policy', kind: 'PodDisruptionBudget', path: 'spec/selector/matchLabels' },
    { group: 'networking.k8s.io', kind: 'NetworkPolicy', path: 'spec/podSelector/matchLabels' },
    { group: 'networking.k8s.io', kind: 'NetworkPolicy', path: 'spec/ingress/from/podSelector/matchLabels' },
    { group: 'networking.k8s.io', kind: 'NetworkPolicy', path: 'spec/egress/to/podSelector/matchLabels' },
  ];
}

function annotationSpecs(): FieldSpec[] {
  return [
    { path: 'metadata/annotations', create: true },
    ...TEMPLATE_KINDS.map((k) => ({ ...k, path: 'spec/template/metadata/annotations', create: true })),
    { kind: 'StatefulSet', path: 'spec/template/metadata/annotations', create: true },
    { group: 'batch', kind: 'Job', path: 'spec/template/metadata/annotations', create: true },
    { group: 'batch', kind: 'CronJob', path: 'spec/jobTemplate/metadata/annotations', create: true },
    { group: 'batch', kind: 'CronJob', path: 'spec/jobTemplate/spec/template/metadata/annotations', create: true },
  ];
}

/** The transformer configuration: field specs per transformer (the built-in ones plus `configurations:`). */
export interface TransformerConfig {
  namePrefix: FieldSpec[];
  nameSuffix: FieldSpec[];
  namespace: FieldSpec[];
  commonLabels: FieldSpec[];
  templateLabels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  images: FieldSpec[];
  replicas: FieldSpec[];
  nameReference: NameBackReference[];
}

/** "Objects of this kind are referred to by name from these fields." */
export interface NameBackReference extends GvkSelector {
  fieldSpecs: FieldSpec[];
}

export function emptyConfig(): TransformerConfig {
  return {
    namePrefix: [],
    nameSuffix: [],
    namespace: [],
    commonLabels: [],
    templateLabels: [],
    commonAnnotations: [],
    images: [],
    replicas: [],
    nameReference: [],
  };
}

export function builtinFieldSpecs(): Omit<TransformerConfig, 'nameReference'> {
  const replicaKinds = ['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'];
  return {
    namePrefix: [{ path: 'metadata/name' }],
    nameSuffix: [{ path: 'metadata/name' }],
    namespace: [
      { kind: 'Namespace', path: 'metadata/name', create: true },
      { group: 'apiregistration.k8s.io', kind: 'APIService', path: 'spec/service/namespace', create: true },
      { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', path: 'spec/conversion/webhook/clientConfig/service/namespace' },
    ],
    commonLabels: [...selectorLabelSpecs(), ...metadataLabelSpecs()],
    templateLabels: metadataLabelSpecs(),
    commonAnnotations: annotationSpecs(),
    images: [
      'spec/containers[]/image',
      'spec/initContainers[]/image',
      'spec/template/spec/containers[]/image',
      'spec/template/spec/initContainers[]/image',
    ].map((path) => ({ path, create: true })),
    replicas: replicaKinds.map((kind) => ({ kind, path: 'spec/replicas', create: true })),
  };
}

function sameSpec(a: FieldSpec, b: FieldSpec): boolean {
  return (
    a.path === b.path && (a.group ?? '') === (b.group ?? '') && (a.version ?? '') === (b.version ?? '') && (a.kind ?? '') === (b.kind ?? '')
  );
}

/** Adds field specs not already present (kustomize merges configurations without duplicates). */
export function mergeSpecs(into: FieldSpec[], more: FieldSpec[]): FieldSpec[] {
  const out = [...into];
  for (const s of more) if (!out.some((o) => sameSpec(o, s))) out.push(s);
  return out;
}
