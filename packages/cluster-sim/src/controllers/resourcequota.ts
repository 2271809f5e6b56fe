// The ResourceQuota controller: keeps each quota's status (hard as in the spec, used as counted
// from the namespace) current as pods and counted objects come and go. Admission adds to `used`
// when it lets something in; this recount is what takes usage back when objects leave.
import { listJson, readQuota } from '@flokoa/core';
import type { SimContext } from '../context.js';
import { clone, deepEqual } from '../object.js';
import { namespaceUsage } from '../admission/usage.js';
import { WorkQueue } from './queue.js';

const MANAGER = 'resourcequota-controller';
/** Kinds whose changes never move a quota (and that quota bookkeeping itself writes). */
const IGNORED = new Set(['/events']);

export class ResourceQuotaController {
  private readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ctx: SimContext,
    onError: (key: string, err: unknown) => void,
  ) {
    this.queue = new WorkQueue((ns) => this.sync(ns), onError);
    this.unsubscribe = ctx.store.subscribe((e) => {
      const ns = e.object.metadata.namespace;
      if (!ns || IGNORED.has(e.key)) return;
      if (e.key === '/resourcequotas') {
        // Its own status writes change nothing to count.
        if (e.type !== 'MODIFIED' || !deepEqual(e.old?.spec, e.object.spec)) this.queue.add(ns);
        return;
      }
      if (ctx.store.peekList('/resourcequotas', ns).length > 0) this.queue.add(ns);
    });
  }

  stop(): void {
    this.unsubscribe();
    this.queue.stop();
  }

  private sync(namespace: string): void {
    const t = this.ctx.registry.get('/resourcequotas')!;
    for (const o of this.ctx.store.peekList('/resourcequotas', namespace)) {
      const policy = readQuota(o);
      const status = { hard: listJson(policy.hard), used: listJson(namespaceUsage(this.ctx, namespace, policy)) };
      if (deepEqual(o.status, status)) continue;
      const next = clone(o);
      next.status = status;
      this.ctx.api.update(t, namespace, o.metadata.name!, next, { fieldManager: MANAGER, subresource: 'status' });
    }
  }
}
