// Object-count quotas: `count/<resource>[.<group>]` (e.g. `count/agents.agent.flokoa.ai`) and the
// older names of core kinds (`services`, `secrets`, `configmaps`...), which count every object of
// a kind in the namespace. Pods are not here: they are counted as pod usage (`pods`, `count/pods`).
import type { Resource } from '../model.js';
import { kindFromName, kindInfo } from '../kinds.js';
import { isObject } from '../resources.js';
import type { QuotaPolicy } from './quota.js';

const LEGACY: Record<string, string> = {
  services: 'Service',
  secrets: 'Secret',
  configmaps: 'ConfigMap',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  replicationcontrollers: 'ReplicationController',
  resourcequotas: 'ResourceQuota',
};

/** The quota names an object counts under. */
export function objectCountNames(r: Resource): string[] {
  if (r.group === '' && r.kind === 'Pod') return [];
  const plural = kindInfo(r.group, r.kind).plural;
  const names = [r.group ? `count/${plural}.${r.group}` : `count/${plural}`];
  if (r.group === '' && LEGACY[plural] === r.kind) names.push(plural);
  if (r.group === '' && r.kind === 'Service') {
    const spec = isObject(r.object.spec) ? r.object.spec : {};
    if (spec.type === 'LoadBalancer') names.push('services.loadbalancers');
  }
  return names;
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
  if (name in LEGACY) return { group: '', kind: LEGACY[name] };
  if (name === 'services.loadbalancers') return { group: '', kind: 'Service' };
  if (!name.startsWith('count/') || name === 'count/pods') return undefined;
  const rest = name.slice('count/'.length);
  const dot = rest.indexOf('.');
  const plural = dot < 0 ? rest : rest.slice(0, dot);
  const group = dot < 0 ? '' : rest.slice(dot + 1);
  const info = kindFromName(plural);
  return info && info.group === group && info.plural === plural ? { group, kind: info.kind } : undefined;
}
