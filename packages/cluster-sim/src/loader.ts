// Objects put into the simulated cluster directly (bootstrap objects, CRDs, fixtures, sim.apply):
// created or replaced like `kubectl apply`, namespaces created as needed, a fixture's status kept.
import type { SimContext } from './context.js';
import { loadFixtures } from './fixtures.js';
import type { KObject } from './object.js';
import { clone, isPlainObject } from './object.js';

const FIELD_MANAGER = { fieldManager: 'cluster-sim' };

/** Namespaces and CRDs first, so that the objects needing them can be created in one batch. */
const rank = (o: KObject): number => (o.kind === 'Namespace' ? 0 : o.kind === 'CustomResourceDefinition' ? 1 : 2);

export class ObjectLoader {
  constructor(private readonly ctx: SimContext) {}

  applyOne(input: KObject, namespace?: string): KObject {
    const { api, registry, store } = this.ctx;
    const o = clone(input);
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') throw new Error('an object lacks apiVersion or kind');
    const t = registry.byKindName(groupOfApiVersion(o.apiVersion), o.kind);
    if (!t) throw new Error(`no matches for kind "${o.kind}" in version "${o.apiVersion}"`);
    if (!isPlainObject(o.metadata)) o.metadata = {};
    const ns = t.namespaced ? (o.metadata.namespace ?? namespace ?? 'default') : undefined;
    if (ns && !store.peek('/namespaces', undefined, ns)) {
      api.create(registry.get('/namespaces')!, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, FIELD_MANAGER);
    }
    const name = o.metadata.name;
    const existing = name ? api.tryGet(t, ns, name) : undefined;
    delete o.metadata.resourceVersion;
    let stored = existing ? api.update(t, ns, name!, o, FIELD_MANAGER).object : api.create(t, ns, o, FIELD_MANAGER).object;
    // Fixtures may carry a status (a Model already Ready, a Deployment mid-rollout).
    if (o.status !== undefined && t.subresources.includes('status')) {
      const withStatus = { ...stored, status: o.status };
      stored = api.update(t, ns, stored.metadata.name!, withStatus, { ...FIELD_MANAGER, subresource: 'status' }).object;
    }
    return stored;
  }

  applyAll(objects: KObject[], namespace?: string): KObject[] {
    return [...objects].sort((a, b) => rank(a) - rank(b)).map((o) => this.applyOne(o, namespace));
  }

  /** Applies fixture files in order; each refusal names its file, and either rejects or goes to onError. */
  applyFixtures(files: string[], onError?: (message: string) => void): void {
    const loaded = loadFixtures(files);
    const sourceOf = new Map(loaded.map((l) => [l.object, l.file]));
    for (const o of [...sourceOf.keys()].sort((a, b) => rank(a) - rank(b))) {
      try {
        this.applyOne(o);
      } catch (e) {
        const message = `${sourceOf.get(o)}: ${o.kind}/${o.metadata?.name ?? '?'}: ${(e as Error).message}`;
        if (!onError) throw new Error(message, { cause: e });
        onError(message);
      }
    }
  }
}

function groupOfApiVersion(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}
