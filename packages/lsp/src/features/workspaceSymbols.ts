// Workspace symbols: every resource in the workspace files, matched by name, kind or namespace.
import type { CancellationToken, SymbolInformation, WorkspaceSymbolParams } from 'vscode-languageserver/node';
import type { ServerContext } from '../context.js';
import { symbolKindOf, symbolName } from './symbols.js';

/** Enough for any picker; more only costs serialisation time on big repositories. */
const MAX_RESULTS = 1000;

/** Case-insensitive subsequence match, as editors' symbol pickers do ("sgpt" finds "shared-gpt-4o"). */
function fuzzyMatch(query: string, text: string): boolean {
  let i = 0;
  for (let j = 0; j < text.length && i < query.length; j++) if (text[j] === query[i]) i++;
  return i === query.length;
}

export function provideWorkspaceSymbols(ctx: ServerContext, params: WorkspaceSymbolParams, token: CancellationToken): SymbolInformation[] {
  const q = params.query.toLowerCase().replace(/\s+/g, '');
  const ws = ctx.session.workspace;
  const out: SymbolInformation[] = [];
  for (const r of ws.resources()) {
    if (out.length >= MAX_RESULTS || token.isCancellationRequested) break;
    if (ws.isExternal(r) || r.producedBy) continue;
    if (q && !fuzzyMatch(q, r.name.toLowerCase()) && !fuzzyMatch(q, `${r.kind}${r.namespace}${r.name}`.toLowerCase())) continue;
    out.push({
      name: symbolName(r),
      kind: symbolKindOf(r),
      containerName: `${r.kind} · ${r.namespace || 'cluster'}`,
      location: { uri: r.uri, range: r.ranges.get('/metadata/name')?.value ?? r.range },
    });
  }
  return out;
}
