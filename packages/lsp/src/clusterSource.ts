// The live cluster as a resource source of the language server (flokoa.cluster.* settings).
// Read-only: list and watch, never a write. Flokoa objects, Services, ServiceAccounts, ConfigMaps,
// Namespaces and the Flokoa CRDs are kept current by watches (the plugin's list-then-watch);
// Secrets are read as metadata only — their values never leave the cluster — so they are re-listed
// rather than watched. The Deployments and pods the operator labels for its Agents are watched too:
// they are what the editor shows of a rollout. An unreachable cluster degrades to workspace-only
// analysis with one notice, is retried with backoff, and says when it is back; a kind the user may
// not list is left out with one notice.
import { setMaxListeners } from 'node:events';
import { AGENT_LABEL, API_GENERATIONS, FLOKOA_GROUP, resourcesFromObject, type Resource } from '@flokoa/core';
import {
  ACCEPT_METADATA_LIST,
  KubeApiError,
  KubeClient,
  collectionPath,
  describeError,
  loadConnection,
  observe,
  type KObject,
} from '@flokoa/kube';
import type { ExternalResourceSource, ExternalSink } from './externalSources.js';
import type { ServerSettings } from './settings.js';

interface WatchedKind {
  group: string;
  version: string;
  kind: string;
  /** Only the objects the operator labels for an Agent, kept for the live view rather than resolved against. */
  agentLabelled?: boolean;
}

/** Every Flokoa kind of every API generation (a kind the cluster's operator release lacks answers 404: none of it). */
const FLOKOA_WATCHED: WatchedKind[] = [
  ...new Map(API_GENERATIONS.flatMap((a) => a.kinds).map((k) => [k.kind, { group: k.group, version: k.version, kind: k.kind }])).values(),
];

const WATCHED: WatchedKind[] = [
  ...FLOKOA_WATCHED,
  { group: '', version: 'v1', kind: 'Service' },
  { group: '', version: 'v1', kind: 'ServiceAccount' },
  { group: '', version: 'v1', kind: 'ConfigMap' },
  { group: '', version: 'v1', kind: 'Namespace' },
  { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition' },
];
const SECRET: WatchedKind = { group: '', version: 'v1', kind: 'Secret' };
const LIVE: WatchedKind[] = [
  { group: 'apps', version: 'v1', kind: 'Deployment', agentLabelled: true },
  { group: '', version: 'v1', kind: 'Pod', agentLabelled: true },
];
/** Every kind the source lists, in the order it asks for them (and names them in a notice). */
const ORDER = [...WATCHED, ...LIVE, SECRET].map((k) => k.kind);

/** Per-request limit, so a hung cluster turns into a notice instead of a silent stall. */
const REQUEST_TIMEOUT_MS = 10_000;
const SECRETS_RELIST_MS = 60_000;
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 60_000;
/** Coalesces a burst of watch events (a rollout touches many objects) into one re-analysis. */
const PUSH_DEBOUNCE_MS = 100;

export function clusterSources(settings: ServerSettings): ExternalResourceSource[] {
  return settings.cluster.enabled ? [new ClusterSource(settings.cluster)] : [];
}

export class ClusterSource implements ExternalResourceSource {
  readonly id: string;
  private readonly stop = new AbortController();
  private readonly objects = new Map<string, KObject[]>();
  /** Deployments and pods of Agents: kept through an outage, so the editor can show the last state seen. */
  private readonly live = new Map<string, KObject[]>();
  private pushTimer: NodeJS.Timeout | undefined;
  /** Kinds the user may not list, already told; and those found since, told once every kind has answered. */
  private readonly forbiddenReported = new Set<string>();
  private forbiddenNew = new Map<string, unknown>();
  /** Kinds of the current attempt that have not answered yet (synced, forbidden or absent). */
  private unanswered = new Set<string>();
  private outage: string | undefined;
  /** The API server the current attempt reached (status is reported once per connection). */
  private connectedTo: string | undefined;

  constructor(private readonly cfg: ServerSettings['cluster']) {
    this.id = `cluster:${cfg.context ?? '(current context)'}`;
  }

  start(sink: ExternalSink): void {
    let context: string;
    try {
      const c = this.connect();
      context = c.connection.contextName || c.connection.server;
      c.close();
    } catch (e) {
      // A kubeconfig problem does not heal by retrying; a settings change starts a new source.
      const reason = describeError(e);
      sink.notice(`cluster not used: ${reason}`, 'error');
      sink.status({ state: 'unavailable', reason, since: new Date().toISOString() });
      return;
    }
    sink.status({ state: 'connecting', context });
    void this.run(sink, context);
  }

  /** A client from the kubeconfig as it is now: a reconnect picks up rotated credentials or a new CA. */
  private connect(): KubeClient {
    return new KubeClient(
      loadConnection({ kubeconfig: this.cfg.kubeconfig, context: this.cfg.context, requestTimeoutMs: REQUEST_TIMEOUT_MS }),
    );
  }

  private async run(sink: ExternalSink, context: string): Promise<void> {
    let retryMs = RETRY_MIN_MS;
    while (!this.stop.signal.aborted) {
      const attempt = new AbortController();
      // Every watched kind's requests listen on this one signal (two listeners each at most: a
      // request and a back-off), past Node's default of 10, which printed MaxListenersExceededWarning
      // into the server's log; the bound still catches a real leak.
      setMaxListeners(2 * ([...WATCHED, ...LIVE].length + 1) + 4, attempt.signal);
      const onStop = () => attempt.abort();
      this.stop.signal.addEventListener('abort', onStop, { once: true });
      let client: KubeClient | undefined;
      try {
        client = this.connect();
        const c = client;
        this.unanswered = new Set(ORDER);
        const onSync = (kind: string) => {
          retryMs = RETRY_MIN_MS;
          this.connected(sink, context, c.connection.server);
          this.answered(kind, sink, context);
        };
        await Promise.all([
          ...[...WATCHED, ...LIVE].map((k) => this.watchKind(c, k, attempt.signal, sink, context, onSync)),
          this.relistSecrets(c, attempt.signal, sink, context),
        ]);
        // Every kind was forbidden: look again later, in case the user is granted access.
        await sleep(RETRY_MAX_MS, this.stop.signal);
      } catch (e) {
        attempt.abort();
        if (this.stop.signal.aborted) return;
        const reason = describeError(e);
        if (this.outage === undefined) {
          sink.notice(
            `cluster "${context}" is unavailable (${reason}); references are checked against the workspace only until it is back`,
            'warning',
          );
        }
        if (this.outage === undefined) sink.status({ state: 'unavailable', context, reason, since: new Date().toISOString() });
        this.outage = reason;
        this.connectedTo = undefined;
        this.objects.clear();
        sink.setResources([]);
        await sleep(retryMs, this.stop.signal);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      } finally {
        client?.close();
        this.stop.signal.removeEventListener('abort', onStop);
      }
    }
  }

  private async watchKind(
    client: KubeClient,
    k: WatchedKind,
    signal: AbortSignal,
    sink: ExternalSink,
    context: string,
    onSync: (kind: string) => void,
  ): Promise<void> {
    const store = k.agentLabelled ? this.live : this.objects;
    const opts = { signal, maxFailures: 3, ...(k.agentLabelled ? { labelSelector: AGENT_LABEL } : {}) };
    try {
      await observe(client, collectionPath({ group: k.group, kind: k.kind }), opts, (objs) => {
        store.set(
          k.kind,
          [...objs.values()].map((o) => withType(o, k)),
        );
        onSync(k.kind);
        this.recovered(sink, context);
        this.schedulePush(sink, context);
      });
    } catch (e) {
      if (e instanceof KubeApiError && e.code === 403) return this.forbidden(k.kind, sink, context, e);
      // The API of a kind that is not installed (no CRDs yet) is simply empty.
      if (e instanceof KubeApiError && e.code === 404) return this.answered(k.kind, sink, context);
      throw e;
    }
  }

  private async relistSecrets(client: KubeClient, signal: AbortSignal, sink: ExternalSink, context: string): Promise<void> {
    while (!signal.aborted) {
      try {
        const list = await client.list(collectionPath({ group: '', kind: 'Secret' }), { accept: ACCEPT_METADATA_LIST, signal });
        this.objects.set(
          'Secret',
          list.items.map((o) => withType({ metadata: o.metadata }, SECRET)),
        );
        this.answered('Secret', sink, context);
        this.schedulePush(sink, context);
      } catch (e) {
        if (signal.aborted) return;
        if (e instanceof KubeApiError && e.code === 403) return this.forbidden('Secret', sink, context, e);
        throw e;
      }
      await sleep(SECRETS_RELIST_MS, signal);
    }
  }

  private forbidden(kind: string, sink: ExternalSink, context: string, e: unknown): void {
    if (!this.forbiddenReported.has(kind)) this.forbiddenNew.set(kind, e);
    this.answered(kind, sink, context);
  }

  /**
   * A kind has answered. Once every kind has, the ones the user may not list (and was not told of
   * yet) are one notice: a restricted user got one popup per kind, up to ten.
   */
  private answered(kind: string, sink: ExternalSink, context: string): void {
    this.unanswered.delete(kind);
    if (this.unanswered.size > 0 || this.forbiddenNew.size === 0) return;
    // In the order the kinds are watched, not the order their answers came in: the same notice every time.
    const kinds = ORDER.filter((k) => this.forbiddenNew.has(k));
    const first = this.forbiddenNew.get(kinds[0]);
    this.forbiddenNew = new Map();
    for (const k of kinds) this.forbiddenReported.add(k);
    const live = kinds.filter((k) => LIVE.some((l) => l.kind === k));
    const referenced = kinds.filter((k) => !live.includes(k));
    const consequences = [
      ...(referenced.length > 0
        ? [`references to ${referenced.length === 1 ? 'them' : 'these'} are checked against the workspace only`]
        : []),
      ...(live.length > 0 ? [`the editor shows Agents' rollouts without ${live.map((k) => `${k}s`).join(' and ')}`] : []),
    ];
    const reason = kinds.length === 1 ? describeError(first) : `${describeError(first)}, and likewise for the others`;
    sink.notice(`cluster "${context}": not allowed to list ${listOf(kinds)} objects (${reason}); ${consequences.join('; ')}`, 'warning');
  }

  private connected(sink: ExternalSink, context: string, server: string): void {
    if (this.connectedTo === server) return;
    this.connectedTo = server;
    sink.status({ state: 'connected', context, server });
  }

  private recovered(sink: ExternalSink, context: string): void {
    if (this.outage === undefined) return;
    this.outage = undefined;
    sink.notice(`cluster "${context}" is reachable again`, 'info');
  }

  private schedulePush(sink: ExternalSink, context: string): void {
    clearTimeout(this.pushTimer);
    this.pushTimer = setTimeout(() => {
      if (this.stop.signal.aborted) return;
      sink.setResources(this.resources(context));
      sink.setLive({
        context,
        agents: this.objects.get('Agent') ?? [],
        deployments: this.live.get('Deployment') ?? [],
        pods: this.live.get('Pod') ?? [],
      });
    }, PUSH_DEBOUNCE_MS);
  }

  private resources(context: string): Resource[] {
    const out: Resource[] = [];
    for (const [kind, objs] of this.objects) {
      for (const o of objs) {
        // Only the Flokoa CRDs shape schemas; the cluster's other CRDs are not ours to judge by.
        if (kind === 'CustomResourceDefinition' && (o.spec as { group?: string } | undefined)?.group !== FLOKOA_GROUP) continue;
        out.push(...clusterResources(o, context));
      }
    }
    return out;
  }

  dispose(): void {
    this.stop.abort();
    clearTimeout(this.pushTimer);
  }
}

/** The Resources of an object read from the cluster of `context` (uri `cluster://<context>`). */
export function clusterResources(o: unknown, context: string): Resource[] {
  return resourcesFromObject(o, {
    uri: `cluster://${context}`,
    namespace: (ns, namespaced) =>
      namespaced
        ? { namespace: typeof ns === 'string' ? ns : '', source: { kind: 'cluster' } }
        : { namespace: '', source: { kind: 'cluster-scoped' } },
  });
}

/** List items of built-in kinds come without apiVersion and kind; the resource model needs both. */
function withType(o: KObject, k: WatchedKind): KObject {
  return { ...o, apiVersion: k.group ? `${k.group}/${k.version}` : k.version, kind: k.kind };
}

/** `A`, `A and B`, `A, B and C`. */
function listOf(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
