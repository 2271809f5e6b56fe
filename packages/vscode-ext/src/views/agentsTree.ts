// The "Agents" view: namespaces → Agents → their reference chains (Model → ModelProvider → Secret,
// tools, env), each node with an icon for how it resolved and, for live Agents, their rollout state.
import * as vscode from 'vscode';
import { describeKey, type ChainNode, type Resource } from '@flokoa/core';
import type { ResourceModel } from './resourceModel.js';
import { liveSummary } from './liveSummary.js';
import { locationOf } from './definitions.js';

export type AgentsNode =
  | { type: 'namespace'; namespace: string }
  | { type: 'agent'; resource: Resource }
  | { type: 'ref'; node: ChainNode; parentNamespace: string };

/** What the commands receive when run from a node of the view: enough to find the agent in the cluster. */
export interface AgentTarget {
  namespace: string;
  name: string;
  context?: string;
}

export function agentTargetOf(arg: unknown): AgentTarget | undefined {
  const n = arg as (Partial<AgentsNode> & Partial<AgentTarget>) | undefined;
  if (!n || typeof n !== 'object') return undefined;
  if (n.type === 'agent' && n.resource) return { namespace: n.resource.namespace, name: n.resource.name };
  if (typeof n.namespace === 'string' && typeof n.name === 'string')
    return { namespace: n.namespace, name: n.name, ...(typeof n.context === 'string' ? { context: n.context } : {}) };
  return undefined;
}

export class AgentsTreeProvider implements vscode.TreeDataProvider<AgentsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<AgentsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly model: ResourceModel) {
    this.sub = model.onDidChange(() => this.emitter.fire(undefined));
  }

  getChildren(node?: AgentsNode): AgentsNode[] {
    if (!node) {
      const spaces = [...new Set(this.model.agents().map((a) => a.namespace))];
      return spaces.map((namespace) => ({ type: 'namespace', namespace }));
    }
    if (node.type === 'namespace') {
      return this.model
        .agents()
        .filter((a) => a.namespace === node.namespace)
        .map((resource) => ({ type: 'agent', resource }));
    }
    const chain = node.type === 'agent' ? this.model.chain(node.resource) : node.node.children;
    const ns = node.type === 'agent' ? node.resource.namespace : node.node.reference.target.namespace;
    return chain.map((c) => ({ type: 'ref', node: c, parentNamespace: ns }));
  }

  getTreeItem(node: AgentsNode): vscode.TreeItem {
    if (node.type === 'namespace') {
      const item = new vscode.TreeItem(node.namespace, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon('symbol-namespace');
      item.contextValue = 'namespace';
      item.id = `ns/${node.namespace}`;
      return item;
    }
    if (node.type === 'agent') return this.agentItem(node.resource);
    return this.refItem(node.node, node.parentNamespace);
  }

  private agentItem(r: Resource): vscode.TreeItem {
    const item = new vscode.TreeItem(r.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `agent/${r.namespace}/${r.name}`;
    const live = this.model.liveAgent(r);
    const where = this.model.isLiveOnly(r)
      ? `cluster "${this.model.context}" (no file in the workspace)`
      : vscode.workspace.asRelativePath(vscode.Uri.parse(r.uri));
    const tip = new vscode.MarkdownString(`**Agent** \`${r.namespace}/${r.name}\`\n\nDefined in ${where}`);
    if (live) {
      const s = liveSummary(live);
      item.description = `${s.available}/${s.desired} · ${s.image ?? 'no image'}`;
      item.iconPath =
        s.phase === 'Failed'
          ? new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'))
          : s.ready && s.available >= s.desired
            ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
            : new vscode.ThemeIcon('sync', new vscode.ThemeColor('testing.iconQueued'));
      tip.appendMarkdown(
        `\n\nIn cluster "${this.model.context}": phase ${s.phase ?? 'unknown'}, ${s.available}/${s.desired} available, image \`${s.image ?? 'none'}\``,
      );
      item.contextValue = 'agent.live';
    } else {
      item.description = this.model.context ? 'not in cluster' : '';
      item.iconPath = new vscode.ThemeIcon('hubot');
      item.contextValue = 'agent.file';
    }
    item.tooltip = tip;
    item.command = { title: 'Open Definition', command: 'vscode.open', arguments: [...openArgs(locationOf(r, this.model.context))] };
    return item;
  }

  private refItem(c: ChainNode, parentNamespace: string): vscode.TreeItem {
    const t = c.reference.target;
    const shown = t.namespace && t.namespace !== parentNamespace ? `${t.namespace}/${t.name}` : t.name;
    const key = c.reference.key ? ` [${c.reference.key}]` : '';
    const item = new vscode.TreeItem(
      `${t.kind} ${shown}${key}`,
      c.children.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    const res = c.resolution;
    const target = res.target;
    const fromCluster = target ? this.model.isLiveOnly(target) : false;
    switch (res.status) {
      case 'found':
        item.iconPath = fromCluster
          ? new vscode.ThemeIcon('cloud', new vscode.ThemeColor('testing.iconPassed'))
          : new vscode.ThemeIcon('check', new vscode.ThemeColor('testing.iconPassed'));
        item.description = fromCluster
          ? `in cluster ${this.model.context}`
          : vscode.workspace.asRelativePath(vscode.Uri.parse(target!.uri));
        break;
      case 'forbidden':
        item.iconPath = new vscode.ThemeIcon('lock', new vscode.ThemeColor('testing.iconQueued'));
        item.description = 'forbidden';
        break;
      case 'wrong-kind':
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
        item.description = `is a ${res.wrongKind?.kind}`;
        break;
      default:
        item.iconPath =
          c.reference.optional || c.reference.target.group === ''
            ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
            : new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
        item.description = res.elsewhere.length ? `missing; exists in ${res.elsewhere.map((e) => e.namespace).join(', ')}` : 'missing';
    }
    item.tooltip = `${describeKey(t)}: ${item.description}`;
    item.contextValue = `ref.${res.status}`;
    const open = target
      ? locationOf(target, this.model.context)
      : locationOf(c.reference.source, this.model.context, c.reference.namePointer);
    item.command = { title: 'Open Definition', command: 'vscode.open', arguments: [...openArgs(open)] };
    return item;
  }

  /** The view's Refresh: everything read again, files included. */
  refresh(): void {
    void this.model.refresh(true);
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}

function openArgs(l: vscode.Location): [vscode.Uri, vscode.TextDocumentShowOptions] {
  return [l.uri, { selection: l.range, preview: true }];
}
