// Background cascading deletion: when an owner is deleted, its dependents whose owners are all
// gone are deleted too (Agent -> Deployment/Service, Deployment -> ReplicaSets -> Pods).

import type { SimContext } from '../context.js';
import type { KObject } from '../object.js';
import { groupOf } from './events.js';
import { WorkQueue } from './queue.js';

export class GarbageCollector {
  private readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ctx: SimContext,
    onError: (key: string, err: unknown) => void,
  ) {
    this.queue = new WorkQueue((uid) => this.collect(uid), onError);
    this.unsubscribe = ctx.store.subscribe((e) => {
      if (e.type === 'DELETED' && e.object.metadata.uid) this.queue.add(e.object.metadata.uid);
    });
  }

  stop(): void {
    this.unsubscribe();
    this.queue.stop();
  }

  private ownerExists(child: KObject): boolean {
    return (child.metadata.ownerReferences ?? []).some((ref) => {
      const t = this.ctx.registry.byKindName(groupOf(ref.apiVersion), ref.kind);
      if (!t) return false;
      const o = this.ctx.store.peek(`${t.group}/${t.plural}`, t.namespaced ? child.metadata.namespace : undefined, ref.name);
      return !!o && o.metadata.uid === ref.uid;
    });
  }

  private collect(uid: string): void {
    for (const [key, ns, name] of this.ctx.store.childrenOf(uid)) {
      const child = this.ctx.store.peek(key, ns, name);
      const t = this.ctx.registry.get(key);
      if (!child || !t || this.ownerExists(child)) continue;
      try {
        this.ctx.api.delete(t, ns, name, { propagationPolicy: 'Background' });
      } catch {
        // Already gone: another path deleted it first.
      }
    }
  }
}
