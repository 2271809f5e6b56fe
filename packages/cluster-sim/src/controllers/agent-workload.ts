// What the Flokoa operator makes of an Agent, in the generation the Agent is read as: a Deployment
// of its name (the operator's labels on it, its selector and its pods; the agent container from
// the layout the generation describes, with the operator's default image where none is written),
// the Services, and the compiled-spec ConfigMap of generations that compile one. Everything that
// differs between generations comes from @flokoa/core's API description.

import { agentPodOf, type ApiDescription, type ContainerPort } from '@flokoa/core';
import type { KObject } from '../object.js';
import { clone, isPlainObject } from '../object.js';

export interface AgentWorkload {
  deployment?: KObject;
  services: KObject[];
  configMap?: KObject;
  /** Why no Deployment can be made (the real operator reports it on the Agent instead). */
  problem?: string;
  url: string;
  labels: Record<string, string>;
}

/** Pod-level settings the operator copies from the Agent to the pod template. */
const POD_FIELDS = ['affinity', 'nodeSelector', 'tolerations', 'serviceAccountName', 'imagePullSecrets', 'securityContext', 'volumes'];

function portsOf(container: Record<string, unknown>): ContainerPort[] {
  const ports = Array.isArray(container.ports) ? container.ports.filter(isPlainObject) : [];
  return ports.map((p) => ({
    containerPort: Number(p.containerPort),
    ...(typeof p.name === 'string' ? { name: p.name } : {}),
    ...(typeof p.protocol === 'string' ? { protocol: p.protocol } : {}),
  }));
}

/** The agent container: the user's own (layouts with a `ports` field), else the one the operator builds. */
function containerOf(api: ApiDescription, pod: NonNullable<ReturnType<typeof agentPodOf>>, image: string): Record<string, unknown> {
  const written = pod.container ?? {};
  if (pod.layout.containerFields.includes('ports')) return { name: api.agent.containerName, ...clone(written), image };
  const out: Record<string, unknown> = { name: api.agent.containerName, image, ports: clone(pod.layout.operatorPorts ?? []) };
  for (const f of ['env', 'resources'] as const)
    if (pod.layout.containerFields.includes(f) && written[f] !== undefined) out[f] = clone(written[f]);
  return out;
}

function metadataOf(name: string, namespace: string, labels: Record<string, string>, owner: Record<string, unknown>): KObject['metadata'] {
  return { name, namespace, labels, ownerReferences: [owner as never] };
}

/** The objects the operator wants for `agent`, read as generation `api`. */
export function agentWorkload(agent: KObject, api: ApiDescription, owner: Record<string, unknown>, changeCause?: string): AgentWorkload {
  const name = agent.metadata.name!;
  const ns = agent.metadata.namespace!;
  const labels = api.agent.podLabels(name);
  const url = api.agent.url(name, ns);
  const pod = agentPodOf(agent, api);
  const image = pod?.image?.value;
  if (!pod || !image) {
    const where = pod ? pod.layout.container.slice(1).replace(/\//g, '.') : 'spec.runtime';
    return { services: [], problem: `${where}.image is not set`, url, labels };
  }
  const container = containerOf(api, pod, image);
  const podSpec: Record<string, unknown> = { containers: [container] };
  for (const f of POD_FIELDS) if (pod.pod[f] !== undefined) podSpec[f] = clone(pod.pod[f]);
  const selector = Object.fromEntries(api.agent.selectorLabels.map((k) => [k, labels[k]!]));
  const deployment: KObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      ...metadataOf(name, ns, labels, owner),
      ...(changeCause !== undefined ? { annotations: { 'kubernetes.io/change-cause': changeCause } } : {}),
    },
    spec: {
      replicas: typeof pod.pod.replicas === 'number' ? pod.pod.replicas : 1,
      selector: { matchLabels: selector },
      template: { metadata: { labels: { ...labels } }, spec: podSpec },
      ...(isPlainObject(pod.pod.strategy) ? { strategy: clone(pod.pod.strategy) } : {}),
    },
  };
  const services = api.agent.services(name, portsOf(container)).map((s): KObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadataOf(s.name, ns, { ...labels, ...(s.labels ?? {}) }, owner),
    spec: { type: 'ClusterIP', selector: { ...labels }, ports: s.ports },
  }));
  const cm = api.agent.specConfigMap?.(name);
  const configMap: KObject | undefined = cm
    ? {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: metadataOf(cm, ns, { ...labels }, owner),
        // The compiled spec itself is the real operator's business; the keys are what the pod mounts.
        data: { 'agent-spec.yaml': `name: ${name}\n`, 'agent-card.json': JSON.stringify({ name }) },
      }
    : undefined;
  return { deployment, services, ...(configMap ? { configMap } : {}), url, labels };
}
