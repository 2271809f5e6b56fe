// "Compare with Cluster": the file beside the live object (a cluster-drift finding's quick fix, the
// drift CodeLens, the palette): VS Code's diff of the live object as a file would write it (no
// status, no server-set metadata) on the left and the file, editable, on the right.
import * as vscode from 'vscode';
import type { ServerModel } from '../views/serverModel.js';
import { describeKey } from '../views/definitions.js';
import { AS_FILE_QUERY, liveObjectUri, type LiveObjectProvider } from '../views/liveObject.js';

export function registerCompareWithCluster(model: ServerModel, liveDocs: LiveObjectProvider): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('flokoa.compareWithCluster', async (uri?: string, at?: { line: number; character: number }) => {
      const editor = vscode.window.activeTextEditor;
      const document = uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)) : editor?.document;
      const position = at ? new vscode.Position(at.line, at.character) : editor?.selection.active;
      if (!document || !position || document.languageId !== 'yaml') {
        void vscode.window.showInformationMessage('Flokoa: Compare with Cluster works on the Flokoa resource under the cursor.');
        return;
      }
      const resource = await model.resourceAt(document, position);
      const context = model.context;
      if (!resource || !context) {
        void vscode.window.showInformationMessage(
          resource ? 'Flokoa: no cluster is connected (setting flokoa.cluster.enabled).' : 'Flokoa: no Flokoa resource under the cursor.',
        );
        return;
      }
      const name = describeKey(resource.key);
      if (!(await model.liveObject(resource.key))) {
        void vscode.window.showInformationMessage(`Flokoa: ${name} is not in cluster "${context}".`);
        return;
      }
      const live = liveObjectUri({ context, ...resource.key }).with({ query: AS_FILE_QUERY });
      liveDocs.comparedWith(live, resource.object);
      await vscode.commands.executeCommand(
        'vscode.diff',
        live,
        document.uri,
        `${name}: cluster "${context}" ↔ ${vscode.workspace.asRelativePath(document.uri)}`,
      );
    }),
    vscode.languages.registerCodeActionsProvider({ language: 'yaml' }, new DriftActions(), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
  ];
}

/** A cluster-drift finding offers the diff. */
class DriftActions implements vscode.CodeActionProvider {
  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const drift = context.diagnostics.find((d) => d.source === 'flokoa' && codeOf(d) === 'cluster-drift');
    if (!drift) return [];
    const action = new vscode.CodeAction('Compare with the cluster', vscode.CodeActionKind.QuickFix);
    action.diagnostics = [drift];
    action.command = {
      title: 'Compare with the cluster',
      command: 'flokoa.compareWithCluster',
      arguments: [document.uri.toString(), { line: drift.range.start.line, character: drift.range.start.character }],
    };
    return [action];
  }
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}
