// Find references: from a resource's name or from any reference to it, every referrer in the
// workspace (and the declaration when asked).
import type { Location, ReferenceParams } from 'vscode-languageserver/node';
import type { ObjectKey } from '@flokoa/core';
import type { WorkspaceSession } from '../session.js';
import { whenIndexed, type ServerContext } from '../context.js';
import type { CancellationToken } from 'vscode-languageserver/node';
import { nameAt, keyFor, nameLocation } from './nameAt.js';

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
  const at = nameAt(ctx.session, params.textDocument.uri, params.position);
  if (!at || (at.kind === 'reference' && at.part !== 'name')) return null;
  const { key } = keyFor(ctx.session, at);
  const locations = referrerLocations(ctx.session, key);
  if (params.context.includeDeclaration) {
    const declarations = ctx.session.workspace.find(key).filter((r) => !ctx.session.workspace.isExternal(r) && !r.producedBy);
    locations.unshift(...declarations.map(nameLocation));
  }
  return locations;
}
