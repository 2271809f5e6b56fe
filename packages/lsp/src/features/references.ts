// Find references: from a resource's name or from any reference to it, every referrer in the
// workspace (and the declaration when asked).
import type { Location, ReferenceParams } from 'vscode-languageserver/node';
import type { ObjectKey } from '@flokoa/core';
import type { WorkspaceSession } from '../session.js';
import { whenIndexed, type ServerContext } from '../context.js';
import type { CancellationToken } from 'vscode-languageserver/node';
import { namesAt, keysFor, nameLocation } from './nameAt.js';

/** Locations of every reference to `key` (the name part), in file order. */
export function referrerLocations(session: WorkspaceSession, key: ObjectKey): Location[] {
  const out: Location[] = [];
  for (const ref of session.workspace.referrersOf(key)) {
    const range = ref.nameRange;
    if (range) out.push({ uri: ref.source.uri, range });
  }
  return out.sort((a, b) => (a.uri === b.uri ? a.range.start.line - b.range.start.line : a.uri < b.uri ? -1 : 1));
}

export async function provideReferences(ctx: ServerContext, params: ReferenceParams, token: CancellationToken): Promise<Location[] | null> {
  if (!(await whenIndexed(ctx.session, token))) return null;
  const ats = namesAt(ctx.session, params.textDocument.uri, params.position).filter(
    (at) => at.kind === 'declaration' || at.part === 'name',
  );
  if (ats.length === 0) return null;
  // Every rendering's object: the same written lines may stand for several, listed once.
  const out = new Map<string, Location>();
  const add = (l: Location): void => void out.set(`${l.uri}#${l.range.start.line}:${l.range.start.character}`, l);
  for (const { key } of keysFor(ctx.session, ats)) {
    if (params.context.includeDeclaration)
      for (const r of ctx.session.workspace.find(key)) if (!ctx.session.workspace.isExternal(r) && !r.producedBy) add(nameLocation(r));
  }
  for (const { key } of keysFor(ctx.session, ats)) for (const l of referrerLocations(ctx.session, key)) add(l);
  return [...out.values()];
}
