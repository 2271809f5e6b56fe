// Document symbols: one per resource of the file (the outline and breadcrumbs of a multi-document file).
import type { DocumentSymbol, DocumentSymbolParams, SymbolInformation } from 'vscode-languageserver/node';
import type { ServerContext } from '../context.js';
import { symbolDetail, symbolKindOf, symbolName } from './symbols.js';

export function provideDocumentSymbols(ctx: ServerContext, params: DocumentSymbolParams): DocumentSymbol[] | SymbolInformation[] | null {
  const uri = params.textDocument.uri;
  if (!ctx.session.file(uri)) return null;
  // One symbol per document, however many renderings it has (the first names it).
  const seen = new Set<number>();
  const resources = ctx.session.workspace.resourcesIn(uri).filter((r) => !r.producedBy && !seen.has(r.docIndex) && seen.add(r.docIndex));
  if (!ctx.client.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport) {
    return resources.map((r) => ({
      name: symbolName(r),
      kind: symbolKindOf(r),
      containerName: r.namespace || undefined,
      location: { uri, range: r.range },
    }));
  }
  return resources.map((r) => ({
    name: symbolName(r),
    detail: symbolDetail(r),
    kind: symbolKindOf(r),
    range: r.range,
    selectionRange: r.ranges.get('/metadata/name')?.value ?? r.ranges.get('/kind')?.value ?? r.range,
  }));
}
