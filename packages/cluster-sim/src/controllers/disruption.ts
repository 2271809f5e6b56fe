// The disruption controller: keeps each PodDisruptionBudget's status current as the pods it
// selects come, go and turn Ready. expectedPods is the scale of the pods' controllers (a
// Deployment through its ReplicaSet) for maxUnavailable and a percentage minAvailable, the number
// of pods for an integer minAvailable; currentHealthy counts Ready pods not being deleted and not
// just evicted (disruptedPods, dropped once the pod is gone or after two minutes).
import type { SimContext } from '../context.js';
import type { KObject } from '../object.js';
import { clone, controllerOf, deepEqual, getPath, isPlainObject } from '../object.js';
import { PDBS, budgetsOf, disruptionCondition, isPodReady } from '../api/eviction.js';
import { resolveIntOrPercent } from './deployment.js';
import { WorkQueue } from './queue.js';

const MANAGER = 'disruption-controller';
const DELETION_TIMEOUT_MS = 2 * 60_000;
const WATCHED = new Set([PDBS, '/pods', 'apps/replicasets', 'apps/deployments']);

export class DisruptionController {
  private readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ctx: SimContext,
    onError: (key: string, err: unknown) => void,
  ) {
    this.queue = new WorkQueue((ns) => this.sync(ns), onError);
    this.unsubscribe = ctx.store.subscribe((e) => {
      const ns = e.object.metadata.namespace;
      if (!ns || !WATCHED.has(e.key)) return;
      // Its own status writes change nothing to count.
      if (
        e.key === PDBS &&
        e.type === 'MODIFIED' &&
        deepEqual(e.old?.spec, e.object.spec) &&
        deepEqual(e.old?.metadata.generation, e.object.metadata.generation)
      ) {
        if (!deepEqual(getPath(e.old!, 'status.disruptedPods'), getPath(e.object, 'status.disruptedPods'))) this.queue.add(ns);
        return;
      }
      if (ctx.store.peekList(PDBS, ns).length > 0) this.queue.add(ns);
    });
  }

  stop(): void {
    this.unsubscribe();
    this.queue.stop();
  }

  /** The replicas a pod's controller wants: its Deployment's, else its ReplicaSet's. */
  private scaleOf(pod: KObject): { key: string; replicas: number } | undefined {
    const owner = controllerOf(pod);
    if (owner?.kind !== 'ReplicaSet') return undefined;
    const rs = this.ctx.store.peek('apps/replicasets', pod.metadata.namespace, owner.name);
    if (!rs) return undefined;
    const dOwner = controllerOf(rs);
    const d = dOwner?.kind === 'Deployment' ? this.ctx.store.peek('apps/deployments', pod.metadata.namespace, dOwner.name) : undefined;
    const o = d ?? rs;
    return { key: `${o.kind}/${o.metadata.name}`, replicas: Number(getPath(o, 'spec.replicas') ?? 0) };
  }

  private expectedScale(pods: KObject[]): number {
    const scales = new Map<string, number>();
    for (const p of pods) {
      const s = this.scaleOf(p);
      if (s) scales.set(s.key, s.replicas);
    }
    return [...scales.values()].reduce((a, b) => a + b, 0);
  }

  private statusOf(budget: KObject, now: number): Record<string, unknown> {
    const ns = budget.metadata.namespace!;
    const spec = (budget.spec ?? {}) as Record<string, unknown>;
    const pods = this.ctx.store
      .peekList('/pods', ns)
      .filter((p) => budgetsOf(this.ctx, p).some((b) => b.metadata.name === budget.metadata.name));
    const old = (isPlainObject(budget.status) ? budget.status : {}) as Record<string, unknown>;
    const names = new Set(pods.filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name));
    const disrupted = Object.fromEntries(
      Object.entries(isPlainObject(old.disruptedPods) ? old.disruptedPods : {}).filter(
        ([name, at]) => names.has(name) && Date.parse(String(at)) + DELETION_TIMEOUT_MS > now,
      ),
    );
    const healthy = pods.filter((p) => !p.metadata.deletionTimestamp && !(p.metadata.name! in disrupted) && isPodReady(p)).length;
    let expected: number;
    let desired: number;
    if (spec.maxUnavailable !== undefined) {
      expected = this.expectedScale(pods);
      desired = Math.max(0, expected - resolveIntOrPercent(spec.maxUnavailable, expected, true));
    } else if (typeof spec.minAvailable === 'string') {
      expected = this.expectedScale(pods);
      desired = resolveIntOrPercent(spec.minAvailable, expected, true);
    } else {
      expected = pods.length;
      desired = Number(spec.minAvailable ?? 0);
    }
    const allowed = Math.max(0, healthy - desired);
    return {
      ...(Object.keys(disrupted).length ? { disruptedPods: disrupted } : {}),
      disruptionsAllowed: allowed,
      currentHealthy: healthy,
      desiredHealthy: desired,
      expectedPods: expected,
      observedGeneration: budget.metadata.generation ?? 1,
      conditions: disruptionCondition(old.conditions, allowed > 0, now),
    };
  }

  private sync(namespace: string): void {
    const t = this.ctx.registry.get(PDBS)!;
    const now = this.ctx.clock.now();
    for (const b of this.ctx.store.peekList(PDBS, namespace)) {
      const status = this.statusOf(b, now);
      if (deepEqual(b.status, status)) continue;
      const next = clone(b);
      next.status = status;
      this.ctx.api.update(t, namespace, b.metadata.name!, next, { fieldManager: MANAGER, subresource: 'status' });
    }
  }
}
