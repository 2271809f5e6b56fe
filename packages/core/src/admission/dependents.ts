// Which Agents' admission findings a change may alter: quotas sum every workload of a namespace, so
// one Agent's replicas move the others' findings; a quota, limit range or workload change moves
// those of the namespace's Agents; an RBAC change may move any Agent reading across namespaces.
import type { Resource } from '../model.js';
import type { ResourceLookup } from '../resolve.js';
import { FLOKOA_GROUP } from '../kinds.js';
import { RBAC_GROUP } from './rbac.js';
import { WORKLOAD_KINDS } from './workloads.js';

const POLICY = new Set(['/ResourceQuota', '/LimitRange']);
const isWorkload = (r: Resource): boolean => WORKLOAD_KINDS.some((k) => k.group === r.group && k.kind === r.kind);

/** The Agents whose admission findings `changed` (removed or added resources) may alter. */
export function admissionDependents(lookup: Pick<ResourceLookup, 'list'>, changed: readonly Resource[]): Resource[] {
  const agents = (ns?: string): Resource[] => {
    const l = lookup.list(FLOKOA_GROUP, 'Agent', ns);
    return l === 'forbidden' ? [] : l;
  };
  if (changed.some((r) => r.group === RBAC_GROUP)) return agents();
  const namespaces = new Set<string>();
  for (const r of changed) {
    if (POLICY.has(`${r.group}/${r.kind}`)) namespaces.add(r.namespace);
    else if (isWorkload(r)) {
      const quotas = lookup.list('', 'ResourceQuota', r.namespace);
      if (quotas !== 'forbidden' && quotas.length > 0) namespaces.add(r.namespace);
    }
  }
  return [...namespaces].flatMap((ns) => agents(ns));
}
