// How a resource is named in hover and completion text: kind, namespace/name and where it lives.
import type { Resource } from '@flokoa/core';
import type { ServerContext } from '../context.js';

/** `shared-models/gpt.yaml:12` for a file under a workspace folder, else the URI; `cluster` for live objects. */
export function relativeLocation(ctx: Pick<ServerContext, 'session'>, r: Resource): string {
  if (ctx.session.workspace.isExternal(r)) return `cluster (${r.uri.replace(/^cluster:\/\//, '')})`;
  const line = (r.ranges.get('/metadata/name')?.value ?? r.range).start.line + 1;
  return `${ctx.session.displayPath(r.uri)}:${line}`;
}

export function resourceTitle(r: Resource): string {
  return r.namespace ? `${r.kind} \`${r.namespace}/${r.name}\`` : `${r.kind} \`${r.name}\``;
}
