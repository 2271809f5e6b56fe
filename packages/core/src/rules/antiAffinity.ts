// The HA guide: spread replicas with pod anti-affinity that selects this agent's own pods.
import type { Rule } from './types.js';
import { agentPod, AGENT_LABEL } from '../agentPod.js';
import { isObject } from '../resources.js';

export const replicasWithoutAntiAffinity: Rule = {
  id: 'replicas-without-anti-affinity',
  defaultSeverity: 'warning',
  rationale: 'Without pod anti-affinity the scheduler may put every replica on one node, and one node failure takes the agent down.',
  scope: 'document',
  check(ctx) {
    const p = agentPod(ctx.resource);
    if (!p || typeof p.pod.replicas !== 'number' || p.pod.replicas <= 1) return;
    const affinity = isObject(p.pod.affinity) ? p.pod.affinity : {};
    if (isObject(affinity.podAntiAffinity)) return;
    ctx.report({
      pointer: `${p.pointer}/replicas`,
      message: `${p.pod.replicas} replicas but no podAntiAffinity: they may all land on one node. Add affinity.podAntiAffinity preferring to spread pods labelled ${AGENT_LABEL}: ${ctx.resource.name || '<name>'} over kubernetes.io/hostname.`,
    });
  },
};

/** Whether a label selector selects pods labelled flokoa.ai/agent=name. */
function selects(selector: Record<string, unknown>, name: string): boolean {
  const ml = isObject(selector.matchLabels) ? selector.matchLabels : {};
  if (ml[AGENT_LABEL] === name) return true;
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.filter(isObject) : [];
  return exprs.some((e) => e.key === AGENT_LABEL && e.operator === 'In' && Array.isArray(e.values) && e.values.includes(name));
}

export const antiAffinitySelectorMismatch: Rule = {
  id: 'anti-affinity-selector-mismatch',
  defaultSeverity: 'warning',
  rationale: `An anti-affinity term that does not select ${AGENT_LABEL}: <this agent> spreads nothing: the replicas can still share a node.`,
  scope: 'document',
  check(ctx) {
    const p = agentPod(ctx.resource);
    const name = ctx.resource.name;
    if (!p || !name) return;
    const affinity = isObject(p.pod.affinity) ? p.pod.affinity : {};
    const anti = isObject(affinity.podAntiAffinity) ? affinity.podAntiAffinity : undefined;
    if (!anti) return;
    const base = `${p.pointer}/affinity/podAntiAffinity`;
    const terms: [string, unknown][] = [];
    const preferred = anti.preferredDuringSchedulingIgnoredDuringExecution;
    if (Array.isArray(preferred))
      preferred.forEach((t, i) =>
        terms.push([
          `${base}/preferredDuringSchedulingIgnoredDuringExecution/${i}/podAffinityTerm`,
          isObject(t) ? t.podAffinityTerm : undefined,
        ]),
      );
    const required = anti.requiredDuringSchedulingIgnoredDuringExecution;
    if (Array.isArray(required)) required.forEach((t, i) => terms.push([`${base}/requiredDuringSchedulingIgnoredDuringExecution/${i}`, t]));
    for (const [ptr, term] of terms) {
      if (!isObject(term)) continue;
      const sel = isObject(term.labelSelector) ? term.labelSelector : undefined;
      if (sel && selects(sel, name)) continue;
      const ml = sel && isObject(sel.matchLabels) ? sel.matchLabels : undefined;
      const wrongValue = ml && typeof ml[AGENT_LABEL] === 'string';
      const valuePtr = `${ptr}/labelSelector/matchLabels/${AGENT_LABEL.replace('/', '~1')}`;
      const range = wrongValue ? ctx.rangeOf(valuePtr) : ctx.rangeOf(sel ? `${ptr}/labelSelector` : ptr, true);
      ctx.report({
        range,
        message: wrongValue
          ? `This anti-affinity term selects ${AGENT_LABEL}: ${String(ml![AGENT_LABEL])}, not this agent's pods (${AGENT_LABEL}: ${name}). Use ${name}.`
          : `This anti-affinity term does not select this agent's pods: add labelSelector.matchLabels ${AGENT_LABEL}: ${name}.`,
        fixes: wrongValue ? [{ title: `Select ${AGENT_LABEL}: ${name}`, edits: [{ range, newText: name }], preferred: true }] : undefined,
      });
    }
  },
};
