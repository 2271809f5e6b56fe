// The handle a test or demo holds on a running simulated cluster (what startClusterSim returns).
import type { ObjectApi } from './api/objects.js';
import type { UserEntry } from './auth.js';
import type { SimClock } from './clock.js';
import type { SimContext } from './context.js';
import type { FaultConfig } from './faults.js';
import { parseObjects } from './fixtures.js';
import type { ObjectLoader } from './loader.js';
import type { KObject } from './object.js';
import { clone } from './object.js';
import type { RequestStats } from './request-stats.js';
import type { Registry, ResourceType } from './resources.js';
import { typeKey } from './resources.js';
import { matchesLabels, parseLabelSelector } from './selectors.js';
import type { Store } from './store.js';

export interface WaitOptions {
  namespace?: string;
  name?: string;
  /** Real milliseconds before the promise rejects (default 30,000). */
  timeoutMs?: number;
}

export interface ClusterSim {
  readonly url: string;
  readonly kubeconfigPath?: string;
  readonly kubeconfig: string;
  readonly adminToken: string;
  readonly store: Store;
  readonly api: ObjectApi;
  readonly clock: SimClock;
  readonly requests: RequestStats;
  faults: FaultConfig;
  /** Resolves once `count` requests in all were left hanging by the `hang` fault (tests wait for this). */
  whenHung(count: number): Promise<void>;
  /** Requests left hanging by the `hang` fault so far. */
  readonly hung: number;
  apply(objects: object | object[] | string, opts?: { namespace?: string }): Promise<KObject[]>;
  get(resource: string, name: string, namespace?: string): KObject | undefined;
  list(resource: string, namespace?: string, labelSelector?: string): KObject[];
  delete(resource: string, name: string, namespace?: string): boolean;
  waitFor(resource: string, predicate: (o: KObject) => boolean, opts?: WaitOptions): Promise<KObject>;
  advance(ms: number): void;
  expireResourceVersions(): void;
  addUser(user: UserEntry): void;
  /** Resolves a resource name as kubectl does (plural, singular, kind, short name, `plural.group`). */
  resourceType(resource: string): ResourceType;
  stop(): Promise<void>;
}

export interface SimParts {
  ctx: SimContext;
  loader: ObjectLoader;
  url: string;
  kubeconfig: string;
  adminToken: string;
  kubeconfigPath?: string;
}

export function simHandle(parts: SimParts, stop: () => Promise<void>): ClusterSim {
  const { ctx } = parts;
  const { store, api, registry } = ctx;
  return {
    url: parts.url,
    ...(parts.kubeconfigPath ? { kubeconfigPath: parts.kubeconfigPath } : {}),
    kubeconfig: parts.kubeconfig,
    adminToken: parts.adminToken,
    store,
    api,
    clock: ctx.clock,
    requests: ctx.requests,
    whenHung: (count: number) => ctx.faults.whenHung(count),
    get hung(): number {
      return ctx.faults.hung;
    },
    get faults(): FaultConfig {
      return ctx.faults.current;
    },
    set faults(f: FaultConfig) {
      ctx.faults.set(f);
    },
    async apply(objects, o = {}) {
      const list: KObject[] =
        typeof objects === 'string' ? parseObjects(objects) : (Array.isArray(objects) ? objects : [objects]).map((x) => x as KObject);
      return parts.loader.applyAll(list, o.namespace);
    },
    get(resource, name, namespace) {
      const t = resolveType(registry, resource);
      return api.tryGet(t, namespace ?? 'default', name);
    },
    list(resource, namespace, labelSelector) {
      const t = resolveType(registry, resource);
      const sel = parseLabelSelector(labelSelector);
      return store.list(typeKey(t), t.namespaced ? namespace : undefined).filter((o) => matchesLabels(sel, o.metadata.labels));
    },
    delete(resource, name, namespace) {
      const t = resolveType(registry, resource);
      if (!api.tryGet(t, namespace ?? 'default', name)) return false;
      api.delete(t, namespace ?? 'default', name);
      return true;
    },
    waitFor(resource, predicate, w = {}) {
      return waitForObject(ctx, resolveType(registry, resource), predicate, w);
    },
    advance(ms) {
      ctx.clock.advance(ms);
    },
    expireResourceVersions() {
      store.compact();
    },
    addUser(user) {
      ctx.authn.addUser(user);
    },
    resourceType(resource) {
      return resolveType(registry, resource);
    },
    stop,
  };
}

function resolveType(registry: Registry, resource: string): ResourceType {
  const lower = resource.toLowerCase();
  const [head, ...groupParts] = lower.split('.');
  const group = groupParts.join('.');
  const found = registry
    .all()
    .find(
      (t) =>
        (group === '' || t.group === group) &&
        (t.plural === head || t.singular === head || t.kind.toLowerCase() === head || t.shortNames.includes(head)),
    );
  if (!found) throw new Error(`the server doesn't have a resource type "${resource}"`);
  return found;
}

/** Resolves with the first object of type t (now or later) that matches; rejects after the timeout. */
function waitForObject(ctx: SimContext, t: ResourceType, predicate: (o: KObject) => boolean, w: WaitOptions): Promise<KObject> {
  const { store } = ctx;
  const key = typeKey(t);
  const wanted = (o: KObject): boolean =>
    (w.namespace === undefined || o.metadata.namespace === w.namespace) &&
    (w.name === undefined || o.metadata.name === w.name) &&
    predicate(o);
  const now = store.list(key, t.namespaced ? w.namespace : undefined).find(wanted);
  if (now) return Promise.resolve(now);
  return new Promise<KObject>((resolve, reject) => {
    const timeoutMs = w.timeoutMs ?? 30_000;
    const timer = setTimeout(() => {
      unsubscribe();
      const what = `${t.plural}${w.name ? `/${w.name}` : ''}${w.namespace ? ` in namespace ${w.namespace}` : ''}`;
      reject(new Error(`waitFor: ${what} did not reach the expected state within ${timeoutMs}ms`));
    }, timeoutMs);
    const unsubscribe = store.subscribe((e) => {
      if (e.key !== key || e.type === 'DELETED' || !wanted(e.object)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(clone(e.object));
    });
  });
}
