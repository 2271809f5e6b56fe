// Where an Agent keeps its pod settings: `spec.runtime.spec` as documented, or `spec.runtime.standard`
// as some released CRDs have it. The one home of that fact: the HA rules, the plugin (image, service
// account) and the simulated operator all read an Agent's pod through here.
import type { Resource } from './model.js';
import { isObject } from './resources.js';
import { FLOKOA_GROUP } from './kinds.js';

/** The label the operator puts on an Agent's Deployment and pods, valued with the Agent's name. */
export const AGENT_LABEL = 'flokoa.ai/agent';

export interface AgentPod {
  /** Pointer of the pod settings object, e.g. /spec/runtime/spec. */
  pointer: '/spec/runtime/spec' | '/spec/runtime/standard';
  pod: Record<string, unknown>;
  /** The container, when present. */
  container?: Record<string, unknown>;
  containerPointer: string;
}

/** The pod settings of an Agent object (plain JSON, e.g. read from a cluster), whichever shape it uses. */
export function agentPodOf(agent: unknown): AgentPod | undefined {
  const spec = isObject(agent) && isObject(agent.spec) ? agent.spec : undefined;
  const runtime = spec && isObject(spec.runtime) ? spec.runtime : undefined;
  if (!runtime) return undefined;
  for (const field of ['spec', 'standard'] as const) {
    const pod = runtime[field];
    if (isObject(pod)) {
      const pointer = `/spec/runtime/${field}` as const;
      return { pointer, pod, container: isObject(pod.container) ? pod.container : undefined, containerPointer: `${pointer}/container` };
    }
  }
  return undefined;
}

/** The pod settings of a resource when it is a Flokoa Agent. */
export function agentPod(r: Resource): AgentPod | undefined {
  if (r.group !== FLOKOA_GROUP || r.kind !== 'Agent') return undefined;
  return agentPodOf(r.object);
}
