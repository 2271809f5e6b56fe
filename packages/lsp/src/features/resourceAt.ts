// flokoa/resourceAt: the resource whose document holds a position, with what it references
// (Show References from the cursor; the file side of a file ↔ cluster comparison).
import type { CancellationToken } from 'vscode-languageserver/node';
import { whenIndexed, type ServerContext } from '../context.js';
import type { ResourceAtParams, ResourceInfo } from '../protocol.js';
import { resourceAt } from './nameAt.js';
import { resourceInfo } from './resourceInfo.js';

export async function provideResourceAt(
  ctx: ServerContext,
  params: ResourceAtParams,
  token: CancellationToken,
): Promise<ResourceInfo | null> {
  if (!(await whenIndexed(ctx.session, token))) return null;
  const r = resourceAt(ctx.session, params.textDocument.uri, params.position);
  return r && r.name ? resourceInfo(ctx, r) : null;
}
