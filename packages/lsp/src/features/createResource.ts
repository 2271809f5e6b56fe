// "Create Model 'x' in models.yaml": beside "add namespace:" and "did you mean", a quick fix for a
// reference to a Flokoa object that exists nowhere, appending a skeleton of it to a file that
// already holds that kind in that namespace (else to the referrer's file, which is applied with it).
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import { positionAt, FLOKOA_GROUP, type Finding, type ObjectKey } from '@flokoa/core';
import type { ServerContext } from '../context.js';
import { nameAt } from './nameAt.js';
import { resourceSkeleton } from './resourceSnippets.js';

export function createResourceAction(ctx: ServerContext, uri: string, finding: Finding, diagnostic: Diagnostic): CodeAction | undefined {
  if (finding.ruleId !== 'unresolved-reference') return undefined;
  const at = nameAt(ctx.session, uri, finding.range.start);
  if (at?.kind !== 'reference' || at.part !== 'name') return undefined;
  const t = at.reference.target;
  const ws = ctx.session.workspace;
  if (t.group !== FLOKOA_GROUP || ws.get(t)) return undefined;
  // In the generation the referring document is read as: the new object goes beside it.
  const skeleton = resourceSkeleton(t.kind, t.name, t.namespace, at.resource.api?.api);
  if (!skeleton) return undefined;
  const file = fileFor(ctx, t) ?? uri;
  const parsed = ctx.session.file(file);
  if (!parsed) return undefined;
  const { text } = parsed;
  const end = positionAt(parsed, text.length);
  const lead = text === '' ? '' : text.endsWith('\n') ? '---\n' : '\n---\n';
  return {
    title: `Create ${t.kind} '${t.name}' in ${ctx.session.displayPath(file)}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [file]: [{ range: { start: end, end }, newText: `${lead}${skeleton}\n` }] } },
  };
}

/** A workspace file that already defines objects of this kind in this namespace. */
function fileFor(ctx: ServerContext, t: ObjectKey): string | undefined {
  const ws = ctx.session.workspace;
  return ws.list(t.group, t.kind, t.namespace).find((r) => !ws.isExternal(r) && !r.producedBy)?.uri;
}
