// ResourceQuota as kube-apiserver's quota admission and the quota controller apply it: what a pod
// uses (`pods`, `count/pods`, `requests.*`/`limits.*` and their bare forms, hugepages, extended
// resources), which quotas match it (scopes), the old rule that a quota on cpu or memory makes every
// container state it, and the `exceeded quota: ...` check against `hard` with the plugin's message.
import { isPlainObject } from '../schema/structural.js';
import { countQuantity, type Quantity } from './quantity.js';
import { addLists, exceeding, listText, maskList, readResourceList, type ResourceList } from './resourceList.js';
import { allContainers, podLimits, podRequests, type PodResources } from './pod.js';

export interface ScopeRequirement {
  scopeName: string;
  operator: string;
  values: string[];
}

export interface QuotaPolicy {
  name: string;
  hard: ResourceList;
  /** `status.used` when the object carries it (a live quota). */
  used?: ResourceList;
  scopes: string[];
  scopeSelector: ScopeRequirement[];
}

export function readQuota(object: unknown): QuotaPolicy {
  const o = isPlainObject(object) ? object : {};
  const meta = isPlainObject(o.metadata) ? o.metadata : {};
  const spec = isPlainObject(o.spec) ? o.spec : {};
  const status = isPlainObject(o.status) ? o.status : undefined;
  const selector =
    isPlainObject(spec.scopeSelector) && Array.isArray(spec.scopeSelector.matchExpressions) ? spec.scopeSelector.matchExpressions : [];
  const q: QuotaPolicy = {
    name: typeof meta.name === 'string' ? meta.name : '',
    hard: readResourceList(spec.hard).list,
    scopes: Array.isArray(spec.scopes) ? spec.scopes.filter((s): s is string => typeof s === 'string') : [],
    scopeSelector: selector.filter(isPlainObject).map((e) => ({
      scopeName: String(e.scopeName ?? ''),
      operator: String(e.operator ?? ''),
      values: Array.isArray(e.values) ? e.values.map(String) : [],
    })),
  };
  if (status && isPlainObject(status.used)) q.used = readResourceList(status.used).list;
  return q;
}

const POD_RESOURCES = new Set([
  'count/pods',
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
]);
/** Resources a container must state when a quota covers them (kept for compatibility by Kubernetes). */
const MUST_SPECIFY = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** Whether a resource name of a quota is one pods consume. */
export function isPodResource(name: string): boolean {
  return POD_RESOURCES.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-') || isExtendedQuotaName(name);
}

/** A resource outside Kubernetes' own names (`example.com/gpu`): quota takes it as `requests.<name>`. */
function isExtendedResource(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');
}

function isExtendedQuotaName(name: string): boolean {
  return name.startsWith('requests.') && isExtendedResource(name.slice('requests.'.length));
}

/** What one pod adds to a quota's usage (a pod that has ended adds nothing; the caller knows). */
export function podUsage(pod: PodResources): ResourceList {
  const out: ResourceList = new Map([
    ['pods', countQuantity(1)],
    ['count/pods', countQuantity(1)],
  ]);
  const requests = podRequests(pod);
  const limits = podLimits(pod);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const req = requests.get(r);
    if (req) {
      out.set(r, req);
      out.set(`requests.${r}`, req);
    }
    const lim = limits.get(r);
    if (lim) out.set(`limits.${r}`, lim);
  }
  for (const [r, q] of requests) {
    if (r.startsWith('hugepages-')) {
      out.set(r, q);
      out.set(`requests.${r}`, q);
    } else if (isExtendedResource(r)) out.set(`requests.${r}`, q);
  }
  return out;
}

/** Whether the quota's scopes select this pod (a scope we cannot judge offline selects nothing). */
export function quotaMatchesPod(q: QuotaPolicy, pod: PodResources): boolean {
  const bestEffort = allContainers(pod).every((c) => !['cpu', 'memory'].some((r) => c.requests.has(r) || c.limits.has(r)));
  const terminating = pod.activeDeadlineSeconds !== undefined && pod.activeDeadlineSeconds >= 0;
  const scope = (name: string): boolean | undefined => {
    if (name === 'Terminating') return terminating;
    if (name === 'NotTerminating') return !terminating;
    if (name === 'BestEffort') return bestEffort;
    if (name === 'NotBestEffort') return !bestEffort;
    return undefined;
  };
  for (const s of q.scopes) if (scope(s) !== true) return false;
  for (const e of q.scopeSelector) {
    if (e.scopeName === 'PriorityClass') {
      const p = pod.priorityClassName;
      const ok =
        e.operator === 'In'
          ? p !== undefined && e.values.includes(p)
          : e.operator === 'NotIn'
            ? p === undefined || !e.values.includes(p)
            : e.operator === 'Exists'
              ? p !== undefined
              : e.operator === 'DoesNotExist'
                ? p === undefined
                : false;
      if (!ok) return false;
      continue;
    }
    const plain = scope(e.scopeName);
    if (plain === undefined || (e.operator === 'Exists' ? !plain : e.operator === 'DoesNotExist' ? plain : true)) return false;
  }
  return true;
}

/** The pod resources a quota's `hard` covers. */
export function coveredPodResources(q: QuotaPolicy): string[] {
  return [...q.hard.keys()].filter(isPodResource).sort();
}

export interface MissingResources {
  /** resource → the containers that do not state it. */
  missing: Map<string, string[]>;
  /** `must specify limits.cpu for: agent; requests.cpu for: agent` */
  message: string;
}

/** Containers that do not state a cpu or memory the quota covers: the pod is refused ("failed quota"). */
export function missingForQuota(q: QuotaPolicy, pod: PodResources): MissingResources | undefined {
  const required = coveredPodResources(q).filter((r) => MUST_SPECIFY.has(r));
  if (required.length === 0) return undefined;
  const missing = new Map<string, string[]>();
  for (const c of allContainers(pod)) {
    const has = (r: string): boolean => {
      const bare = r.replace(/^(requests|limits)\./, '');
      return r.startsWith('limits.') ? c.limits.has(bare) : c.requests.has(bare);
    };
    for (const r of required) if (!has(r)) missing.set(r, [...(missing.get(r) ?? []), c.name]);
  }
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...new Set(missing.get(r))].sort().join(',')}`);
  return { missing, message: `must specify ${parts.join('; ')}` };
}

export interface QuotaCheck {
  /** Resources whose hard limit the new usage would pass, sorted. */
  exceeded: string[];
  /** The usage after admitting (the quota's resources only). */
  after: ResourceList;
  /** `exceeded quota: dev-quota, requested: ..., used: ..., limited: ...`, when exceeded. */
  message?: string;
}

/** Admits `requested` (non-zero usage) against a quota currently at `used`. */
export function checkQuota(q: QuotaPolicy, used: ResourceList, requested: ResourceList): QuotaCheck {
  const nonZero = new Map([...requested].filter(([, v]) => v.nanos !== 0n));
  const asked = maskList(nonZero, q.hard.keys());
  const after = addLists(used, asked);
  const exceeded = exceeding(maskList(after, asked.keys()), q.hard);
  if (exceeded.length === 0) return { exceeded, after };
  const message = `exceeded quota: ${q.name}, requested: ${listText(maskList(asked, exceeded))}, used: ${listText(maskList(used, exceeded))}, limited: ${listText(maskList(q.hard, exceeded))}`;
  return { exceeded, after, message };
}

/** How much of each of `hard`'s resources is left after `used` (never below zero). */
export function headroom(q: QuotaPolicy, used: ResourceList): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, hard] of q.hard) {
    const u = used.get(k);
    const left = hard.nanos - (u?.nanos ?? 0n);
    out.set(k, { nanos: left > 0n ? left : 0n, format: hard.format } satisfies Quantity);
  }
  return out;
}
