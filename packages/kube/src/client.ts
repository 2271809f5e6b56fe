// A small Kubernetes REST client over node:http(s): the requests this plugin needs (get, list, watch,
// patch, create) with kubeconfig auth, kubectl-style timeouts, client-go's Retry-After handling and a
// request counter. It stays off @kubernetes/client-node's generated API layer on purpose: that layer
// costs ~150 ms of start-up in a bundle and its HTTP stack (undici 8) does not load on Node 20.
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import type { Connection } from './kubeconfig.js';
import { Credentials } from './credentials.js';
import { armAgent, DEFAULT_TIMEOUTS, idleGuard, type Timeouts } from './sockets.js';
import { apiErrorFromResponse, connectionErrorFrom, KubeApiError, UsageError } from './errors.js';

export type KObject = {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { kind: string; name: string; uid: string; controller?: boolean }[];
  };
  [field: string]: unknown;
};
export interface KList<T = KObject> {
  metadata: { resourceVersion?: string; continue?: string };
  items: T[];
}
export interface WatchEvent<T = KObject> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
  /** Turns the JSON text into a value; Secrets use it to drop values while parsing. */
  reviver?: (this: unknown, key: string, value: unknown) => unknown;
}

/** Accept header that asks for metadata only (no spec, no data): used for Secrets. */
export const ACCEPT_METADATA = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json';
export const ACCEPT_METADATA_LIST = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

export const FIELD_MANAGER = 'kubectl-flokoa';
const USER_AGENT = 'kubectl-flokoa/0.1.0';
// client-go retries a request answered with Retry-After up to 10 times.
const MAX_RETRIES = 10;

export interface RequestStats {
  requests: number;
  byVerb: Record<string, number>;
}

export interface ClientOptions {
  /** The command's signal (Ctrl-C, SIGTERM, a closed editor): aborts every request of this client. */
  signal?: AbortSignal;
  timeouts?: Partial<Timeouts>;
}

export class KubeClient {
  readonly stats: RequestStats = { requests: 0, byVerb: {} };
  private readonly timeouts: Timeouts;
  private readonly signal: AbortSignal | undefined;
  private readonly agent: http.Agent;
  private readonly base: URL;
  private readonly credentials: Credentials;

  constructor(
    readonly connection: Connection,
    options: ClientOptions = {},
  ) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.signal = options.signal;
    try {
      this.base = new URL(connection.server);
    } catch {
      throw new UsageError(`invalid server URL "${connection.server}" in the kubeconfig`);
    }
    if (this.base.protocol !== 'https:' && this.base.protocol !== 'http:') {
      throw new UsageError(`unsupported server URL scheme "${this.base.protocol}" (expected https: or http:)`);
    }
    const tls: https.AgentOptions = { keepAlive: true };
    const { cluster, user } = connection;
    if (this.base.protocol === 'https:') {
      const ca = fromFileOrBase64(cluster.caFile, cluster.caData);
      if (ca) tls.ca = ca;
      const cert = fromFileOrBase64(user.certFile, user.certData);
      const key = fromFileOrBase64(user.keyFile, user.keyData);
      if (cert) tls.cert = cert;
      if (key) tls.key = key;
      if (cluster.skipTLSVerify) tls.rejectUnauthorized = false;
      if (cluster.tlsServerName) tls.servername = cluster.tlsServerName;
      this.agent = new https.Agent(tls);
    } else {
      this.agent = new http.Agent({ keepAlive: true });
    }
    armAgent(this.agent, this.base.protocol === 'https:', this.timeouts);
    this.credentials = new Credentials(connection, options.signal);
    if (user.authProvider) {
      throw new UsageError(
        `the auth-provider "${String((user.authProvider as { name?: string }).name)}" of user "${user.name}" is not supported; use an exec credential plugin`,
      );
    }
  }

  get namespace(): string {
    return this.connection.namespace;
  }

  /** Closes idle keep-alive sockets so the process can exit at once. */
  close(): void {
    this.agent.destroy();
  }

  /** The request's own signal joined with the client's. */
  private signalFor(signal?: AbortSignal): AbortSignal | undefined {
    if (!signal) return this.signal;
    return this.signal ? AbortSignal.any([this.signal, signal]) : signal;
  }

  private url(path: string, query?: Query): URL {
    const u = new URL(this.base.href.replace(/\/$/, '') + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u;
  }

  private async headers(accept: string, contentType?: string): Promise<http.OutgoingHttpHeaders> {
    const h: http.OutgoingHttpHeaders = { Accept: accept, 'User-Agent': USER_AGENT };
    if (contentType) h['Content-Type'] = contentType;
    await this.credentials.apply(h);
    return h;
  }

  /** One HTTP exchange; resolves with status and body text, rejects only on transport failure. */
  private async exchange(
    verb: string,
    method: string,
    path: string,
    opts: RequestOptions,
  ): Promise<{ status: number; body: string; retryAfter?: string }> {
    const url = this.url(path, opts.query);
    const payload = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    const headers = await this.headers(
      opts.accept ?? 'application/json',
      payload !== undefined ? (opts.contentType ?? 'application/json') : undefined,
    );
    if (payload !== undefined) headers['Content-Length'] = Buffer.byteLength(payload);
    this.stats.requests++;
    this.stats.byVerb[verb] = (this.stats.byVerb[verb] ?? 0) + 1;
    const timeoutMs = this.connection.requestTimeoutMs;
    const signal = this.signalFor(opts.signal);
    signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const mod = url.protocol === 'https:' ? https : http;
      const req = mod.request(url, { method, headers, agent: this.agent, signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          idle.touch();
          chunks.push(c);
        });
        res.on('end', () => {
          idle.clear();
          clearTimeout(timer);
          const ra = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            retryAfter: Array.isArray(ra) ? ra[0] : ra,
          });
        });
        res.on('error', (e) => {
          idle.clear();
          clearTimeout(timer);
          reject(connectionErrorFrom(e as NodeJS.ErrnoException, this.base.href));
        });
      });
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              const e = new Error('request timed out') as NodeJS.ErrnoException;
              e.code = 'REQUEST_TIMEOUT';
              req.destroy(e);
            }, timeoutMs)
          : undefined;
      const idle = idleGuard(req, this.timeouts.idleMs);
      req.on('error', (e: NodeJS.ErrnoException) => {
        idle.clear();
        clearTimeout(timer);
        if (e.name === 'AbortError') reject(e);
        else reject(connectionErrorFrom(e, this.base.href, timeoutMs));
      });
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** A request whose answer is JSON; non-2xx become KubeApiError. Reads are retried as client-go does. */
  async request<T = unknown>(verb: string, method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const idempotent = method === 'GET';
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const res = await this.exchange(verb, method, path, opts);
      if (res.status === 401 && !refreshed && this.credentials.forgetExec()) {
        refreshed = true;
        continue;
      }
      if (res.status >= 200 && res.status < 300) {
        try {
          return JSON.parse(res.body, opts.reviver) as T;
        } catch {
          throw new KubeApiError(res.status, 'BadResponse', `the server sent a response that is not JSON for ${verb} ${path}`, {
            verb,
            path,
          });
        }
      }
      const err = apiErrorFromResponse(res.status, res.body, { verb, path }, res.retryAfter);
      // client-go retries any request answered 429/5xx with Retry-After; we also retry reads on a bare 5xx.
      const withRetryAfter = (res.status === 429 || res.status >= 500) && err.retryAfterSeconds !== undefined;
      // A bare 5xx on a read gets two quick retries: a blip, not a failing server, is what they cure.
      const bare5xx = idempotent && res.status >= 500 && res.status !== 501 && err.retryAfterSeconds === undefined && attempt < 2;
      if (!(withRetryAfter || bare5xx) || attempt >= MAX_RETRIES - 1) throw err;
      const waitMs = err.retryAfterSeconds !== undefined ? Math.min(err.retryAfterSeconds, 10) * 1000 : 50 * 2 ** attempt;
      await delay(waitMs, this.signalFor(opts.signal));
    }
  }

  get<T = KObject>(path: string, opts: RequestOptions = {}): Promise<T> {
    return this.request<T>('get', 'GET', path, opts);
  }

  list<T = KObject>(path: string, opts: RequestOptions = {}): Promise<KList<T>> {
    return this.request<KList<T>>('list', 'GET', path, opts);
  }

  create<T = KObject>(path: string, body: unknown, opts: RequestOptions = {}): Promise<T> {
    return this.request<T>('create', 'POST', path, { ...opts, body });
  }

  patch<T = KObject>(path: string, type: 'json' | 'merge' | 'strategic', body: unknown, opts: RequestOptions = {}): Promise<T> {
    const contentType = {
      json: 'application/json-patch+json',
      merge: 'application/merge-patch+json',
      strategic: 'application/strategic-merge-patch+json',
    }[type];
    return this.request<T>('patch', 'PATCH', path, {
      ...opts,
      contentType,
      query: { fieldManager: FIELD_MANAGER, ...opts.query },
      body,
    });
  }

  private async openWatch(url: URL, signal: AbortSignal | undefined): Promise<http.IncomingMessage> {
    const headers = await this.headers('application/json');
    this.stats.requests++;
    this.stats.byVerb.watch = (this.stats.byVerb.watch ?? 0) + 1;
    const mod = url.protocol === 'https:' ? https : http;
    return new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = mod.request(url, { method: 'GET', headers, agent: this.agent, signal }, resolve);
      req.on('error', (e: NodeJS.ErrnoException) => reject(e.name === 'AbortError' ? e : connectionErrorFrom(e, this.base.href)));
      req.end();
    });
  }

  /**
   * Opens a watch and yields its events until the server closes it. Transport and HTTP failures
   * reject; an `ERROR` event (e.g. 410 Gone) is yielded as is for the caller to decide.
   */
  async *watch<T = KObject>(path: string, query: Query, ownSignal?: AbortSignal): AsyncGenerator<WatchEvent<T>> {
    const signal = this.signalFor(ownSignal);
    signal?.throwIfAborted();
    const url = this.url(path, { ...query, watch: 1 });
    let res = await this.openWatch(url, signal);
    // A watch reopened after its token expired: the exec plugin runs again, as for any other request.
    if (res.statusCode === 401 && this.credentials.forgetExec()) {
      res.destroy();
      res = await this.openWatch(url, signal);
    }
    if ((res.statusCode ?? 0) >= 300) {
      const chunks: Buffer[] = [];
      for await (const c of res) chunks.push(c as Buffer);
      const ra = res.headers['retry-after'];
      throw apiErrorFromResponse(
        res.statusCode ?? 0,
        Buffer.concat(chunks).toString('utf8'),
        { verb: 'watch', path },
        Array.isArray(ra) ? ra[0] : ra,
      );
    }
    let buffered = '';
    const idle = idleGuard(res, this.connection.requestTimeoutMs || this.timeouts.watchIdleMs);
    try {
      for await (const chunk of res) {
        idle.touch();
        buffered += (chunk as Buffer).toString('utf8');
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl).trim();
          buffered = buffered.slice(nl + 1);
          if (line) yield JSON.parse(line) as WatchEvent<T>;
        }
      }
    } catch (e) {
      if ((e as Error).name === 'AbortError' || signal?.aborted) return;
      // A watch cut mid-stream, or silent too long, is a normal close for the caller: it resumes from the last version.
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ECONNRESET' || code === 'IDLE_TIMEOUT' || (e as Error).message === 'aborted') return;
      throw e;
    } finally {
      idle.clear();
      res.destroy();
    }
    if (buffered.trim()) yield JSON.parse(buffered) as WatchEvent<T>;
  }
}

function fromFileOrBase64(file?: string, data?: string): Buffer | undefined {
  if (data) return Buffer.from(data, 'base64');
  if (file) {
    try {
      return readFileSync(file);
    } catch (e) {
      throw new UsageError(`unable to read ${file}: ${(e as Error).message}`);
    }
  }
  return undefined;
}

export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
