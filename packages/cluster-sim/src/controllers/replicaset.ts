// The ReplicaSet controller: keeps the number of pods owned by each ReplicaSet at
// spec.replicas (deleting unready and newest pods first) and reports replicas, ready and
// available counts.

import type { SimContext } from '../context.js';
import type { KObject } from '../object.js';
import { clone, controllerOf, deepEqual, getPath, isPlainObject } from '../object.js';
import { randomSuffix } from '../names.js';
import type { ResourceType } from '../resources.js';
import type { EventRecorder } from './events.js';
import { splitKey, WorkQueue } from './queue.js';

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
    if (pods.length < want) {
      for (let i = pods.length; i < want; i++) this.createPod(rs);
    } else if (pods.length > want) {
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
    if (deepEqual(rs.status, status)) return;
    const next = clone(rs);
    next.status = status;
    this.ctx.api.update(this.replicasets, ns, name, next, { fieldManager: MANAGER, subresource: 'status' });
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
