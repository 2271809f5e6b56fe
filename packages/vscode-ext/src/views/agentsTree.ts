// The "Agents" view: namespaces → Agents → their reference chains (Model → ModelProvider → Secret,
// tools, env), each node with an icon for how it resolved and, for live Agents, their rollout state.
// Everything comes from the language server (flokoa/agents, flokoa/liveState).
import * as vscode from 'vscode';
import type { AgentInfo, ChainLink } from '@flokoa/lsp/protocol';
import type { ServerModel } from './serverModel.js';
import { describeLive, explainLive, liveSummary, type LiveSummary } from './liveSummary.js';
import { describeKey, locationOf, toVsLocation } from './definitions.js';

export type AgentsNode =
  | { type: 'namespace'; namespace: string }
  | { type: 'agent'; agent: AgentInfo }
  | { type: 'ref'; link: ChainLink; parentNamespace: string };

/** What the commands receive when run from a node of the view: enough to find the agent in the cluster. */
export interface AgentTarget {
  namespace: string;
  name: string;
  context?: string;
}

export function agentTargetOf(arg: unknown): AgentTarget | undefined {
  const n = arg as (Partial<AgentsNode> & Partial<AgentTarget>) | undefined;
  if (!n || typeof n !== 'object') return undefined;
  if (n.type === 'agent' && n.agent) return { namespace: n.agent.key.namespace, name: n.agent.key.name };
  if (typeof n.namespace === 'string' && typeof n.name === 'string')
    return { namespace: n.namespace, name: n.name, ...(typeof n.context === 'string' ? { context: n.context } : {}) };
  return undefined;
}

export class AgentsTreeProvider implements vscode.TreeDataProvider<AgentsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<AgentsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly model: ServerModel) {
    this.sub = model.onDidChange(() => this.emitter.fire(undefined));
  }

  getChildren(node?: AgentsNode): AgentsNode[] {
    const agents = this.model.agents();
    if (!node) {
      const spaces = [...new Set(agents.map((a) => a.key.namespace))];
      return spaces.map((namespace) => ({ type: 'namespace', namespace }));
    }
    if (node.type === 'namespace') {
      return agents.filter((a) => a.key.namespace === node.namespace).map((agent) => ({ type: 'agent', agent }));
    }
    const chain = node.type === 'agent' ? node.agent.chain : node.link.children;
    const ns = node.type === 'agent' ? node.agent.key.namespace : node.link.target.namespace;
    return chain.map((link) => ({ type: 'ref', link, parentNamespace: ns }));
  }

  getTreeItem(node: AgentsNode): vscode.TreeItem {
    if (node.type === 'namespace') {
      const item = new vscode.TreeItem(node.namespace, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon('symbol-namespace');
      item.contextValue = 'namespace';
      item.id = `ns/${node.namespace}`;
      return item;
    }
    if (node.type === 'agent') return this.agentItem(node.agent);
    return refItem(node.link, node.parentNamespace);
  }

  private agentItem(a: AgentInfo): vscode.TreeItem {
    const { namespace, name } = a.key;
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `agent/${namespace}/${name}`;
    const live = this.model.liveAgent(a.key);
    const context = this.model.context;
    const where =
      a.definition.in === 'cluster'
        ? `cluster "${a.definition.context}" (no file in the workspace)`
        : vscode.workspace.asRelativePath(vscode.Uri.parse(a.definition.location.uri));
    const tip = new vscode.MarkdownString(`**Agent** \`${namespace}/${name}\`\n\nDefined in ${where}`);
    if (live) {
      const s = liveSummary(live);
      item.description = describeLive(s);
      item.iconPath = liveIcon(s.state);
      tip.appendMarkdown(`\n\nIn cluster "${context}", phase ${s.phase ?? 'unknown'}:\n\n${explainLive(s)}`);
      if (this.model.stale) {
        // The cluster is unreachable: the row says so, not only its tooltip.
        const seen = this.model.lastSeen;
        item.description = `${item.description} · last seen${seen ? ` ${seen}` : ''}`;
        item.iconPath = new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('disabledForeground'));
        tip.appendMarkdown(`\n\nThe cluster is unavailable: this is the last state seen${seen ? ` (at ${seen})` : ''}.`);
      }
      item.contextValue = 'agent.live';
    } else {
      item.description = context && !this.model.stale ? 'not in cluster' : '';
      item.iconPath = new vscode.ThemeIcon('hubot');
      item.contextValue = 'agent.file';
    }
    // Broken references show on the row itself, not only once it is expanded.
    if (a.broken > 0) {
      const broken = `${a.broken} broken reference${a.broken === 1 ? '' : 's'}`;
      item.description = [item.description, broken].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      tip.appendMarkdown(`\n\n${broken}: the operator cannot reconcile this Agent until they resolve.`);
    }
    item.tooltip = tip;
    item.command = { title: 'Open Definition', command: 'vscode.open', arguments: [...openArgs(locationOf(a.definition, a.key))] };
    return item;
  }

  /** The view's Refresh: asks the server again. */
  refresh(): void {
    void this.model.refresh();
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}

function liveIcon(state: LiveSummary['state']): vscode.ThemeIcon {
  if (state === 'failed') return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  if (state === 'ready') return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
  return new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('testing.iconQueued'));
}

function refItem(c: ChainLink, parentNamespace: string): vscode.TreeItem {
  const t = c.target;
  const shown = t.namespace && t.namespace !== parentNamespace ? `${t.namespace}/${t.name}` : t.name;
  const key = c.dataKey ? ` [${c.dataKey}]` : '';
  const item = new vscode.TreeItem(
    `${t.kind} ${shown}${key}`,
    c.children.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  const look = linkLook(c);
  item.iconPath = look.icon;
  item.description = look.description;
  item.tooltip = `${describeKey(t)}: ${look.description}`;
  item.contextValue = `ref.${c.status}`;
  const open = c.definition ? locationOf(c.definition, t) : c.written ? toVsLocation(c.written) : undefined;
  if (open) item.command = { title: 'Open Definition', command: 'vscode.open', arguments: [...openArgs(open)] };
  return item;
}

/** How a link of a chain resolved, as an icon and a short description (the view and Show References agree). */
export function linkLook(c: ChainLink): { icon: vscode.ThemeIcon; codicon: string; description: string } {
  const d = c.definition;
  switch (c.status) {
    case 'found':
      return d?.in === 'cluster'
        ? {
            icon: new vscode.ThemeIcon('cloud', new vscode.ThemeColor('testing.iconPassed')),
            codicon: '$(cloud)',
            description: `in cluster ${d.context}`,
          }
        : {
            icon: new vscode.ThemeIcon('check', new vscode.ThemeColor('testing.iconPassed')),
            codicon: '$(check)',
            description: d ? vscode.workspace.asRelativePath(vscode.Uri.parse(d.location.uri)) : 'found',
          };
    case 'forbidden':
      return {
        icon: new vscode.ThemeIcon('lock', new vscode.ThemeColor('testing.iconQueued')),
        codicon: '$(lock)',
        description: 'forbidden',
      };
    case 'wrong-kind':
      return {
        icon: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
        codicon: '$(warning)',
        description: `is a ${c.wrongKind}`,
      };
    default: {
      const description = c.elsewhere?.length ? `missing; exists in ${c.elsewhere.join(', ')}` : 'missing';
      return c.problem === 'broken'
        ? { icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')), codicon: '$(error)', description }
        : { icon: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')), codicon: '$(warning)', description };
    }
  }
}

function openArgs(l: vscode.Location): [vscode.Uri, vscode.TextDocumentShowOptions] {
  return [l.uri, { selection: l.range, preview: true }];
}
