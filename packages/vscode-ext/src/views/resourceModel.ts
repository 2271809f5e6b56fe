// What the Agents view, the CodeLens and the reference commands show: the workspace's YAML files and,
// when a cluster is connected, a snapshot of its Flokoa objects, both turned into core Resources in
// one core Workspace, so references resolve with the same code as the server and the CLI. The files
// are read once; after that only the files a save, a create, a delete, a rename or a change on disk
// touched are read again (a repository of thousands of files is not re-read on every save).
import * as vscode from 'vscode';
import {
  FLOKOA_GROUP,
  Workspace,
  chainOf,
  keyString,
  resourcesFromObject,
  type ChainNode,
  type ObjectKey,
  type Reference,
  type Resource,
} from '@flokoa/core';
import { ACCEPT_METADATA_LIST, collectionPath, describeError, observe, type KObject, type KubeClient } from '../cluster/library.js';
import type { LiveAgent } from './liveSummary.js';
export type { LiveAgent } from './liveSummary.js';
import type { ClusterSession } from '../cluster/session.js';

/** Larger files are generated data, not manifests a person edits; the server applies the same guard. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const MAX_FILES = 5000;
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**}';
const AGENT_LABEL = 'flokoa.ai/agent';
/** A rollout changes its Deployment many times a second; the views need at most one re-read a second. */
const LIVE_REFRESH_DEBOUNCE_MS = 1000;
/** A branch switch changes hundreds of files at once: their events are applied together. */
const FILE_EVENTS_DEBOUNCE_MS = 200;

/** Kinds read from the cluster: what Agent reference chains can reach. Secrets as metadata only. */
const CLUSTER_KINDS: { group: string; version: string; kind: string; metadataOnly?: boolean }[] = [
  { group: FLOKOA_GROUP, version: 'v1alpha1', kind: 'Agent' },
  { group: FLOKOA_GROUP, version: 'v1alpha1', kind: 'Model' },
  { group: FLOKOA_GROUP, version: 'v1alpha1', kind: 'ModelProvider' },
  { group: FLOKOA_GROUP, version: 'v1alpha1', kind: 'AgentTool' },
  { group: '', version: 'v1', kind: 'Secret', metadataOnly: true },
  { group: '', version: 'v1', kind: 'ConfigMap', metadataOnly: true },
  { group: '', version: 'v1', kind: 'Service' },
  { group: '', version: 'v1', kind: 'ServiceAccount' },
];

export class ResourceModel implements vscode.Disposable {
  private readonly ws = new Workspace({ defaultNamespace: configuredDefaultNamespace(), rules: {} });
  /** The files have been read once; from then on file events keep them current. */
  private filesLoaded = false;
  /** File events not applied yet: uri → the file to read again, or null when it (or the folder) is gone. */
  private readonly queued = new Map<string, vscode.Uri | null>();
  private queueTimer: NodeJS.Timeout | undefined;
  private live = new Map<string, LiveAgent>();
  private clusterContext: string | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private pending: Promise<void> | undefined;
  private again = false;

  private liveWatch: AbortController | undefined;
  private liveTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly cluster: ClusterSession,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * Keeps the live state current while a cluster is connected: watches on Agents and their
   * Deployments (the plugin's list-then-watch) trigger a re-read, so the view and the CodeLens
   * follow rollouts started anywhere, not only from this editor.
   */
  followCluster(): void {
    this.liveWatch?.abort();
    this.liveWatch = undefined;
    const client = this.cluster.connectedClient;
    if (!client) return;
    const abort = new AbortController();
    this.liveWatch = abort;
    let synced = 0;
    const onChange = (_: unknown, change: { type: string }) => {
      // The initial lists only confirm the snapshot the connect already triggered.
      if (change.type === 'SYNC' && synced++ < 2) return;
      clearTimeout(this.liveTimer);
      this.liveTimer = setTimeout(() => void this.refresh(), LIVE_REFRESH_DEBOUNCE_MS);
    };
    const watches = [
      observe(client, collectionPath({ group: FLOKOA_GROUP, kind: 'Agent' }), { signal: abort.signal }, onChange),
      observe(
        client,
        collectionPath({ group: 'apps', kind: 'Deployment' }),
        { signal: abort.signal, labelSelector: AGENT_LABEL },
        onChange,
      ),
    ];
    void Promise.all(watches).catch((e) => {
      if (abort.signal.aborted) return;
      this.log.warn(`agents view: watch ended: ${describeError(e)}`);
      this.cluster.reportFailure(e);
    });
  }

  /**
   * Re-reads the cluster, and all files the first time or with `rereadFiles` (the view's Refresh);
   * concurrent calls coalesce into one extra run.
   */
  refresh(rereadFiles = false): Promise<void> {
    if (rereadFiles) this.filesLoaded = false;
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

  /** Files saved, created or changed on disk, and files or folders gone: applied together, shortly. */
  filesChanged(changed: readonly vscode.Uri[], removed: readonly vscode.Uri[] = []): void {
    for (const u of removed) this.queued.set(u.toString(), null);
    for (const u of changed) if (/\.ya?ml$/i.test(u.path)) this.queued.set(u.toString(), u);
    if (this.queued.size === 0) return;
    clearTimeout(this.queueTimer);
    this.queueTimer = setTimeout(() => void this.applyFileEvents().then(() => this.emitter.fire()), FILE_EVENTS_DEBOUNCE_MS);
  }

  /** `flokoa.defaultNamespace` changed: core re-derives every file's namespace. */
  settingsChanged(): void {
    this.ws.updateSettings({ defaultNamespace: configuredDefaultNamespace(), rules: {} });
    this.emitter.fire();
  }

  /** The cluster read again and every file event so far applied (what a command about to read the model waits for). */
  async current(): Promise<void> {
    await this.refresh();
    clearTimeout(this.queueTimer);
    if (this.queued.size > 0) {
      await this.applyFileEvents();
      this.emitter.fire();
    }
  }

  private async applyFileEvents(): Promise<void> {
    // Events during the first read are applied after it: it may have read those files before they changed.
    await this.pending;
    const batch = [...this.queued];
    this.queued.clear();
    if (!this.filesLoaded) return; // the next read takes every file as it is
    for (const [key, uri] of batch) {
      if (uri) {
        const text = await this.readFile(uri);
        if (text === undefined) this.ws.removeFile(key);
        else this.ws.setFile(key, text);
      } else {
        const prefix = key.endsWith('/') ? key : key + '/';
        for (const u of this.ws.uris()) if (u === key || u.startsWith(prefix)) this.ws.removeFile(u);
      }
    }
  }

  /** A file's text: the editor's when it is open, else the disk's; undefined when gone or too large. */
  private async readFile(uri: vscode.Uri): Promise<string | undefined> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc) return doc.getText();
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if ((stat.type & vscode.FileType.File) === 0 || stat.size > MAX_FILE_BYTES) return undefined;
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch (e) {
      if ((e as { code?: string }).code !== 'FileNotFound') this.log.warn(`agents view: skipped ${uri.fsPath}: ${(e as Error).message}`);
      return undefined;
    }
  }

  private async loadFiles(): Promise<void> {
    for (const u of this.ws.uris()) this.ws.removeFile(u);
    const uris = await vscode.workspace.findFiles('**/*.{yaml,yml}', EXCLUDE, MAX_FILES);
    const texts = await Promise.all(uris.map(async (uri) => [uri.toString(), await this.readFile(uri)] as const));
    for (const [key, text] of texts) if (text !== undefined) this.ws.setFile(key, text);
    this.filesLoaded = true;
  }

  private async load(): Promise<void> {
    if (!this.filesLoaded) await this.loadFiles();
    const client = this.cluster.connectedClient;
    const state = this.cluster.state;
    const live = new Map<string, LiveAgent>();
    let context: string | undefined;
    let resources: Resource[] = [];
    if (client && state.state === 'connected') {
      try {
        resources = await this.readCluster(client, state.context, live);
        context = state.context;
      } catch (e) {
        this.log.warn(`agents view: cluster read failed: ${describeError(e)}`);
        this.cluster.reportFailure(e);
      }
    }
    this.ws.setExternal('cluster', resources);
    this.live = live;
    this.clusterContext = context;
  }

  private async readCluster(client: KubeClient, context: string, live: Map<string, LiveAgent>): Promise<Resource[]> {
    const uri = `cluster://${context}`;
    const lists = await Promise.all(
      CLUSTER_KINDS.map(async (k) => {
        try {
          const list = await client.list(
            collectionPath({ group: k.group, kind: k.kind }),
            k.metadataOnly ? { accept: ACCEPT_METADATA_LIST } : {},
          );
          return list.items.map((o) => ({ ...o, apiVersion: k.group ? `${k.group}/${k.version}` : k.version, kind: k.kind }));
        } catch (e) {
          // A kind the user may not list is left out; the chain then shows it as missing from the workspace.
          if ((e as { code?: number }).code === 403) return [];
          throw e;
        }
      }),
    );
    const deployments = await client
      .list(collectionPath({ group: 'apps', kind: 'Deployment' }), { query: { labelSelector: AGENT_LABEL } })
      .catch(() => ({ items: [] as KObject[] }));
    const depByKey = new Map(
      deployments.items.map((d) => [`${d.metadata.namespace}/${d.metadata.labels?.[AGENT_LABEL] ?? d.metadata.name}`, d]),
    );
    const out: Resource[] = [];
    for (const items of lists) {
      for (const obj of items) {
        for (const r of resourcesFromObject(obj, {
          uri,
          namespace: (ns, namespaced) =>
            namespaced
              ? { namespace: typeof ns === 'string' ? ns : '', source: { kind: 'cluster' } }
              : { namespace: '', source: { kind: 'cluster-scoped' } },
        })) {
          out.push(r);
          if (r.kind === 'Agent' && r.group === FLOKOA_GROUP) {
            live.set(keyString(r), { agent: obj, deployment: depByKey.get(`${r.namespace}/${r.name}`) });
          }
        }
      }
    }
    return out;
  }

  get context(): string | undefined {
    return this.clusterContext;
  }

  /** Agents of files and cluster, one per key (the file's when both have it). */
  agents(): Resource[] {
    return this.ws.list(FLOKOA_GROUP, 'Agent').sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  }

  chain(r: Resource): ChainNode[] {
    return chainOf(r, this.ws);
  }

  liveAgent(key: ObjectKey): LiveAgent | undefined {
    return this.live.get(keyString(key));
  }

  isLiveOnly(r: Resource): boolean {
    return this.ws.isExternal(r);
  }

  referrersOf(key: ObjectKey): Reference[] {
    return this.ws.referrersOf(key);
  }

  /** Resources of a document as it is now in the editor (the model follows the editor's text). */
  resourcesOf(document: vscode.TextDocument): Resource[] {
    this.ws.setFile(document.uri.toString(), document.getText());
    return this.ws.resourcesIn(document.uri.toString());
  }

  resourceAt(document: vscode.TextDocument, position: vscode.Position): Resource | undefined {
    this.ws.setFile(document.uri.toString(), document.getText());
    return this.ws.resourceAt(document.uri.toString(), { line: position.line, character: position.character });
  }

  dispose(): void {
    this.liveWatch?.abort();
    clearTimeout(this.liveTimer);
    clearTimeout(this.queueTimer);
    this.emitter.dispose();
  }
}

function configuredDefaultNamespace(): string {
  return vscode.workspace.getConfiguration('flokoa').get<string>('defaultNamespace', 'default') || 'default';
}
