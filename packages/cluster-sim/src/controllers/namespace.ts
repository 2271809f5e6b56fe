// Namespace lifecycle: every namespace gets its `default` ServiceAccount; a namespace being
// deleted has its contents removed and is then finalized, as the namespace controller does.

import type { SimContext } from '../context.js';
import { WorkQueue } from './queue.js';

export class NamespaceController {
  private readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ctx: SimContext,
    onError: (key: string, err: unknown) => void,
  ) {
    this.queue = new WorkQueue((name) => this.sync(name), onError);
    this.unsubscribe = ctx.store.subscribe((e) => {
      if (e.key === '/namespaces' && e.type !== 'DELETED') this.queue.add(e.object.metadata.name!);
      if (e.key === '/serviceaccounts' && e.type === 'DELETED' && e.object.metadata.name === 'default')
        this.queue.add(e.object.metadata.namespace!);
      // The last object of a terminating namespace going away lets the namespace be finalized.
      const ns = e.object.metadata.namespace;
      if (e.type === 'DELETED' && ns && this.ctx.store.peek('/namespaces', undefined, ns)?.metadata.deletionTimestamp) this.queue.add(ns);
    });
  }

  stop(): void {
    this.unsubscribe();
    this.queue.stop();
  }

  private sync(name: string): void {
    const ns = this.ctx.store.peek('/namespaces', undefined, name);
    if (!ns) return;
    if (ns.metadata.deletionTimestamp) {
      for (const [key, o] of [...this.ctx.store.entries()]) {
        if (o.metadata.namespace !== name) continue;
        const t = this.ctx.registry.get(key);
        if (t && !o.metadata.deletionTimestamp) this.ctx.api.delete(t, name, o.metadata.name!);
      }
      const remaining = [...this.ctx.store.entries()].some(([, o]) => o.metadata.namespace === name);
      if (!remaining) this.ctx.api.finalizeNamespace(name);
      return;
    }
    const sa = this.ctx.registry.get('/serviceaccounts')!;
    if (!this.ctx.store.peek('/serviceaccounts', name, 'default')) {
      this.ctx.api.create(
        sa,
        name,
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } },
        { fieldManager: 'kube-controller-manager' },
      );
    }
  }
}
