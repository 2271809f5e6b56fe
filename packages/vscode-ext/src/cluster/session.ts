// The extension's connection to the cluster chosen by the `flokoa.cluster.*` settings. It never
// blocks the editor: an unreachable or forbidden cluster is reported once, retried in the
// background with backoff, and recovers by itself. Commands borrow its client.
import * as vscode from 'vscode';
import { KubeClient, loadConnection, contextNames, describeError } from './library.js';
import { readClusterConfig, type ClusterConfig } from '../config.js';

export type ClusterState =
  | { state: 'disabled' }
  | { state: 'connecting'; context?: string }
  | { state: 'connected'; context: string; server: string }
  | { state: 'unavailable'; context?: string; reason: string };

/** Per-request limit: a slow cluster must not hold a command or a view for long. */
const REQUEST_TIMEOUT_MS = 10_000;
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 60_000;

export class ClusterSession implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ClusterState>();
  readonly onDidChange = this.emitter.event;
  private stateValue: ClusterState = { state: 'disabled' };
  private client: KubeClient | undefined;
  private config: ClusterConfig = { enabled: false };
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs = RETRY_MIN_MS;
  private generation = 0;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  get state(): ClusterState {
    return this.stateValue;
  }

  /** The connected client, or undefined when the cluster is off or unreachable. */
  get connectedClient(): KubeClient | undefined {
    return this.stateValue.state === 'connected' ? this.client : undefined;
  }

  /** Re-reads the settings and (re)connects; safe to call on every settings change. */
  reload(): void {
    this.config = readClusterConfig();
    this.generation++;
    clearTimeout(this.retryTimer);
    this.client?.close();
    this.client = undefined;
    this.retryMs = RETRY_MIN_MS;
    if (!this.config.enabled) {
      this.setState({ state: 'disabled' });
      return;
    }
    void this.connect(this.generation);
  }

  /** Contexts of the configured kubeconfig, for the patch command's context picker. */
  contexts(): string[] {
    return contextNames(this.flags());
  }

  /** A client for another context of the same kubeconfig (the caller closes it). */
  clientFor(context: string): KubeClient {
    return new KubeClient(loadConnection({ ...this.flags(), context }));
  }

  private flags(): { kubeconfig?: string; context?: string; requestTimeoutMs: number } {
    return { kubeconfig: this.config.kubeconfig, context: this.config.context, requestTimeoutMs: REQUEST_TIMEOUT_MS };
  }

  private async connect(gen: number): Promise<void> {
    let client: KubeClient;
    try {
      client = new KubeClient(loadConnection(this.flags()));
    } catch (e) {
      // A broken kubeconfig does not heal by retrying; the next settings change reloads.
      this.fail(gen, describeError(e), false);
      return;
    }
    const context = client.connection.contextName || '(no context)';
    if (this.stateValue.state !== 'unavailable') this.setState({ state: 'connecting', context });
    try {
      // Listing Agents proves both reachability and that the Flokoa API is served and readable.
      await client.list('/apis/agent.flokoa.ai/v1alpha1/agents', { query: { limit: 1 } });
    } catch (e) {
      client.close();
      this.fail(gen, describeError(e), true, context);
      return;
    }
    if (gen !== this.generation) {
      client.close();
      return;
    }
    this.client = client;
    this.retryMs = RETRY_MIN_MS;
    this.log.info(`cluster: connected to context "${context}" at ${client.connection.server}`);
    this.setState({ state: 'connected', context, server: client.connection.server });
  }

  private fail(gen: number, reason: string, retry: boolean, context?: string): void {
    if (gen !== this.generation) return;
    const wasReported = this.stateValue.state === 'unavailable' && this.stateValue.reason === reason;
    // The language server tells the user (one notice); the extension keeps it in its log and status bar.
    if (!wasReported) this.log.warn(`cluster: ${reason}${retry ? ' (retrying in the background)' : ''}`);
    this.setState({ state: 'unavailable', ...(context ? { context } : {}), reason });
    if (!retry) return;
    this.retryTimer = setTimeout(() => void this.connect(gen), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  /** Called by a feature whose request failed on a connected cluster: reconnects in the background. */
  reportFailure(e: unknown): void {
    if (this.stateValue.state !== 'connected') return;
    const gen = ++this.generation;
    const context = this.stateValue.context;
    this.client?.close();
    this.client = undefined;
    this.fail(gen, describeError(e), true, context);
  }

  private setState(s: ClusterState): void {
    this.stateValue = s;
    this.emitter.fire(s);
  }

  dispose(): void {
    this.generation++;
    clearTimeout(this.retryTimer);
    this.client?.close();
    this.emitter.dispose();
  }
}
