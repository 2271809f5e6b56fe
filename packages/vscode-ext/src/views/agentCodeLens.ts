// CodeLens above each Agent while a cluster is connected: what runs there (available replicas and
// image, and whether that differs from the file), with Patch image and Watch rollout actions. The
// Agents of the document and their live state come from the language server.
import * as vscode from 'vscode';
import type { ServerModel } from './serverModel.js';
import { explainLive, liveSummary } from './liveSummary.js';

export class AgentCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly model: ServerModel) {
    this.sub = model.onDidChange(() => this.emitter.fire());
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const context = this.model.context;
    if (!context) return [];
    const stale = this.model.stale ? ' (last seen; cluster unavailable)' : '';
    const lenses: vscode.CodeLens[] = [];
    for (const a of await this.model.agentsIn(document.uri)) {
      if (a.definition.in !== 'file') continue;
      const at = a.definition.location.range.start;
      const range = new vscode.Range(at.line, 0, at.line, 0);
      const { namespace, name } = a.key;
      const target = { context, namespace, name };
      const live = this.model.liveAgent(a.key);
      if (!live) {
        if (!stale) lenses.push(new vscode.CodeLens(range, { title: `$(cloud) not deployed in ${context}`, command: '' }));
        continue;
      }
      const s = liveSummary(live);
      const icon = s.state === 'failed' ? '$(error)' : s.state === 'ready' ? '$(pass-filled)' : '$(sync~spin)';
      // The file and the cluster disagree: someone patched the cluster, or the file is not applied yet.
      const fileImage = a.image;
      const drift = fileImage && s.target && fileImage !== s.target ? ` · $(diff) differs from this file (${fileImage})` : '';
      lenses.push(
        new vscode.CodeLens(range, {
          title: `${icon} ${s.available}/${s.desired} available · ${s.running ?? 'no image'}${s.state === 'failed' ? ` · ${s.reason?.split(':')[0]}` : ''}${drift}${stale}`,
          tooltip: `Agent ${namespace}/${name} in context "${context}": phase ${s.phase ?? 'unknown'}\n${explainLive(s).replace(/\n\n/g, '\n')}${drift ? `\nThe cluster's Agent asks for ${s.target}, this file says ${fileImage}` : ''}`,
          command: 'flokoa.watchRollout',
          arguments: [target],
        }),
        ...(drift
          ? [
              new vscode.CodeLens(range, {
                title: 'Compare with cluster',
                command: 'flokoa.compareWithCluster',
                arguments: [document.uri.toString(), { line: at.line, character: at.character }],
              }),
            ]
          : []),
        new vscode.CodeLens(range, { title: 'Patch image', command: 'flokoa.patchAgentImage', arguments: [target] }),
        new vscode.CodeLens(range, { title: 'Watch rollout', command: 'flokoa.watchRollout', arguments: [target] }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
