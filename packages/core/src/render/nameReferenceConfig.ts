// kustomize's built-in name reference configuration: which fields of which kinds name an object
// of another kind (so a rename follows). Facts of its defaults, written here as data.
import type { FieldSpec, NameBackReference } from './fieldSpec.js';
import type { GvkSelector } from './resid.js';

const POD_HOLDERS: { kind: GvkSelector; spec: string }[] = [
  { kind: { version: 'v1', kind: 'Pod' }, spec: 'spec' },
  { kind: { kind: 'PodTemplate' }, spec: 'template/spec' },
  ...['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job'].map((kind) => ({ kind: { kind }, spec: 'spec/template/spec' })),
  { kind: { kind: 'CronJob' }, spec: 'spec/jobTemplate/spec/template/spec' },
];

/** Kinds whose pod template may name a ServiceAccount, claim or priority class (no ReplicaSet, but ReplicationController). */
const WORKLOADS: { kind: GvkSelector; spec: string }[] = [
  { kind: { kind: 'Pod' }, spec: 'spec' },
  ...['StatefulSet', 'Deployment', 'ReplicationController', 'Job', 'DaemonSet'].map((kind) => ({
    kind: { kind },
    spec: 'spec/template/spec',
  })),
  { kind: { kind: 'CronJob' }, spec: 'spec/jobTemplate/spec/template/spec' },
];

function inPods(holders: typeof POD_HOLDERS, suffixes: string[]): FieldSpec[] {
  return holders.flatMap((h) => suffixes.map((s) => ({ ...h.kind, path: `${h.spec}/${s}` })));
}

function specs(kind: GvkSelector, paths: string[]): FieldSpec[] {
  return paths.map((path) => ({ ...kind, path }));
}

const CONFIGMAP_IN_POD = [
  'volumes/configMap/name',
  'containers/env/valueFrom/configMapKeyRef/name',
  'initContainers/env/valueFrom/configMapKeyRef/name',
  'containers/envFrom/configMapRef/name',
  'initContainers/envFrom/configMapRef/name',
  'volumes/projected/sources/configMap/name',
];
const SECRET_IN_POD = [
  'volumes/secret/secretName',
  'containers/env/valueFrom/secretKeyRef/name',
  'initContainers/env/valueFrom/secretKeyRef/name',
  'containers/envFrom/secretRef/name',
  'initContainers/envFrom/secretRef/name',
  'imagePullSecrets/name',
  'volumes/projected/sources/secret/name',
];
const RBAC = 'rbac.authorization.k8s.io';
const ROLES = [{ kind: 'Role' }, { kind: 'ClusterRole' }];

const SCALE = [{ kind: 'HorizontalPodAutoscaler', path: 'spec/scaleTargetRef/name' }];

/** kustomize's built-in name reference configuration (facts of its defaults, written as data here). */
const BUILTIN: readonly NameBackReference[] = [
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({ kind, fieldSpecs: SCALE })),
  {
    kind: 'ConfigMap',
    version: 'v1',
    fieldSpecs: [
      ...inPods(POD_HOLDERS, CONFIGMAP_IN_POD),
      { kind: 'Node', path: 'spec/configSource/configMap' },
      ...ROLES.map((k) => ({ ...k, path: 'rules/resourceNames' })),
      { kind: 'Ingress', path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap' },
    ],
  },
  {
    kind: 'Secret',
    version: 'v1',
    fieldSpecs: [
      ...inPods(POD_HOLDERS, SECRET_IN_POD),
      ...specs({ kind: 'Ingress' }, [
        'spec/tls/secretName',
        'metadata/annotations/ingress.kubernetes.io\\/auth-secret',
        'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret',
        'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret',
      ]),
      { kind: 'ServiceAccount', path: 'imagePullSecrets/name' },
      ...specs({ kind: 'StorageClass' }, [
        'parameters/secretName',
        'parameters/adminSecretName',
        'parameters/userSecretName',
        'parameters/secretRef',
      ]),
      ...ROLES.map((k) => ({ ...k, path: 'rules/resourceNames' })),
      {
        kind: 'Service',
        group: 'serving.knative.dev',
        version: 'v1',
        path: 'spec/template/spec/containers/env/valueFrom/secretKeyRef/name',
      },
      { kind: 'PersistentVolume', path: 'spec/azureFile/secretName' },
    ],
  },
  {
    kind: 'Service',
    version: 'v1',
    fieldSpecs: [
      { kind: 'StatefulSet', group: 'apps', path: 'spec/serviceName' },
      ...specs({ kind: 'Ingress' }, [
        'spec/rules/http/paths/backend/serviceName',
        'spec/backend/serviceName',
        'spec/rules/http/paths/backend/service/name',
        'spec/defaultBackend/service/name',
      ]),
      { kind: 'APIService', group: 'apiregistration.k8s.io', path: 'spec/service/name' },
      { kind: 'ValidatingWebhookConfiguration', group: 'admissionregistration.k8s.io', path: 'webhooks/clientConfig/service' },
      { kind: 'MutatingWebhookConfiguration', group: 'admissionregistration.k8s.io', path: 'webhooks/clientConfig/service' },
    ],
  },
  { kind: 'Role', group: RBAC, fieldSpecs: [{ kind: 'RoleBinding', group: RBAC, path: 'roleRef/name' }] },
  {
    kind: 'ClusterRole',
    group: RBAC,
    fieldSpecs: ['RoleBinding', 'ClusterRoleBinding'].map((kind) => ({ kind, group: RBAC, path: 'roleRef/name' })),
  },
  {
    kind: 'ServiceAccount',
    version: 'v1',
    fieldSpecs: [
      ...['RoleBinding', 'ClusterRoleBinding'].map((kind) => ({ kind, group: RBAC, path: 'subjects' })),
      ...inPods(WORKLOADS, ['serviceAccountName']),
    ],
  },
  { kind: 'PersistentVolumeClaim', version: 'v1', fieldSpecs: inPods(WORKLOADS, ['volumes/persistentVolumeClaim/claimName']) },
  {
    kind: 'PersistentVolume',
    version: 'v1',
    fieldSpecs: [
      { kind: 'PersistentVolumeClaim', path: 'spec/volumeName' },
      { kind: 'ClusterRole', path: 'rules/resourceNames' },
    ],
  },
  {
    kind: 'StorageClass',
    version: 'v1',
    group: 'storage.k8s.io',
    fieldSpecs: [
      { kind: 'PersistentVolume', path: 'spec/storageClassName' },
      { kind: 'PersistentVolumeClaim', path: 'spec/storageClassName' },
      { kind: 'StatefulSet', path: 'spec/volumeClaimTemplates/spec/storageClassName' },
    ],
  },
  { kind: 'PriorityClass', version: 'v1', group: 'scheduling.k8s.io', fieldSpecs: inPods(WORKLOADS, ['priorityClassName']) },
  // Sic: kustomize's default names this group with its version, so it never matches.
  { kind: 'IngressClass', version: 'v1', group: 'networking.k8s.io/v1', fieldSpecs: [{ kind: 'Ingress', path: 'spec/ingressClassName' }] },
  {
    kind: 'ValidatingAdmissionPolicy',
    group: 'admissionregistration.k8s.io',
    fieldSpecs: [{ kind: 'ValidatingAdmissionPolicyBinding', group: 'admissionregistration.k8s.io', path: 'spec/policyName' }],
  },
];

export function builtinNameReferences(): NameBackReference[] {
  return BUILTIN.map((b) => ({ ...b, fieldSpecs: [...b.fieldSpecs] }));
}
