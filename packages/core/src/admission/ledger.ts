// What a namespace lets in: its LimitRanges and ResourceQuotas, a pod as the namespace admits it,
// and the ledger of each quota as the namespace's objects are applied in order (files in name
// order, documents in file order, as `kubectl apply -f DIR` goes): which object or pod is the first
// the quota refuses, and how much each quota has left once everything that fits is in.
import type { Resource } from '../model.js';
import type { ResourceLookup } from '../resolve.js';
import {
  defaultPod,
  limitViolations,
  readLimitRange,
  requestsOverLimits,
  type DefaultedPod,
  type LimitRangePolicy,
  type LimitViolation,
  type RequestOverLimit,
} from './limitRange.js';
import {
  checkQuota,
  missingForQuota,
  podUsage,
  quotaMatchesPod,
  readQuota,
  type MissingResources,
  type QuotaCheck,
  type QuotaPolicy,
} from './quota.js';
import { countQuantity, ZERO } from './quantity.js';
import type { ResourceList } from './resourceList.js';
import type { PodResources } from './pod.js';
import { objectCountNames, countedKinds } from './objectCounts.js';
import { WORKLOAD_KINDS, workloadOf, type Workload } from './workloads.js';

export interface Policy<P> {
  resource: Resource;
  policy: P;
}

export interface NamespacePolicies {
  namespace: string;
  quotas: Policy<QuotaPolicy>[];
  limitRanges: Policy<LimitRangePolicy>[];
}

function listed(lookup: Pick<ResourceLookup, 'list'>, group: string, kind: string, namespace: string): Resource[] {
  const l = lookup.list(group, kind, namespace);
  return l === 'forbidden' ? [] : l;
}

const byName = <T extends { resource: Resource }>(a: T, b: T): number => a.resource.name.localeCompare(b.resource.name);

/** The quotas and limit ranges of a namespace, by name. */
export function policiesOf(lookup: Pick<ResourceLookup, 'list'>, namespace: string): NamespacePolicies {
  const quotas = listed(lookup, '', 'ResourceQuota', namespace)
    .map((resource) => ({ resource, policy: readQuota(resource.object) }))
    .sort(byName);
  const limitRanges = listed(lookup, '', 'LimitRange', namespace)
    .map((resource) => ({ resource, policy: readLimitRange(resource.object) }))
    .sort(byName);
  return { namespace, quotas, limitRanges };
}

/** One pod of a workload, as the namespace's admission sees it. */
export interface PodAdmission {
  defaulted: DefaultedPod;
  /** LimitRange bounds it breaks (the pod is forbidden). */
  violations: LimitViolation[];
  /** Requests above limits once defaults applied (the pod is invalid). */
  overLimits: RequestOverLimit[];
  /** Quotas that refuse it because a container does not state a resource they cover. */
  missing: { quota: Policy<QuotaPolicy>; result: MissingResources }[];
  /** The quotas that count it. */
  matching: Policy<QuotaPolicy>[];
  /** What one such pod adds to a quota. */
  usage: ResourceList;
}

export function admitPod(p: NamespacePolicies, written: PodResources): PodAdmission {
  const ranges = p.limitRanges.map((l) => l.policy);
  const defaulted = defaultPod(written, ranges);
  const matching = p.quotas.filter((q) => quotaMatchesPod(q.policy, defaulted.pod));
  const missing = matching.flatMap((quota) => {
    const result = missingForQuota(quota.policy, defaulted.pod);
    return result ? [{ quota, result }] : [];
  });
  return {
    defaulted,
    violations: limitViolations(defaulted.pod, ranges),
    overLimits: requestsOverLimits(defaulted.pod),
    missing,
    matching,
    usage: podUsage(defaulted.pod),
  };
}

/** Whether the pod is refused whatever the quotas' room. */
export function podRefused(a: PodAdmission): boolean {
  return a.violations.length > 0 || a.overLimits.length > 0 || a.missing.length > 0;
}

/** The first thing of an object a quota refuses. */
export interface Refusal {
  quota: Policy<QuotaPolicy>;
  check: QuotaCheck;
  /** `pod`: pod number `admitted + 1` of `wanted`; else the object itself or one it makes (`count/deployments.apps`). */
  what: 'object' | 'pod';
  admitted: number;
  wanted: number;
}

export interface NamespaceLedger {
  policies: NamespacePolicies;
  /** Workloads in apply order, each with how its pods are admitted. */
  workloads: { workload: Workload; admission: PodAdmission }[];
  /** Per quota (same order as policies.quotas), the usage once all that fits is in. */
  used: ResourceList[];
  refusals: Map<Resource, Refusal>;
}

function applyOrder(a: Resource, b: Resource): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.docIndex - b.docIndex || Number(!!a.producedBy) - Number(!!b.producedBy);
}

/** Applies the namespace's objects to its quotas in order; undefined when it has no quota. */
export function ledgerOf(lookup: Pick<ResourceLookup, 'list'>, namespace: string): NamespaceLedger | undefined {
  const policies = policiesOf(lookup, namespace);
  if (policies.quotas.length === 0) return undefined;
  const kinds = new Map<string, { group: string; kind: string }>();
  for (const k of [...WORKLOAD_KINDS, ...countedKinds(policies.quotas.map((q) => q.policy))]) kinds.set(`${k.group}/${k.kind}`, k);
  const objects = [...kinds.values()].flatMap((k) => listed(lookup, k.group, k.kind, namespace)).sort(applyOrder);
  // The quota controller starts every resource of `hard` at zero.
  const used = policies.quotas.map((q): ResourceList => new Map([...q.policy.hard.keys()].map((k) => [k, ZERO])));
  const ledger: NamespaceLedger = { policies, workloads: [], used, refusals: new Map() };
  for (const r of objects) admitObject(ledger, r);
  return ledger;
}

/** Checks `requested` against every quota that counts it; commits it to all of them only when all agree. */
function admit(ledger: NamespaceLedger, quotas: number[], requested: ResourceList): { quota: number; check: QuotaCheck } | undefined {
  const checks = quotas.map((i) => ({ quota: i, check: checkQuota(ledger.policies.quotas[i].policy, ledger.used[i], requested) }));
  const refused = checks.find((c) => c.check.exceeded.length > 0);
  if (refused) return refused;
  for (const c of checks) ledger.used[c.quota] = c.check.after;
  return undefined;
}

function admitObject(ledger: NamespaceLedger, r: Resource): void {
  const all = ledger.policies.quotas.map((_, i) => i);
  // Object counts are kept by quotas without scopes (scoped quotas track pods only).
  const unscoped = all.filter((i) => {
    const q = ledger.policies.quotas[i].policy;
    return q.scopes.length === 0 && q.scopeSelector.length === 0;
  });
  const refuse = (quota: number, check: QuotaCheck, what: Refusal['what'], admitted = 0, wanted = 0): void => {
    ledger.refusals.set(r, { quota: ledger.policies.quotas[quota], check, what, admitted, wanted });
  };
  const names = [...objectCountNames(r)];
  const workload = r.producedBy ? undefined : workloadOf(r);
  for (const made of workload?.makes ?? []) names.push(made);
  for (const name of names) {
    const no = admit(ledger, unscoped, new Map([[name, countQuantity(1)]]));
    if (no) return refuse(no.quota, no.check, 'object');
  }
  if (!workload) return;
  const admission = admitPod(ledger.policies, workload.pod);
  ledger.workloads.push({ workload, admission });
  if (podRefused(admission)) return;
  const matching = admission.matching.map((m) => ledger.policies.quotas.indexOf(m));
  for (let i = 0; i < workload.replicas; i++) {
    const no = admit(ledger, matching, admission.usage);
    if (no) return refuse(no.quota, no.check, 'pod', i, workload.replicas);
  }
}

/** Whether one more pod of a workload (a rollout's surge pod) fits what the quotas have left. */
export function surgeCheck(
  ledger: NamespaceLedger,
  entry: NamespaceLedger['workloads'][number],
): { quota: Policy<QuotaPolicy>; check: QuotaCheck } | undefined {
  for (const q of entry.admission.matching) {
    const i = ledger.policies.quotas.indexOf(q);
    const check = checkQuota(q.policy, ledger.used[i], entry.admission.usage);
    if (check.exceeded.length > 0) return { quota: q, check };
  }
  return undefined;
}
