// Skeletons of every Flokoa kind, offered at the top of an empty document: those of the generation
// the workspace is read as first, then the other generations' forms of the kinds that differ.
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver/node';
import { API_GENERATIONS, NEWEST_API, type ApiDescription } from '@flokoa/core';

function item(api: ApiDescription, kind: string, body: string, labelled: boolean): CompletionItem {
  const apiVersion = `${api.group}/${api.version}`;
  return {
    label: labelled ? `${kind} (Flokoa, ${api.title} API)` : `${kind} (Flokoa)`,
    filterText: kind,
    kind: CompletionItemKind.Snippet,
    detail: `New ${kind} (${apiVersion}, ${api.title} API)`,
    documentation: api.kinds.find((k) => k.kind === kind)?.schema.description,
    insertTextFormat: InsertTextFormat.Snippet,
    insertText: `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: \${1:name}\n  namespace: \${2:namespace}\nspec:\n${body}`,
  };
}

export function resourceSnippets(primary: ApiDescription = NEWEST_API): CompletionItem[] {
  const out = Object.entries(primary.snippets).map(([kind, body]) => item(primary, kind, body, false));
  for (const api of API_GENERATIONS) {
    if (api === primary) continue;
    for (const [kind, body] of Object.entries(api.snippets)) if (primary.snippets[kind] !== body) out.push(item(api, kind, body, true));
  }
  return out;
}

/**
 * The skeleton of a new `kind` named `name` in `namespace` in a generation, as plain text (the
 * snippet with its placeholders filled by their defaults): what the "Create …" quick fix writes.
 * Undefined for a kind without a skeleton.
 */
export function resourceSkeleton(kind: string, name: string, namespace: string, api: ApiDescription = NEWEST_API): string | undefined {
  const body = api.snippets[kind];
  if (!body) return undefined;
  return item(api, kind, body, false)
    .insertText!.replace(/\$\{1:[^}]*\}/g, name)
    .replace(/\$\{2:[^}]*\}/g, namespace)
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\d+/g, '');
}
