// `flokoa-lsp check`: loads every file into core's Workspace (the engine the server uses, so the
// linter and the editor never disagree) and returns the findings ready for a renderer.
import { relative } from 'node:path';
import { Workspace, ALL_RULES, closestNames, loadRenderInputs, type Finding, type SeveritySetting } from '@flokoa/core';
import { readServerSettings } from '../settings.js';
import { readTextFile, uriToPath } from '../scan.js';
import { UsageError } from '@flokoa/kube';
import { collectInputs } from './inputs.js';

export interface CheckOptions {
  paths: string[];
  defaultNamespace?: string;
  rules: Record<string, SeveritySetting>;
  /** Read every document as this API generation instead of choosing per document. */
  apiGeneration?: string;
  cwd: string;
}

/** A finding with the path a terminal user can click: relative to cwd, 1-based line and column. */
export interface LocatedFinding {
  finding: Finding;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface CheckResult {
  findings: LocatedFinding[];
  fileCount: number;
  /** Problems reading inputs, one line each; the check is incomplete when non-empty. */
  unreadable: string[];
  skipped: string[];
}

export function displayPath(uri: string, cwd: string): string {
  const path = uriToPath(uri);
  return path === undefined ? uri : relative(cwd, path) || '.';
}

function compareFindings(a: LocatedFinding, b: LocatedFinding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.finding.ruleId < b.finding.ruleId ? -1 : a.finding.ruleId > b.finding.ruleId ? 1 : 0) ||
    (a.finding.message < b.finding.message ? -1 : a.finding.message > b.finding.message ? 1 : 0)
  );
}

/** Checks the --rule ids against the registry: a typo there would silently leave a rule on. */
function validateRuleIds(rules: Record<string, SeveritySetting>): void {
  const known = new Set(ALL_RULES.map((r) => r.id));
  for (const id of Object.keys(rules)) {
    if (known.has(id)) continue;
    const close = closestNames(id, known);
    throw new UsageError(`unknown rule "${id}"${close.length > 0 ? ` (did you mean ${close.slice(0, 3).join(', ')}?)` : ''}`);
  }
}

export async function runCheck(opts: CheckOptions): Promise<CheckResult> {
  validateRuleIds(opts.rules);
  // The server's reader of `flokoa.*` settings, so the CLI accepts exactly what the editor accepts.
  const problems: string[] = [];
  const { analysis } = readServerSettings(
    {
      defaultNamespace: opts.defaultNamespace ?? 'default',
      rules: opts.rules,
      ...(opts.apiGeneration ? { apiGeneration: opts.apiGeneration } : {}),
    },
    problems,
  );
  if (problems.length > 0) {
    throw new UsageError(
      `--default-namespace "${opts.defaultNamespace}" is not a valid namespace name (lowercase letters, digits and "-")`,
    );
  }

  const inputs = await collectInputs(opts.paths, opts.cwd);
  if (inputs.files.length === 0 && inputs.unreadable.length === 0) {
    throw new UsageError(`no YAML files found in ${opts.paths.join(' ')}`);
  }
  const workspace = new Workspace(analysis);
  workspace.readOtherFile = readTextFile;
  // Every file first, then analysis: a reference may point into a file loaded later. Then what
  // their kustomizations read from elsewhere (an overlay's base), so what is checked is what renders.
  workspace.setFiles(inputs.files);
  const pulledIn = loadRenderInputs(workspace, readTextFile);

  const findings: LocatedFinding[] = [];
  for (const f of [...inputs.files.map((x) => x.uri), ...pulledIn].map((uri) => ({ uri }))) {
    for (const finding of workspace.analyze(f.uri)) {
      findings.push({
        finding,
        file: displayPath(finding.uri, opts.cwd),
        line: finding.range.start.line + 1,
        column: finding.range.start.character + 1,
        endLine: finding.range.end.line + 1,
        endColumn: finding.range.end.character + 1,
      });
    }
  }
  findings.sort(compareFindings);
  return { findings, fileCount: inputs.files.length + pulledIn.length, unreadable: inputs.unreadable, skipped: inputs.skipped };
}
