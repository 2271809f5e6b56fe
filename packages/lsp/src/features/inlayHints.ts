// Inlay hint after metadata.name when the namespace is not written in the document (inferred
// from a kustomization or defaulted): the namespace references will be resolved in.
import type { InlayHint, InlayHintParams } from 'vscode-languageserver/node';
import { InlayHintKind } from 'vscode-languageserver/node';
import type { Resource } from '@flokoa/core';
import { namespaceExplanation } from './describeResource.js';
import type { ServerContext } from '../context.js';

export function provideInlayHints(ctx: ServerContext, params: InlayHintParams): InlayHint[] | null {
  const uri = params.textDocument.uri;
  if (!ctx.session.file(uri)) return null;
  const hints: InlayHint[] = [];
  // A document rendered by several overlays gets one hint naming each rendering's namespace.
  const byDoc = new Map<number, Resource[]>();
  for (const r of ctx.session.workspace.resourcesIn(uri)) if (!r.producedBy) byDoc.set(r.docIndex, [...(byDoc.get(r.docIndex) ?? []), r]);
  for (const all of byDoc.values()) {
    const r = all[0];
    const src = r.namespaceSource.kind;
    if (src !== 'kustomization' && src !== 'default') continue;
    const name = r.ranges.get('/metadata/name')?.value;
    if (!name || name.end.line < params.range.start.line || name.end.line > params.range.end.line) continue;
    const spaces = [...new Set(all.map((x) => x.namespace))];
    hints.push({
      position: name.end,
      label: `namespace: ${spaces.join(', ')}`,
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip: { kind: 'markdown', value: namespaceExplanation(ctx, r) },
    });
  }
  return hints;
}
