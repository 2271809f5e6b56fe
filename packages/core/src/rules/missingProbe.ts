// The HA guide: liveness and readiness probes make restarts and rolling updates safe.
import type { Rule } from './types.js';
import { agentPod, allows } from '../api/agentPod.js';

export const missingProbe: Rule = {
  id: 'missing-probe',
  defaultSeverity: 'warning',
  rationale:
    'Without a readiness probe a rolling update sends traffic to pods that are not ready; without liveness a hung agent is never restarted.',
  scope: 'document',
  check(ctx) {
    // Only where the container is the user's: the operator builds the runner's container itself.
    const p = agentPod(ctx.resource);
    if (!p?.container || !allows(p, 'probes')) return;
    const missing = ['livenessProbe', 'readinessProbe'].filter((k) => p.container![k] === undefined || p.container![k] === null);
    if (missing.length === 0) return;
    ctx.report({
      pointer: p.containerPointer,
      onKey: true,
      message: `Container has no ${missing.join(' and no ')}. Add ${missing.length > 1 ? 'them' : 'it'} (e.g. httpGet /health for liveness and /ready for readiness on the container port).`,
    });
  },
};
