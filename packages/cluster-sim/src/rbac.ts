// RBAC authorization over the Roles, ClusterRoles and bindings in the store, as the API
// server's RBAC authorizer evaluates them (no aggregation), plus the bootstrap policy every
// cluster starts with.

import type { UserInfo } from './auth.js';
import { ruleAllows as coreRuleAllows, subjectMatches } from '@flokoa/core';
import type { KObject } from './object.js';
import { isPlainObject } from './object.js';
import type { Store } from './store.js';

export interface Attributes {
  verb: string;
  group: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  /** Set for non-resource requests (/api, /version...). */
  path?: string;
}

export interface Decision {
  allowed: boolean;
  reason: string;
}

export interface Rule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** Resource rules are judged by @flokoa/core's RBAC evaluator (the one the editor and `refs -f` use); non-resource URLs here. */
function ruleAllows(rule: Rule, a: Attributes): boolean {
  if (a.path === undefined) return coreRuleAllows(rule, a);
  if (!(rule.verbs ?? []).some((v) => v === '*' || v === a.verb)) return false;
  return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === a.path || (u.endsWith('*') && a.path!.startsWith(u.slice(0, -1))));
}

export class Authorizer {
  constructor(private readonly store: Store) {}

  authorize(user: UserInfo, a: Attributes): Decision {
    if (user.groups.includes('system:masters')) return { allowed: true, reason: '' };
    for (const b of this.store.peekList('rbac.authorization.k8s.io/clusterrolebindings')) {
      if (this.bindingAllows(b, user, a, '')) {
        return {
          allowed: true,
          reason: `RBAC: allowed by ClusterRoleBinding "${b.metadata.name}" of ClusterRole "${roleName(b)}" to ${describe(user, b)}`,
        };
      }
    }
    if (a.namespace && a.path === undefined) {
      for (const b of this.store.peekList('rbac.authorization.k8s.io/rolebindings', a.namespace)) {
        if (this.bindingAllows(b, user, a, a.namespace)) {
          return {
            allowed: true,
            reason: `RBAC: allowed by RoleBinding "${b.metadata.name}/${a.namespace}" of ${roleKind(b)} "${roleName(b)}" to ${describe(user, b)}`,
          };
        }
      }
    }
    return { allowed: false, reason: '' };
  }

  /** Every rule that applies to the user in a namespace (cluster-wide ones included), for SelfSubjectRulesReview. */
  rulesFor(user: UserInfo, namespace: string): Rule[] {
    if (user.groups.includes('system:masters'))
      return [
        { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
        { verbs: ['*'], nonResourceURLs: ['*'] },
      ];
    const out: Rule[] = [];
    const collect = (b: KObject, ns: string): void => {
      const subjects = Array.isArray(b.subjects) ? b.subjects : [];
      if (subjects.some((s) => subjectMatches(s, user, ns))) out.push(...this.rulesOf(b, ns));
    };
    for (const b of this.store.peekList('rbac.authorization.k8s.io/clusterrolebindings')) collect(b, '');
    if (namespace) for (const b of this.store.peekList('rbac.authorization.k8s.io/rolebindings', namespace)) collect(b, namespace);
    return out;
  }

  private bindingAllows(b: KObject, user: UserInfo, a: Attributes, namespace: string): boolean {
    const subjects = Array.isArray(b.subjects) ? b.subjects : [];
    if (!subjects.some((s) => subjectMatches(s, user, namespace))) return false;
    const rules = this.rulesOf(b, namespace);
    return rules.some((r) => ruleAllows(r, a));
  }

  private rulesOf(b: KObject, namespace: string): Rule[] {
    const kind = roleKind(b);
    const name = roleName(b);
    const role =
      kind === 'ClusterRole'
        ? this.store.peek('rbac.authorization.k8s.io/clusterroles', undefined, name)
        : this.store.peek('rbac.authorization.k8s.io/roles', namespace, name);
    return role && Array.isArray(role.rules) ? (role.rules as Rule[]) : [];
  }
}

function roleKind(b: KObject): string {
  return isPlainObject(b.roleRef) ? String(b.roleRef.kind) : '';
}
function roleName(b: KObject): string {
  return isPlainObject(b.roleRef) ? String(b.roleRef.name) : '';
}
function describe(user: UserInfo, b: KObject): string {
  const subjects = Array.isArray(b.subjects) ? b.subjects : [];
  const s = subjects.find((x) => isPlainObject(x) && subjectMatches(x, user, b.metadata.namespace ?? '')) as
    Record<string, string> | undefined;
  if (!s) return `User "${user.name}"`;
  return s.kind === 'ServiceAccount' ? `ServiceAccount "${s.name}/${s.namespace ?? b.metadata.namespace}"` : `${s.kind} "${s.name}"`;
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const WORKLOADS: Rule[] = [
  {
    apiGroups: [''],
    resources: [
      'pods',
      'pods/log',
      'pods/status',
      'services',
      'services/status',
      'configmaps',
      'serviceaccounts',
      'events',
      'namespaces',
      'namespaces/status',
    ],
    verbs: READ,
  },
  {
    apiGroups: ['apps'],
    resources: ['deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status'],
    verbs: READ,
  },
  {
    apiGroups: ['agent.flokoa.ai'],
    resources: [
      'agents',
      'agents/status',
      'models',
      'models/status',
      'modelproviders',
      'modelproviders/status',
      'agenttools',
      'agenttools/status',
    ],
    verbs: READ,
  },
];
const EDITS: Rule[] = [
  { apiGroups: [''], resources: ['pods', 'services', 'configmaps', 'secrets', 'serviceaccounts'], verbs: WRITE },
  { apiGroups: [''], resources: ['secrets'], verbs: READ },
  { apiGroups: ['apps'], resources: ['deployments', 'deployments/scale', 'replicasets', 'replicasets/scale'], verbs: WRITE },
  { apiGroups: ['agent.flokoa.ai'], resources: ['agents', 'models', 'modelproviders', 'agenttools'], verbs: WRITE },
];

/** The default ClusterRoles and bindings of a fresh cluster (a subset of the bootstrap policy). */
export function bootstrapPolicy(): KObject[] {
  const cr = (name: string, rules: Rule[]): KObject => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } },
    rules: rules as unknown as KObject[],
  });
  const crb = (name: string, role: string, group: string): KObject => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group }],
  });
  return [
    cr('cluster-admin', [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ]),
    cr('admin', [
      ...WORKLOADS,
      ...EDITS,
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: [...READ, ...WRITE] },
    ]),
    cr('edit', [...WORKLOADS, ...EDITS]),
    cr('view', WORKLOADS),
    cr('system:basic-user', [
      { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] },
    ]),
    cr('system:discovery', [
      {
        nonResourceURLs: [
          '/api',
          '/api/*',
          '/apis',
          '/apis/*',
          '/healthz',
          '/livez',
          '/readyz',
          '/openapi',
          '/openapi/*',
          '/version',
          '/version/',
        ],
        verbs: ['get'],
      },
    ]),
    crb('cluster-admin', 'cluster-admin', 'system:masters'),
    crb('system:basic-user', 'system:basic-user', 'system:authenticated'),
    crb('system:discovery', 'system:discovery', 'system:authenticated'),
  ];
}
