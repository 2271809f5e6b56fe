// A simulated Flokoa operator. Each Agent gets what the real operator of its API generation makes
// (agent-workload.ts: a Deployment and Services of its name, owned by the Agent, and the compiled
// spec ConfigMap where the generation has one); its status follows the Deployment (phase, replicas,
// url, observedGeneration, Ready condition). Every other Flokoa kind gets a Ready condition that
// says which reference is missing. Which generation an object is read as, and what counts as a
// reference, come from @flokoa/core: the installed Flokoa CRDs decide, as they do for the editor.

import { ALL_REFERENCE_SPECS, chooseApi, FLOKOA_GROUP, kindOf, referencesOf, resourcesFromObject, SchemaStore } from '@flokoa/core';
import type { ApiDescription, Reference, Resource } from '@flokoa/core';
import { rfc3339 } from '../clock.js';
import type { SimContext } from '../context.js';
import type { KObject } from '../object.js';
import { clone, controllerOf, deepEqual, getPath, isPlainObject } from '../object.js';
import type { ResourceType } from '../resources.js';
import { splitKey, WorkQueue } from './queue.js';
import { agentWorkload } from './agent-workload.js';

const MANAGER = 'flokoa-operator';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const CRDS = 'apiextensions.k8s.io/customresourcedefinitions';

interface Readiness {
  ready: boolean;
  reason: string;
  message: string;
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
  /** The installed Flokoa CRDs, as the language server reads a cluster's: they decide each object's generation. */
  private readonly schemas = new SchemaStore();
  private crdsSeen = -1;

  constructor(
    private readonly ctx: SimContext,
    onError: (key: string, err: unknown) => void,
  ) {
    this.queue = new WorkQueue((key) => this.reconcile(key), onError);
    this.unsubscribe = ctx.store.subscribe((e) => {
      const [group, plural] = splitKey(e.key);
      if (group === FLOKOA_GROUP) this.queue.add(`${plural}|${e.object.metadata.namespace}/${e.object.metadata.name}`);
      for (const dep of this.dependentsOf(e.key, e.object)) this.enqueueAll(dep);
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

  /** Flokoa plurals whose objects may refer to an object of this store key (any generation's table). */
  private dependentsOf(key: string, o: KObject): string[] {
    if (key === CRDS) return this.flokoaTypes().map((t) => t.plural);
    const [group] = splitKey(key);
    const kind = o.kind;
    if (typeof kind !== 'string') return [];
    const from = new Set(ALL_REFERENCE_SPECS.filter((s) => s.toGroup === group && s.toKind === kind).map((s) => s.fromKind));
    return this.flokoaTypes()
      .filter((t) => from.has(t.kind))
      .map((t) => t.plural);
  }

  private flokoaTypes(): ResourceType[] {
    return this.ctx.registry.all().filter((t) => t.group === FLOKOA_GROUP);
  }

  private enqueueAll(plural: string): void {
    for (const o of this.ctx.store.peekList(`${FLOKOA_GROUP}/${plural}`))
      this.queue.add(`${plural}|${o.metadata.namespace}/${o.metadata.name}`);
  }

  private type(plural: string, group = FLOKOA_GROUP): ResourceType | undefined {
    return this.ctx.registry.get(`${group}/${plural}`);
  }

  /** The installed CRDs, read again when they changed. */
  private store(): SchemaStore {
    const crds = this.ctx.store.peekList(CRDS);
    const stamp = crds.reduce((n, c) => n + Number(c.metadata.resourceVersion ?? 0), crds.length);
    if (stamp !== this.crdsSeen) {
      this.schemas.setCrds('cluster', crds);
      this.crdsSeen = stamp;
    }
    return this.schemas;
  }

  private resourceOf(o: KObject): Resource | undefined {
    const r = resourcesFromObject(o, {
      uri: 'cluster://cluster-sim',
      namespace: (ns) => ({ namespace: typeof ns === 'string' ? ns : 'default', source: { kind: 'cluster' } }),
    })[0];
    if (!r) return undefined;
    const store = this.store();
    r.api = chooseApi(r.group, r.kind, r.object, { crd: (g, k) => store.crdVerdict(g, k), layer: () => store.layerApi() });
    return r;
  }

  private reconcile(key: string): void {
    const [plural, rest] = key.split('|');
    const [ns, name] = splitKey(rest);
    const t = this.type(plural);
    if (!t) return;
    const o = this.ctx.store.get(`${FLOKOA_GROUP}/${plural}`, ns, name);
    if (!o || o.metadata.deletionTimestamp) return;
    const r = this.resourceOf(o);
    if (!r) return;
    if (plural === 'agents' && r.api?.api) this.reconcileAgent(t, o, r, r.api.api);
    else {
      const readiness = this.referencesReady(r);
      this.writeReady(t, o, readiness, this.statusFields(r, readiness.ready));
    }
  }

  /** Status fields besides conditions, where the kind's schema in its generation has them. */
  private statusFields(r: Resource, ready: boolean): Record<string, unknown> {
    const status = r.api?.api ? kindOf(r.api.api, r.group, r.kind)?.schema.properties?.status?.properties : undefined;
    return {
      ...(status?.phase ? { phase: ready ? 'Ready' : 'Failed' } : {}),
      ...(status?.ready ? { ready } : {}),
    };
  }

  /** Checks every reference the core table finds: the target exists, has the key, and (for Flokoa kinds) is Ready. */
  private referencesReady(r: Resource, optionalToo = false): Readiness {
    for (const ref of referencesOf(r)) {
      if (ref.optional && !optionalToo) continue;
      const problem = this.problemOf(ref);
      if (problem) return { ready: false, ...problem };
    }
    return { ready: true, reason: 'Ready', message: `${r.kind} is ready` };
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

  private reconcileAgent(t: ResourceType, agent: KObject, r: Resource, api: ApiDescription): void {
    const owner = {
      apiVersion: agent.apiVersion!,
      kind: 'Agent',
      name: agent.metadata.name!,
      uid: agent.metadata.uid!,
      controller: true,
      blockOwnerDeletion: true,
    };
    const changeCause = agent.metadata.annotations?.[CHANGE_CAUSE];
    const w = agentWorkload(agent, api, owner, changeCause);
    if (!w.deployment) {
      // Nothing to run: the real operator reports it rather than creating a Deployment the API would refuse.
      this.writeReady(
        t,
        agent,
        { ready: false, reason: 'InvalidRuntime', message: w.problem ?? 'no runtime' },
        { phase: 'Failed', replicas: 0, availableReplicas: 0, url: w.url },
      );
      return;
    }
    const dep = this.applyDeployment(agent, w.deployment, changeCause);
    for (const svc of w.services) this.applyOwned(agent, 'services', svc, (cur, want) => ({ ...cur, ...want }));
    if (w.configMap) this.applyOwned(agent, 'configmaps', w.configMap, (_cur, want) => want);
    if (dep) this.writeAgentStatus(t, agent, r, dep, w.url);
  }

  /** Creates the Deployment, or brings one the Agent owns to the wanted spec (keeping its strategy unless the Agent sets one). */
  private applyDeployment(agent: KObject, desired: KObject, changeCause: string | undefined): KObject | undefined {
    const ns = agent.metadata.namespace!;
    const deployments = this.type('deployments', 'apps')!;
    const dep = this.ctx.store.get('apps/deployments', ns, desired.metadata.name!);
    if (!dep) return this.ctx.api.create(deployments, ns, desired, { fieldManager: MANAGER }).object;
    if (controllerOf(dep)?.uid !== agent.metadata.uid) return dep;
    const next = clone(dep);
    next.metadata.labels = { ...(next.metadata.labels ?? {}), ...(desired.metadata.labels ?? {}) };
    const annotations = { ...(next.metadata.annotations ?? {}) };
    if (changeCause !== undefined) annotations[CHANGE_CAUSE] = changeCause;
    next.metadata.annotations = annotations;
    const spec = desired.spec as Record<string, unknown>;
    const strategy = spec.strategy ?? (next.spec as Record<string, unknown>).strategy;
    next.spec = { ...(next.spec as Record<string, unknown>), ...spec, ...(strategy !== undefined ? { strategy } : {}) };
    return this.ctx.api.update(deployments, ns, dep.metadata.name!, next, { fieldManager: MANAGER }).object;
  }

  /** Creates an object the Agent owns, or updates its spec/data when the Agent owns it already. */
  private applyOwned(
    agent: KObject,
    plural: 'services' | 'configmaps',
    want: KObject,
    merge: (cur: Record<string, unknown>, want: Record<string, unknown>) => Record<string, unknown>,
  ): void {
    const ns = agent.metadata.namespace!;
    const t = this.type(plural, '')!;
    const field = plural === 'services' ? 'spec' : 'data';
    const cur = this.ctx.store.get(`/${plural}`, ns, want.metadata.name!);
    if (!cur) {
      this.ctx.api.create(t, ns, want, { fieldManager: MANAGER });
      return;
    }
    if (controllerOf(cur)?.uid !== agent.metadata.uid) return;
    const merged = merge(isPlainObject(cur[field]) ? cur[field] : {}, want[field] as Record<string, unknown>);
    if (deepEqual(cur[field], merged)) return;
    const next = clone(cur);
    next[field] = merged;
    this.ctx.api.update(t, ns, want.metadata.name!, next, { fieldManager: MANAGER });
  }

  private writeAgentStatus(t: ResourceType, agent: KObject, r: Resource, dep: KObject, url: string): void {
    const desired = Number(getPath(dep, 'spec.replicas') ?? 1);
    const available = Number(getPath(dep, 'status.availableReplicas') ?? 0);
    const updated = Number(getPath(dep, 'status.updatedReplicas') ?? 0);
    const total = Number(getPath(dep, 'status.replicas') ?? 0);
    const observed = Number(getPath(dep, 'status.observedGeneration') ?? 0) >= Number(dep.metadata.generation ?? 1);
    const conds = getPath(dep, 'status.conditions');
    const progressing = Array.isArray(conds)
      ? (conds.find((c) => isPlainObject(c) && c.type === 'Progressing') as Record<string, unknown> | undefined)
      : undefined;
    const refs = this.referencesReady(r);
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
    this.writeReady(t, agent, readiness, { phase, replicas: total, availableReplicas: available, url });
  }
}
