// --check-rbac / --fix-rbac: may each Agent's service account read what it references in other
// namespaces? Asked of the API server (SubjectAccessReview), once per distinct (subject, verb, kind,
// namespace), and answered with the seeds' least-privilege pattern: a get/list Role per kind in the
// target namespace, bound to exactly that service account.
import { kindInfo } from '@flokoa/core';
import { KubeApiError, UsageError } from '@flokoa/kube';
import type { KubeClient } from '@flokoa/kube';
import { walkNodes, type RbacCheck, type RefNode, type RootRefs } from './model.js';

const SAR_PATH = '/apis/authorization.k8s.io/v1/subjectaccessreviews';
const VERBS = ['get', 'list'] as const;

interface Question {
  saNamespace: string;
  sa: string;
  verb: 'get' | 'list';
  group: string;
  resource: string;
  namespace: string;
}

const questionKey = (q: Question) => `${q.saNamespace}/${q.sa}|${q.verb}|${q.group}/${q.resource}|${q.namespace}`;
export const subjectOf = (ns: string, sa: string) => `system:serviceaccount:${ns}:${sa}`;

/** Annotates every cross-namespace reference node of the roots with the review's answers. */
export async function checkRbac(client: KubeClient, roots: RootRefs[]): Promise<void> {
  const questions = new Map<string, Question>();
  const asked: { node: RefNode; keys: string[]; subject: string }[] = [];
  for (const root of roots) {
    if (!root.serviceAccount) continue;
    const sa = root.serviceAccount;
    walkNodes(root.references, (node) => {
      if (!node.crossNamespace) return;
      const resource = kindInfo(node.group, node.kind).plural;
      const keys = VERBS.map((verb) => {
        const q: Question = { saNamespace: root.namespace, sa, verb, group: node.group, resource, namespace: node.namespace };
        questions.set(questionKey(q), q);
        return questionKey(q);
      });
      asked.push({ node, keys, subject: subjectOf(root.namespace, sa) });
    });
  }
  const answers = new Map<string, { allowed: boolean | null; reason?: string }>();
  await Promise.all(
    [...questions].map(async ([k, q]) => {
      try {
        const review = await client.create<{ status?: { allowed?: boolean; denied?: boolean; reason?: string } }>(SAR_PATH, {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SubjectAccessReview',
          spec: {
            user: subjectOf(q.saNamespace, q.sa),
            groups: ['system:serviceaccounts', `system:serviceaccounts:${q.saNamespace}`, 'system:authenticated'],
            resourceAttributes: { namespace: q.namespace, verb: q.verb, group: q.group, resource: q.resource },
          },
        });
        const allowed = review.status?.allowed === true;
        answers.set(k, { allowed, ...(review.status?.reason ? { reason: review.status.reason } : {}) });
      } catch (e) {
        if (e instanceof KubeApiError && e.code === 403) {
          // "unknown" with exit 0 would pass a gate that checked nothing.
          throw new UsageError(
            `--check-rbac: you may not create subjectaccessreviews (${e.message || 'forbidden'}), so no service account's access could be checked`,
          );
        } else throw e;
      }
    }),
  );
  for (const { node, keys, subject } of asked) {
    node.rbac = keys.map((k, i): RbacCheck => {
      const a = answers.get(k) ?? { allowed: null };
      return { subject, verb: VERBS[i], allowed: a.allowed, ...(a.reason ? { reason: a.reason } : {}) };
    });
    if (node.rbac.some((c) => c.allowed === false)) node.broken = true;
  }
}

export interface Grant {
  namespace: string;
  group: string;
  resource: string;
  kind: string;
  saNamespace: string;
  sa: string;
}

/** The grants missing according to checkRbac's answers, one per (service account, kind, namespace). */
export function missingGrants(roots: RootRefs[]): Grant[] {
  const out = new Map<string, Grant>();
  for (const root of roots) {
    walkNodes(root.references, (node) => {
      if (!root.serviceAccount || !node.rbac?.some((c) => c.allowed === false)) return;
      const g: Grant = {
        namespace: node.namespace,
        group: node.group,
        resource: kindInfo(node.group, node.kind).plural,
        kind: node.kind,
        saNamespace: root.namespace,
        sa: root.serviceAccount,
      };
      out.set(`${g.namespace}|${g.group}/${g.resource}|${g.saNamespace}/${g.sa}`, g);
    });
  }
  return [...out.values()].sort((a, b) =>
    `${a.namespace}/${a.resource}/${a.saNamespace}/${a.sa}`.localeCompare(`${b.namespace}/${b.resource}/${b.saNamespace}/${b.sa}`),
  );
}

/** The Roles and RoleBindings a namespace already has (by name; a Role with its rules). */
export interface ExistingRbac {
  roles: Map<string, PolicyRule[]>;
  bindings: Set<string>;
}

export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
}

const RBAC_API = '/apis/rbac.authorization.k8s.io/v1';

/** What exists in each namespace a grant goes to (one LIST of Roles and of RoleBindings each). */
export async function existingRbac(client: KubeClient, namespaces: Iterable<string>): Promise<Map<string, ExistingRbac>> {
  const out = new Map<string, ExistingRbac>();
  await Promise.all(
    [...new Set(namespaces)].map(async (ns) => {
      const base = `${RBAC_API}/namespaces/${encodeURIComponent(ns)}`;
      try {
        const [roles, bindings] = await Promise.all([client.list(`${base}/roles`), client.list(`${base}/rolebindings`)]);
        out.set(ns, {
          roles: new Map(roles.items.map((r) => [r.metadata.name, ((r as { rules?: PolicyRule[] }).rules ?? []) as PolicyRule[]])),
          bindings: new Set(bindings.items.map((b) => b.metadata.name)),
        });
      } catch (e) {
        if (e instanceof KubeApiError && e.code === 403) {
          throw new UsageError(
            `forbidden: you may not list roles and rolebindings in namespace "${ns}", so --fix-rbac cannot make sure it replaces none; ask someone who may`,
          );
        }
        throw e;
      }
    }),
  );
  return out;
}

/** True when the rules let their subject get and list every object of that resource. */
export function grantsRead(rules: PolicyRule[], group: string, resource: string): boolean {
  return VERBS.every((verb) =>
    rules.some(
      (r) =>
        !r.resourceNames?.length &&
        (r.apiGroups ?? []).some((g) => g === group || g === '*') &&
        (r.resources ?? []).some((x) => x === resource || x === '*') &&
        (r.verbs ?? []).some((v) => v === verb || v === '*'),
    ),
  );
}

/** `base`, else `base-2`, `base-3`… : the first name not taken. */
function freeName(base: string, taken: (name: string) => boolean): string {
  let name = base;
  for (let n = 2; taken(name); n++) name = `${base}-${n}`;
  return name;
}

const MANAGED = { 'app.kubernetes.io/managed-by': 'kubectl-flokoa' };

/**
 * Role (shared per kind and namespace) and RoleBinding (per service account) manifests that never
 * replace what exists: a Role already granting get and list on the kind is bound as it is, and new
 * Roles and RoleBindings take names no object in the namespace has (applying them creates, never updates).
 */
export function grantManifests(grants: Grant[], existing: Map<string, ExistingRbac> = new Map()): Record<string, unknown>[] {
  const roles = new Map<string, Record<string, unknown>>();
  const roleFor = new Map<string, string>();
  const bindings: Record<string, unknown>[] = [];
  const newBindings = new Set<string>();
  for (const g of grants) {
    const have = existing.get(g.namespace) ?? { roles: new Map(), bindings: new Set<string>() };
    const kindId = `${g.namespace}|${g.group}/${g.resource}`;
    let roleName = roleFor.get(kindId) ?? [...have.roles].find(([, rules]) => grantsRead(rules, g.group, g.resource))?.[0];
    if (!roleName) {
      roleName = freeName(`${g.kind.toLowerCase()}-reader`, (n) => have.roles.has(n) || roles.has(`${g.namespace}/${n}`));
      roles.set(`${g.namespace}/${roleName}`, {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: roleName, namespace: g.namespace, labels: MANAGED },
        rules: [{ apiGroups: [g.group], resources: [g.resource], verbs: ['get', 'list'] }],
      });
    }
    roleFor.set(kindId, roleName);
    const bindingName = freeName(
      `${g.saNamespace}-${g.sa}-${roleName}`,
      (n) => have.bindings.has(n) || newBindings.has(`${g.namespace}/${n}`),
    );
    newBindings.add(`${g.namespace}/${bindingName}`);
    bindings.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: bindingName, namespace: g.namespace, labels: MANAGED },
      subjects: [{ kind: 'ServiceAccount', name: g.sa, namespace: g.saNamespace }],
      roleRef: { kind: 'Role', name: roleName, apiGroup: 'rbac.authorization.k8s.io' },
    });
  }
  return [...roles.values(), ...bindings];
}
