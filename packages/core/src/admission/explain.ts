// What hover shows on an Agent's resources: each effective request and limit of its container and
// where it came from, and, per quota of the namespace, what the workspace uses of each resource
// this pod consumes and this Agent's share of it.
import type { Resource } from '../model.js';
import type { ResourceLookup } from '../resolve.js';
import { formatQuantity, scaleQuantity } from './quantity.js';
import { admitPod, ledgerOf, policiesOf } from './ledger.js';
import type { ValueOrigin } from './limitRange.js';
import { workloadOf } from './workloads.js';

export interface EffectiveValue {
  /** `requests.cpu` */
  key: string;
  /** Canonical text, e.g. `100m`. */
  value: string;
  origin: ValueOrigin;
}

export interface QuotaShare {
  quota: string;
  /** Per resource of the quota this pod consumes: namespace total, hard limit, this workload's part. */
  rows: { key: string; used: string; hard: string; mine: string }[];
}

export interface EffectiveResources {
  namespace: string;
  /** Pointer of the container's `resources` in the Agent. */
  pointer: string;
  container: string;
  values: EffectiveValue[];
  /** `LimitRanger plugin set: ...` when LimitRanges fill something in. */
  annotation?: string;
  quotas: QuotaShare[];
}

/** "default request of LimitRange dev-limits", "copied from its limit by the API server", ''. */
export function originText(o: ValueOrigin | undefined): string {
  if (!o || o.kind === 'written') return '';
  if (o.kind === 'limit') return 'copied from its limit by the API server';
  return `${o.kind === 'default' ? 'default limit' : 'default request'} of LimitRange ${o.limitRange}`;
}

/** The effective resources of an Agent's container in its namespace; undefined for other objects. */
export function effectiveResources(lookup: Pick<ResourceLookup, 'list'>, r: Resource): EffectiveResources | undefined {
  const w = workloadOf(r);
  if (!w?.resourcesPointer) return undefined;
  const admission = admitPod(policiesOf(lookup, r.namespace), w.pod);
  const container = admission.defaulted.pod.containers[0];
  if (!container) return undefined;
  const origins = admission.defaulted.origins[0];
  const values: EffectiveValue[] = [];
  for (const side of ['requests', 'limits'] as const) {
    for (const [k, q] of [...container[side]].sort(([a], [b]) => a.localeCompare(b))) {
      values.push({ key: `${side}.${k}`, value: formatQuantity(q), origin: origins.get(`${side}.${k}`) ?? { kind: 'written' } });
    }
  }
  const ledger = ledgerOf(lookup, r.namespace);
  const quotas: QuotaShare[] = [];
  for (const q of ledger?.policies.quotas ?? []) {
    if (!admission.matching.some((m) => m.resource === q.resource)) continue;
    const used = ledger!.used[ledger!.policies.quotas.indexOf(q)];
    const rows = [...q.policy.hard.keys()]
      .filter((k) => admission.usage.has(k))
      .sort()
      .map((k) => ({
        key: k,
        used: formatQuantity(used.get(k)!),
        hard: formatQuantity(q.policy.hard.get(k)!),
        mine: formatQuantity(scaleQuantity(admission.usage.get(k)!, w.replicas)),
      }));
    if (rows.length) quotas.push({ quota: q.resource.name, rows });
  }
  return {
    namespace: r.namespace,
    pointer: w.resourcesPointer,
    container: container.name,
    values,
    ...(admission.defaulted.annotation ? { annotation: admission.defaulted.annotation } : {}),
    quotas,
  };
}
