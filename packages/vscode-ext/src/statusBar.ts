// One status bar item: the language server's state and, when a cluster is enabled, its context and
// whether it is reachable. Clicking it opens the Flokoa menu (output, context, cluster on/off).
import * as vscode from 'vscode';
import type { ServerStatus } from './languageClient.js';
import type { ClusterState } from './cluster/session.js';

export class FlokoaStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('flokoa.status', vscode.StatusBarAlignment.Left, 10);
  private server: ServerStatus = { state: 'starting' };
  private cluster: ClusterState = { state: 'disabled' };

  constructor() {
    this.item.name = 'Flokoa';
    this.item.command = 'flokoa.statusMenu';
    this.render();
    this.item.show();
  }

  setServer(s: ServerStatus): void {
    this.server = s;
    this.render();
  }

  setCluster(c: ClusterState): void {
    this.cluster = c;
    this.render();
  }

  private render(): void {
    const s = this.server;
    const [icon, serverText, serverTip] =
      s.state === 'starting'
        ? ['$(sync~spin)', 'Flokoa', 'Language server starting']
        : s.state === 'indexing'
          ? ['$(sync~spin)', `Flokoa: indexing (${s.files})`, `Indexing the workspace: ${s.files} YAML files so far`]
          : s.state === 'ready'
            ? ['$(check)', 'Flokoa', `Language server ready, ${s.files} YAML files indexed`]
            : s.state === 'running'
              ? ['$(check)', 'Flokoa', 'Language server running']
              : ['$(error)', 'Flokoa: stopped', `Language server stopped: ${s.reason}`];
    const c = this.cluster;
    const clusterText =
      c.state === 'disabled'
        ? ''
        : c.state === 'connected'
          ? ` $(cloud) ${c.context}`
          : c.state === 'connecting'
            ? ` $(sync~spin) ${c.context ?? ''}`
            : ` $(debug-disconnect) ${c.context ?? 'cluster'}`;
    const clusterTip =
      c.state === 'disabled'
        ? 'Cluster: off (setting flokoa.cluster.enabled)'
        : c.state === 'connected'
          ? `Cluster: context "${c.context}" (${c.server})`
          : c.state === 'connecting'
            ? `Cluster: connecting to context "${c.context ?? ''}"`
            : `Cluster unavailable: ${c.reason}`;
    this.item.text = `${icon} ${serverText}${clusterText}`;
    this.item.tooltip = `${serverTip}\n${clusterTip}`;
    this.item.backgroundColor = s.state === 'stopped' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    // Screen readers and tests read this rather than the codicon markup.
    this.item.accessibilityInformation = { label: `${serverTip}. ${clusterTip}` };
  }

  dispose(): void {
    this.item.dispose();
  }
}
