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
import { DisruptionController } from './controllers/disruption.js';
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
import { parseObjects } from './fixtures.js';
import { kubeconfigYaml } from './kubeconfig.js';
import type { KObject } from './object.js';
import { Authorizer, bootstrapPolicy } from './rbac.js';
import { RequestStats } from './request-stats.js';
import { Registry } from './resources.js';
import { createApiServer } from './server.js';
import { Store } from './store.js';
import { ObjectLoader } from './loader.js';
import { type ClusterSim, simHandle } from './simHandle.js';

export type { FaultConfig } from './faults.js';
export { seededRandom } from './faults.js';
export type { ClusterSim, WaitOptions } from './simHandle.js';
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

const INITIAL_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export async function startClusterSim(opts: ClusterSimOptions = {}): Promise<ClusterSim> {
  const adminToken = opts.adminToken ?? randomBytes(24).toString('hex');
  const users = [...(opts.users ?? [])];
  let address = '127.0.0.1:0';
  const ctx = createContext(opts, adminToken, users, () => address);
  const controllers = startControllers(ctx, opts);
  const loader = new ObjectLoader(ctx);
  for (const name of INITIAL_NAMESPACES) loader.applyOne({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  loader.applyAll(bootstrapPolicy());
  loader.applyAll([...((opts.crds as KObject[] | undefined) ?? defaultFlokoaCrds(opts.apiGeneration)), ...addonCrds()]);
  if (opts.fixtures?.length) loader.applyFixtures(opts.fixtures, opts.onFixtureError);

  const server = createApiServer(ctx);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `https://${address}`;
  const kubeconfig = kubeconfigYaml(url, adminToken, users);
  if (opts.kubeconfigPath) writeFileSync(opts.kubeconfigPath, kubeconfig, { mode: 0o600 });
  const stop = async (): Promise<void> => {
    for (const c of controllers) c.stop();
    ctx.clock.stop();
    for (const end of [...ctx.watchClosers]) end();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };
  return simHandle(
    { ctx, loader, url, kubeconfig, adminToken, ...(opts.kubeconfigPath ? { kubeconfigPath: opts.kubeconfigPath } : {}) },
    stop,
  );
}

function createContext(opts: ClusterSimOptions, adminToken: string, users: UserEntry[], serverAddress: () => string): SimContext {
  const clock = new SimClock(opts.timeScale ?? 1);
  const store = new Store(opts.historySize ?? 10_000);
  const registry = new Registry();
  const api = new ObjectApi(store, registry, clock);
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
    serverAddress,
  };
  api.admission = admissionChain(ctx);
  return ctx;
}

function startControllers(ctx: SimContext, opts: ClusterSimOptions): { stop(): void }[] {
  const onError = opts.onControllerError ?? (() => undefined);
  const events = new EventRecorder(ctx);
  return [
    new NamespaceController(ctx, onError),
    new GarbageCollector(ctx, onError),
    new DeploymentController(ctx, events, onError),
    new ReplicaSetController(ctx, events, onError),
    new ResourceQuotaController(ctx, onError),
    new DisruptionController(ctx, onError),
    new Kubelet(ctx, events, opts.readyDelayMs ?? 2_000, onError),
    new FlokoaOperator(ctx, onError),
    new SecretProducers(ctx, onError),
  ];
}

/** Parses YAML or JSON text into Kubernetes objects (helper for callers of apply()). */
export function parseManifests(text: string): KObject[] {
  return parseObjects(text);
}
