// flokoa/liveState and flokoa/liveObject: what the cluster runs, as the server's watches last saw
// it. Never a request to the cluster on this path: a slow cluster cannot hold an editor's view.
import { FLOKOA_GROUP } from '@flokoa/core';
import type { ServerContext } from '../context.js';
import type { LiveObjectParams, LiveObjectResult, LiveStateParams, LiveStateResult } from '../protocol.js';
import { withoutManagedFields } from '../liveCluster.js';

export function provideLiveState(ctx: ServerContext, params: LiveStateParams): LiveStateResult {
  return ctx.live.state(params?.keys);
}

export function provideLiveObject(ctx: ServerContext, params: LiveObjectParams): LiveObjectResult | null {
  const ws = ctx.session.workspace;
  const live = ws.find(params.key).find((r) => ws.isExternal(r));
  if (live) return { context: live.uri.slice('cluster://'.length), object: withoutManagedFields(live.object as never) };
  // An Agent stays known (stale) through an outage.
  const { group, kind } = params.key;
  const agent = group === FLOKOA_GROUP && kind === 'Agent' ? ctx.live.agent(params.key) : undefined;
  const context = ctx.live.state().context;
  return agent && context ? { context, object: agent.agent } : null;
}
