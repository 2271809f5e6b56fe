// How a resource is named in hover and completion text: kind, namespace/name and where it lives.
import { describeNamespaceSource, type Resource } from '@flokoa/core';
import type { ServerContext } from '../context.js';

/** `shared-models/gpt.yaml:12` for a file under a workspace folder, else the URI; `cluster` for live objects. */
export function relativeLocation(ctx: Pick<ServerContext, 'session'>, r: Resource): string {
  if (ctx.session.workspace.isExternal(r)) return `cluster (${r.uri.replace(/^cluster:\/\//, '')})`;
  const line = (r.ranges.get('/metadata/name')?.value ?? r.range).start.line + 1;
  return `${ctx.session.displayPath(r.uri)}:${line}`;
}

/** Which namespace and why, naming a kustomization by its path in the workspace rather than its URI. */
export function namespaceExplanation(ctx: Pick<ServerContext, 'session'>, r: Resource): string {
  const src = r.namespaceSource;
  return describeNamespaceSource(r.namespace, src.kind === 'kustomization' ? { ...src, uri: ctx.session.displayPath(src.uri) } : src);
}

export function resourceTitle(r: Resource): string {
  return r.namespace ? `${r.kind} \`${r.namespace}/${r.name}\`` : `${r.kind} \`${r.name}\``;
}
