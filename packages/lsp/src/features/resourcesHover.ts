// Hover on an Agent container's `resources`: the requests and limits its pods really get in their
// namespace (written, copied from the limit, or a LimitRange default, and which one) and, per
// quota, how much of each resource the namespace's workloads use and this Agent's share. A base
// rendered by several overlays shows one section per rendering.
import { effectiveResources, originText, renderingLabel, type Position, type Resource } from '@flokoa/core';
import type { ServerContext } from '../context.js';

function section(ctx: Pick<ServerContext, 'session'>, r: Resource, uri: string, pointer: string): string | undefined {
  const e = effectiveResources(ctx.session.workspace, r);
  if (!e || (pointer !== e.pointer && !pointer.startsWith(`${e.pointer}/`))) return undefined;
  const where = r.rendering
    ? ` (${renderingLabel({ kind: r.rendering.flux ? 'flux' : 'kustomize', dir: r.rendering.dir, flux: r.rendering.flux }, uri)})`
    : '';
  const lines = [`**Effective resources** of container \`${e.container}\` in namespace \`${e.namespace}\`${where}:`];
  if (e.values.length === 0) lines.push('- none: no requests or limits, and no LimitRange default');
  for (const v of e.values) {
    const why = originText(v.origin);
    lines.push(`- \`${v.key}: ${v.value}\` — ${why || 'written here'}`);
  }
  for (const q of e.quotas) {
    lines.push('', `ResourceQuota \`${q.quota}\`, used by the namespace's workloads in the workspace (this Agent's part):`);
    for (const row of q.rows) lines.push(`- \`${row.key}\`: ${row.used} of ${row.hard} (${row.mine})`);
  }
  return lines.join('\n');
}

/** The effective-resources sections for a position inside an Agent's container `resources`, or undefined. */
export function effectiveResourcesHover(
  ctx: Pick<ServerContext, 'session'>,
  uri: string,
  pos: Position,
  pointer: string,
): string | undefined {
  const parts = ctx.session.workspace
    .resourcesAt(uri, pos)
    .map((r) => section(ctx, r, uri, pointer))
    .filter((s): s is string => s !== undefined);
  return parts.length ? [...new Set(parts)].join('\n\n') : undefined;
}
