/**
 * @flokoa/cluster-sim — a Kubernetes API server in-process, for tests and demos.
 *
 * The real `kubectl` and `@kubernetes/client-node` work against it unchanged: discovery
 * (legacy and aggregated), OpenAPI v3, CRUD, status/scale/log subresources, JSON / merge /
 * strategic merge / apply patches, dry run, watch (bookmarks, 410 Expired), Tables for
 * `kubectl get`, RBAC with access reviews, CRDs with schema validation and pruning. A simulated
 * Flokoa operator and Deployment/ReplicaSet/kubelet controllers make rollouts happen.
 *
 * Library API (stable; the plugin, LSP and VS Code tests use it):
 *
 *   const sim = await startClusterSim({
 *     port?: number,            // 0 (default) picks a free port; always 127.0.0.1
 *     fixtures?: string[],      // YAML files or folders, applied in name order (namespaces auto-created)
 *     users?: UserEntry[],      // { token, user, groups[] }: extra bearer-token identities
 *     kubeconfigPath?: string,  // write a kubeconfig there: context `sim-admin` + one per user
 *     timeScale?: number,       // simulated time runs this many times faster (default 1)
 *     readyDelayMs?: number,    // simulated ms from pod creation to Ready (default 2000)
 *     faults?: FaultConfig,     // see faults.ts; change later with sim.faults = {...}
 *     apiGeneration?: string,   // the Flokoa operator release simulated: '2026-01' (default) or '2026-06'
 *     crds?: object[],          // CRDs to serve instead of the built-in Flokoa ones
 *                               // (ExternalSecret and SealedSecret are always served, their Secrets simulated)
 *     onFixtureError?(message),  // skip refused fixture objects and report them (default: reject)
 *     onControllerError?(key, err), historySize?, bookmarkIntervalMs?, adminToken?
 *   });
 *   The server is HTTPS (kubectl sends no token over HTTP); the kubeconfig trusts CA_CERT (exported).
 *   Faults: { latencyMs, errorRate, throttleRate, retryAfterSeconds, watchTimeoutSeconds,
 *   expireResourceVersions, verbs, seed }, applied to resource requests (discovery is spared).
 *   sim.url, sim.kubeconfigPath, sim.kubeconfig (YAML text), sim.adminToken
 *   await sim.apply(objectsOrYaml, { namespace? })   // create or replace, like kubectl apply; returns stored objects
 *   sim.get('agents', 'my-agent', 'ns')              // resource: plural, singular, kind, short name or `plural.group`
 *   sim.list('pods', 'ns', 'flokoa.ai/agent=x')      // optional label selector
 *   sim.delete('agents', 'my-agent', 'ns')           // cascades to owned objects in the background
 *   await sim.waitFor('deployments', (d) => ..., { namespace, name, timeoutMs })  // driven by store events
 *   sim.requests.count / byVerb / byResource / log / reset()    // API requests served
 *   sim.faults = { errorRate: 0.1 }; sim.expireResourceVersions()
 *   sim.clock.now(); sim.advance(ms)                // jump simulated time (progress deadlines, back-offs)
 *   sim.addUser({ token, user, groups })
 *   sim.store, sim.api                              // lower level: the object store and registry semantics
 *   await sim.stop()
 */

import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { ObjectApi } from './api/objects.js';
import type { UserEntry } from './auth.js';
import { Authenticator } from './auth.js';
import { SimClock } from './clock.js';
import type { SimContext } from './context.js';
import { EventRecorder } from './controllers/events.js';
import { DeploymentController } from './controllers/deployment.js';
import { FlokoaOperator } from './controllers/flokoa-operator.js';
import { GarbageCollector } from './controllers/garbage-collector.js';
import { Kubelet } from './controllers/kubelet.js';
import { NamespaceController } from './controllers/namespace.js';
import { ReplicaSetController } from './controllers/replicaset.js';
import { ResourceQuotaController } from './controllers/resourcequota.js';
import { admissionChain } from './admission/index.js';
import { defaultFlokoaCrds } from './default-crds.js';
import { addonCrds } from './addon-crds.js';
import { SecretProducers } from './controllers/secret-producers.js';
import type { FaultConfig } from './faults.js';
import { Faults } from './faults.js';
import { loadFixtures, parseObjects } from './fixtures.js';
import { kubeconfigYaml } from './kubeconfig.js';
import type { KObject } from './object.js';
import { clone, isPlainObject } from './object.js';
import { Authorizer, bootstrapPolicy } from './rbac.js';
import { RequestStats } from './request-stats.js';
import type { ResourceType } from './resources.js';
import { Registry, typeKey } from './resources.js';
import { matchesLabels, parseLabelSelector } from './selectors.js';
import { createApiServer } from './server.js';
import { Store } from './store.js';

export type { FaultConfig } from './faults.js';
export type { UserEntry, UserInfo } from './auth.js';
export type { KObject } from './object.js';
export type { RequestRecord } from './request-stats.js';
export { parseUsersFile } from './auth.js';
export { ADMIN_CONTEXT } from './kubeconfig.js';
export { Store } from './store.js';
export { SimClock } from './clock.js';
/** The CA the sim's serving certificate chains to, for clients configured without the kubeconfig. */
export { CA_CERT } from './tls.js';

export interface ClusterSimOptions {
  port?: number;
  fixtures?: string[];
  users?: UserEntry[];
  kubeconfigPath?: string;
  timeScale?: number;
  readyDelayMs?: number;
  faults?: FaultConfig;
  /** The Flokoa API generation whose CRDs are served (core's `API_GENERATIONS` ids); default '2026-01'. */
  apiGeneration?: string;
  crds?: object[];
  /** Events kept for watches to resume from (default 10,000). */
  historySize?: number;
  /** Real milliseconds between watch bookmarks (default 5,000). */
  bookmarkIntervalMs?: number;
  /** The admin bearer token (default: random). */
  adminToken?: string;
  /**
   * Called for each fixture object the API refuses (unknown kind, invalid), which is then skipped,
   * as `kubectl apply -f DIR` goes on with the rest. Without it, the first refusal rejects startClusterSim.
   */
  onFixtureError?: (message: string) => void;
  /** Called with controller errors (default: ignored, as a real controller would retry). */
  onControllerError?: (key: string, err: unknown) => void;
}

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

const INITIAL_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

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

function groupOfApiVersion(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

export async function startClusterSim(opts: ClusterSimOptions = {}): Promise<ClusterSim> {
  const clock = new SimClock(opts.timeScale ?? 1);
  const store = new Store(opts.historySize ?? 10_000);
  const registry = new Registry();
  const api = new ObjectApi(store, registry, clock);
  const adminToken = opts.adminToken ?? randomBytes(24).toString('hex');
  const users = [...(opts.users ?? [])];
  const onError = opts.onControllerError ?? (() => undefined);
  let address = '127.0.0.1:0';
  const ctx: SimContext = {
    store,
    registry,
    api,
    clock,
    authn: new Authenticator(adminToken, users),
    authz: new Authorizer(store),
    faults: new Faults(opts.faults ?? {}),
    requests: new RequestStats(),
    bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 5_000,
    watchClosers: new Set(),
    serverAddress: () => address,
  };

  api.admission = admissionChain(ctx);
  const events = new EventRecorder(ctx);
  const controllers = [
    new NamespaceController(ctx, onError),
    new GarbageCollector(ctx, onError),
    new DeploymentController(ctx, events, onError),
    new ReplicaSetController(ctx, events, onError),
    new ResourceQuotaController(ctx, onError),
    new Kubelet(ctx, events, opts.readyDelayMs ?? 2_000, onError),
    new FlokoaOperator(ctx, onError),
    new SecretProducers(ctx, onError),
  ];

  const applyOne = (input: KObject, namespace?: string): KObject => {
    const o = clone(input);
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') throw new Error('an object lacks apiVersion or kind');
    const t = registry.byKindName(groupOfApiVersion(o.apiVersion), o.kind);
    if (!t) throw new Error(`no matches for kind "${o.kind}" in version "${o.apiVersion}"`);
    if (!isPlainObject(o.metadata)) o.metadata = {};
    const ns = t.namespaced ? (o.metadata.namespace ?? namespace ?? 'default') : undefined;
    if (ns && !store.peek('/namespaces', undefined, ns)) {
      api.create(
        registry.get('/namespaces')!,
        undefined,
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
        { fieldManager: 'cluster-sim' },
      );
    }
    const name = o.metadata.name;
    const opts = { fieldManager: 'cluster-sim' };
    const existing = name ? api.tryGet(t, ns, name) : undefined;
    delete o.metadata.resourceVersion;
    let stored = existing ? api.update(t, ns, name!, o, opts).object : api.create(t, ns, o, opts).object;
    // Fixtures may carry a status (a Model already Ready, a Deployment mid-rollout).
    if (o.status !== undefined && t.subresources.includes('status')) {
      stored = api.update(t, ns, stored.metadata.name!, { ...stored, status: o.status }, { ...opts, subresource: 'status' }).object;
    }
    return stored;
  };

  const applyAll = (objects: KObject[], namespace?: string): KObject[] => {
    // Namespaces and CRDs first, so that the objects needing them can be created in one batch.
    const rank = (o: KObject): number => (o.kind === 'Namespace' ? 0 : o.kind === 'CustomResourceDefinition' ? 1 : 2);
    return [...objects].sort((a, b) => rank(a) - rank(b)).map((o) => applyOne(o, namespace));
  };

  for (const name of INITIAL_NAMESPACES) applyOne({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  applyAll(bootstrapPolicy());
  applyAll([...((opts.crds as KObject[] | undefined) ?? defaultFlokoaCrds(opts.apiGeneration)), ...addonCrds()]);
  if (opts.fixtures?.length) {
    const loaded = loadFixtures(opts.fixtures);
    const sourceOf = new Map(loaded.map((l) => [l.object, l.file]));
    // Namespaces and CRDs first, as applyAll does, but each error names its file.
    const rank = (o: KObject): number => (o.kind === 'Namespace' ? 0 : o.kind === 'CustomResourceDefinition' ? 1 : 2);
    for (const o of [...sourceOf.keys()].sort((a, b) => rank(a) - rank(b))) {
      try {
        applyOne(o);
      } catch (e) {
        const message = `${sourceOf.get(o)}: ${o.kind}/${o.metadata?.name ?? '?'}: ${(e as Error).message}`;
        if (!opts.onFixtureError) throw new Error(message, { cause: e });
        opts.onFixtureError(message);
      }
    }
  }

  const server = createApiServer(ctx);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  address = `127.0.0.1:${port}`;
  const url = `https://127.0.0.1:${port}`;
  const kubeconfig = kubeconfigYaml(url, adminToken, users);
  if (opts.kubeconfigPath) writeFileSync(opts.kubeconfigPath, kubeconfig, { mode: 0o600 });

  const sim: ClusterSim = {
    url,
    ...(opts.kubeconfigPath ? { kubeconfigPath: opts.kubeconfigPath } : {}),
    kubeconfig,
    adminToken,
    store,
    api,
    clock,
    requests: ctx.requests,
    get faults(): FaultConfig {
      return ctx.faults.current;
    },
    set faults(f: FaultConfig) {
      ctx.faults.set(f);
    },
    async apply(objects, o = {}) {
      const list: KObject[] =
        typeof objects === 'string' ? parseObjects(objects) : (Array.isArray(objects) ? objects : [objects]).map((x) => x as KObject);
      return applyAll(list, o.namespace);
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
      const t = resolveType(registry, resource);
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
    },
    advance(ms) {
      clock.advance(ms);
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
    async stop() {
      for (const c of controllers) c.stop();
      clock.stop();
      for (const end of [...ctx.watchClosers]) end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return sim;
}

/** Parses YAML or JSON text into Kubernetes objects (helper for callers of apply()). */
export function parseManifests(text: string): KObject[] {
  return parseObjects(text);
}
