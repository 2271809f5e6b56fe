// What a namespace admits: quantities, LimitRanges, ResourceQuotas, rollouts, and the ledger of a
// namespace's workloads against its quotas. Pure; cluster-sim enforces with the same functions.
export * from './quantity.js';
export * from './resourceList.js';
export * from './pod.js';
export * from './limitRange.js';
export * from './quota.js';
export * from './rollout.js';
export * from './objectCounts.js';
export * from './workloads.js';
export * from './ledger.js';
export * from './rbac.js';
export * from './rbacGrants.js';
export * from './explain.js';
export * from './headroom.js';
