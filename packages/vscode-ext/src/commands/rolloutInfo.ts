// What a failed rollout leaves to read, from its toast or the Agents view: "Show Pod Events" (the
// events of the agent's Deployment, ReplicaSets and pods, as `kubectl describe` lists them, in a
// read-only document) and "Show Rollout History" (the plugin's revisions; picking an older one
// rolls back to it).
import * as vscode from 'vscode';
import { EVENT, collectionPath, describeError, history, type KubeClient, type Revision } from '../cluster/library.js';
import { concernsAgent, renderEvents, type KEvent } from '../cluster/agentEvents.js';
import { withAgent, type ClusterCommandDeps } from '../cluster/pickAgent.js';

export const EVENTS_SCHEME = 'flokoa-events';

/** `flokoa-events:/<context>/<namespace>/<agent>.events`: one document per agent, re-read when opened again. */
export function eventsUri(context: string, namespace: string, name: string): vscode.Uri {
  return vscode.Uri.from({ scheme: EVENTS_SCHEME, path: '/' + [context, namespace, `${name}.events`].map(encodeURIComponent).join('/') });
}

export class AgentEventsProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly deps: ClusterCommandDeps) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const [context, namespace, file] = uri.path.split('/').slice(1).map(decodeURIComponent);
    const name = file?.replace(/\.events$/, '');
    if (!context || !namespace || !name) return `# not a Flokoa events address: ${uri.toString()}\n`;
    const connected = this.deps.cluster.connectedClient;
    let client: KubeClient;
    try {
      client = connected?.connection.contextName === context ? connected : this.deps.cluster.clientFor(context);
    } catch (e) {
      return `# cannot read the events of agent ${namespace}/${name}: ${describeError(e)}\n`;
    }
    try {
      const list = await client.list<KEvent>(collectionPath(EVENT, namespace));
      const pods = new Set((this.deps.model.liveAgent({ namespace, name })?.pods ?? []).map((p) => p.metadata.name));
      const title = `Events of agent ${namespace}/${name} (Deployment, ReplicaSets, pods) in context "${context}", newest first, read at ${new Date().toLocaleTimeString()} (read-only)`;
      return renderEvents(
        list.items.filter((e) => concernsAgent(e, name, pods)),
        title,
      );
    } catch (e) {
      return `# cannot read the events of agent ${namespace}/${name} in context "${context}": ${describeError(e)}\n`;
    } finally {
      if (client !== connected) client.close();
    }
  }
}

export function registerRolloutInfo(deps: ClusterCommandDeps): vscode.Disposable[] {
  const events = new AgentEventsProvider(deps);
  return [
    vscode.workspace.registerTextDocumentContentProvider(EVENTS_SCHEME, events),
    vscode.commands.registerCommand('flokoa.showAgentEvents', (arg?: unknown) =>
      withAgent(deps, arg, 'Show Pod Events', async (conn, { namespace, name }) => {
        const doc = await vscode.workspace.openTextDocument(eventsUri(conn.context, namespace, name));
        await vscode.window.showTextDocument(doc, { preview: true });
      }),
    ),
    vscode.commands.registerCommand('flokoa.showRolloutHistory', (arg?: unknown) =>
      withAgent(deps, arg, 'Show Rollout History', async (conn, { namespace, name }) => {
        let revisions: Revision[];
        try {
          revisions = await history(conn.client, { namespace, name });
        } catch (e) {
          void vscode.window.showErrorMessage(`Flokoa: cannot read the rollout history of agent ${namespace}/${name}: ${describeError(e)}`);
          return;
        }
        await pickRevision(revisions, { namespace, name, context: conn.context });
      }),
    ),
  ];
}

/** Revisions newest first; an older one picked is rolled back to (confirmed by Roll Back). */
async function pickRevision(revisions: Revision[], agent: { namespace: string; name: string; context: string }): Promise<void> {
  const items = [...revisions].reverse().map((r) => ({
    label: `revision ${r.revision}${r.current ? ' (current)' : ''}`,
    description: r.image ?? 'no image',
    detail: [
      r.changeCause,
      r.createdAt ? `created ${new Date(r.createdAt).toLocaleString()}` : undefined,
      `${r.readyReplicas}/${r.replicas} ready`,
    ]
      .filter(Boolean)
      .join(' · '),
    revision: r,
  }));
  const pick = await vscode.window.showQuickPick(items, {
    title: `Rollout history of agent ${agent.namespace}/${agent.name}`,
    placeHolder: 'Pick an earlier revision to roll back to it',
  });
  if (!pick || pick.revision.current) return;
  await vscode.commands.executeCommand('flokoa.rollBackAgent', { ...agent, toRevision: pick.revision.revision });
}
