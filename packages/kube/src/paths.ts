// REST paths for the kinds this plugin reads and writes (a fixed REST mapping: no discovery
// round-trip on start-up; the Flokoa API has one served version).
import { UsageError } from './errors.js';
import { FLOKOA_GROUP, FLOKOA_VERSION, kindInfo } from '@flokoa/core';

const VERSION_OF_GROUP: Record<string, string> = {
  '': 'v1',
  apps: 'v1',
  policy: 'v1',
  'rbac.authorization.k8s.io': 'v1',
  'authorization.k8s.io': 'v1',
  'apiextensions.k8s.io': 'v1',
  [FLOKOA_GROUP]: FLOKOA_VERSION,
};

export interface KindRef {
  group: string;
  kind: string;
}

export const AGENT: KindRef = { group: FLOKOA_GROUP, kind: 'Agent' };
export const DEPLOYMENT: KindRef = { group: 'apps', kind: 'Deployment' };
export const REPLICASET: KindRef = { group: 'apps', kind: 'ReplicaSet' };
export const POD: KindRef = { group: '', kind: 'Pod' };
export const EVENT: KindRef = { group: '', kind: 'Event' };
export const PDB: KindRef = { group: 'policy', kind: 'PodDisruptionBudget' };

export function apiVersionOf(group: string): string {
  const v = VERSION_OF_GROUP[group] ?? 'v1';
  return group ? `${group}/${v}` : v;
}

/** `/apis/agent.flokoa.ai/v1alpha1/namespaces/ns/agents`, or cluster-wide when namespace is undefined. */
export function collectionPath(k: KindRef, namespace?: string): string {
  if (namespace === '.' || namespace === '..') throw new UsageError(`namespace may not be "${namespace}"`);
  const info = kindInfo(k.group, k.kind);
  const root = k.group ? `/apis/${k.group}/${VERSION_OF_GROUP[k.group] ?? 'v1'}` : '/api/v1';
  return info.namespaced && namespace !== undefined
    ? `${root}/namespaces/${encodeURIComponent(namespace)}/${info.plural}`
    : `${root}/${info.plural}`;
}

export function objectPath(k: KindRef, namespace: string, name: string): string {
  // kubectl refuses these before any request: "." and ".." collapse the URL to the list (or its parent).
  if (name === '.' || name === '..') throw new UsageError(`resource name may not be "${name}"`);
  if (name === '') throw new UsageError('resource name may not be empty');
  return `${collectionPath(k, namespace)}/${encodeURIComponent(name)}`;
}

/** How kubectl names a resource in messages: `agents.agent.flokoa.ai "x"`. */
export function resourceName(k: KindRef): string {
  const plural = kindInfo(k.group, k.kind).plural;
  return k.group ? `${plural}.${k.group}` : plural;
}
