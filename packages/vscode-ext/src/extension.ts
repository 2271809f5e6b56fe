// Composition root of the Flokoa extension: wires the language client, the cluster session, the
// status bar, the Agents view, CodeLens and the commands. Behaviour lives in the modules it wires.
import * as vscode from 'vscode';
import { FlokoaLanguageClient } from './languageClient.js';
import { FlokoaStatusBar } from './statusBar.js';
import { ApiGenerationStatus, type AskServer } from './apiGenerationStatus.js';
import { ClusterSession } from './cluster/session.js';
import { affectsCluster } from './config.js';
import { AgentsTreeProvider } from './views/agentsTree.js';
import { ServerModel } from './views/serverModel.js';
import { LiveObjectProvider, LIVE_SCHEME } from './views/liveObject.js';
import { AgentCodeLensProvider } from './views/agentCodeLens.js';
import { RolloutWatcher } from './commands/watchRollout.js';
import { registerPatchImage } from './commands/patchImage.js';
import { registerRollBack } from './commands/rollBack.js';
import { registerRolloutInfo } from './commands/rolloutInfo.js';
import { registerReferenceCommands } from './commands/references.js';
import { registerStatusMenu } from './statusMenu.js';
import { registerCompareWithCluster } from './commands/compareWithCluster.js';
import { RED_HAT_YAML } from './coexistence.js';

let client: FlokoaLanguageClient | undefined;

/** What `activate` returns to other extensions and to the in-VS Code tests. */
export interface FlokoaApi {
  /** Resolves once the language server has indexed the whole workspace. */
  serverReady(): Promise<void>;
}

export async function activate(context: vscode.ExtensionContext): Promise<FlokoaApi> {
  const output = vscode.window.createOutputChannel('Flokoa', { log: true });
  const statusBar = new FlokoaStatusBar();
  const cluster = new ClusterSession(output);
  const redHatYaml = vscode.extensions.getExtension(RED_HAT_YAML) !== undefined;
  client = new FlokoaLanguageClient(context, output, redHatYaml);
  const ask: AskServer = (method, params) => client?.request(method, params) ?? Promise.resolve(undefined);
  // The views' one model is the language server's: they ask it, and ask again when it says so.
  const model = new ServerModel(ask);
  const deps = { cluster, model, log: output };
  const rollouts = new RolloutWatcher(deps);
  const tree = new AgentsTreeProvider(model);
  const lenses = new AgentCodeLensProvider(model);
  const live = new LiveObjectProvider(model);
  model.onDidChange(() => live.refreshOpen());
  const generation = new ApiGenerationStatus(ask);
  context.subscriptions.push(output, statusBar, generation, cluster, client, rollouts, model, tree, lenses, live);

  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  client.onStatus((s) => {
    statusBar.setServer(s);
    if (s.state === 'ready') {
      generation.schedule();
      void model.refresh();
      markReady();
    }
  });
  client.onModelChanged(() => void model.refresh());
  cluster.onDidChange((s) => statusBar.setCluster(s));
  rollouts.onDidFinish(() => void model.refresh());

  context.subscriptions.push(
    vscode.window.createTreeView('flokoa.agents', { treeDataProvider: tree, showCollapseAll: true }),
    vscode.workspace.registerTextDocumentContentProvider(LIVE_SCHEME, live),
    vscode.languages.registerCodeLensProvider({ language: 'yaml' }, lenses),
    vscode.commands.registerCommand('flokoa.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('flokoa.restartServer', () => client?.restart()),
    vscode.commands.registerCommand('flokoa.refreshAgents', () => tree.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsCluster(e)) cluster.reload();
    }),
    registerPatchImage(deps, rollouts),
    registerRollBack(deps, rollouts),
    ...registerRolloutInfo(deps),
    vscode.commands.registerCommand('flokoa.watchRollout', (arg?: unknown) => rollouts.pickAndWatch(arg)),
    ...registerReferenceCommands(model),
    registerStatusMenu(cluster),
    ...registerCompareWithCluster(model, live),
  );

  cluster.reload();
  // One line that says what started, for a bug report: versions, and the cluster the settings ask for.
  const c = cluster.state;
  output.info(
    `Flokoa ${String(context.extension.packageJSON.version)} started in ${vscode.env.appName} ${vscode.version}; cluster: ${c.state === 'disabled' ? 'off (flokoa.cluster.enabled)' : `context ${'context' in c && c.context ? `"${c.context}"` : 'of the kubeconfig'}`}${redHatYaml ? '; YAML syntax errors and the Outline left to Red Hat YAML' : ''}`,
  );
  try {
    await client.start();
  } catch (e) {
    output.error(`language server failed to start: ${(e as Error).message}`);
    void vscode.window
      .showErrorMessage(`Flokoa: the language server failed to start (${(e as Error).message}).`, 'Show Output')
      .then((p) => {
        if (p) output.show(true);
      });
  }
  return { serverReady: () => ready };
}

export async function deactivate(): Promise<void> {
  await client?.dispose();
  client = undefined;
}
