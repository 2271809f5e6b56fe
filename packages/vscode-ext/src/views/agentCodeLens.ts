// CodeLens above each Agent while a cluster is connected: what runs there (available replicas and
// image, and whether that differs from the file), with Patch image and Watch rollout actions.
import * as vscode from 'vscode';
import { FLOKOA_GROUP } from '@flokoa/core';
import { imageLocation } from '@flokoa/kubectl-flokoa';
import type { ResourceModel } from './resourceModel.js';
import { liveSummary } from './liveSummary.js';
import { toVsRange } from './definitions.js';

export class AgentCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly model: ResourceModel) {
    this.sub = model.onDidChange(() => this.emitter.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const context = this.model.context;
    if (!context) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const r of this.model.resourcesOf(document)) {
      if (r.group !== FLOKOA_GROUP || r.kind !== 'Agent' || !r.name) continue;
      const range = toVsRange(r.ranges.get('/kind')?.key ?? r.range);
      const target = { context, namespace: r.namespace, name: r.name };
      const live = this.model.liveAgent(r);
      if (!live) {
        lenses.push(new vscode.CodeLens(range, { title: `$(cloud) not deployed in ${context}`, command: '' }));
        continue;
      }
      const s = liveSummary(live);
      const icon = s.phase === 'Failed' ? '$(error)' : s.ready && s.available >= s.desired ? '$(pass-filled)' : '$(sync)';
      // The file and the cluster disagree: someone patched the cluster, or the file is not applied yet.
      const fileImage = imageLocation(r.object)?.image;
      const drift = fileImage && s.image && fileImage !== s.image ? ` · $(diff) differs from this file (${fileImage})` : '';
      lenses.push(
        new vscode.CodeLens(range, {
          title: `${icon} ${s.available}/${s.desired} available · ${s.image ?? 'no image'}${drift}`,
          tooltip: `Agent ${r.namespace}/${r.name} in context "${context}": phase ${s.phase ?? 'unknown'}${drift ? `; the cluster runs ${s.image}, this file says ${fileImage}` : ''}`,
          command: 'flokoa.watchRollout',
          arguments: [target],
        }),
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
