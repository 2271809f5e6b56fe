// The HA guide: always set requests and limits for CPU and memory.
import type { Rule } from './types.js';
import { agentPod, allows } from '../api/agentPod.js';
import { isPlainObject } from '../schema/structural.js';

export const missingResources: Rule = {
  id: 'missing-resources',
  defaultSeverity: 'warning',
  rationale: 'Without requests the scheduler places pods blindly; without limits one agent can starve its node.',
  scope: 'document',
  check(ctx) {
    const p = agentPod(ctx.resource);
    if (!p?.container || !allows(p, 'resources')) return;
    const res = isPlainObject(p.container.resources) ? p.container.resources : {};
    const missing: string[] = [];
    for (const section of ['requests', 'limits']) {
      const s = isPlainObject(res[section]) ? res[section] : {};
      for (const r of ['cpu', 'memory']) if (s[r] === undefined || s[r] === null || s[r] === '') missing.push(`${section}.${r}`);
    }
    if (missing.length === 0) return;
    const hasResources = p.container.resources !== undefined;
    ctx.report({
      pointer: hasResources ? `${p.containerPointer}/resources` : p.containerPointer,
      onKey: true,
      message: `Container resources lack ${missing.join(', ')}. Set requests and limits for cpu and memory (e.g. requests cpu: 500m, memory: 512Mi; limits cpu: 2000m, memory: 2Gi).`,
    });
  },
};
