// The pods an object makes run in its namespace: an Agent (the Deployment its operator creates),
// a Deployment, StatefulSet, ReplicaSet, Job or bare Pod. Quota accounting sums these; the rules
// report on Agents, whose pod comes from core's description of where an Agent keeps it.
import type { Resource } from '../model.js';
import { agentPod } from '../api/agentPod.js';
import { FLOKOA_GROUP } from '../kinds.js';
import { isPlainObject } from '../schema/structural.js';
import { readContainer, readPodSpec, type PodResources } from './pod.js';
import { rolloutBudget, type RolloutBudget } from './rollout.js';

export interface Workload {
  resource: Resource;
  /** The pod as written (before the API server's and LimitRanges' defaults). */
  pod: PodResources;
  replicas: number;
  /** Deployments and Agents roll out with a surge. */
  budget?: RolloutBudget;
  /** Objects it makes besides pods, as a quota counts them (`count/deployments.apps`). */
  makes: string[];
  /** Agents: pointers of the agent container's `resources` and of `replicas` in the source. */
  resourcesPointer?: string;
  replicasPointer?: string;
}

/** The Kinds whose pods count; the workspace indexes them for quota accounting. */
export const WORKLOAD_KINDS: readonly { group: string; kind: string }[] = [
  { group: FLOKOA_GROUP, kind: 'Agent' },
  { group: 'apps', kind: 'Deployment' },
  { group: 'apps', kind: 'StatefulSet' },
  { group: 'apps', kind: 'ReplicaSet' },
  { group: 'batch', kind: 'Job' },
  { group: '', kind: 'Pod' },
];

function count(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fallback;
}

/** The pods a resource runs, or undefined when it runs none. */
export function workloadOf(r: Resource): Workload | undefined {
  const o = r.object;
  const spec = isPlainObject(o.spec) ? o.spec : {};
  const template = isPlainObject(spec.template) ? spec.template.spec : undefined;
  if (r.group === FLOKOA_GROUP && r.kind === 'Agent') {
    const p = agentPod(r);
    if (!p) return undefined;
    const replicas = count(p.pod.replicas, 1);
    // The pod the operator builds has only the agent container, named by the generation.
    const container = readContainer(p.container ?? {}, r.api?.api?.agent.containerName ?? 'agent');
    return {
      resource: r,
      pod: { containers: [container], initContainers: [] },
      replicas,
      budget: rolloutBudget(replicas, p.pod.strategy),
      makes: ['count/deployments.apps', 'count/replicasets.apps'],
      resourcesPointer: `${p.containerPointer}/resources`,
      replicasPointer: `${p.pointer}/replicas`,
    };
  }
  if (r.group === 'apps' && r.kind === 'Deployment') {
    const replicas = count(spec.replicas, 1);
    return {
      resource: r,
      pod: readPodSpec(template),
      replicas,
      budget: rolloutBudget(replicas, spec.strategy),
      makes: ['count/replicasets.apps'],
    };
  }
  if (r.group === 'apps' && (r.kind === 'StatefulSet' || r.kind === 'ReplicaSet')) {
    return { resource: r, pod: readPodSpec(template), replicas: count(spec.replicas, 1), makes: [] };
  }
  if (r.group === 'batch' && r.kind === 'Job') {
    const parallelism = count(spec.parallelism, 1);
    const completions = typeof spec.completions === 'number' ? count(spec.completions, parallelism) : parallelism;
    return { resource: r, pod: readPodSpec(template), replicas: Math.min(parallelism, completions), makes: [] };
  }
  if (r.group === '' && r.kind === 'Pod') return { resource: r, pod: readPodSpec(spec), replicas: 1, makes: [] };
  return undefined;
}
