// --check-rbac / --fix-rbac: may each Agent's service account read what it references in other
// namespaces? Asked of the API server (SubjectAccessReview), once per distinct (subject, verb, kind,
// namespace), and answered with the seeds' least-privilege pattern: a get/list Role per kind in the
// target namespace, bound to exactly that service account.
import { kindInfo } from '@flokoa/core';
import { KubeApiError } from '@flokoa/kube';
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
          answers.set(k, { allowed: null, reason: 'you may not create subjectaccessreviews, so this could not be checked' });
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

/** Role (shared per kind and namespace) and RoleBinding (per service account) manifests. */
export function grantManifests(grants: Grant[]): Record<string, unknown>[] {
  const roles = new Map<string, Record<string, unknown>>();
  const bindings: Record<string, unknown>[] = [];
  for (const g of grants) {
    const roleName = `${g.kind.toLowerCase()}-reader`;
    const roleId = `${g.namespace}/${roleName}`;
    if (!roles.has(roleId)) {
      roles.set(roleId, {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: roleName, namespace: g.namespace, labels: { 'app.kubernetes.io/managed-by': 'kubectl-flokoa' } },
        rules: [{ apiGroups: [g.group], resources: [g.resource], verbs: ['get', 'list'] }],
      });
    }
    bindings.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: {
        name: `${g.saNamespace}-${g.sa}-${roleName}`,
        namespace: g.namespace,
        labels: { 'app.kubernetes.io/managed-by': 'kubectl-flokoa' },
      },
      subjects: [{ kind: 'ServiceAccount', name: g.sa, namespace: g.saNamespace }],
      roleRef: { kind: 'Role', name: roleName, apiGroup: 'rbac.authorization.k8s.io' },
    });
  }
  return [...roles.values(), ...bindings];
}
