// A simulated Flokoa operator. Each Agent gets a Deployment and a Service of its name, owned by
// the Agent; its status follows the Deployment (phase, replicas, url, observedGeneration, Ready
// condition). Models, ModelProviders and AgentTools get a Ready condition that says which
// reference is missing. What counts as a reference comes from @flokoa/core's reference table,
// the same one the editor and the plugin resolve with.

import type { Reference, Resource } from '@flokoa/core';
import { agentPodOf, referencesOf, resourcesFromObject } from '@flokoa/core';
import { rfc3339 } from '../clock.js';
import type { SimContext } from '../context.js';
import { FLOKOA_GROUP } from '../default-crds.js';
import type { KObject } from '../object.js';
import { clone, controllerOf, deepEqual, getPath, isPlainObject } from '../object.js';
import type { ResourceType } from '../resources.js';
import { splitKey, WorkQueue } from './queue.js';

const MANAGER = 'flokoa-operator';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const KINDS = ['agents', 'models', 'modelproviders', 'agenttools'] as const;
type FlokoaPlural = (typeof KINDS)[number];

/** Which Flokoa kinds must be re-examined when an object of a store key changes. */
const DEPENDENTS: Record<string, FlokoaPlural[]> = {
  '/secrets': ['modelproviders', 'agents'],
  '/configmaps': ['agenttools', 'agents'],
  '/services': ['agenttools'],
  '/serviceaccounts': ['agents'],
  [`${FLOKOA_GROUP}/modelproviders`]: ['models'],
  [`${FLOKOA_GROUP}/models`]: ['agents'],
  [`${FLOKOA_GROUP}/agenttools`]: ['agents'],
};

interface Readiness {
  ready: boolean;
  reason: string;
  message: string;
}

function asResource(o: KObject): Resource | undefined {
  return resourcesFromObject(o, {
    uri: 'cluster://cluster-sim',
    namespace: (ns) => ({ namespace: typeof ns === 'string' ? ns : 'default', source: { kind: 'cluster' } }),
  })[0];
}

function readyCondition(o: KObject | undefined): Record<string, unknown> | undefined {
  const conds = getPath(o, 'status.conditions');
  return Array.isArray(conds)
    ? (conds.find((c) => isPlainObject(c) && c.type === 'Ready') as Record<string, unknown> | undefined)
    : undefined;
}

export class FlokoaOperator {
  private readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ctx: SimContext,
    onError: (key: string, err: unknown) => void,
  ) {
    this.queue = new WorkQueue((key) => this.reconcile(key), onError);
    this.unsubscribe = ctx.store.subscribe((e) => {
      const [group, plural] = splitKey(e.key);
      if (group === FLOKOA_GROUP && (KINDS as readonly string[]).includes(plural)) {
        this.queue.add(`${plural}|${e.object.metadata.namespace}/${e.object.metadata.name}`);
      }
      for (const dep of DEPENDENTS[e.key] ?? []) this.enqueueAll(dep);
      if (e.key === 'apps/deployments' || e.key === '/services') {
        const owner = controllerOf(e.object);
        if (owner?.kind === 'Agent') this.queue.add(`agents|${e.object.metadata.namespace}/${owner.name}`);
      }
    });
  }

  stop(): void {
    this.unsubscribe();
    this.queue.stop();
  }

  private enqueueAll(plural: FlokoaPlural): void {
    for (const o of this.ctx.store.peekList(`${FLOKOA_GROUP}/${plural}`))
      this.queue.add(`${plural}|${o.metadata.namespace}/${o.metadata.name}`);
  }

  private type(plural: string, group = FLOKOA_GROUP): ResourceType | undefined {
    return this.ctx.registry.get(`${group}/${plural}`);
  }

  private reconcile(key: string): void {
    const [plural, rest] = key.split('|');
    const [ns, name] = splitKey(rest);
    const t = this.type(plural);
    if (!t) return;
    const o = this.ctx.store.get(`${FLOKOA_GROUP}/${plural}`, ns, name);
    if (!o || o.metadata.deletionTimestamp) return;
    if (plural === 'agents') this.reconcileAgent(t, o);
    else {
      const r = this.referencesReady(o);
      this.writeReady(t, o, r, { phase: r.ready ? 'Ready' : 'Failed' });
    }
  }

  /** Checks every reference the core table finds: the target exists, has the key, and (for Flokoa kinds) is Ready. */
  private referencesReady(o: KObject, optionalToo = false): Readiness {
    const r = asResource(o);
    if (!r) return { ready: true, reason: 'Ready', message: '' };
    for (const ref of referencesOf(r)) {
      if (ref.optional && !optionalToo) continue;
      const problem = this.problemOf(ref);
      if (problem) return { ready: false, ...problem };
    }
    return { ready: true, reason: 'Ready', message: `${o.kind} is ready` };
  }

  private problemOf(ref: Reference): { reason: string; message: string } | undefined {
    const { group, kind, namespace, name } = ref.target;
    const t = this.ctx.registry.byKindName(group, kind);
    if (!t) return undefined;
    const target = this.ctx.store.peek(`${t.group}/${t.plural}`, t.namespaced ? namespace : undefined, name);
    const where = t.namespaced ? `${namespace}/${name}` : name;
    if (!target) return { reason: `${kind}NotFound`, message: `${kind} "${where}" not found` };
    if (ref.key !== undefined) {
      const data = { ...(isPlainObject(target.data) ? target.data : {}), ...(isPlainObject(target.binaryData) ? target.binaryData : {}) };
      if (!(ref.key in data)) return { reason: `${kind}KeyNotFound`, message: `key "${ref.key}" not found in ${kind} "${where}"` };
    }
    if (group === FLOKOA_GROUP) {
      const ready = readyCondition(target);
      if (ready && ready.status !== 'True')
        return { reason: `${kind}NotReady`, message: `${kind} "${where}" is not ready: ${String(ready.message ?? ready.reason ?? '')}` };
    }
    return undefined;
  }

  private writeReady(t: ResourceType, o: KObject, r: Readiness, extra: Record<string, unknown>): void {
    const prev = isPlainObject(o.status) ? o.status : {};
    const prevReady = readyCondition(o);
    const status = r.ready ? 'True' : 'False';
    const condition = {
      type: 'Ready',
      status,
      reason: r.reason,
      message: r.message,
      lastTransitionTime: prevReady && prevReady.status === status ? prevReady.lastTransitionTime : rfc3339(this.ctx.clock.now()),
      observedGeneration: o.metadata.generation,
    };
    const next: Record<string, unknown> = { ...prev, ...extra, observedGeneration: o.metadata.generation, conditions: [condition] };
    if (deepEqual(prev, next)) return;
    const updated = clone(o);
    updated.status = next;
    this.ctx.api.update(t, o.metadata.namespace, o.metadata.name!, updated, { fieldManager: MANAGER, subresource: 'status' });
  }

  private reconcileAgent(t: ResourceType, agent: KObject): void {
    const ns = agent.metadata.namespace!;
    const name = agent.metadata.name!;
    const agentPod = agentPodOf(agent);
    const rt = agentPod?.pod ?? {};
    const container = { name: 'agent', ...(isPlainObject(rt.container) ? clone(rt.container) : {}) } as Record<string, unknown>;
    const labels = {
      'app.kubernetes.io/name': name,
      'app.kubernetes.io/instance': name,
      'app.kubernetes.io/managed-by': MANAGER,
      'flokoa.ai/agent': name,
    };
    const owner = {
      apiVersion: agent.apiVersion!,
      kind: 'Agent',
      name,
      uid: agent.metadata.uid!,
      controller: true,
      blockOwnerDeletion: true,
    };
    const podSpec: Record<string, unknown> = { containers: [container] };
    for (const f of ['affinity', 'nodeSelector', 'tolerations', 'serviceAccountName', 'imagePullSecrets', 'securityContext', 'volumes']) {
      if (rt[f] !== undefined) podSpec[f] = clone(rt[f]);
    }
    if (typeof container.image !== 'string' || container.image === '') {
      // Nothing to run: the real operator reports it rather than creating a Deployment the API would refuse.
      const where = agentPod ? agentPod.pointer.slice(1).replace(/\//g, '.') : 'spec.runtime';
      this.writeReady(
        t,
        agent,
        { ready: false, reason: 'InvalidRuntime', message: `${where}.container.image is not set` },
        { phase: 'Failed', replicas: 0, availableReplicas: 0, url: `http://${name}.${ns}.svc.cluster.local` },
      );
      return;
    }
    const changeCause = agent.metadata.annotations?.[CHANGE_CAUSE];
    const deployments = this.type('deployments', 'apps')!;
    const desired: KObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name,
        namespace: ns,
        labels,
        ownerReferences: [owner],
        ...(changeCause !== undefined ? { annotations: { [CHANGE_CAUSE]: changeCause } } : {}),
      },
      spec: {
        replicas: typeof rt.replicas === 'number' ? rt.replicas : 1,
        selector: { matchLabels: { 'flokoa.ai/agent': name } },
        template: {
          metadata: { labels: { 'flokoa.ai/agent': name, 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name } },
          spec: podSpec,
        },
        ...(isPlainObject(rt.strategy) ? { strategy: clone(rt.strategy) } : {}),
      },
    };
    let dep = this.ctx.store.get('apps/deployments', ns, name);
    if (!dep) dep = this.ctx.api.create(deployments, ns, desired, { fieldManager: MANAGER }).object;
    else if (controllerOf(dep)?.uid === agent.metadata.uid) {
      const next = clone(dep);
      next.metadata.labels = { ...(next.metadata.labels ?? {}), ...labels };
      const annotations = { ...(next.metadata.annotations ?? {}) };
      if (changeCause !== undefined) annotations[CHANGE_CAUSE] = changeCause;
      next.metadata.annotations = annotations;
      const depStrategy = isPlainObject(rt.strategy) ? clone(rt.strategy) : (next.spec as Record<string, unknown>).strategy;
      next.spec = { ...(next.spec as Record<string, unknown>), ...(desired.spec as Record<string, unknown>), strategy: depStrategy };
      dep = this.ctx.api.update(deployments, ns, name, next, { fieldManager: MANAGER }).object;
    }
    this.ensureService(agent, container, labels, owner);
    this.writeAgentStatus(t, agent, dep);
  }

  private ensureService(
    agent: KObject,
    container: Record<string, unknown>,
    labels: Record<string, string>,
    owner: Record<string, unknown>,
  ): void {
    const ns = agent.metadata.namespace!;
    const name = agent.metadata.name!;
    const services = this.type('services', '')!;
    const ports = (Array.isArray(container.ports) ? container.ports.filter(isPlainObject) : []).map((p, i) => ({
      name: typeof p.name === 'string' ? p.name : `port-${i}`,
      port: Number(p.containerPort),
      targetPort: Number(p.containerPort),
      protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
    }));
    const spec = {
      selector: { 'flokoa.ai/agent': name },
      ports: ports.length ? ports : [{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }],
    };
    const svc = this.ctx.store.get('/services', ns, name);
    if (!svc) {
      this.ctx.api.create(
        services,
        ns,
        { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns, labels, ownerReferences: [owner as never] }, spec },
        { fieldManager: MANAGER },
      );
      return;
    }
    if (controllerOf(svc)?.uid !== agent.metadata.uid) return;
    const next = clone(svc);
    next.spec = { ...(next.spec as Record<string, unknown>), ...spec };
    this.ctx.api.update(services, ns, name, next, { fieldManager: MANAGER });
  }

  private writeAgentStatus(t: ResourceType, agent: KObject, dep: KObject): void {
    const ns = agent.metadata.namespace!;
    const name = agent.metadata.name!;
    const desired = Number(getPath(dep, 'spec.replicas') ?? 1);
    const available = Number(getPath(dep, 'status.availableReplicas') ?? 0);
    const updated = Number(getPath(dep, 'status.updatedReplicas') ?? 0);
    const total = Number(getPath(dep, 'status.replicas') ?? 0);
    const observed = Number(getPath(dep, 'status.observedGeneration') ?? 0) >= Number(dep.metadata.generation ?? 1);
    const conds = getPath(dep, 'status.conditions');
    const progressing = Array.isArray(conds)
      ? (conds.find((c) => isPlainObject(c) && c.type === 'Progressing') as Record<string, unknown> | undefined)
      : undefined;
    const refs = this.referencesReady(agent);
    let readiness: Readiness;
    let phase: string;
    if (!refs.ready) {
      readiness = refs;
      phase = 'Failed';
    } else if (progressing?.reason === 'ProgressDeadlineExceeded') {
      readiness = { ready: false, reason: 'ProgressDeadlineExceeded', message: String(progressing.message ?? 'the rollout timed out') };
      phase = 'Failed';
    } else if (observed && updated === desired && total === desired && available === desired) {
      readiness = { ready: true, reason: 'Available', message: `${available}/${desired} replicas available` };
      phase = 'Running';
    } else {
      readiness = { ready: false, reason: 'DeploymentNotReady', message: `${available}/${desired} replicas available` };
      phase = 'Pending';
    }
    this.writeReady(t, agent, readiness, {
      phase,
      replicas: total,
      availableReplicas: available,
      url: `http://${name}.${ns}.svc.cluster.local`,
    });
  }
}
