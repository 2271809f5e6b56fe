// Object identities as kustomize compares them: group, version, kind, namespace, name, with its
// own notion of which kinds are cluster-scoped (a fixed table of built-in API versions; every
// other kind, custom resources included, counts as namespaced).
import { splitApiVersion } from '../kinds.js';
import type { ObjectId } from './model.js';
import { isJsonObject, type JsonObject } from './origins.js';

/** The built-in kinds kustomize knows to be cluster-scoped, by exact apiVersion. */
const CLUSTER_SCOPED = new Set(
  [
    'admissionregistration.k8s.io/v1 MutatingWebhookConfiguration ValidatingWebhookConfiguration',
    'admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration ValidatingWebhookConfiguration',
    'apiextensions.k8s.io/v1 CustomResourceDefinition',
    'apiextensions.k8s.io/v1beta1 CustomResourceDefinition',
    'apiregistration.k8s.io/v1 APIService',
    'apiregistration.k8s.io/v1beta1 APIService',
    'certificates.k8s.io/v1 CertificateSigningRequest',
    'certificates.k8s.io/v1beta1 CertificateSigningRequest',
    'flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema PriorityLevelConfiguration',
    'networking.k8s.io/v1 IngressClass',
    'networking.k8s.io/v1beta1 IngressClass',
    'node.k8s.io/v1 RuntimeClass',
    'node.k8s.io/v1beta1 RuntimeClass',
    'policy/v1beta1 PodSecurityPolicy',
    'rbac.authorization.k8s.io/v1 ClusterRole ClusterRoleBinding',
    'rbac.authorization.k8s.io/v1beta1 ClusterRole ClusterRoleBinding',
    'scheduling.k8s.io/v1 PriorityClass',
    'scheduling.k8s.io/v1beta1 PriorityClass',
    'storage.k8s.io/v1 CSIDriver CSINode StorageClass VolumeAttachment',
    'storage.k8s.io/v1beta1 CSIDriver CSINode StorageClass VolumeAttachment',
    'v1 ComponentStatus Namespace Node NodeProxyOptions PersistentVolume',
  ].flatMap((line) => {
    const [apiVersion, ...kinds] = line.split(' ');
    return kinds.map((k) => `${apiVersion} ${k}`);
  }),
);

export function isClusterScoped(id: Pick<ObjectId, 'group' | 'version' | 'kind'>): boolean {
  return CLUSTER_SCOPED.has(`${id.group ? `${id.group}/` : ''}${id.version} ${id.kind}`);
}

/** The namespace kustomize compares: none for cluster-scoped kinds, `default` for an unset one. */
export function effectiveNamespace(id: ObjectId): string {
  if (isClusterScoped(id)) return '~cluster';
  return id.namespace === '' ? 'default' : id.namespace;
}

export function sameId(a: ObjectId, b: ObjectId): boolean {
  return (
    a.name === b.name &&
    a.kind === b.kind &&
    a.group === b.group &&
    a.version === b.version &&
    effectiveNamespace(a) === effectiveNamespace(b)
  );
}

/** The identity written in an object (its metadata), whatever state it is in. */
export function idOf(object: JsonObject): ObjectId {
  const { group, version } = splitApiVersion(typeof object.apiVersion === 'string' ? object.apiVersion : '');
  const meta = isJsonObject(object.metadata) ? object.metadata : {};
  return {
    group,
    version,
    kind: typeof object.kind === 'string' ? object.kind : '',
    namespace: typeof meta.namespace === 'string' ? meta.namespace : '',
    name: typeof meta.name === 'string' ? meta.name : '',
  };
}

/** Group/version/kind selection as in kustomize's field specs and targets: an empty part matches anything. */
export interface GvkSelector {
  group?: string;
  version?: string;
  kind?: string;
}

export function gvkSelected(id: Pick<ObjectId, 'group' | 'version' | 'kind'>, s: GvkSelector): boolean {
  return (!s.group || s.group === id.group) && (!s.version || s.version === id.version) && (!s.kind || s.kind === id.kind);
}

export function describeId(id: ObjectId): string {
  return `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`;
}
