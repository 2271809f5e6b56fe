// A quota on cpu or memory makes every container state that resource (Kubernetes kept this rule
// for compatibility): without a value of its own or a LimitRange default, each pod is refused.
import type { Rule } from './types.js';
import { agentAdmission, relatedAt } from './admissionFacts.js';
import { escapeSegment } from '../pointer.js';

export const quotaNeedsResources: Rule = {
  id: 'quota-needs-resources',
  defaultSeverity: 'error',
  rationale:
    'A ResourceQuota on cpu or memory refuses every pod whose containers do not state them, and no LimitRange default fills them in.',
  scope: 'workspace',
  check(ctx) {
    const a = agentAdmission(ctx);
    if (!a) return;
    const ns = ctx.resource.namespace;
    for (const { quota, result } of a.admission.missing) {
      const names = [...result.missing.keys()].sort();
      const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
      const hasResources = ctx.resource.ranges.get(a.resources) !== undefined;
      const defaults = a.policies.limitRanges.length
        ? `no LimitRange of namespace ${ns} has a default for ${names.length > 1 ? 'them' : 'it'}`
        : `namespace ${ns} has no LimitRange to give a default`;
      ctx.report({
        pointer: hasResources ? a.resources : a.workload.resourcesPointer!.replace(/\/resources$/, ''),
        onKey: true,
        message: `ResourceQuota ${quota.resource.name} covers ${list}, this container does not state ${names.length > 1 ? 'them' : 'it'} and ${defaults}: the API server refuses every pod of this Agent ("failed quota: ${quota.resource.name}: ${result.message}"). Set ${list.replace(/(^|, | and )(cpu|memory)\b/g, '$1requests.$2')} under resources.`,
        related: names.map((n) => relatedAt(quota.resource, `/spec/hard/${escapeSegment(n)}`, `${n} is limited here`)),
      });
    }
  },
};
