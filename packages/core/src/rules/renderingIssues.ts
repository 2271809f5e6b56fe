// What the renderer itself reports, on the line that causes it: a build kustomize or Flux would
// fail (the rest is still analysed as far as it renders), and what cannot be known offline.
import type { RenderingRule, RenderingContext } from './types.js';
import { locateOrigin } from '../renderings.js';

function issues(ctx: RenderingContext, severities: string[], message: (m: string) => string): void {
  for (const i of ctx.root.result.issues) {
    if (!severities.includes(i.severity)) continue;
    const at = locateOrigin({ kind: 'source', doc: i.doc, pointer: i.pointer }) ?? { uri: i.doc.uri, value: i.doc.range };
    ctx.report({ at: { uri: at.uri, range: at.value }, message: message(i.message) });
  }
}

export const kustomizeBuild: RenderingRule = {
  id: 'kustomize-build',
  defaultSeverity: 'error',
  rationale: 'kustomize (and Flux, which runs it) refuses to build the whole kustomization: nothing of it reaches the cluster.',
  scope: 'rendering',
  checkRoot(ctx) {
    const tool = ctx.root.kind === 'flux' ? 'Flux fails to build' : 'kustomize build fails';
    issues(ctx, ['error'], (m) => `${tool}: ${m}.`);
  },
};

export const renderOffline: RenderingRule = {
  id: 'render-offline',
  defaultSeverity: 'info',
  rationale:
    'Part of what this kustomization applies cannot be known without the network or a plugin, so those objects are not checked as rendered.',
  scope: 'rendering',
  checkRoot(ctx) {
    issues(ctx, ['warning', 'info'], (m) => `${m}.`);
  },
};
