// What clicking the Flokoa status item offers: the output, the Kubernetes context, the cluster on
// or off, and a server restart. Context and on/off are settings, written where they are set now
// (the workspace's when it sets them, else the user's), so the language server follows as well.
import * as vscode from 'vscode';
import { describeError } from './cluster/library.js';
import type { ClusterSession } from './cluster/session.js';

type Item = vscode.QuickPickItem & { run?: () => Thenable<unknown> | void };

export function registerStatusMenu(cluster: ClusterSession): vscode.Disposable {
  return vscode.commands.registerCommand('flokoa.statusMenu', async () => {
    const enabled = cluster.state.state !== 'disabled';
    const context = 'context' in cluster.state ? cluster.state.context : undefined;
    const items: Item[] = [
      {
        label: '$(output) Show Output',
        description: 'server log and cluster notices',
        run: () => vscode.commands.executeCommand('flokoa.showOutput'),
      },
      {
        label: '$(arrow-swap) Switch Kubernetes Context…',
        description: context ? `now ${context}` : undefined,
        run: () => switchContext(cluster),
      },
      enabled
        ? { label: '$(debug-disconnect) Turn Cluster Off', description: 'workspace files only', run: () => setCluster('enabled', false) }
        : { label: '$(cloud) Turn Cluster On', description: 'live Agents, drift, rollouts', run: () => setCluster('enabled', true) },
      { label: '$(debug-restart) Restart Language Server', run: () => vscode.commands.executeCommand('flokoa.restartServer') },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: 'Flokoa' });
    await pick?.run?.();
  });
}

async function switchContext(cluster: ClusterSession): Promise<void> {
  let names: string[];
  try {
    names = cluster.contexts();
  } catch (e) {
    void vscode.window.showErrorMessage(`Flokoa: ${describeError(e)}`);
    return;
  }
  if (names.length === 0) {
    void vscode.window.showInformationMessage('Flokoa: the kubeconfig has no contexts.');
    return;
  }
  const current = 'context' in cluster.state ? cluster.state.context : undefined;
  const pick = await vscode.window.showQuickPick(
    names.map((n) => ({ label: n, description: n === current ? 'current' : undefined })),
    { title: 'Flokoa: Kubernetes context', placeHolder: 'Context the language server and the views read' },
  );
  if (!pick) return;
  await setCluster('context', pick.label);
  if (cluster.state.state === 'disabled') await setCluster('enabled', true);
}

/** Writes `flokoa.cluster.<key>` where it is set now: the workspace's setting wins over the user's. */
async function setCluster(key: 'enabled' | 'context', value: boolean | string): Promise<void> {
  const config = vscode.workspace.getConfiguration('flokoa.cluster');
  const at = config.inspect(key);
  const target =
    at?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : at?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await config.update(key, value, target);
}
