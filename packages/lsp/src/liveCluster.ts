// What the server knows of the cluster beyond resources to resolve against: the connection's state
// and, for each live Agent, the Deployment the operator made and its pods. Kept through an outage
// (marked stale) so views can show the last state seen rather than nothing. Objects are trimmed to
// what rollout judgement and views read: no managed fields, no env values of pod containers.
import type { KObject } from '@flokoa/kube';
import { AGENT_LABEL } from '@flokoa/core';
import type { ClusterStatus, LiveAgent, LiveObject, LiveStateResult, ResourceKey } from './protocol.js';

export interface LiveSnapshot {
  context: string;
  agents: KObject[];
  deployments: KObject[];
  pods: KObject[];
}

const AGENT_GROUP = 'agent.flokoa.ai';

export class LiveCluster {
  private statusValue: ClusterStatus = { state: 'disabled' };
  private snapshot: (LiveSnapshot & { observedAt: string }) | undefined;
  private byAgent = new Map<string, LiveAgent>();
  private readonly listeners: ((what: 'status' | 'live') => void)[] = [];

  get status(): ClusterStatus {
    return this.statusValue;
  }

  /** True while the objects are the last ones seen of a cluster that is not connected now. */
  get stale(): boolean {
    return this.snapshot !== undefined && this.statusValue.state !== 'connected';
  }

  onDidChange(listener: (what: 'status' | 'live') => void): void {
    this.listeners.push(listener);
  }

  setStatus(s: ClusterStatus): void {
    if (JSON.stringify(s) === JSON.stringify(this.statusValue)) return;
    this.statusValue = s;
    this.fire('status');
  }

  setLive(s: LiveSnapshot): void {
    this.snapshot = { ...s, observedAt: new Date().toISOString() };
    this.byAgent = groupByAgent(s);
    this.fire('live');
  }

  /** The cluster is no longer used (disabled, or another context): forget what it ran. */
  reset(): void {
    const had = this.snapshot !== undefined;
    this.snapshot = undefined;
    this.byAgent.clear();
    this.setStatus({ state: 'disabled' });
    if (had) this.fire('live');
  }

  /** The live Agent of this key, if the cluster has it. */
  agent(key: Pick<ResourceKey, 'namespace' | 'name'>): LiveAgent | undefined {
    return this.byAgent.get(`${key.namespace}/${key.name}`);
  }

  agents(): LiveAgent[] {
    return [...this.byAgent.values()];
  }

  state(keys?: ResourceKey[]): LiveStateResult {
    const agents = keys ? keys.map((k) => this.agent(k)).filter((a): a is LiveAgent => !!a) : this.agents();
    return {
      cluster: this.statusValue,
      ...(this.snapshot ? { context: this.snapshot.context, observedAt: this.snapshot.observedAt } : {}),
      stale: this.stale,
      agents,
    };
  }

  private fire(what: 'status' | 'live'): void {
    for (const l of this.listeners) l(what);
  }
}

function groupByAgent(s: LiveSnapshot): Map<string, LiveAgent> {
  const out = new Map<string, LiveAgent>();
  for (const a of s.agents) {
    const key = { group: AGENT_GROUP, kind: 'Agent', namespace: a.metadata.namespace ?? '', name: a.metadata.name };
    out.set(`${key.namespace}/${key.name}`, { key, agent: trimAgent(a), pods: [] });
  }
  // The operator names the Deployment after the Agent and labels it and its pods with the Agent's name.
  const owner = (o: KObject) => out.get(`${o.metadata.namespace ?? ''}/${o.metadata.labels?.[AGENT_LABEL] ?? o.metadata.name}`);
  for (const d of s.deployments) {
    const a = owner(d);
    if (a) a.deployment = trimWorkload(d);
  }
  for (const p of s.pods) owner(p)?.pods.push(trimWorkload(p));
  for (const a of out.values()) a.pods.sort((x, y) => x.metadata.name.localeCompare(y.metadata.name));
  return out;
}

/** An object without the server's bookkeeping (what a reader of it would not want). */
export function withoutManagedFields(o: KObject): LiveObject {
  const { managedFields: _managed, ...metadata } = o.metadata as KObject['metadata'] & { managedFields?: unknown };
  return { ...o, metadata } as LiveObject;
}

function trimAgent(a: KObject): LiveObject {
  return withoutManagedFields(a);
}

/** Containers keep what rollout judgement reads; env values may hold credentials and are dropped. */
function trimContainers(containers: unknown): unknown {
  if (!Array.isArray(containers)) return containers;
  return containers.map((c: Record<string, unknown>) => {
    const { env: _env, envFrom: _envFrom, ...rest } = c ?? {};
    return rest;
  });
}

/** A Deployment or a pod: metadata, its pod spec's containers (and the template's), status. */
function trimWorkload(o: KObject): LiveObject {
  const out = withoutManagedFields(o);
  const spec = (o.spec ?? {}) as Record<string, unknown>;
  const template = spec.template as { metadata?: unknown; spec?: Record<string, unknown> } | undefined;
  const trimmedSpec: Record<string, unknown> = { ...spec };
  if ('containers' in spec) trimmedSpec.containers = trimContainers(spec.containers);
  if ('initContainers' in spec) trimmedSpec.initContainers = trimContainers(spec.initContainers);
  if (template?.spec) {
    trimmedSpec.template = {
      ...template,
      spec: { ...template.spec, containers: trimContainers(template.spec.containers), initContainers: undefined },
    };
  }
  return { ...out, spec: trimmedSpec };
}
