// The top of the live view (a verdict with its reason, the facts that matter first) and the fitting
// of the whole view to the terminal's height (old revisions and pods folded into counts), so that a
// redraw never scrolls: a frame taller than the screen leaves a copy of itself in the scrollback.
import type { KObject } from '@flokoa/kube';
import type { AgentState } from '../rollout/agentState.js';
import { imageLocation } from '../agentImage.js';
import { evaluateRollout, formatPodProblem, podProblems } from '../rollout/evaluate.js';
import type { Palette } from '../cli/output.js';

export interface ViewRow {
  key: string;
  /** Text without ages: what "changed" means for line-per-change output. */
  stable: string;
  /** Text as displayed (tree prefix, ages). */
  display: string;
  /** A revision's row: is it the current one, how many pods (ready) it has: what fitting may fold. */
  fold?: { current: boolean; pods: number; ready: number };
  /** A pod's row: its revision's ReplicaSet. */
  podOf?: { rs: string; current: boolean };
}

export type Health = 'Healthy' | 'Progressing' | 'Degraded';

/** Healthy (rolled out), Progressing (and what it waits for) or Degraded (and why). */
export function verdictOf(state: AgentState, name: string): { health: Health; why?: string } {
  const v = evaluateRollout(state, name);
  // A pod not Ready yet is progress; the failures that need someone are the ones counted here.
  const problems = podProblems(state.pods.values(), v.targetImage).filter((p) => p.reason !== 'NotReady');
  if (v.failed) return { health: 'Degraded', why: [v.message, ...problems.slice(0, 1).map(formatPodProblem)].join('; ') };
  if (problems.length) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more pod${problems.length > 2 ? 's' : ''})` : '';
    return { health: 'Degraded', why: formatPodProblem(problems[0]) + more };
  }
  if (v.done) return { health: 'Healthy' };
  return {
    health: 'Progressing',
    why: v.message.replace(/^Waiting for (deployment "[^"]*" rollout to finish: )?/, 'waiting for ').replace(/\.\.\.$/, ''),
  };
}

export function isReady(pod: KObject): boolean {
  const conditions = (pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions;
  return conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** `agent/NAME  Health  ready R/W  image IMAGE`, then the reason when not Healthy. */
export function headRows(state: AgentState, agent: KObject, name: string, p: Palette): ViewRow[] {
  const { health, why } = verdictOf(state, name);
  const dep = state.deployment;
  const wanted = (dep?.spec as { replicas?: number } | undefined)?.replicas;
  const ready = (dep?.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0;
  const generation = agent.metadata.generation ?? 0;
  const observed = (agent.status as { observedGeneration?: number } | undefined)?.observedGeneration;
  const gen = observed === undefined || observed < generation ? `  generation ${generation} (observed ${observed ?? 'none'})` : '';
  const line = `agent/${name}  ${health}${wanted !== undefined ? `  ready ${ready}/${wanted}` : ''}  image ${imageLocation(agent)?.image ?? '<none>'}${gen}`;
  const paint = health === 'Healthy' ? p.green : health === 'Degraded' ? p.red : p.yellow;
  const rows: ViewRow[] = [{ key: 'agent', stable: line, display: p.bold(line.replace(health, paint(health))) }];
  if (why) rows.push({ key: 'verdict', stable: `│  ${why}`, display: `│  ${paint(why)}` });
  return rows;
}

/**
 * The view in at most `height` rows: first the pods of old revisions fold into their revision's row,
 * then old revisions beyond what fits fold into one row, then the current revision's pods are cut
 * with a count of the rest. The head (agent, verdict, deployment) always shows.
 */
export function fitRows(rows: ViewRow[], height: number): ViewRow[] {
  if (rows.length <= height) return rows;
  let out = rows.flatMap((r): ViewRow[] => {
    if (r.podOf && !r.podOf.current) return [];
    if (r.fold && !r.fold.current && r.fold.pods) {
      const more = `  (${r.fold.pods} pod${r.fold.pods > 1 ? 's' : ''}, ${r.fold.ready} ready)`;
      return [{ ...r, stable: r.stable + more, display: r.display + more }];
    }
    return [r];
  });
  if (out.length > height) {
    const old = out.filter((r) => r.fold && !r.fold.current);
    const room = Math.max(0, height - (out.length - old.length) - 1);
    const hidden = new Set(old.slice(room).map((r) => r.key));
    if (hidden.size) {
      const at = out.findIndex((r) => hidden.has(r.key));
      const line = `   └─ … ${hidden.size} older revision${hidden.size > 1 ? 's' : ''}`;
      out = [
        ...out.slice(0, at).filter((r) => !hidden.has(r.key)),
        { key: 'older', stable: line, display: line },
        ...out.slice(at).filter((r) => !hidden.has(r.key)),
      ];
    }
  }
  if (out.length > height) {
    const pods = out.filter((r) => r.podOf);
    const keep = Math.max(0, pods.length - (out.length - height) - 1);
    const cut = pods.slice(keep);
    const line = `   │  └─ … ${cut.length} more pod${cut.length > 1 ? 's' : ''}`;
    const at = out.indexOf(cut[0]);
    const cutKeys = new Set(cut.map((r) => r.key));
    out = [...out.slice(0, at), { key: 'more-pods', stable: line, display: line }, ...out.slice(at).filter((r) => !cutKeys.has(r.key))];
  }
  return out.slice(0, height);
}
