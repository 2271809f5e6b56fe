// Quick fixes: the `fixes` core attaches to findings (add `namespace: X`, did-you-mean, ...), plus
// a suppression comment for any finding, the way `# flokoa-ignore rule-id` is documented.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Range } from '@flokoa/core';
import type { ServerContext } from '../context.js';
import { fixToCodeAction } from '../convert.js';
import { createResourceAction } from './createResource.js';

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

export function provideCodeActions(ctx: ServerContext, params: CodeActionParams): CodeAction[] | null {
  const uri = params.textDocument.uri;
  if (!ctx.session.file(uri) || !ctx.session.isReady) return null;
  if (params.context.only && !params.context.only.some((k) => k === CodeActionKind.QuickFix || k === CodeActionKind.Empty)) return null;
  const { findings, diagnostics } = ctx.findings.get(uri);
  const actions: CodeAction[] = [];
  const requested = params.context.diagnostics.filter((d) => d.source === 'flokoa');
  const pairs: [Finding, Diagnostic][] = [];
  for (const d of requested) {
    const i = findings.findIndex((f) => f.ruleId === d.code && sameRange(f.range, d.range) && f.message === d.message);
    if (i >= 0) pairs.push([findings[i], d]);
  }
  // Clients that send no diagnostics in the context still get the fixes under the cursor.
  if (requested.length === 0) findings.forEach((f, i) => overlaps(f.range, params.range) && pairs.push([f, diagnostics[i]]));
  const text = ctx.session.document(uri)?.getText() ?? ctx.session.workspace.file(uri)?.text ?? '';
  const lines = text.split('\n');
  const suppressed = new Set<string>();
  for (const [finding, diagnostic] of pairs) {
    for (const fix of finding.fixes ?? []) actions.push(fixToCodeAction(fix, finding, diagnostic));
    const create = createResourceAction(ctx, uri, finding, diagnostic);
    if (create) actions.push(create);
    const line = finding.range.start.line;
    if (suppressed.has(`${finding.ruleId}@${line}`) || finding.ruleId === 'syntax') continue;
    suppressed.add(`${finding.ruleId}@${line}`);
    const indent = /^[ \t]*(- )?/.exec(lines[line] ?? '')?.[0].replace('- ', '  ') ?? '';
    actions.push({
      title: `Ignore ${finding.ruleId} on this line (# flokoa-ignore)`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: {
        changes: {
          [uri]: [
            {
              range: { start: { line, character: 0 }, end: { line, character: 0 } },
              newText: `${indent}# flokoa-ignore ${finding.ruleId}\n`,
            },
          ],
        },
      },
    });
  }
  return actions;
}
