// Where an Agent keeps its pod: the one home of that fact for the HA rules, the plugin (image,
// service account), the views and the simulated operator. The layouts come from the generation
// the Agent is read as (api/generation-*.ts); nothing else spells an Agent JSON pointer.
import type { Resource } from '../model.js';
import { isPlainObject } from '../schema/structural.js';
import { valueAt } from '../pointer.js';
import { chooseApi } from './choose.js';
import { NEWEST_API } from './index.js';
import type { ApiDescription, ContainerField, PodLayout } from './types.js';

export { AGENT_LABEL } from './shared.js';

export interface AgentPod {
  layout: PodLayout;
  /** Pointer of the pod settings object, e.g. /spec/runtime/spec or /spec/runtime. */
  pointer: string;
  /** The pod settings ({} when the Agent has none yet: the operator's defaults apply). */
  pod: Record<string, unknown>;
  /** Whether the pod settings object is written in the Agent. */
  present: boolean;
  /** The object holding the container fields, when present (for a flat layout, the pod settings themselves). */
  container?: Record<string, unknown>;
  containerPointer: string;
  /** The image the pod runs: the one written at `pointer`, else the generation's default (`written: false`). */
  image?: { value: string; pointer: string; written: boolean };
}

/** Whether users can write a container field in this layout (probes, ports... only where the container is theirs). */
export function allows(p: AgentPod, field: ContainerField): boolean {
  return p.layout.containerFields.includes(field);
}

function selected(l: PodLayout, type: unknown): boolean {
  if (!l.selectedBy) return true;
  return typeof type === 'string' && type !== '' ? type === l.selectedBy.value : l.selectedBy.isDefault === true;
}

function podAt(agent: Record<string, unknown>, l: PodLayout, present: boolean): AgentPod {
  const pod = present ? (valueAt(agent, l.pod) as Record<string, unknown>) : {};
  const c = valueAt(agent, l.container);
  const container = isPlainObject(c) ? c : undefined;
  const out: AgentPod = { layout: l, pointer: l.pod, pod, present, container, containerPointer: l.container };
  const written = l.containerFields.includes('image') ? container?.image : undefined;
  const pointer = `${l.container}/image`;
  if (typeof written === 'string' && written !== '') out.image = { value: written, pointer, written: true };
  else {
    const fallback = l.defaultImage?.(agent);
    if (fallback) out.image = { value: fallback, pointer, written: false };
  }
  return out;
}

/**
 * The pod of an Agent object (plain JSON, e.g. read from a cluster) read as `api` (default: by its
 * own fields). `asInstalled`: the operator's own CRD is in force, so documented-only layouts are
 * what the API server drops.
 */
export function agentPodOf(agent: unknown, api?: ApiDescription, asInstalled = false): AgentPod | undefined {
  if (!isPlainObject(agent) || !isPlainObject(agent.spec)) return undefined;
  const gen = api ?? chooseApi(NEWEST_API.group, 'Agent', agent).api;
  if (!gen) return undefined;
  const type = valueAt(agent, '/spec/runtime/type');
  const layouts = gen.agent.layouts.filter((l) => selected(l, type) && !(asInstalled && l.documentedOnly));
  const found = layouts.find((l) => isPlainObject(valueAt(agent, l.pod)));
  if (found) return podAt(agent, found, true);
  return layouts[0] ? podAt(agent, layouts[0], false) : undefined;
}

/** Each Agent's pod, worked out once per resource and generation choice (a dozen rules ask for it). */
const pods = new WeakMap<Resource, { api: Resource['api']; pod: AgentPod | undefined }>();

/** The pod of a resource when it is a Flokoa Agent, read as the generation the document is read as. */
export function agentPod(r: Resource): AgentPod | undefined {
  if (r.group !== NEWEST_API.group || r.kind !== 'Agent') return undefined;
  const known = pods.get(r);
  if (known && known.api === r.api) return known.pod;
  const pod = r.api && !r.api.api ? undefined : agentPodOf(r.object, r.api?.api, r.api?.crd?.operator === true);
  pods.set(r, { api: r.api, pod });
  return pod;
}
