// "used by N" above each Model, ModelProvider, AgentTool and Secret, live referrers counted (and
// said to be live): what deleting or renaming it would break. Clicking lists the referrers.
import { CodeLensRefreshRequest, type CancellationToken, type CodeLens, type CodeLensParams, type Range } from 'vscode-languageserver/node';
import { keyOf, FLOKOA_GROUP, type Resource } from '@flokoa/core';
import { whenIndexed, type ServerContext } from '../context.js';
import { SHOW_REFERENCES_COMMAND } from '../protocol.js';
import type { ResourceKey } from '../protocol.js';
import { referrersOf } from './referrers.js';
import { resourceKey } from './resourceInfo.js';

const COUNTED = new Set([`${FLOKOA_GROUP}/Model`, `${FLOKOA_GROUP}/ModelProvider`, `${FLOKOA_GROUP}/AgentTool`, '/Secret']);

export async function provideCodeLenses(ctx: ServerContext, params: CodeLensParams, token: CancellationToken): Promise<CodeLens[] | null> {
  const uri = params.textDocument.uri;
  if (!ctx.session.file(uri)) return null;
  // A count taken before the index is complete would be wrong; the refresh after indexing redraws.
  if (!(await whenIndexed(ctx.session, token))) return null;
  const lenses: CodeLens[] = [];
  // One lens per document: a base rendered by several overlays counts the referrers of each rendering.
  const byDoc = new Map<number, Resource[]>();
  for (const r of ctx.session.workspace.resourcesIn(uri)) {
    if (!r.name || r.producedBy || !COUNTED.has(`${r.group}/${r.kind}`)) continue;
    byDoc.set(r.docIndex, [...(byDoc.get(r.docIndex) ?? []), r]);
  }
  for (const all of byDoc.values()) {
    const r = all[0];
    const locations: { uri: string; range: Range }[] = [];
    const live: { key: ResourceKey; context: string }[] = [];
    const seen = new Set<string>();
    for (const ref of all.flatMap((x) => referrersOf(ctx, keyOf(x)))) {
      if (ctx.session.workspace.isExternal(ref.source))
        live.push({ key: resourceKey(ref.source), context: ref.source.uri.slice('cluster://'.length) });
      else if (ref.nameRange && !seen.has(`${ref.source.uri}#${ref.nameRange.start.line}:${ref.nameRange.start.character}`)) {
        seen.add(`${ref.source.uri}#${ref.nameRange.start.line}:${ref.nameRange.start.character}`);
        locations.push({ uri: ref.source.uri, range: ref.nameRange });
      }
    }
    const nameRange = r.ranges.get('/metadata/name')?.value ?? r.range;
    const anchor = r.ranges.get('/apiVersion')?.key ?? r.ranges.get('/kind')?.key ?? nameRange;
    lenses.push({
      range: anchor,
      command: {
        title: `used by ${locations.length + live.length}${live.length ? ` (${live.length} live)` : ''}`,
        command: SHOW_REFERENCES_COMMAND,
        arguments: [uri, nameRange.start, locations, live],
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
