// flokoa/agents: every Agent of the workspace and of the cluster (one per name, a file winning over
// the cluster), with its reference chain and how many links are broken: the Agents view and the
// per-Agent CodeLens of the VS Code extension, and the same data for any other editor.
import type { CancellationToken } from 'vscode-languageserver/node';
import { FLOKOA_GROUP, agentPodOf, chainOf, keyString, type Resource } from '@flokoa/core';
import { whenIndexed, type ServerContext } from '../context.js';
import type { AgentInfo, AgentsParams, AgentsResult } from '../protocol.js';
import { clusterResources } from '../clusterSource.js';
import { chainLinks, countProblems, definitionOf, resourceKey } from './resourceInfo.js';

const isAgent = (r: Resource) => r.group === FLOKOA_GROUP && r.kind === 'Agent' && !!r.name && !r.producedBy;

export async function provideAgents(ctx: ServerContext, params: AgentsParams, token: CancellationToken): Promise<AgentsResult | null> {
  // A chain judged before the index is complete would show links broken for lack of files.
  if (!(await whenIndexed(ctx.session, token))) return null;
  const ws = ctx.session.workspace;
  let agents: Resource[];
  if (params?.uri) {
    if (!ctx.session.file(params.uri)) return { agents: [], cluster: ctx.live.status };
    agents = ws.resourcesIn(params.uri).filter(isAgent);
  } else {
    ctx.session.flush();
    agents = ws.list(FLOKOA_GROUP, 'Agent').filter(isAgent);
    // During an outage the cluster's resources leave the index; its Agents stay in view, marked stale.
    const shown = new Set(agents.map(keyString));
    const context = ctx.live.state().context;
    for (const live of context ? ctx.live.agents() : []) {
      const r = clusterResources(live.agent, context!).find(isAgent);
      if (r && !shown.has(keyString(r))) agents.push(r);
    }
  }
  agents.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  return { agents: agents.map((r) => agentInfo(ctx, r)), cluster: ctx.live.status };
}

function agentInfo(ctx: ServerContext, r: Resource): AgentInfo {
  const chain = chainLinks(ctx, chainOf(r, ctx.session.workspace));
  const image = agentPodOf(r.object)?.container?.image;
  return {
    key: resourceKey(r),
    definition: definitionOf(ctx, r),
    ...(typeof image === 'string' ? { image } : {}),
    chain,
    ...countProblems(chain),
    live: ctx.live.agent(r) !== undefined,
  };
}
