// Edge conversions from core's protocol-free model to LSP shapes. Core's Position/Range already
// count lines and UTF-16 units from zero as LSP does, so ranges pass through unchanged.
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type CodeAction,
  CodeActionKind,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Finding, Fix, Severity } from '@flokoa/core';
import type { RuleLink } from './ruleLinks.js';

/** Editors show a handful of related locations; more only inflates messages. */
const MAX_RELATED = 20;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * `ruleLink`: where a rule's section of docs/rules.md is (ruleLinks.ts), from the URL the client
 * gives at initialisation, since only it knows where its copy lives.
 */
export function toDiagnostic(f: Finding, ruleLink?: RuleLink): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: 'flokoa',
    code: f.ruleId,
    message: f.message,
  };
  if (ruleLink) d.codeDescription = { href: ruleLink(f.ruleId) };
  if (f.tags?.length) {
    d.tags = f.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  }
  if (f.related?.length) {
    // A name defined 2,000 times must not make every diagnostic carry 2,000 locations.
    d.relatedInformation = f.related.slice(0, MAX_RELATED).map((r) => ({ location: r.location, message: r.message }));
  }
  return d;
}

export function fixToWorkspaceEdit(fix: Fix, defaultUri: string): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of fix.edits) {
    const uri = e.uri ?? defaultUri;
    (changes[uri] ??= []).push({ range: e.range, newText: e.newText });
  }
  if (!fix.edits.some((e) => e.create)) return { changes };
  // A fix that writes a new file (a kustomize configuration) creates it first.
  const created = new Set(fix.edits.filter((e) => e.create).map((e) => e.uri ?? defaultUri));
  return {
    documentChanges: [
      ...[...created].map((uri) => ({ kind: 'create' as const, uri, options: { ignoreIfExists: true } })),
      ...Object.entries(changes).map(([uri, edits]) => ({ textDocument: { uri, version: null }, edits })),
    ],
  };
}

export function fixToCodeAction(fix: Fix, finding: Finding, diagnostic: Diagnostic): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.preferred,
    edit: fixToWorkspaceEdit(fix, finding.uri),
  };
}
