// RBAC as the API server's authorizer evaluates it, over Roles, ClusterRoles and their bindings
// wherever they come from (a workspace's files, `refs -f`, cluster-sim's store): who may do what
// on which resource in which namespace, and which binding says so. Aggregated ClusterRoles and
// the cluster's built-in roles are not known offline: a binding to a ClusterRole that is not there
// leaves the answer open rather than denied.
import type { Resource } from '../model.js';
import type { ResourceLookup } from '../resolve.js';
import { isPlainObject } from '../schema/structural.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

export interface RbacUser {
  name: string;
  groups: string[];
}

export interface RbacRequest {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace: string;
  name?: string;
}

export interface PolicyRule {
  verbs?: unknown;
  apiGroups?: unknown;
  resources?: unknown;
  resourceNames?: unknown;
}

/** The user a pod running as a service account authenticates as. */
export function serviceAccountUser(namespace: string, name: string): RbacUser {
  return {
    name: `system:serviceaccount:${namespace}:${name}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const has = (list: string[], v: string): boolean => list.includes('*') || list.includes(v);

/** Whether one rule of a Role allows a request (resource requests; non-resource URLs are not ours). */
export function ruleAllows(rule: PolicyRule, req: RbacRequest): boolean {
  if (!has(strings(rule.verbs), req.verb) || !has(strings(rule.apiGroups), req.group)) return false;
  const resources = strings(rule.resources);
  const combined = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
  const resourceOk =
    resources.includes('*') || resources.includes(combined) || (!!req.subresource && resources.includes(`*/${req.subresource}`));
  if (!resourceOk) return false;
  const names = strings(rule.resourceNames);
  return names.length === 0 || (!!req.name && names.includes(req.name));
}

/** Whether a binding's subject is the user; a ServiceAccount subject without namespace is the binding's. */
export function subjectMatches(subject: unknown, user: RbacUser, bindingNamespace: string): boolean {
  if (!isPlainObject(subject)) return false;
  if (subject.kind === 'User') return subject.name === user.name;
  if (subject.kind === 'Group') return typeof subject.name === 'string' && user.groups.includes(subject.name);
  if (subject.kind !== 'ServiceAccount') return false;
  const ns = typeof subject.namespace === 'string' && subject.namespace ? subject.namespace : bindingNamespace;
  return user.name === `system:serviceaccount:${ns}:${String(subject.name)}`;
}

export interface RbacDecision {
  /** `unknown`: a binding of the user points at a ClusterRole this source does not hold. */
  allowed: boolean | 'unknown';
  /** The binding that allows it (or, when unknown, the one whose role is missing). */
  binding?: Resource;
  role?: Resource;
}

/** The rules of a Role or ClusterRole object. */
export function rulesOf(role: unknown): PolicyRule[] {
  return isPlainObject(role) && Array.isArray(role.rules) ? role.rules.filter(isPlainObject) : [];
}

function listed(lookup: Pick<ResourceLookup, 'list'>, kind: string, namespace?: string): Resource[] {
  const l = lookup.list(RBAC_GROUP, kind, namespace);
  return l === 'forbidden' ? [] : l;
}

function roleOf(lookup: Pick<ResourceLookup, 'get'>, binding: Resource): Resource | undefined {
  const ref = isPlainObject(binding.object.roleRef) ? binding.object.roleRef : {};
  const kind = ref.kind === 'Role' ? 'Role' : 'ClusterRole';
  const name = typeof ref.name === 'string' ? ref.name : '';
  const got = lookup.get({ group: RBAC_GROUP, kind, namespace: kind === 'Role' ? binding.namespace : '', name });
  return got && got !== 'forbidden' ? got : undefined;
}

/** Whether the user may make the request, by the bindings this source holds. */
export function authorize(lookup: Pick<ResourceLookup, 'get' | 'list'>, user: RbacUser, req: RbacRequest): RbacDecision {
  let unknown: RbacDecision | undefined;
  const bindings = [
    ...listed(lookup, 'ClusterRoleBinding').map((b) => ({ b, ns: '' })),
    ...(req.namespace ? listed(lookup, 'RoleBinding', req.namespace).map((b) => ({ b, ns: req.namespace })) : []),
  ];
  for (const { b, ns } of bindings) {
    const subjects = Array.isArray(b.object.subjects) ? b.object.subjects : [];
    if (!subjects.some((s) => subjectMatches(s, user, ns))) continue;
    const role = roleOf(lookup, b);
    if (!role) {
      unknown ??= { allowed: 'unknown', binding: b };
      continue;
    }
    if (rulesOf(role.object).some((r) => ruleAllows(r, req))) return { allowed: true, binding: b, role };
  }
  return unknown ?? { allowed: false };
}

/** Whether RBAC in a namespace is managed here: the source holds Roles or RoleBindings there. */
export function managesRbac(lookup: Pick<ResourceLookup, 'list'>, namespace: string): boolean {
  return listed(lookup, 'Role', namespace).length > 0 || listed(lookup, 'RoleBinding', namespace).length > 0;
}
