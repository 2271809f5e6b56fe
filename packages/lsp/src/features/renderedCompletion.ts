// Completing a reference's name in a document kustomizations render (a base in several overlays):
// the objects each rendering puts in the referrer's namespace there, offered by the name written
// in their file (what the base must say), with what each overlay makes of it.
import { CompletionItemKind, MarkupKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver/node';
import { renderingLabel, type RefSpec, type Resource } from '@flokoa/core';
import type { ServerContext } from '../context.js';

/** The name an object had before any transformer renamed it: what its file says. */
function writtenName(r: Resource): string {
  return r.rendering?.changes.find((c) => c.from.name !== c.to.name)?.from.name ?? r.name;
}

/** Items for the name of a reference without namespace: in a rendered document; undefined when it is not rendered. */
export function renderedNameItems(
  ctx: ServerContext,
  uri: string,
  pos: Position,
  spec: RefSpec,
  replace: Range,
): CompletionItem[] | undefined {
  const ws = ctx.session.workspace;
  const renderings = ws.resourcesAt(uri, pos).filter((r) => r.rendering);
  if (renderings.length === 0) return undefined;
  const byName = new Map<string, string[]>();
  for (const referrer of renderings) {
    const root = ws.renderings.root(referrer.rendering!.root);
    const where = renderingLabel({ kind: root?.kind ?? 'kustomize', dir: referrer.rendering!.dir, flux: referrer.rendering!.flux }, uri);
    const candidates = [
      ...(root?.resources ?? []),
      ...ws.list(spec.toGroup, spec.toKind, referrer.namespace).filter((r) => !r.rendering),
    ].filter((t) => t.group === spec.toGroup && t.kind === spec.toKind && t.namespace === referrer.namespace && !t.producedBy);
    for (const t of candidates) {
      const name = writtenName(t);
      byName.set(name, [...(byName.get(name) ?? []), `${where}: \`${t.namespace}/${t.name}\``]);
    }
  }
  return [...byName].map(([name, seen]) => ({
    label: name,
    kind: CompletionItemKind.Reference,
    detail: `${spec.toKind} · in ${seen.length} of ${renderings.length} rendering${renderings.length > 1 ? 's' : ''}`,
    documentation: { kind: MarkupKind.Markdown, value: `**${spec.toKind}** as rendered:\n\n${seen.map((s) => `- ${s}`).join('\n')}` },
    sortText: `${seen.length === renderings.length ? 0 : 1}${name}`,
    filterText: name,
    textEdit: { range: replace, newText: name },
  }));
}
