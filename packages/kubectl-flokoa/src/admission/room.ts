// An Agent's room in its namespace, read live: the namespace's ResourceQuotas (their status.used
// counts what runs) and LimitRanges, judged by core's agentRoom and rolloutBlocker. What a blocked
// rollout needs, as the command that makes room.
import {
  addQuantities,
  agentRoom,
  formatQuantity,
  resourcesFromObject,
  rolloutBlocker,
  roomText,
  scaleQuantity,
  type AgentRoom,
  type QuotaRoom,
  type Resource,
} from '@flokoa/core';
import { apiVersionOf, collectionPath, type KindRef, type KObject, type KubeClient } from '@flokoa/kube';

const QUOTA: KindRef = { group: '', kind: 'ResourceQuota' };
const LIMIT_RANGE: KindRef = { group: '', kind: 'LimitRange' };

function resourceOf(obj: KObject, ref: KindRef): Resource | undefined {
  const object = { ...obj, apiVersion: apiVersionOf(ref.group), kind: ref.kind };
  return resourcesFromObject(object, {
    uri: 'cluster:',
    namespace: (ns) => ({ namespace: typeof ns === 'string' ? ns : '', source: { kind: 'cluster' } }),
  })[0];
}

async function listed(client: KubeClient, ref: KindRef, namespace: string, signal?: AbortSignal): Promise<Resource[]> {
  const list = await client.list(collectionPath(ref, namespace), signal ? { signal } : {});
  return list.items.flatMap((o) => resourceOf(o, ref) ?? []);
}

/** A namespace's ResourceQuotas and LimitRanges, read once (throws what the API server answered). */
export interface NamespaceLimits {
  quotas: Resource[];
  ranges: Resource[];
}

export async function readNamespaceLimits(client: KubeClient, namespace: string, signal?: AbortSignal): Promise<NamespaceLimits> {
  const [quotas, ranges] = await Promise.all([listed(client, QUOTA, namespace, signal), listed(client, LIMIT_RANGE, namespace, signal)]);
  return { quotas, ranges };
}

/** The Agent's room among limits already read; undefined when it runs no pod. */
export function agentRoomIn(agent: KObject, limits: NamespaceLimits): AgentRoom | undefined {
  const self = resourceOf(agent, { group: 'agent.flokoa.ai', kind: 'Agent' });
  return self ? agentRoom(self, limits.quotas, limits.ranges) : undefined;
}

/**
 * The Agent's room in its namespace, from the live Agent object; undefined when the quotas or limit
 * ranges cannot be read (forbidden, failing) or the Agent runs no pod.
 */
export async function readAgentRoom(client: KubeClient, agent: KObject, signal?: AbortSignal): Promise<AgentRoom | undefined> {
  try {
    return agentRoomIn(agent, await readNamespaceLimits(client, agent.metadata.namespace ?? '', signal));
  } catch {
    return undefined;
  }
}

/** The quota whose room is short of one pod (the first such). */
function shortQuota(room: AgentRoom): QuotaRoom | undefined {
  return room.rooms.find((r) => r.morePods < 1);
}

/** `kubectl patch resourcequota dev-quota -n dev --type merge -p '{"spec":{"hard":{"requests.cpu":"2500m"}}}'` */
export function raiseQuotaCommand(namespace: string, quota: QuotaRoom, pods: number): string {
  const hard: Record<string, string> = {};
  for (const r of quota.rows) {
    const needed = addQuantities(r.used, scaleQuantity(r.perPod, pods));
    if (needed.nanos > r.hard.nanos) hard[r.key] = formatQuantity(needed);
  }
  return `kubectl patch resourcequota ${quota.quota} -n ${namespace} --type merge -p '${JSON.stringify({ spec: { hard } })}'`;
}

/** How to unblock the Agent's rollout, or undefined when nothing in the room blocks it. */
export function roomFix(room: AgentRoom, agent: string): string | undefined {
  const a = room.admission;
  const ns = room.namespace;
  if (a.violations[0]) {
    const v = a.violations[0];
    return `set the agent's container resources within LimitRange ${v.limitRange} (kubectl get limitrange ${v.limitRange} -n ${ns} -o yaml shows its bounds), e.g. with kubectl edit agent ${agent} -n ${ns}`;
  }
  if (a.overLimits[0]) return `make each request of agent "${agent}" at most its limit (kubectl edit agent ${agent} -n ${ns})`;
  if (a.missing[0]) {
    const m = a.missing[0];
    return `state ${m.result.message.replace(/^must specify /, '')} in agent "${agent}"'s container resources, or give the namespace a LimitRange default for them`;
  }
  const short = shortQuota(room);
  if (!short) return undefined;
  return `make room in ResourceQuota ${short.quota}: ${raiseQuotaCommand(ns, short, 1)}; or roll out without a surge pod (maxSurge 0, maxUnavailable 1)`;
}

export interface BlockedRollout {
  reason: string;
  fix: string;
}

/** Why the Agent's next rollout would stall, with the fix; undefined when it can move. */
export function blockedRollout(room: AgentRoom, agent: string): BlockedRollout | undefined {
  const reason = rolloutBlocker(room);
  if (!reason) return undefined;
  return { reason, fix: roomFix(room, agent) ?? '' };
}

/** One quota's room for an Agent's pods, as refs reports it (JSON-friendly). */
export interface QuotaHeadroom {
  quota: string;
  /** Per resource one pod takes: used/hard of the namespace and what one pod takes. */
  rows: { resource: string; used: string; hard: string; perPod: string }[];
  /** How many more pods of the agent fit; null when nothing the pod takes is limited. */
  morePods: number | null;
  /** `pods-quota: pods 4/4 (1 a pod); room for 0 more pods` */
  text: string;
}

export interface AgentHeadroom {
  quotas: QuotaHeadroom[];
  /** Why its next rollout would stall, and the fix. */
  blocked?: BlockedRollout;
}

/** The headroom the Agent's namespace leaves for its demand; undefined when there is no quota to read. */
export async function agentHeadroom(client: KubeClient, agent: KObject): Promise<AgentHeadroom | undefined> {
  const room = await readAgentRoom(client, agent);
  if (!room || room.rooms.length === 0) return undefined;
  const blocked = blockedRollout(room, agent.metadata.name);
  return {
    quotas: room.rooms.map((q) => ({
      quota: q.quota,
      rows: q.rows.map((r) => ({
        resource: r.key,
        used: formatQuantity(r.used),
        hard: formatQuantity(r.hard),
        perPod: formatQuantity(r.perPod),
      })),
      morePods: q.morePods === Infinity ? null : q.morePods,
      text: roomText(q),
    })),
    ...(blocked ? { blocked } : {}),
  };
}
