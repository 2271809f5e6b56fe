// Composition root of the Flokoa extension: wires the language client, the cluster session, the
// status bar, the Agents view, CodeLens and the commands. Behaviour lives in the modules it wires.
import * as vscode from 'vscode';
import { FlokoaLanguageClient } from './languageClient.js';
import { FlokoaStatusBar } from './statusBar.js';
import { ApiGenerationStatus } from './apiGenerationStatus.js';
import { ClusterSession } from './cluster/session.js';
import { affectsCluster } from './config.js';
import { AgentsTreeProvider } from './views/agentsTree.js';
import { ResourceModel } from './views/resourceModel.js';
import { LiveObjectProvider, LIVE_SCHEME } from './views/liveObject.js';
import { AgentCodeLensProvider } from './views/agentCodeLens.js';
import { RolloutWatcher } from './commands/watchRollout.js';
import { registerPatchImage } from './commands/patchImage.js';
import { registerRollBack } from './commands/rollBack.js';
import { registerReferenceCommands } from './commands/references.js';

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
  client = new FlokoaLanguageClient(context, output);
  const rollouts = new RolloutWatcher(cluster, output);
  const model = new ResourceModel(cluster, output);
  const tree = new AgentsTreeProvider(model);
  const lenses = new AgentCodeLensProvider(model);
  const live = new LiveObjectProvider(cluster);
  model.onDidChange(() => live.refreshOpen());
  const generation = new ApiGenerationStatus((method, params) => client?.request(method, params) ?? Promise.resolve(undefined));
  context.subscriptions.push(output, statusBar, generation, cluster, client, rollouts, model, tree, lenses, live);

  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  client.onStatus((s) => {
    statusBar.setServer(s);
    if (s.state === 'ready') generation.schedule();
    if (s.state === 'ready') markReady();
  });
  cluster.onDidChange((s) => {
    statusBar.setCluster(s);
    if (s.state !== 'connecting') void model.refresh();
    model.followCluster();
  });
  rollouts.onDidFinish(() => void model.refresh());

  const yamlWatcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}');
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
    // The model reads only what changed: saves, creates, deletes and renames in the editor, and
    // changes on disk (a branch switch, a pull) through a watcher.
    vscode.workspace.onDidSaveTextDocument((d) => model.filesChanged([d.uri])),
    vscode.workspace.onDidCreateFiles((e) => model.filesChanged(e.files)),
    vscode.workspace.onDidDeleteFiles((e) => model.filesChanged([], e.files)),
    vscode.workspace.onDidRenameFiles((e) =>
      model.filesChanged(
        e.files.map((f) => f.newUri),
        e.files.map((f) => f.oldUri),
      ),
    ),
    yamlWatcher,
    yamlWatcher.onDidCreate((u) => model.filesChanged([u])),
    yamlWatcher.onDidChange((u) => model.filesChanged([u])),
    yamlWatcher.onDidDelete((u) => model.filesChanged([], [u])),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('flokoa.defaultNamespace')) model.settingsChanged();
    }),
    registerPatchImage(cluster, rollouts, output),
    registerRollBack(cluster, rollouts, output),
    vscode.commands.registerCommand('flokoa.watchRollout', (arg?: unknown) => rollouts.pickAndWatch(arg)),
    ...registerReferenceCommands(model),
  );

  cluster.reload();
  if (cluster.state.state === 'disabled') void model.refresh();
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
