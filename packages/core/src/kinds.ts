// What kinds we know: the Flokoa API (every kind of every generation, from the API descriptions)
// and the Kubernetes objects that references and rules need.
import { API_GENERATIONS } from './api/index.js';
import { FLOKOA_API_VERSION, FLOKOA_GROUP, FLOKOA_VERSION } from './api/group.js';

export { FLOKOA_API_VERSION, FLOKOA_GROUP, FLOKOA_VERSION };

/** Every Flokoa kind some generation has, newest generation's order first. */
export const FLOKOA_KINDS: readonly string[] = [...new Set(API_GENERATIONS.flatMap((a) => a.kinds.map((k) => k.kind)))];

export interface KindInfo {
  group: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

const FLOKOA_INFO: KindInfo[] = [
  ...new Map(
    API_GENERATIONS.flatMap((a) => a.kinds).map(
      (k) => [k.kind, { group: k.group, kind: k.kind, plural: k.plural, namespaced: true }] as const,
    ),
  ).values(),
];

const KNOWN: KindInfo[] = [
  ...FLOKOA_INFO,
  { group: '', kind: 'Namespace', plural: 'namespaces', namespaced: false },
  { group: '', kind: 'Secret', plural: 'secrets', namespaced: true },
  { group: '', kind: 'ConfigMap', plural: 'configmaps', namespaced: true },
  { group: '', kind: 'Service', plural: 'services', namespaced: true },
  { group: '', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true },
  { group: '', kind: 'Pod', plural: 'pods', namespaced: true },
  { group: '', kind: 'Event', plural: 'events', namespaced: true },
  { group: 'apps', kind: 'Deployment', plural: 'deployments', namespaced: true },
  { group: 'apps', kind: 'ReplicaSet', plural: 'replicasets', namespaced: true },
  { group: 'apps', kind: 'StatefulSet', plural: 'statefulsets', namespaced: true },
  { group: 'batch', kind: 'Job', plural: 'jobs', namespaced: true },
  { group: '', kind: 'ResourceQuota', plural: 'resourcequotas', namespaced: true },
  { group: '', kind: 'LimitRange', plural: 'limitranges', namespaced: true },
  { group: '', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', namespaced: true },
  { group: 'rbac.authorization.k8s.io', kind: 'Role', plural: 'roles', namespaced: true },
  { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding', plural: 'rolebindings', namespaced: true },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', plural: 'clusterroles', namespaced: false },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', namespaced: false },
  { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', namespaced: false },
  { group: 'external-secrets.io', kind: 'ExternalSecret', plural: 'externalsecrets', namespaced: true },
  { group: 'bitnami.com', kind: 'SealedSecret', plural: 'sealedsecrets', namespaced: true },
  { group: 'kustomize.config.k8s.io', kind: 'Kustomization', plural: 'kustomizations', namespaced: false },
];

const BY_KEY = new Map(KNOWN.map((k) => [`${k.group}/${k.kind}`, k]));

/**
 * Kinds the workspace indexes (never diagnoses) because references and rules need them: among
 * them what decides whether a namespace admits an Agent (quotas, limit ranges, RBAC) and the
 * workloads whose pods count against its quotas.
 */
const INDEXED = new Set([
  ...FLOKOA_KINDS.map((k) => `${FLOKOA_GROUP}/${k}`),
  '/Namespace',
  '/Secret',
  '/ConfigMap',
  '/Service',
  '/ServiceAccount',
  '/ResourceQuota',
  '/LimitRange',
  '/Pod',
  'apps/Deployment',
  'apps/StatefulSet',
  'apps/ReplicaSet',
  'batch/Job',
  'rbac.authorization.k8s.io/Role',
  'rbac.authorization.k8s.io/RoleBinding',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'external-secrets.io/ExternalSecret',
  'bitnami.com/SealedSecret',
]);

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function isFlokoaApiVersion(apiVersion: unknown): apiVersion is string {
  return typeof apiVersion === 'string' && apiVersion.startsWith(FLOKOA_GROUP + '/') && apiVersion.length > FLOKOA_GROUP.length + 1;
}

export function isFlokoaKind(kind: string): boolean {
  return FLOKOA_KINDS.includes(kind);
}

/** Known kinds by group and kind; unknown kinds get a guessed lower-case plural and are namespaced. */
export function kindInfo(group: string, kind: string): KindInfo {
  return BY_KEY.get(`${group}/${kind}`) ?? { group, kind, plural: guessPlural(kind), namespaced: true };
}

export function pluralOf(kind: string, group?: string): string {
  if (group !== undefined) return kindInfo(group, kind).plural;
  const k = KNOWN.find((x) => x.kind === kind);
  return k ? k.plural : guessPlural(kind);
}

/** Reverse of pluralOf for kubectl-style arguments: "agents", "agent", "Agent", a short name such as "awf" → the kind. */
export function kindFromName(name: string): KindInfo | undefined {
  const n = name.toLowerCase();
  const short = API_GENERATIONS.flatMap((a) => a.kinds).find((k) => k.shortNames.includes(n));
  return KNOWN.find((k) => k.plural === n || k.kind.toLowerCase() === n || (short !== undefined && k.kind === short.kind));
}

export function isIndexedKind(group: string, kind: string): boolean {
  return INDEXED.has(`${group}/${kind}`);
}

function guessPlural(kind: string): string {
  const k = kind.toLowerCase();
  if (k.endsWith('s') || k.endsWith('x') || k.endsWith('ch') || k.endsWith('sh')) return k + 'es';
  if (k.endsWith('y') && !/[aeiou]y$/.test(k)) return k.slice(0, -1) + 'ies';
  return k + 's';
}

/** The canonical text form of an ObjectKey, used as a map key everywhere. */
export function keyString(k: { group: string; kind: string; namespace: string; name: string }): string {
  return `${k.group}/${k.kind}/${k.namespace}/${k.name}`;
}

/** "Model shared-models/gpt-4o" — how messages name an object. */
export function describeKey(k: { kind: string; namespace: string; name: string }): string {
  return k.namespace ? `${k.kind} ${k.namespace}/${k.name}` : `${k.kind} ${k.name}`;
}
