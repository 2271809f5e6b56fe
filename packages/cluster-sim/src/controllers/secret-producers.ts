// Simulated External Secrets Operator and Sealed Secrets controller: each ExternalSecret or
// SealedSecret materialises its Secret (owned by it) with the keys it declares. The values are
// placeholders — there is no secret store behind the sim. Which Secret and which keys come from
// @flokoa/core, the same reading the editor and the plugin use.

import { dataKeysOf, resourcesFromObject } from '@flokoa/core';
import { rfc3339 } from '../clock.js';
import type { SimContext } from '../context.js';
import type { KObject } from '../object.js';
import { clone, deepEqual, isPlainObject } from '../object.js';
import { splitKey, WorkQueue } from './queue.js';

const PRODUCERS = ['external-secrets.io/externalsecrets', 'bitnami.com/sealedsecrets'];
const MANAGER = 'cluster-sim-secret-producer';

export class SecretProducers {
  private readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ctx: SimContext,
    onError: (key: string, err: unknown) => void,
  ) {
    this.queue = new WorkQueue((key) => this.sync(key), onError);
    this.unsubscribe = ctx.store.subscribe((e) => {
      if (PRODUCERS.includes(e.key) && e.type !== 'DELETED')
        this.queue.add(`${e.key}|${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
  }

  stop(): void {
    this.unsubscribe();
    this.queue.stop();
  }

  private sync(item: string): void {
    const [key, rest] = item.split('|');
    const [ns, name] = splitKey(rest);
    const t = this.ctx.registry.get(key);
    const o = this.ctx.store.get(key, ns, name);
    if (!t || !o || o.metadata.deletionTimestamp) return;
    const [source, produced] = resourcesFromObject(o, {
      uri: 'cluster://cluster-sim',
      namespace: () => ({ namespace: ns, source: { kind: 'cluster' } }),
    });
    if (!source || !produced || produced.kind !== 'Secret') return;
    const keys = [...(dataKeysOf(produced) ?? [])];
    const data = Object.fromEntries(keys.map((k) => [k, Buffer.from(`cluster-sim placeholder for ${k}`).toString('base64')]));
    const secrets = this.ctx.registry.get('/secrets')!;
    const existing = this.ctx.store.get('/secrets', ns, produced.name);
    const owner = { apiVersion: o.apiVersion!, kind: o.kind!, name, uid: o.metadata.uid!, controller: true, blockOwnerDeletion: true };
    if (!existing) {
      this.ctx.api.create(
        secrets,
        ns,
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: produced.name, namespace: ns, ownerReferences: [owner] },
          type: 'Opaque',
          data,
        },
        { fieldManager: MANAGER },
      );
    } else if (existing.metadata.ownerReferences?.some((r) => r.uid === o.metadata.uid) && !deepEqual(existing.data, data)) {
      const next = clone(existing);
      next.data = data;
      this.ctx.api.update(secrets, ns, produced.name, next, { fieldManager: MANAGER });
    }
    const status = {
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'SecretSynced',
          message: 'Secret was synced',
          lastTransitionTime: rfc3339(this.ctx.clock.now()),
        },
      ],
    };
    const prev = isPlainObject(o.status) ? o.status : {};
    const prevReady = Array.isArray(prev.conditions)
      ? (prev.conditions as Record<string, unknown>[]).find((c) => c.type === 'Ready')
      : undefined;
    if (prevReady?.status === 'True') return;
    const next: KObject = clone(o);
    next.status = status;
    this.ctx.api.update(t, ns, name, next, { fieldManager: MANAGER, subresource: 'status' });
  }
}
