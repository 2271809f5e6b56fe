// What the Agents view, the CodeLens and the reference commands show, asked from the language
// server through the custom requests of @flokoa/lsp/protocol: the server is the one model (its
// index of the workspace and its watches on the cluster). This holds only the last answers, and
// asks again when the server says the model changed (flokoa/modelChanged).
import * as vscode from 'vscode';
import {
  AGENTS_REQUEST,
  LIVE_OBJECT_REQUEST,
  LIVE_STATE_REQUEST,
  REFERRERS_REQUEST,
  RESOURCE_AT_REQUEST,
  type AgentInfo,
  type AgentsResult,
  type ClusterStatus,
  type LiveAgent,
  type LiveObjectResult,
  type LiveStateResult,
  type Referrer,
  type ReferrersResult,
  type ResourceInfo,
  type ResourceKey,
} from '@flokoa/lsp/protocol';
import type { AskServer } from '../apiGenerationStatus.js';

const liveKey = (k: { namespace: string; name: string }) => `${k.namespace}/${k.name}`;

export class ServerModel implements vscode.Disposable {
  private agentList: AgentInfo[] = [];
  private clusterStatus: ClusterStatus = { state: 'disabled' };
  private live = new Map<string, LiveAgent>();
  private liveState: LiveStateResult | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private pending: Promise<void> | undefined;
  private again = false;

  constructor(private readonly ask: AskServer) {}

  /** Asks the server again; concurrent calls coalesce into one extra run. */
  refresh(): Promise<void> {
    if (this.pending) {
      this.again = true;
      return this.pending;
    }
    this.pending = (async () => {
      do {
        this.again = false;
        await this.load();
      } while (this.again);
    })().finally(() => {
      this.pending = undefined;
      this.emitter.fire();
    });
    return this.pending;
  }

  private async load(): Promise<void> {
    const [agents, live] = await Promise.all([
      this.ask<AgentsResult>(AGENTS_REQUEST, {}),
      this.ask<LiveStateResult>(LIVE_STATE_REQUEST, {}),
    ]);
    if (agents) {
      this.agentList = agents.agents;
      this.clusterStatus = agents.cluster;
    }
    if (live) {
      this.liveState = live;
      this.clusterStatus = live.cluster;
      this.live = new Map(live.agents.map((a) => [liveKey(a.key), a]));
    }
  }

  /** Every Agent of the workspace and the cluster, by namespace then name. */
  agents(): AgentInfo[] {
    return this.agentList;
  }

  /** The Agents a document defines, as the server holds it now (the editor's text). */
  async agentsIn(uri: vscode.Uri): Promise<AgentInfo[]> {
    return (await this.ask<AgentsResult>(AGENTS_REQUEST, { uri: uri.toString() }))?.agents ?? [];
  }

  /** The context live state was read from, while there is live state to show. */
  get context(): string | undefined {
    return this.liveState?.context;
  }

  /** True while the cluster is unavailable and the live state shown is the last one seen. */
  get stale(): boolean {
    return !!this.liveState?.stale;
  }

  /** While the live state is stale: when the cluster was last seen (the outage's start), as a local time. */
  get lastSeen(): string | undefined {
    const c = this.clusterStatus;
    const at = c.state === 'unavailable' ? c.since : this.liveState?.observedAt;
    return at ? new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : undefined;
  }

  get cluster(): ClusterStatus {
    return this.clusterStatus;
  }

  liveAgent(key: { namespace: string; name: string }): LiveAgent | undefined {
    return this.live.get(liveKey(key));
  }

  async resourceAt(document: vscode.TextDocument, position: vscode.Position): Promise<ResourceInfo | undefined> {
    return this.ask<ResourceInfo>(RESOURCE_AT_REQUEST, {
      textDocument: { uri: document.uri.toString() },
      position: { line: position.line, character: position.character },
    });
  }

  async referrers(key: ResourceKey): Promise<Referrer[]> {
    return (await this.ask<ReferrersResult>(REFERRERS_REQUEST, { key }))?.referrers ?? [];
  }

  async liveObject(key: ResourceKey): Promise<LiveObjectResult | undefined> {
    return this.ask<LiveObjectResult>(LIVE_OBJECT_REQUEST, { key });
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
