// Where an Agent keeps its pod settings: `spec.runtime.spec` as documented, or `spec.runtime.standard`
// as some released CRDs have it. The HA rules read both.
import type { Resource } from '../model.js';
import { isObject } from '../resources.js';
import { FLOKOA_GROUP } from '../kinds.js';

export interface AgentPod {
  /** Pointer of the pod settings object, e.g. /spec/runtime/spec. */
  pointer: string;
  pod: Record<string, unknown>;
  /** The container, when present. */
  container?: Record<string, unknown>;
  containerPointer: string;
}

export function agentPod(r: Resource): AgentPod | undefined {
  if (r.group !== FLOKOA_GROUP || r.kind !== 'Agent') return undefined;
  const spec = isObject(r.object.spec) ? r.object.spec : undefined;
  const runtime = spec && isObject(spec.runtime) ? spec.runtime : undefined;
  if (!runtime) return undefined;
  for (const field of ['spec', 'standard']) {
    const pod = runtime[field];
    if (isObject(pod)) {
      const pointer = `/spec/runtime/${field}`;
      return { pointer, pod, container: isObject(pod.container) ? pod.container : undefined, containerPointer: `${pointer}/container` };
    }
  }
  return undefined;
}
