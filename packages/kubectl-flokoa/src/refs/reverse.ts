// `refs --reverse KIND/NAME`: who depends on an object, transitively (a Secret's ModelProviders, their
// Models, and the Agents using those), from the cluster or from files, through core's referrer index.
import {
  ALL_REFERENCE_SPECS,
  keyString,
  referencesOf,
  specsTo,
  type ObjectKey,
  type Reference,
  type Resource,
  type Workspace,
} from '@flokoa/core';
import { UsageError } from '@flokoa/kube';
import type { KubeClient } from '@flokoa/kube';
import { ClusterObjects } from './clusterLookup.js';
import { readinessOf } from './readiness.js';
import type { RefsTarget } from './refsTree.js';

export interface DependentNode {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  /** Field of the dependent that holds the reference. */
  field: string;
  ref: string;
  key?: string;
  ready: boolean | null;
  reason?: string;
  children: DependentNode[];
}

export interface ReverseReport {
  source: string;
  target: { group: string; kind: string; namespace: string; name: string; exists: boolean | null };
  dependents: DependentNode[];
  /** Scopes the user may not list: dependents there are unknown. */
  forbidden: string[];
  requests?: number;
}

/** Kinds whose objects can depend, directly or through others, on `kind`. */
function dependentKinds(group: string, kind: string): { group: string; kind: string }[] {
  const out = new Map<string, { group: string; kind: string }>();
  const queue = [{ group, kind }];
  while (queue.length) {
    const k = queue.shift() as { group: string; kind: string };
    for (const s of specsTo(k.group, k.kind)) {
      const from = { group: s.fromGroup, kind: s.fromKind };
      const id = `${from.group}/${from.kind}`;
      if (!out.has(id)) {
        out.set(id, from);
        queue.push(from);
      }
    }
  }
  return [...out.values()];
}

function dependentKindsOrThrow(target: RefsTarget): { group: string; kind: string }[] {
  const kinds = dependentKinds(target.group, target.kind);
  if (kinds.length === 0) {
    throw new UsageError(
      `nothing in the Flokoa API refers to ${/^[AEIOU]/.test(target.kind) ? 'an' : 'a'} ${target.kind}; --reverse takes one of: ${[...new Set(ALL_REFERENCE_SPECS.map((s) => s.toKind))].sort().join(', ')}`,
    );
  }
  return kinds;
}

/** Dependents of `key` among these resources, through core's reference table; transitive. */
export function dependentsIn(resources: Iterable<Resource>, key: ObjectKey, maxDepth = 6): DependentNode[] {
  const byTarget = new Map<string, Reference[]>();
  for (const r of resources) {
    for (const ref of referencesOf(r)) {
      const k = keyString(ref.target);
      const list = byTarget.get(k);
      if (list) list.push(ref);
      else byTarget.set(k, [ref]);
    }
  }
  const walk = (k: ObjectKey, seen: Set<string>, depth: number): DependentNode[] =>
    (byTarget.get(keyString(k)) ?? [])
      .filter((ref) => !seen.has(keyString(ref.source)))
      .sort((a, b) => keyString(a.source).localeCompare(keyString(b.source)) || a.pointer.localeCompare(b.pointer))
      .map((ref) => {
        const src = ref.source;
        const r = readinessOf(src);
        const node: DependentNode = {
          group: src.group,
          kind: src.kind,
          namespace: src.namespace,
          name: src.name,
          field: ref.pointer,
          ref: ref.spec.id,
          ready: r.ready,
          children: depth < maxDepth ? walk(src, new Set(seen).add(keyString(src)), depth + 1) : [],
        };
        if (ref.key !== undefined) node.key = ref.key;
        if (r.reason) node.reason = r.reason;
        return node;
      });
  return walk(key, new Set([keyString(key)]), 1);
}

export async function reverseRefs(client: KubeClient, target: RefsTarget, namespace: string): Promise<ReverseReport> {
  const before = client.stats.requests;
  const objects = new ClusterObjects(client, `cluster://${client.connection.contextName}`);
  const key: ObjectKey = { ...target, namespace };
  const kinds = dependentKindsOrThrow(target);
  const forbidden: string[] = [];
  // One cluster-wide LIST per kind that can depend on the target; a user who may not list cluster-wide
  // still sees the target's own namespace (where same-namespace references live).
  const [self, ...lists] = await Promise.all([
    objects.fetchOne(key),
    ...kinds.map(async (k) => {
      const all = await objects.fetchScope({ ...k });
      if (all !== 'forbidden') return all;
      const local = await objects.fetchScope({ ...k, namespace });
      forbidden.push(`${k.kind.toLowerCase()}s at the cluster scope`);
      if (local === 'forbidden') {
        forbidden.push(`${k.kind.toLowerCase()}s in namespace "${namespace}"`);
        return [];
      }
      return local;
    }),
  ]);
  const exists = self ? true : objects.lookup('get').get(key) === 'forbidden' ? null : false;
  const unlisted = forbidden.filter((f) => f.endsWith(`in namespace "${namespace}"`));
  // "Nothing depends on it" would be a lie: this is the check people run before rotating a key.
  if (unlisted.length === kinds.length) {
    throw new UsageError(`forbidden: you may not list ${unlisted.join(', ')}, so what depends on ${target.kind}/${target.name} is unknown`);
  }
  return {
    source: objects.uri,
    target: { ...key, exists },
    dependents: dependentsIn(lists.flat() as Resource[], key),
    forbidden,
    requests: client.stats.requests - before,
  };
}

/**
 * `--reverse KIND/NAME -A`: the object of that name in every namespace that has one or that a
 * reference points into, each with its dependents (one cluster-wide LIST per kind involved).
 */
export async function reverseRefsAll(client: KubeClient, target: RefsTarget): Promise<ReverseReport[]> {
  const before = client.stats.requests;
  const objects = new ClusterObjects(client, `cluster://${client.connection.contextName}`);
  const kinds = dependentKindsOrThrow(target);
  const [targets, ...lists] = await Promise.all([objects.fetchScope(target), ...kinds.map((k) => objects.fetchScope(k))]);
  const forbidden = [target, ...kinds].filter((_, i) => [targets, ...lists][i] === 'forbidden');
  if (forbidden.length) {
    throw new UsageError(
      `forbidden: you may not list ${forbidden.map((k) => `${k.kind.toLowerCase()}s`).join(', ')} at the cluster scope (try -n NAMESPACE)`,
    );
  }
  const resources = lists.flat() as Resource[];
  const present = new Set((targets as Resource[]).filter((r) => r.name === target.name).map((r) => r.namespace));
  const referenced = resources.flatMap((r) =>
    referencesOf(r)
      .map((ref) => ref.target)
      .filter((t) => t.group === target.group && t.kind === target.kind && t.name === target.name)
      .map((t) => t.namespace),
  );
  const requests = client.stats.requests - before;
  return [...new Set([...present, ...referenced])].sort().map((namespace) => {
    const key: ObjectKey = { ...target, namespace };
    return {
      source: objects.uri,
      target: { ...key, exists: present.has(namespace) },
      dependents: dependentsIn(resources, key),
      forbidden: [],
      requests,
    };
  });
}

export function reverseInFiles(workspace: Workspace, target: RefsTarget, namespace: string, source: string): ReverseReport {
  dependentKindsOrThrow(target);
  const key: ObjectKey = { ...target, namespace };
  return {
    source,
    target: { ...key, exists: workspace.get(key) ? true : false },
    dependents: dependentsIn(workspace.resources(), key),
    forbidden: [],
  };
}
