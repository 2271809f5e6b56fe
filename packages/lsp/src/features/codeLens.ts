// "used by N" above each Model, ModelProvider, AgentTool and Secret; clicking lists the referrers.
import { CodeLensRefreshRequest, type CancellationToken, type CodeLens, type CodeLensParams } from 'vscode-languageserver/node';
import { keyOf, FLOKOA_GROUP } from '@flokoa/core';
import { whenIndexed, type ServerContext } from '../context.js';
import { SHOW_REFERENCES_COMMAND } from '../protocol.js';
import { referrerLocations } from './references.js';

const COUNTED = new Set([`${FLOKOA_GROUP}/Model`, `${FLOKOA_GROUP}/ModelProvider`, `${FLOKOA_GROUP}/AgentTool`, '/Secret']);

export async function provideCodeLenses(ctx: ServerContext, params: CodeLensParams, token: CancellationToken): Promise<CodeLens[] | null> {
  const uri = params.textDocument.uri;
  if (!ctx.session.file(uri)) return null;
  // A count taken before the index is complete would be wrong; the refresh after indexing redraws.
  if (!(await whenIndexed(ctx.session, token))) return null;
  const lenses: CodeLens[] = [];
  for (const r of ctx.session.workspace.resourcesIn(uri)) {
    if (!r.name || r.producedBy || !COUNTED.has(`${r.group}/${r.kind}`)) continue;
    const locations = referrerLocations(ctx.session, keyOf(r));
    const nameRange = r.ranges.get('/metadata/name')?.value ?? r.range;
    const anchor = r.ranges.get('/apiVersion')?.key ?? r.ranges.get('/kind')?.key ?? nameRange;
    lenses.push({
      range: anchor,
      command: {
        title: `used by ${locations.length}`,
        command: SHOW_REFERENCES_COMMAND,
        arguments: [uri, nameRange.start, locations],
      },
    });
  }
  return lenses;
}

/** Redraws lenses whose counts another file's change may have moved. */
export function refreshCodeLensesOnChange(ctx: ServerContext): void {
  if (!ctx.client.workspace?.codeLens?.refreshSupport) return;
  let scheduled = false;
  ctx.session.onDidChange((e) => {
    if (!ctx.session.isReady || scheduled || (!e.all && e.uris.size <= 1)) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      ctx.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    });
  });
}
