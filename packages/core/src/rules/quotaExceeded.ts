// A namespace's ResourceQuotas against everything the workspace puts in it, applied in order:
// the Agent that tips a quota over its hard limit (and any after it) is refused, and an Agent whose
// rolling update cannot create even one surge pod stalls on its next rollout.
import type { Rule, RuleContext } from './types.js';
import { formatQuantity, subtractQuantities } from '../admission/quantity.js';
import { listText, maskList } from '../admission/resourceList.js';
import { headroom } from '../admission/quota.js';
import { ledgerOf, podRefused, surgeCheck, type NamespaceLedger, type Refusal } from '../admission/ledger.js';
import { escapeSegment } from '../pointer.js';
import { relatedAt } from './admissionFacts.js';

function ledgerFor(ctx: RuleContext): NamespaceLedger | undefined {
  const r = ctx.resource;
  if (r.kind !== 'Agent' || !r.name) return undefined;
  // Every Agent of the namespace reads the same ledger: it is worked out once.
  return ctx.workspace.shared(`quota-ledger:${r.namespace}`, (reader) => ledgerOf(reader, r.namespace));
}

/** "requests.cpu 2500m of 2" for each exceeded resource. */
function overText(refusal: Refusal): string {
  const { check, quota } = refusal;
  return check.exceeded
    .map((k) => `${k} to ${formatQuantity(check.after.get(k)!)} of ${formatQuantity(quota.policy.hard.get(k)!)}`)
    .join(', ');
}

export const quotaExceeded: Rule = {
  id: 'quota-exceeded',
  defaultSeverity: 'error',
  rationale:
    "An Agent that does not fit its namespace's ResourceQuota is refused by the API server: its pods (or the Agent itself) are never created.",
  scope: 'workspace',
  check(ctx) {
    const ledger = ledgerFor(ctx);
    const refusal = ledger?.refusals.get(ctx.resource);
    if (!ledger || !refusal) return;
    const entry = ledger.workloads.find((w) => w.workload.resource === ctx.resource);
    const q = refusal.quota.resource.name;
    const ns = ctx.resource.namespace;
    const at = entry ? ledger.workloads.indexOf(entry) : ledger.workloads.length;
    const earlier = ledger.workloads.slice(0, at).map((w) => w.workload.resource.name);
    const names = earlier.length > 3 ? `${earlier.slice(0, 3).join(', ')} and ${earlier.length - 3} more` : earlier.join(', ');
    const others = earlier.length ? ` (with ${names} applied before it)` : '';
    const quoted = `"${refusal.check.message}"`;
    let message: string;
    if (refusal.what === 'pod') {
      const n = refusal.admitted;
      message = `ResourceQuota ${q} of namespace ${ns} cannot hold this Agent's ${refusal.wanted} replica${refusal.wanted === 1 ? '' : 's'}${others}: ${n === 0 ? 'its first pod' : `pod ${n + 1}`} would bring ${overText(refusal)}. The API server refuses ${n === 0 ? 'every pod' : `${refusal.wanted - n} of them`} (${quoted}); lower replicas or requests, or raise the quota.`;
    } else {
      const made = refusal.check.exceeded.some((k) => k.startsWith('count/deployments') || k.startsWith('count/replicasets'));
      message = `ResourceQuota ${q} of namespace ${ns} has no room for ${made ? "this Agent's Deployment" : 'this Agent'}${others}: it would bring ${overText(refusal)}. The API server refuses it (${quoted}).`;
    }
    const hard = refusal.check.exceeded.map((k) =>
      relatedAt(refusal.quota.resource, `/spec/hard/${escapeSegment(k)}`, `${k}: ${formatQuantity(refusal.quota.policy.hard.get(k)!)}`),
    );
    const pointer =
      refusal.what === 'pod' && entry?.workload.replicasPointer && ctx.resource.ranges.get(entry.workload.replicasPointer)
        ? entry.workload.replicasPointer
        : '/metadata/name';
    ctx.report({ pointer, message, related: hard });
  },
};

export const quotaRolloutStall: Rule = {
  id: 'quota-rollout-stall',
  defaultSeverity: 'warning',
  rationale:
    'A rolling update starts a new pod before it stops an old one; when the quota has no room for that pod, the rollout stalls until its deadline.',
  scope: 'workspace',
  check(ctx) {
    const ledger = ledgerFor(ctx);
    if (!ledger || ledger.refusals.has(ctx.resource)) return;
    const entry = ledger.workloads.find((w) => w.workload.resource === ctx.resource);
    const budget = entry?.workload.budget;
    if (!entry || !budget || budget.strategy !== 'RollingUpdate' || budget.surge === 0 || entry.workload.replicas === 0) return;
    // A pod refused whatever the room (a LimitRange bound, a missing resource) is reported as such.
    if (podRefused(entry.admission)) return;
    // With more pods allowed unavailable than surged, old pods go first and the rollout still moves.
    if (budget.unavailable > budget.surge) return;
    const stall = surgeCheck(ledger, entry);
    if (!stall) return;
    const q = stall.quota;
    const i = ledger.policies.quotas.indexOf(q);
    const short = stall.check.exceeded.map(
      (k) => `${formatQuantity(subtractQuantities(stall.check.after.get(k)!, q.policy.hard.get(k)!))} ${k}`,
    );
    const left = listText(maskList(headroom(q.policy, ledger.used[i]), stall.check.exceeded));
    ctx.report({
      pointer:
        entry.workload.replicasPointer && ctx.resource.ranges.get(entry.workload.replicasPointer)
          ? entry.workload.replicasPointer
          : '/metadata/name',
      message: `A rollout of this Agent starts a new pod before stopping an old one (${budget.surgeText} = ${budget.surge}); that pod needs ${short.join(', ')} more than ResourceQuota ${q.resource.name} leaves (${left}): the rollout will stall. Raise the quota, or lower requests or replicas in namespace ${ctx.resource.namespace}.`,
      related: stall.check.exceeded.map((k) =>
        relatedAt(q.resource, `/spec/hard/${escapeSegment(k)}`, `${k}: ${formatQuantity(q.policy.hard.get(k)!)}`),
      ),
    });
  },
};
