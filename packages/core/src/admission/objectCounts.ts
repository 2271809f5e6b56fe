// Object-count quotas: `count/<resource>[.<group>]` (e.g. `count/agents.agent.flokoa.ai`) and the
// older names of core kinds (`services`, `secrets`, `configmaps`...), which count every object of
// a kind in the namespace. Pods are not here: they are counted as pod usage (`pods`, `count/pods`).
import type { Resource } from '../model.js';
import { kindFromName, kindInfo } from '../kinds.js';
import { isPlainObject } from '../schema/structural.js';
import type { QuotaPolicy } from './quota.js';

const LEGACY: Record<string, string> = {
  services: 'Service',
  secrets: 'Secret',
  configmaps: 'ConfigMap',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  replicationcontrollers: 'ReplicationController',
  resourcequotas: 'ResourceQuota',
};

/** The quota names an object counts under (`plural`: its resource name, as the API serves it). */
export function countNames(group: string, kind: string, plural: string, object: Record<string, unknown>): string[] {
  if (group === '' && kind === 'Pod') return [];
  const names = [group ? `count/${plural}.${group}` : `count/${plural}`];
  if (group === '' && LEGACY[plural] === kind) names.push(plural);
  if (group === '' && kind === 'Service') {
    const spec = isPlainObject(object.spec) ? object.spec : {};
    if (spec.type === 'LoadBalancer') names.push('services.loadbalancers');
  }
  return names;
}

/** The quota names a workspace resource counts under. */
export function objectCountNames(r: Resource): string[] {
  return countNames(r.group, r.kind, kindInfo(r.group, r.kind).plural, r.object);
}

/** The kind an object-count quota name counts (`count/agents.agent.flokoa.ai`), as group and resource. */
export function countedResource(name: string): { group: string; plural: string } | undefined {
  if (Object.hasOwn(LEGACY, name)) return { group: '', plural: name };
  if (name === 'services.loadbalancers') return { group: '', plural: 'services' };
  if (!name.startsWith('count/') || name === 'count/pods') return undefined;
  const rest = name.slice('count/'.length);
  const dot = rest.indexOf('.');
  return dot < 0 ? { group: '', plural: rest } : { group: rest.slice(dot + 1), plural: rest.slice(0, dot) };
}

/** The kinds whose objects a quota's object counts cover (those the workspace can list). */
export function countedKinds(quotas: readonly QuotaPolicy[]): { group: string; kind: string }[] {
  const out: { group: string; kind: string }[] = [];
  for (const q of quotas) {
    for (const name of q.hard.keys()) {
      const k = countedKind(name);
      if (k) out.push(k);
    }
  }
  return out;
}

function countedKind(name: string): { group: string; kind: string } | undefined {
  const r = countedResource(name);
  const info = r ? kindFromName(r.plural) : undefined;
  return r && info && info.group === r.group && info.plural === r.plural ? { group: r.group, kind: info.kind } : undefined;
}
