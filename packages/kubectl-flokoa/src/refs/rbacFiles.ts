// --check-rbac on manifests (-f): may each Agent's service account read what it references in other
// namespaces, by the Roles, ClusterRoles and bindings the files hold? Answered by core's RBAC engine
// (the one behind the linter's rbac-missing-read), with the cluster check's get/list questions. A
// namespace where the files hold no Role or RoleBinding is not judged: its RBAC lives elsewhere.
import { authorize, kindInfo, managesRbac, serviceAccountUser, type ResourceLookup } from '@flokoa/core';
import { walkNodes, type RbacCheck, type RootRefs } from './model.js';
import { subjectOf, type ExistingRbac, type PolicyRule } from './rbac.js';

const VERBS = ['get', 'list'] as const;

function answer(lookup: ResourceLookup, root: RootRefs, sa: string, verb: 'get' | 'list', group: string, kind: string, namespace: string) {
  const decision = authorize(lookup, serviceAccountUser(root.namespace, sa), {
    verb,
    group,
    resource: kindInfo(group, kind).plural,
    namespace,
  });
  const subject = subjectOf(root.namespace, sa);
  if (decision.allowed === true)
    return { subject, verb, allowed: true, reason: `granted by ${decision.binding?.kind} ${decision.binding?.name}` };
  if (decision.allowed === 'unknown') {
    return {
      subject,
      verb,
      allowed: null,
      reason: `${decision.binding?.kind} ${decision.binding?.name} binds a role these files do not hold`,
    };
  }
  if (!managesRbac(lookup, namespace)) {
    return { subject, verb, allowed: null, reason: `these files hold no Role or RoleBinding in namespace ${namespace}` };
  }
  return { subject, verb, allowed: false, reason: `no Role or binding in these files grants ${verb} on ${kindInfo(group, kind).plural}` };
}

/** Annotates every cross-namespace reference node of the roots with what the files' RBAC allows. */
export function checkRbacInFiles(lookup: ResourceLookup, roots: RootRefs[]): void {
  for (const root of roots) {
    const sa = root.serviceAccount;
    if (!sa) continue;
    walkNodes(root.references, (node) => {
      if (!node.crossNamespace) return;
      node.rbac = VERBS.map((verb): RbacCheck => answer(lookup, root, sa, verb, node.group, node.kind, node.namespace));
      if (node.rbac.some((c) => c.allowed === false)) node.broken = true;
    });
  }
}

/**
 * The Roles and RoleBindings the files hold in each namespace, for `--fix-rbac -f`: a Role there that
 * grants enough is bound as it is, and new objects take names none of them has. What the cluster holds
 * besides the files is not seen (the command says so).
 */
export function existingRbacInFiles(lookup: ResourceLookup, namespaces: Iterable<string>): Map<string, ExistingRbac> {
  const out = new Map<string, ExistingRbac>();
  for (const ns of new Set(namespaces)) {
    const list = (kind: string) => {
      const found = lookup.list('rbac.authorization.k8s.io', kind, ns);
      return found === 'forbidden' ? [] : found;
    };
    out.set(ns, {
      roles: new Map(list('Role').map((r) => [r.name, ((r.object as { rules?: PolicyRule[] }).rules ?? []) as PolicyRule[]])),
      bindings: new Set(list('RoleBinding').map((b) => b.name)),
    });
  }
  return out;
}
