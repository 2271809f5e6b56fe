// Least privilege (the namespaces guide): grant get/list on the Flokoa kinds needed, never `*`.
import type { Rule } from './types.js';
import { FLOKOA_GROUP } from '../kinds.js';
import { RBAC_GROUP, rulesOf } from '../admission/rbac.js';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export const rbacWildcard: Rule = {
  id: 'rbac-wildcard',
  defaultSeverity: 'warning',
  rationale:
    'A role granting every verb or every resource of agent.flokoa.ai gives far more than reading the Models and tools an agent uses.',
  scope: 'document',
  checks: 'roles',
  check(ctx) {
    const r = ctx.resource;
    if (r.group !== RBAC_GROUP || (r.kind !== 'Role' && r.kind !== 'ClusterRole')) return;
    rulesOf(r.object).forEach((rule, i) => {
      const groups = strings(rule.apiGroups);
      if (!groups.includes(FLOKOA_GROUP) && !groups.includes('*')) return;
      for (const field of ['verbs', 'resources'] as const) {
        const at = strings(rule[field]).indexOf('*');
        if (at < 0) continue;
        const what = field === 'verbs' ? 'every verb' : 'every resource';
        ctx.report({
          pointer: `/rules/${i}/${field}/${at}`,
          message: `${r.kind} ${r.name} grants ${what} on ${groups.includes('*') ? 'every API group, agent.flokoa.ai included' : 'agent.flokoa.ai'}. Grant only what is used, e.g. verbs [get, list] on resources [models, agenttools].`,
        });
      }
    });
  },
};
