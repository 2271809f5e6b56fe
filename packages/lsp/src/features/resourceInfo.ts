// Core's resources and reference chains in the protocol's shapes (protocol.ts): what the views of
// every editor receive. One place decides how broken a link is, so the Agents view, its badges and
// Show References agree with each other.
import { FLOKOA_GROUP, chainOf, keyOf, type ChainNode, type Resource } from '@flokoa/core';
import type { ServerContext } from '../context.js';
import type { ChainLink, Definition, ResourceInfo, ResourceKey } from '../protocol.js';
import { nameLocation } from './nameAt.js';

export function resourceKey(r: { group: string; kind: string; namespace: string; name: string }): ResourceKey {
  return keyOf(r);
}

/** The file that defines a resource (at its name), or the cluster when it comes from there. */
export function definitionOf(ctx: Pick<ServerContext, 'session'>, r: Resource): Definition {
  if (ctx.session.workspace.isExternal(r) || r.uri.startsWith('cluster://'))
    return { in: 'cluster', context: r.uri.slice('cluster://'.length) };
  return { in: 'file', location: nameLocation(r) };
}

function problemOf(ctx: Pick<ServerContext, 'live'>, n: ChainNode): ChainLink['problem'] {
  const status = n.resolution.status;
  if (status === 'found') return undefined;
  if (status === 'forbidden' || n.reference.optional) return 'unverified';
  if (n.reference.target.group === FLOKOA_GROUP) return 'broken';
  // Secrets, ConfigMaps and the like often live outside the repository: missing is only certain
  // when a connected cluster was asked too.
  return ctx.live.status.state === 'connected' ? 'broken' : 'unverified';
}

export function chainLinks(ctx: Pick<ServerContext, 'session' | 'live'>, nodes: ChainNode[]): ChainLink[] {
  return nodes.map((n) => {
    const ref = n.reference;
    const res = n.resolution;
    const link: ChainLink = {
      target: resourceKey(ref.target),
      field: ref.pointer,
      optional: !!ref.optional,
      status: res.status,
      children: chainLinks(ctx, n.children),
    };
    if (ref.key !== undefined) link.dataKey = ref.key;
    const problem = problemOf(ctx, n);
    if (problem) link.problem = problem;
    if (res.target) link.definition = definitionOf(ctx, res.target);
    if (ref.nameRange && !ctx.session.workspace.isExternal(ref.source)) link.written = { uri: ref.source.uri, range: ref.nameRange };
    if (res.status !== 'found' && res.elsewhere.length) link.elsewhere = res.elsewhere.map((e) => e.namespace);
    if (res.wrongKind) link.wrongKind = res.wrongKind.kind;
    return link;
  });
}

/** How many links of a chain, at any depth, have each problem. */
export function countProblems(links: ChainLink[], acc = { broken: 0, unverified: 0 }): { broken: number; unverified: number } {
  for (const l of links) {
    if (l.problem) acc[l.problem]++;
    countProblems(l.children, acc);
  }
  return acc;
}

export function resourceInfo(ctx: Pick<ServerContext, 'session' | 'live'>, r: Resource): ResourceInfo {
  return {
    key: resourceKey(r),
    definition: definitionOf(ctx, r),
    object: r.object,
    chain: chainLinks(ctx, chainOf(r, ctx.session.workspace)),
  };
}
