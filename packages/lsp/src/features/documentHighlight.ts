// Occurrences of the name under the cursor in this file: its definition (Write) and the references
// to it (Read), so that a name is seen at a glance in a multi-document file.
import { DocumentHighlightKind, type DocumentHighlight, type DocumentHighlightParams } from 'vscode-languageserver/node';
import type { ServerContext } from '../context.js';
import { nameAt, keyFor } from './nameAt.js';

export function provideDocumentHighlights(ctx: ServerContext, params: DocumentHighlightParams): DocumentHighlight[] | null {
  const uri = params.textDocument.uri;
  const at = nameAt(ctx.session, uri, params.position);
  if (!at || (at.kind === 'reference' && at.part !== 'name')) return null;
  const ws = ctx.session.workspace;
  const { key } = keyFor(ctx.session, at);
  const out: DocumentHighlight[] = [];
  for (const r of ws.find(key)) {
    const range = r.uri === uri && !r.producedBy ? r.ranges.get('/metadata/name')?.value : undefined;
    if (range) out.push({ range, kind: DocumentHighlightKind.Write });
  }
  for (const ref of ws.referrersOf(key))
    if (ref.source.uri === uri && ref.nameRange) out.push({ range: ref.nameRange, kind: DocumentHighlightKind.Read });
  return out;
}
