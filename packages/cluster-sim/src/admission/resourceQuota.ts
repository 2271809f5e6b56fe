// The ResourceQuota admission plugin: every object created in a namespace is checked against the
// namespace's quotas (pods for their compute resources and counts, other objects for their object
// counts); a quota that covers cpu or memory refuses containers that do not state them; the usage
// admitted is written to the quotas' status.used at once, as the real plugin does, so that pods
// created in a burst see each other.
import {
  checkQuota,
  listJson,
  missingForQuota,
  podUsage,
  quotaMatchesPod,
  readPodSpec,
  readQuota,
  countQuantity,
  type QuotaCheck,
  type QuotaPolicy,
  type ResourceList,
} from '@flokoa/core';
import type { SimContext } from '../context.js';
import type { KObject } from '../object.js';
import { clone, isPlainObject } from '../object.js';
import type { ResourceType } from '../resources.js';
import { admissionForbidden } from '../errors.js';
import { namespaceUsage, objectCountNamesOf } from './usage.js';

interface Quota {
  object: KObject;
  policy: QuotaPolicy;
}

/** The quota's usage as its status says, or counted now when the controller has not written it yet. */
function usedOf(ctx: SimContext, q: Quota): ResourceList {
  const status = isPlainObject(q.object.status) ? q.object.status : {};
  const known = isPlainObject(status.hard) && [...q.policy.hard.keys()].every((k) => k in (status.hard as object));
  if (known && q.policy.used) return q.policy.used;
  return namespaceUsage(ctx, q.object.metadata.namespace!, q.policy);
}

/** Checks a create; throws the plugin's 403, else records the new usage (unless a dry run). */
export function admitToQuotas(ctx: SimContext, t: ResourceType, obj: KObject, dryRun: boolean): void {
  const ns = obj.metadata.namespace;
  if (!t.namespaced || !ns) return;
  const quotas: Quota[] = ctx.store
    .peekList('/resourcequotas', ns)
    .map((object) => ({ object, policy: readQuota(object) }))
    .sort((a, b) => a.policy.name.localeCompare(b.policy.name));
  if (quotas.length === 0) return;
  const name = obj.metadata.name ?? '';
  let requested: ResourceList;
  let applies: Quota[];
  if (t.group === '' && t.kind === 'Pod') {
    const pod = readPodSpec(obj.spec);
    applies = quotas.filter((q) => quotaMatchesPod(q.policy, pod));
    for (const q of applies) {
      const missing = missingForQuota(q.policy, pod);
      if (missing) throw admissionForbidden(t.group, t.plural, name, `failed quota: ${q.policy.name}: ${missing.message}`);
    }
    requested = podUsage(pod);
  } else {
    applies = quotas.filter((q) => q.policy.scopes.length === 0 && q.policy.scopeSelector.length === 0);
    requested = new Map(objectCountNamesOf(t, obj).map((n) => [n, countQuantity(1)]));
  }
  const checks: [Quota, QuotaCheck][] = applies.map((q) => [q, checkQuota(q.policy, usedOf(ctx, q), requested)]);
  const refused = checks.find(([, c]) => c.exceeded.length > 0);
  if (refused) throw admissionForbidden(t.group, t.plural, name, refused[1].message!);
  if (dryRun) return;
  const quotaType = ctx.registry.get('/resourcequotas')!;
  for (const [q, c] of checks) {
    if (![...requested.keys()].some((k) => q.policy.hard.has(k))) continue;
    const next = clone(q.object);
    next.status = { hard: listJson(q.policy.hard), used: listJson(c.after) };
    ctx.api.update(quotaType, ns, q.policy.name, next, { fieldManager: 'kube-apiserver', subresource: 'status' });
  }
}
