// The HA guide: spread replicas with pod anti-affinity that selects this agent's own pods. What
// the pods are labelled with is the operator's choice (the generation's `podLabels`), so a term
// selecting any of those labels (app.kubernetes.io/name: <agent> as much as flokoa.ai/agent) counts.
import type { Rule } from './types.js';
import { agentPod, AGENT_LABEL } from '../api/agentPod.js';
import { isPlainObject } from '../schema/structural.js';
import { escapeSegment } from '../pointer.js';

export const replicasWithoutAntiAffinity: Rule = {
  id: 'replicas-without-anti-affinity',
  defaultSeverity: 'warning',
  rationale: 'Without pod anti-affinity the scheduler may put every replica on one node, and one node failure takes the agent down.',
  scope: 'document',
  check(ctx) {
    const p = agentPod(ctx.resource);
    if (!p || typeof p.pod.replicas !== 'number' || p.pod.replicas <= 1) return;
    const affinity = isPlainObject(p.pod.affinity) ? p.pod.affinity : {};
    if (isPlainObject(affinity.podAntiAffinity)) return;
    ctx.report({
      pointer: `${p.pointer}/replicas`,
      message: `${p.pod.replicas} replicas but no podAntiAffinity: they may all land on one node. Add ${p.pointer.slice(1).replace(/\//g, '.')}.affinity.podAntiAffinity preferring to spread pods labelled ${AGENT_LABEL}: ${ctx.resource.name || '<name>'} over kubernetes.io/hostname.`,
    });
  },
};

/** Whether a Kubernetes label selector selects a pod with these labels. */
export function selectsLabels(selector: Record<string, unknown>, labels: Record<string, string>): boolean {
  const ml = isPlainObject(selector.matchLabels) ? selector.matchLabels : {};
  for (const [k, v] of Object.entries(ml)) if (labels[k] !== v) return false;
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.filter(isPlainObject) : [];
  return exprs.every((e) => {
    const key = typeof e.key === 'string' ? e.key : '';
    const values = Array.isArray(e.values) ? e.values : [];
    const has = Object.hasOwn(labels, key);
    if (e.operator === 'In') return has && values.includes(labels[key]);
    if (e.operator === 'NotIn') return !has || !values.includes(labels[key]);
    if (e.operator === 'Exists') return has;
    if (e.operator === 'DoesNotExist') return !has;
    return false;
  });
}

function termsOf(anti: Record<string, unknown>, base: string): [string, unknown][] {
  const terms: [string, unknown][] = [];
  const preferred = anti.preferredDuringSchedulingIgnoredDuringExecution;
  if (Array.isArray(preferred))
    preferred.forEach((t, i) =>
      terms.push([
        `${base}/preferredDuringSchedulingIgnoredDuringExecution/${i}/podAffinityTerm`,
        isPlainObject(t) ? t.podAffinityTerm : undefined,
      ]),
    );
  const required = anti.requiredDuringSchedulingIgnoredDuringExecution;
  if (Array.isArray(required)) required.forEach((t, i) => terms.push([`${base}/requiredDuringSchedulingIgnoredDuringExecution/${i}`, t]));
  return terms;
}

export const antiAffinitySelectorMismatch: Rule = {
  id: 'anti-affinity-selector-mismatch',
  defaultSeverity: 'warning',
  rationale: "An anti-affinity term that does not select this agent's own pods spreads nothing: the replicas can still share a node.",
  scope: 'document',
  check(ctx) {
    const p = agentPod(ctx.resource);
    const name = ctx.resource.name;
    const api = ctx.resource.api?.api;
    if (!p || !name || !api) return;
    const affinity = isPlainObject(p.pod.affinity) ? p.pod.affinity : {};
    const anti = isPlainObject(affinity.podAntiAffinity) ? affinity.podAntiAffinity : undefined;
    if (!anti) return;
    const labels = api.agent.podLabels(name);
    for (const [ptr, term] of termsOf(anti, `${p.pointer}/affinity/podAntiAffinity`)) {
      if (!isPlainObject(term)) continue;
      const sel = isPlainObject(term.labelSelector) ? term.labelSelector : undefined;
      if (sel && selectsLabels(sel, labels)) continue;
      const ml = sel && isPlainObject(sel.matchLabels) ? sel.matchLabels : undefined;
      const wrongKey = ml
        ? Object.keys(ml).find((k) => Object.hasOwn(labels, k) && ml[k] !== labels[k] && typeof ml[k] === 'string')
        : undefined;
      const valuePtr = wrongKey ? `${ptr}/labelSelector/matchLabels/${escapeSegment(wrongKey)}` : '';
      const range = wrongKey ? ctx.rangeOf(valuePtr) : ctx.rangeOf(sel ? `${ptr}/labelSelector` : ptr, true);
      const want = wrongKey ? labels[wrongKey]! : name;
      ctx.report({
        range,
        message: wrongKey
          ? `This anti-affinity term selects ${wrongKey}: ${String(ml![wrongKey])}, not this agent's pods (${wrongKey}: ${want}). Use ${want}.`
          : `This anti-affinity term does not select this agent's pods (the operator labels them ${Object.entries(labels)
              .map(([k, v]) => `${k}: ${v}`)
              .join(', ')}): add labelSelector.matchLabels ${AGENT_LABEL}: ${name}.`,
        fixes: wrongKey ? [{ title: `Select ${wrongKey}: ${want}`, edits: [{ range, newText: want }], preferred: true }] : undefined,
      });
    }
  },
};
