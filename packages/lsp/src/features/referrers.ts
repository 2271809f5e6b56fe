// flokoa/referrers: who references a resource, in workspace files and live in the cluster (Show
// Dependents: the question to ask before deleting or rotating it).
import type { CancellationToken } from 'vscode-languageserver/node';
import { keyString, type ObjectKey, type Reference } from '@flokoa/core';
import { whenIndexed, type ServerContext } from '../context.js';
import type { Referrer, ReferrersParams, ReferrersResult } from '../protocol.js';
import { definitionOf, resourceKey } from './resourceInfo.js';

export async function provideReferrers(
  ctx: ServerContext,
  params: ReferrersParams,
  token: CancellationToken,
): Promise<ReferrersResult | null> {
  if (!(await whenIndexed(ctx.session, token))) return null;
  ctx.session.flush();
  return { referrers: referrersOf(ctx, params.key).map((ref) => referrer(ctx, ref)) };
}

/**
 * References to `key` from files, then from live objects that no file defines (a file and the
 * cluster holding the same Agent are one referrer, the file's). Sorted for a stable listing.
 */
export function referrersOf(ctx: Pick<ServerContext, 'session'>, key: ObjectKey): Reference[] {
  const ws = ctx.session.workspace;
  const refs = ws.referrersOf(key);
  const files = refs.filter((r) => !ws.isExternal(r.source));
  const live = refs.filter((r) => ws.isExternal(r.source) && !hasFileDefinition(ctx, r));
  const order = (a: Reference, b: Reference) =>
    a.source.uri.localeCompare(b.source.uri) || keyString(a.source).localeCompare(keyString(b.source));
  return [...files.sort(order), ...live.sort(order)];
}

function hasFileDefinition(ctx: Pick<ServerContext, 'session'>, r: Reference): boolean {
  const ws = ctx.session.workspace;
  return ws.find(r.source).some((d) => !ws.isExternal(d));
}

function referrer(ctx: ServerContext, ref: Reference): Referrer {
  const out: Referrer = { source: resourceKey(ref.source), field: ref.pointer, definition: definitionOf(ctx, ref.source) };
  if (ref.nameRange && out.definition.in === 'file') out.written = { uri: ref.source.uri, range: ref.nameRange };
  return out;
}
