// What the admission rules share: an Agent's pod as its namespace admits it, where a value came
// from (written, copied from the limit, a LimitRange default) in words, and where a LimitRange
// bound or a quota's hard limit is written (related locations).
import type { Finding, Resource } from '../model.js';
import type { RuleContext } from './types.js';
import { escapeSegment } from '../pointer.js';
import { admitPod, policiesOf, type NamespacePolicies, type PodAdmission } from '../admission/ledger.js';
import type { ValueOrigin } from '../admission/limitRange.js';
import { originText } from '../admission/explain.js';
import { workloadOf, type Workload } from '../admission/workloads.js';

export interface AgentAdmission {
  workload: Workload;
  policies: NamespacePolicies;
  admission: PodAdmission;
  /** Pointer of the agent container's `resources`. */
  resources: string;
}

/** The Agent's pod against its namespace's LimitRanges and quotas; undefined for other objects. */
export function agentAdmission(ctx: RuleContext): AgentAdmission | undefined {
  const workload = workloadOf(ctx.resource);
  if (!workload?.resourcesPointer) return undefined;
  const policies = policiesOf(ctx.workspace, ctx.resource.namespace);
  if (policies.limitRanges.length === 0 && policies.quotas.length === 0) return undefined;
  return { workload, policies, admission: admitPod(policies, workload.pod), resources: workload.resourcesPointer };
}

/** " (default request of LimitRange dev-limits)" and the like; '' for a written value. */
export function originNote(o: ValueOrigin | undefined): string {
  const text = originText(o);
  return text ? ` (${text})` : '';
}

/** The pointer of a request or limit inside a container's `resources`. */
export function valuePointer(resources: string, side: 'requests' | 'limits', resource: string): string {
  return `${resources}/${side}/${escapeSegment(resource)}`;
}

/** A related location at a pointer of another resource (its value, else the whole document). */
export function relatedAt(r: Resource, pointer: string, message: string): NonNullable<Finding['related']>[number] {
  return { location: { uri: r.uri, range: r.ranges.get(pointer)?.value ?? r.ranges.get('/metadata/name')?.value ?? r.range }, message };
}
