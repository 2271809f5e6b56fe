// What a namespace uses against a ResourceQuota, counted from the store as the quota controller
// counts it: every pod that has not ended (nor outlived its deletion grace), and every object of
// the kinds the quota's object counts name. The admission plugin and the controller share it.
import {
  addLists,
  countNames,
  countQuantity,
  countedResource,
  maskList,
  podUsage,
  quotaMatchesPod,
  readPodSpec,
  ZERO,
  type QuotaPolicy,
  type ResourceList,
} from '@flokoa/core';
import type { SimContext } from '../context.js';
import type { KObject } from '../object.js';
import { getPath } from '../object.js';
import type { ResourceType } from '../resources.js';
import { typeKey } from '../resources.js';

/** Whether a pod still counts: not Succeeded or Failed, and not stuck terminating past its grace. */
export function podCounts(pod: KObject, now: number): boolean {
  const phase = getPath(pod, 'status.phase');
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const deletion = pod.metadata.deletionTimestamp;
  const grace = pod.metadata.deletionGracePeriodSeconds;
  return !(deletion && typeof grace === 'number' && now > Date.parse(deletion) + grace * 1000);
}

/** The quota names an object counts under, by the type the server serves it as. */
export function objectCountNamesOf(t: ResourceType, o: KObject): string[] {
  return countNames(t.group, t.kind, t.plural, o as Record<string, unknown>);
}

/** The usage of a namespace for a quota's `hard` resources (zero where nothing counts). */
export function namespaceUsage(ctx: SimContext, namespace: string, quota: QuotaPolicy): ResourceList {
  let used: ResourceList = new Map([...quota.hard.keys()].map((k) => [k, ZERO]));
  const now = ctx.clock.now();
  for (const pod of ctx.store.peekList('/pods', namespace)) {
    if (!podCounts(pod, now)) continue;
    const spec = readPodSpec(pod.spec);
    if (quotaMatchesPod(quota, spec)) used = addLists(used, maskList(podUsage(spec), quota.hard.keys()));
  }
  if (quota.scopes.length > 0 || quota.scopeSelector.length > 0) return used;
  const types = new Map<string, ResourceType>();
  for (const name of quota.hard.keys()) {
    const r = countedResource(name);
    const t = r && ctx.registry.get(`${r.group}/${r.plural}`);
    if (t) types.set(typeKey(t), t);
  }
  for (const t of types.values()) {
    for (const o of ctx.store.peekList(typeKey(t), namespace)) {
      const one = new Map(objectCountNamesOf(t, o).map((n) => [n, countQuantity(1)]));
      used = addLists(used, maskList(one, quota.hard.keys()));
    }
  }
  return used;
}
