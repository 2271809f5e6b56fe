// `refs -f` on manifests follows the linter's policy (core's referenceSeverity): a reference fails
// the gate exactly when `flokoa-lsp check` reports it as an error. A Secret, ConfigMap, Service or
// ServiceAccount no file defines is shown, but (like the linter's hint) does not fail: it usually
// lives in the cluster. And every Flokoa object with references is covered, not only Agents'
// chains: a Model no Agent uses, an AgentWorkflow's steps and an AgentTrigger's targets too.
import { ALL_REFERENCE_SPECS, FLOKOA_GROUP, keyString, referenceSeverity, type ReferenceProblem, type Resource } from '@flokoa/core';
import type { Workspace } from '@flokoa/core';
import { summarize, walkNodes, type RefNode, type RefsReport } from './model.js';

const PROBLEM: Partial<Record<RefNode['state'], ReferenceProblem>> = {
  missing: 'missing',
  'wrong-kind': 'wrong-kind',
  'key-missing': 'key-missing',
};

/** The Agents, then every other Flokoa object with references that no Agent's chain reaches. */
export function fileRoots(ws: Workspace, agents: Resource[], reached: Set<string>): Resource[] {
  const referring = new Set(ALL_REFERENCE_SPECS.map((s) => s.fromKind));
  const others = ws
    .resources({ group: FLOKOA_GROUP })
    .filter((r) => r.kind !== 'Agent' && referring.has(r.kind) && !r.producedBy && !reached.has(keyString(r)))
    .sort((a, b) => `${a.kind}/${a.namespace}/${a.name}`.localeCompare(`${b.kind}/${b.namespace}/${b.name}`));
  return [...agents, ...others];
}

/** Keys of every object reached from these roots' chains. */
export function reachedKeys(report: RefsReport): Set<string> {
  const out = new Set<string>();
  for (const root of report.roots) walkNodes(root.references, (n) => out.add(keyString(n)));
  return out;
}

/** Marks as broken exactly what the linter reports as an error under these settings. */
export function judgeAsLinter(report: RefsReport, settings: Parameters<typeof referenceSeverity>[2]): RefsReport {
  for (const root of report.roots) {
    walkNodes(root.references, (n) => {
      const problem = PROBLEM[n.state];
      if (!problem || n.optional) return;
      n.broken = referenceSeverity(n, problem, settings) === 'error';
      if (!n.broken && n.reason) n.reason += ' (not in these files: it may live in the cluster)';
    });
  }
  return { ...report, summary: summarize(report.roots) };
}
