// The least-privilege grant the namespaces guide recommends: a Role allowing get and list on one
// Flokoa kind in the namespace that holds it, bound to exactly the service account that reads it.
// Names follow the guide (`agenttool-reader`) and step aside from names already taken.
export interface Grant {
  /** Namespace of the objects read (where the Role and RoleBinding go). */
  namespace: string;
  group: string;
  kind: string;
  /** Plural resource name, e.g. `agenttools`. */
  resource: string;
  saNamespace: string;
  sa: string;
}

export const GRANT_VERBS = ['get', 'list'] as const;

/** Whether a name is taken in a namespace by an object of that kind. */
export type NameTaken = (kind: 'Role' | 'RoleBinding', namespace: string, name: string) => boolean;

function free(base: string, kind: 'Role' | 'RoleBinding', namespace: string, taken: NameTaken, mine: Set<string>): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}-${i}`;
    const key = `${kind}/${namespace}/${name}`;
    if (!taken(kind, namespace, name) && !mine.has(key)) {
      mine.add(key);
      return name;
    }
  }
}

/** The name of a Role already granting get and list on a grant's resource in its namespace, if any. */
export type RoleFor = (g: Grant) => string | undefined;

/**
 * Role (one per kind and namespace, unless one that grants it exists) and RoleBinding (one per
 * service account) objects for the grants.
 */
export function grantObjects(
  grants: readonly Grant[],
  taken: NameTaken = () => false,
  existing: RoleFor = () => undefined,
): Record<string, unknown>[] {
  const mine = new Set<string>();
  const roles = new Map<string, { name: string; object?: Record<string, unknown> }>();
  const bindings: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  for (const g of grants) {
    const grantKey = `${g.namespace}|${g.group}/${g.resource}|${g.saNamespace}/${g.sa}`;
    if (seen.has(grantKey)) continue;
    seen.add(grantKey);
    const roleKey = `${g.namespace}/${g.group}/${g.resource}`;
    let role: { name: string; object?: Record<string, unknown> } | undefined = roles.get(roleKey);
    const reuse = role ? undefined : existing(g);
    if (reuse) roles.set(roleKey, (role = { name: reuse }));
    if (!role) {
      const name = free(`${g.kind.toLowerCase()}-reader`, 'Role', g.namespace, taken, mine);
      role = {
        name,
        object: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: { name, namespace: g.namespace },
          rules: [{ apiGroups: [g.group], resources: [g.resource], verbs: [...GRANT_VERBS] }],
        },
      };
      roles.set(roleKey, role);
    }
    const bindingName = free(`${g.saNamespace}-${g.sa}-${role.name}`, 'RoleBinding', g.namespace, taken, mine);
    bindings.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: bindingName, namespace: g.namespace },
      subjects: [{ kind: 'ServiceAccount', name: g.sa, namespace: g.saNamespace }],
      roleRef: { kind: 'Role', name: role.name, apiGroup: 'rbac.authorization.k8s.io' },
    });
  }
  return [...[...roles.values()].flatMap((r) => (r.object ? [r.object] : [])), ...bindings];
}
