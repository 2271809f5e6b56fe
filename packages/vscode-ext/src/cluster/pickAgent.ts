// The pickers the cluster commands share: context, then namespace, then Agent (each skipped when
// there is only one choice or the command was started from a node that names it).
import * as vscode from 'vscode';
import { AGENT, collectionPath, describeError, imageLocation, type KObject, type KubeClient } from './library.js';
import type { ClusterSession } from './session.js';
import type { LiveAgent } from '@flokoa/lsp/protocol';
import type { ServerModel } from '../views/serverModel.js';
import { describeLive, liveSummary } from '../views/liveSummary.js';
import { agentTargetOf } from '../views/agentsTree.js';

export interface PickedAgent {
  client: KubeClient;
  /** True when the client was made for this command (another context) and must be closed after it. */
  owned: boolean;
  context: string;
  namespace: string;
  name: string;
  agent?: KObject;
}

/** A client for the session's context, or for another one of the same kubeconfig. */
export async function clientForContext(
  cluster: ClusterSession,
  askContext: boolean,
  wanted?: string,
): Promise<Omit<PickedAgent, 'namespace' | 'name'> | undefined> {
  const state = cluster.state;
  if (state.state === 'disabled') {
    const pick = await vscode.window.showWarningMessage('Flokoa: no cluster is enabled (setting flokoa.cluster.enabled).', 'Open Settings');
    if (pick) await vscode.commands.executeCommand('workbench.action.openSettings', 'flokoa.cluster');
    return undefined;
  }
  let context = wanted ?? (state.state === 'connected' ? state.context : undefined);
  if (askContext && !wanted) {
    let names: string[];
    try {
      names = cluster.contexts();
    } catch (e) {
      void vscode.window.showErrorMessage(`Flokoa: ${describeError(e)}`);
      return undefined;
    }
    if (names.length > 1) {
      const current = state.state === 'connected' ? state.context : undefined;
      const items = names.map((n) => ({ label: n, description: n === current ? 'connected' : '' }));
      items.sort((a, b) => Number(b.label === current) - Number(a.label === current));
      const pick = await vscode.window.showQuickPick(items, {
        title: 'Flokoa: Kubernetes context',
        placeHolder: 'Context of the cluster that runs the agent',
      });
      if (!pick) return undefined;
      context = pick.label;
    } else if (names.length === 1) context = names[0];
  }
  const connected = cluster.connectedClient;
  if (connected && (!context || context === connected.connection.contextName)) {
    return { client: connected, owned: false, context: connected.connection.contextName };
  }
  if (!context) {
    void vscode.window.showErrorMessage(
      `Flokoa: the cluster is not connected${state.state === 'unavailable' ? ` (${state.reason})` : ''}.`,
    );
    return undefined;
  }
  try {
    return { client: cluster.clientFor(context), owned: true, context };
  } catch (e) {
    void vscode.window.showErrorMessage(`Flokoa: ${describeError(e)}`);
    return undefined;
  }
}

/** Namespace, then Agent, from the Agents the cluster has (one LIST across namespaces). */
export async function pickAgent(
  client: KubeClient,
  title: string,
  model: ServerModel,
): Promise<{ namespace: string; name: string; agent: KObject } | undefined> {
  let agents: KObject[];
  try {
    agents = (await client.list(collectionPath(AGENT))).items;
  } catch (e) {
    void vscode.window.showErrorMessage(`Flokoa: cannot list Agents: ${describeError(e)}`);
    return undefined;
  }
  if (agents.length === 0) {
    void vscode.window.showInformationMessage(`Flokoa: no Agents in context "${client.connection.contextName}".`);
    return undefined;
  }
  const spaces = [...new Set(agents.map((a) => a.metadata.namespace ?? ''))].sort();
  let namespace = spaces[0];
  if (spaces.length > 1) {
    const pick = await vscode.window.showQuickPick(
      spaces.map((ns) => ({ label: ns, description: `${agents.filter((a) => a.metadata.namespace === ns).length} agents` })),
      { title: `${title}: namespace`, placeHolder: 'Namespace of the agent' },
    );
    if (!pick) return undefined;
    namespace = pick.label;
  }
  const inNs = agents.filter((a) => a.metadata.namespace === namespace).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  const pick = await vscode.window.showQuickPick(
    inNs.map((a) => {
      // What the Agents view says of it (its Deployment and pods, as the server watches them), so both agree.
      const watched =
        model.context === client.connection.contextName ? model.liveAgent(a.metadata as { namespace: string; name: string }) : undefined;
      const s = liveSummary(watched ?? { agent: a as unknown as LiveAgent['agent'] });
      return {
        label: a.metadata.name,
        description: imageLocation(a)?.image ?? '',
        detail: `${s.phase ?? 'no status'} · ${describeLive(s)}`,
        agent: a,
      };
    }),
    { title: `${title}: agent in ${namespace}`, placeHolder: 'Agent', matchOnDescription: true },
  );
  if (!pick) return undefined;
  return { namespace, name: pick.agent.metadata.name, agent: pick.agent };
}

/** What the cluster commands share. */
export interface ClusterCommandDeps {
  cluster: ClusterSession;
  model: ServerModel;
  log: vscode.LogOutputChannel;
}

/**
 * Runs `fn` on the Agent a command is about: the one of a view node, CodeLens or toast argument, else
 * one picked (context, namespace, Agent). A client made for another context is closed afterwards.
 */
export async function withAgent<T>(
  deps: ClusterCommandDeps,
  arg: unknown,
  title: string,
  fn: (conn: Omit<PickedAgent, 'namespace' | 'name'>, picked: { namespace: string; name: string; agent?: KObject }) => Promise<T>,
): Promise<T | undefined> {
  const target = agentTargetOf(arg);
  const conn = await clientForContext(deps.cluster, !target, target?.context);
  if (!conn) return undefined;
  try {
    const picked = target ?? (await pickAgent(conn.client, title, deps.model));
    return picked ? await fn(conn, picked) : undefined;
  } finally {
    if (conn.owned) conn.client.close();
  }
}
