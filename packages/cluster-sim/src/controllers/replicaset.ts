// The ReplicaSet controller: keeps the number of pods owned by each ReplicaSet at
// spec.replicas (deleting unready and newest pods first) and reports replicas, ready and
// available counts. A pod the API refuses (a quota, a limit range) stops the round: a
// `FailedCreate` warning event and a `ReplicaFailure` condition say why, and it tries again later.

import type { SimContext } from '../context.js';
import type { KObject } from '../object.js';
import { clone, controllerOf, deepEqual, getPath, isPlainObject } from '../object.js';
import { randomSuffix } from '../names.js';
import type { ResourceType } from '../resources.js';
import type { EventRecorder } from './events.js';
import { splitKey, WorkQueue } from './queue.js';
import { rfc3339 } from '../clock.js';
import { ApiError } from '../errors.js';
import { CreateBackoff, FAILED_CREATE, replicaFailureOf } from './replicaFailure.js';

const MANAGER = 'kube-controller-manager';
const SOURCE = { component: 'replicaset-controller' };

export function isPodReady(p: KObject): boolean {
  const conds = getPath(p, 'status.conditions');
  return Array.isArray(conds) && conds.some((c) => isPlainObject(c) && c.type === 'Ready' && c.status === 'True');
}

export class ReplicaSetController {
  private readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;
  private readonly replicasets: ResourceType;
  private readonly pods: ResourceType;
  private readonly backoff = new CreateBackoff();

  constructor(
    private readonly ctx: SimContext,
    private readonly events: EventRecorder,
    onError: (key: string, err: unknown) => void,
  ) {
    this.replicasets = ctx.registry.get('apps/replicasets')!;
    this.pods = ctx.registry.get('/pods')!;
    this.queue = new WorkQueue((key) => this.sync(key), onError);
    this.unsubscribe = ctx.store.subscribe((e) => {
      if (e.key === 'apps/replicasets') this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
      if (e.key === '/pods') {
        const owner = controllerOf(e.object);
        if (owner?.kind === 'ReplicaSet') this.queue.add(`${e.object.metadata.namespace}/${owner.name}`);
      }
      // A quota or limit range that changed may now admit the pods that were refused.
      if ((e.key === '/resourcequotas' && !deepEqual(e.old?.spec, e.object.spec)) || e.key === '/limitranges') {
        for (const k of this.backoff.release(e.object.metadata.namespace ?? '')) this.queue.add(k);
      }
    });
  }

  stop(): void {
    this.unsubscribe();
    this.queue.stop();
  }

  private sync(key: string): void {
    const [ns, name] = splitKey(key);
    const rs = this.ctx.store.get('apps/replicasets', ns, name);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const owned = (): KObject[] =>
      this.ctx.store
        .peekOwnedBy(rs.metadata.uid!, '/pods')
        .filter((p) => controllerOf(p)?.uid === rs.metadata.uid && !p.metadata.deletionTimestamp);
    let pods = owned();
    const want = Number(getPath(rs, 'spec.replicas') ?? 1);
    let failure = replicaFailureOf(rs);
    if (pods.length < want && !this.backoff.holding(key, this.ctx.clock.now())) {
      const refused = this.createPods(rs, want - pods.length);
      if (refused === undefined) {
        this.backoff.succeeded(key);
        failure = undefined;
      } else {
        const now = this.ctx.clock.now();
        this.ctx.clock.after(this.backoff.failed(key, now), () => this.queue.add(key));
        const same = failure?.message === refused;
        failure = {
          type: 'ReplicaFailure',
          status: 'True',
          reason: FAILED_CREATE,
          message: refused,
          lastTransitionTime: same ? failure!.lastTransitionTime : rfc3339(now),
        };
      }
    } else if (pods.length >= want) failure = undefined;
    if (pods.length > want) {
      const victims = [...pods]
        .sort(
          (a, b) =>
            Number(isPodReady(a)) - Number(isPodReady(b)) ||
            String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)),
        )
        .slice(0, pods.length - want);
      for (const p of victims) {
        this.ctx.api.delete(this.pods, ns, p.metadata.name!);
        this.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, SOURCE);
      }
    }
    pods = owned();
    const ready = pods.filter(isPodReady).length;
    const status: Record<string, unknown> = {
      replicas: pods.length,
      fullyLabeledReplicas: pods.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation,
    };
    for (const k of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas']) if (status[k] === 0) delete status[k];
    if (failure) status.conditions = [failure];
    if (deepEqual(rs.status, status)) return;
    const next = clone(rs);
    next.status = status;
    this.ctx.api.update(this.replicasets, ns, name, next, { fieldManager: MANAGER, subresource: 'status' });
  }

  /** Creates pods until one is refused; returns the refusal's message, or undefined when all were created. */
  private createPods(rs: KObject, n: number): string | undefined {
    for (let i = 0; i < n; i++) {
      try {
        this.createPod(rs);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        this.events.record(rs, 'Warning', FAILED_CREATE, `Error creating: ${e.message}`, SOURCE);
        return e.message;
      }
    }
    return undefined;
  }

  private createPod(rs: KObject): void {
    const tpl = (getPath(rs, 'spec.template') ?? {}) as Record<string, unknown>;
    const meta = isPlainObject(tpl.metadata) ? tpl.metadata : {};
    const name = `${rs.metadata.name}-${randomSuffix(5)}`;
    const pod: KObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: rs.metadata.namespace,
        labels: clone((meta.labels as Record<string, string>) ?? {}),
        ...(isPlainObject(meta.annotations) ? { annotations: clone(meta.annotations as Record<string, string>) } : {}),
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: rs.metadata.name!,
            uid: rs.metadata.uid!,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: clone(tpl.spec ?? {}),
    };
    this.ctx.api.create(this.pods, rs.metadata.namespace, pod, { fieldManager: MANAGER });
    this.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, SOURCE);
  }
}
