// `refs`: the reference tree of Agents (or any referring object), from a cluster or from files,
// resolved by core's resolver in both cases.
import {
  agentPodOf,
  chainOf,
  dataKeysOf,
  FLOKOA_GROUP,
  kindFromName,
  type ChainNode,
  type Resource,
  type ResourceLookup,
} from '@flokoa/core';
import { UsageError } from '@flokoa/kube';
import type { KubeClient } from '@flokoa/kube';
import { ClusterObjects, type FetchMode } from './clusterLookup.js';
import { toRefNodes, type KeysOf, type LocateField } from './build.js';
import { summarize, type RefsReport, type RootRefs } from './model.js';
import { readinessOf } from './readiness.js';

export interface RefsTarget {
  group: string;
  kind: string;
  name: string;
}

/** `AGENT` or `KIND/NAME` (kind by kubectl name: model, models, Model…) → a target. */
export function parseTarget(arg: string, defaultKind = 'Agent'): RefsTarget {
  const slash = arg.indexOf('/');
  if (slash < 0) {
    const info = kindFromName(defaultKind);
    return { group: info?.group ?? FLOKOA_GROUP, kind: info?.kind ?? defaultKind, name: arg };
  }
  const kindText = arg.slice(0, slash).split('.')[0];
  const name = arg.slice(slash + 1);
  const info = kindFromName(kindText);
  if (!info) throw new UsageError(`the server doesn't have a resource type "${kindText}" that flokoa refs knows`);
  if (!name) throw new UsageError(`resource name may not be empty in "${arg}"`);
  return { group: info.group, kind: info.kind, name };
}

export interface ClusterRefsOptions {
  /** Namespace of the roots (ignored with allNamespaces). */
  namespace: string;
  allNamespaces?: boolean;
  /** One root by name; otherwise every Agent in scope. */
  target?: RefsTarget;
  /** Upper bound on resolver rounds (depth of the chain plus the lookups of missing targets). */
  maxRounds?: number;
}

/** The report for Agents in a cluster. Request count is in `report.requests`. */
export async function refsTree(client: KubeClient, opts: ClusterRefsOptions): Promise<RefsReport & { roots: RootRefs[] }> {
  const before = client.stats.requests;
  const objects = new ClusterObjects(client, `cluster://${client.connection.contextName}`);
  let roots: Resource[];
  let mode: FetchMode;
  if (opts.target) {
    const t = opts.target;
    const root = await objects.fetchOne({ ...t, namespace: opts.namespace });
    if (!root) {
      const lookup = objects.lookup('get');
      const again = lookup.get({ ...t, namespace: opts.namespace });
      if (again === 'forbidden')
        throw new UsageError(`forbidden: you may not get ${t.kind.toLowerCase()} "${t.name}" in namespace "${opts.namespace}"`);
      throw new UsageError(`${t.kind.toLowerCase()} "${t.name}" not found in namespace "${opts.namespace}"`);
    }
    roots = [root];
    mode = 'get';
  } else {
    const scope = { group: FLOKOA_GROUP, kind: 'Agent', namespace: opts.allNamespaces ? undefined : opts.namespace };
    const listed = await objects.fetchScope(scope);
    if (listed === 'forbidden') {
      throw new UsageError(
        `forbidden: you may not list agents ${opts.allNamespaces ? 'at the cluster scope (try -n NAMESPACE)' : `in namespace "${opts.namespace}"`}`,
      );
    }
    roots = listed;
    mode = opts.allNamespaces ? 'cluster' : 'namespace';
    // One agent is a chain, not a crowd: GETs cost less than LISTs of whole namespaces.
    if (!opts.allNamespaces && roots.length === 1) mode = 'get';
  }

  const chains = await resolveInRounds(roots, objects, mode, opts.maxRounds ?? 12);
  // Key presence: read the data of exactly the Secrets referenced with a key (values dropped at parse).
  const secretKeys = new Map<string, { group: string; kind: string; namespace: string; name: string }>();
  const collect = (nodes: ChainNode[]) => {
    for (const n of nodes) {
      const t = n.resolution.target;
      if (n.reference.key !== undefined && t && t.kind === 'Secret' && t.group === '') secretKeys.set(`${t.namespace}/${t.name}`, t);
      collect(n.children);
    }
  };
  chains.forEach((c) => collect(c.chain));
  await objects.fetchSecretKeys([...secretKeys.values()], mode);
  const keysOf: KeysOf = (r) => (r.kind === 'Secret' && r.group === '' ? objects.keysOfSecret(r) : dataKeysOf(r));
  const rootRefs = chains.map(({ root, chain }) => rootOf(root, chain, keysOf));
  return { source: objects.uri, roots: rootRefs, summary: summarize(rootRefs), requests: client.stats.requests - before };
}

async function resolveInRounds(
  roots: Resource[],
  objects: ClusterObjects,
  mode: FetchMode,
  maxRounds: number,
): Promise<{ root: Resource; chain: ChainNode[] }[]> {
  for (let round = 0; ; round++) {
    const lookup = objects.lookup(mode);
    const chains = roots.map((root) => ({ root, chain: chainOf(root, lookup) }));
    if ((lookup.needs.gets.size === 0 && lookup.needs.lists.size === 0) || round >= maxRounds) return chains;
    await objects.fetch(lookup.needs);
  }
}

export function serviceAccountOf(agent: Resource): string {
  const sa = agentPodOf(agent.object)?.pod.serviceAccountName;
  return typeof sa === 'string' && sa ? sa : 'default';
}

export function rootOf(root: Resource, chain: ChainNode[], keysOf: KeysOf, locate?: LocateField): RootRefs {
  const r = readinessOf(root);
  const out: RootRefs = {
    group: root.group,
    kind: root.kind,
    namespace: root.namespace,
    name: root.name,
    ready: r.ready,
    references: toRefNodes(chain, keysOf, locate),
  };
  const location = locate?.(root, '/kind');
  if (location) out.location = location;
  if (r.reason) out.reason = r.reason;
  if (root.group === FLOKOA_GROUP && root.kind === 'Agent') out.serviceAccount = serviceAccountOf(root);
  return out;
}

/** Roots and chains from any lookup (files: the core Workspace). */
export function refsFromLookup(roots: Resource[], lookup: ResourceLookup, source: string, locate?: LocateField): RefsReport {
  const rootRefs = roots.map((root) => rootOf(root, chainOf(root, lookup), dataKeysOf, locate));
  return { source, roots: rootRefs, summary: summarize(rootRefs) };
}
