// How much room a namespace's quotas leave for an Agent's pods, from live quota objects (their
// status.used already counts what runs): per quota, each resource one pod takes, what is used and
// left, how many more such pods fit; and whether a rollout can start its surge pod. `kubectl flokoa
// refs` shows it, `patch-image` warns with it, `rollout status` explains a blocked rollout with it.
import type { Resource } from '../model.js';
import { compareQuantities, formatQuantity, subtractQuantities, ZERO, type Quantity } from './quantity.js';
import { admitPod, podRefused, type NamespacePolicies, type PodAdmission } from './ledger.js';
import { checkQuota } from './quota.js';
import { readLimitRange } from './limitRange.js';
import { readQuota } from './quota.js';
import type { RolloutBudget } from './rollout.js';
import { workloadOf } from './workloads.js';

export interface RoomRow {
  key: string;
  used: Quantity;
  hard: Quantity;
  left: Quantity;
  /** What one pod of the agent takes. */
  perPod: Quantity;
}

export interface QuotaRoom {
  quota: string;
  rows: RoomRow[];
  /** How many more pods of the agent fit (Infinity when nothing the pod takes is limited). */
  morePods: number;
  /** The API server's refusal of one more pod, when it would refuse it. */
  refusal?: string;
}

export interface AgentRoom {
  namespace: string;
  admission: PodAdmission;
  replicas: number;
  budget?: RolloutBudget;
  rooms: QuotaRoom[];
}

function fitCount(left: Quantity, per: Quantity): number {
  if (per.nanos <= 0n) return Infinity;
  return left.nanos <= 0n ? 0 : Number(left.nanos / per.nanos);
}

/** The room the namespace's live quotas and limit ranges leave for an Agent (a Resource of it, live or not). */
export function agentRoom(
  agent: Resource,
  quotaObjects: readonly Resource[],
  limitRangeObjects: readonly Resource[],
): AgentRoom | undefined {
  const w = workloadOf(agent);
  if (!w) return undefined;
  const policies: NamespacePolicies = {
    namespace: agent.namespace,
    quotas: quotaObjects
      .map((resource) => ({ resource, policy: readQuota(resource.object) }))
      .sort((a, b) => a.resource.name.localeCompare(b.resource.name)),
    limitRanges: limitRangeObjects
      .map((resource) => ({ resource, policy: readLimitRange(resource.object) }))
      .sort((a, b) => a.resource.name.localeCompare(b.resource.name)),
  };
  const admission = admitPod(policies, w.pod);
  const rooms: QuotaRoom[] = [];
  for (const q of admission.matching) {
    const used = q.policy.used ?? new Map();
    const rows: RoomRow[] = [...q.policy.hard.keys()]
      .filter((k) => admission.usage.has(k))
      .sort()
      .map((key) => {
        const hard = q.policy.hard.get(key)!;
        const u = used.get(key) ?? ZERO;
        const left = subtractQuantities(hard, u);
        return { key, used: u, hard, left: compareQuantities(left, ZERO) < 0 ? ZERO : left, perPod: admission.usage.get(key)! };
      });
    const morePods = Math.min(Infinity, ...rows.map((r) => fitCount(r.left, r.perPod)));
    const check = checkQuota(q.policy, used, admission.usage);
    rooms.push({ quota: q.resource.name, rows, morePods, ...(check.message ? { refusal: check.message } : {}) });
  }
  return { namespace: agent.namespace, admission, replicas: w.replicas, budget: w.budget, rooms };
}

/**
 * Why a rollout of the Agent would stall now, or undefined when it can move: its pods are refused
 * whatever the room, or no quota has room for its first surge pod while old pods wait for it.
 */
export function rolloutBlocker(room: AgentRoom): string | undefined {
  if (podRefused(room.admission)) {
    const a = room.admission;
    return (
      a.violations[0]?.message ??
      a.overLimits[0]?.message ??
      (a.missing[0] ? `failed quota: ${a.missing[0].quota.resource.name}: ${a.missing[0].result.message}` : undefined)
    );
  }
  const b = room.budget;
  if (!b || b.strategy !== 'RollingUpdate' || b.surge === 0 || room.replicas === 0 || b.unavailable > b.surge) return undefined;
  const full = room.rooms.find((r) => r.morePods < 1);
  if (!full) return undefined;
  const short = full.rows
    .filter((r) => compareQuantities(r.left, r.perPod) < 0)
    .map((r) => `${formatQuantity(subtractQuantities(r.perPod, r.left))} ${r.key}`);
  return `its surge pod needs ${short.join(', ')} more than ResourceQuota ${full.quota} leaves (${full.rows.map((r) => `${r.key} ${formatQuantity(r.left)} left`).join(', ')})`;
}

/** `requests.cpu 1500m/2 (500m a pod)`: one quota's rows as a line. */
export function roomText(room: QuotaRoom): string {
  const rows = room.rows
    .map((r) => `${r.key} ${formatQuantity(r.used)}/${formatQuantity(r.hard)} (${formatQuantity(r.perPod)} a pod)`)
    .join(', ');
  const more = room.morePods === Infinity ? 'no limit on its pods' : `room for ${room.morePods} more pod${room.morePods === 1 ? '' : 's'}`;
  return `${room.quota}: ${rows || 'nothing its pods take'}; ${more}`;
}
