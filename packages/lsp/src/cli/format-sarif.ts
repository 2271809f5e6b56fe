// `--format sarif`: SARIF 2.1.0 for code-scanning UIs. Rules come from core's registry so the
// viewer can show each rule's rationale and default level next to its results.
import { relative, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_RULES, type Range, type Severity, type SeveritySetting } from '@flokoa/core';
import { uriToPath } from '../scan.js';
import type { CheckResult } from './check.js';

type SarifLevel = 'none' | 'note' | 'warning' | 'error';

const SRCROOT = '%SRCROOT%';

export function sarifLevel(s: SeveritySetting): SarifLevel {
  switch (s) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    case 'info':
    case 'hint':
      return 'note';
    case 'off':
      return 'none';
  }
}

/** A URI reference relative to %SRCROOT% when the file is under cwd, else an absolute URI. */
function artifactLocation(uri: string, cwd: string): { uri: string; uriBaseId?: string } {
  const path = uriToPath(uri);
  if (path === undefined) return { uri };
  const rel = relative(cwd, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(path).href };
  return { uri: rel.split(/[\\/]/).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(r: Range): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

export function formatSarif(result: CheckResult, cwd: string, version: string, docsUri: string | undefined): string {
  const rules = ALL_RULES.map((r) => ({
    id: r.id,
    shortDescription: { text: r.rationale },
    defaultConfiguration: { level: sarifLevel(r.defaultSeverity) },
    ...(docsUri ? { helpUri: `${docsUri}#${r.id}` } : {}),
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  // Findings core raises outside the rule registry (YAML syntax, limits) still get a descriptor.
  for (const f of result.findings) {
    if (index.has(f.finding.ruleId)) continue;
    index.set(f.finding.ruleId, rules.length);
    rules.push({
      id: f.finding.ruleId,
      shortDescription: { text: f.finding.ruleId },
      defaultConfiguration: { level: sarifLevel(f.finding.severity as Severity) },
    });
  }
  const results = result.findings.map(({ finding }) => {
    const location = artifactLocation(finding.uri, cwd);
    return {
      ruleId: finding.ruleId,
      ruleIndex: index.get(finding.ruleId)!,
      level: sarifLevel(finding.severity),
      message: { text: finding.message },
      locations: [{ physicalLocation: { artifactLocation: location, region: region(finding.range) } }],
      ...(finding.related && finding.related.length > 0
        ? {
            relatedLocations: finding.related.map((r, i) => ({
              id: i + 1,
              message: { text: r.message },
              physicalLocation: { artifactLocation: artifactLocation(r.location.uri, cwd), region: region(r.location.range) },
            })),
          }
        : {}),
      ...(finding.fixes && finding.fixes.length > 0
        ? {
            fixes: finding.fixes.map((fix) => ({
              description: { text: fix.title },
              artifactChanges: groupEdits(fix.edits, finding.uri, cwd),
            })),
          }
        : {}),
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'flokoa-lsp', version, semanticVersion: version, rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function groupEdits(edits: { uri?: string; range: Range; newText: string }[], defaultUri: string, cwd: string) {
  const byUri = new Map<string, { deletedRegion: ReturnType<typeof region>; insertedContent: { text: string } }[]>();
  for (const e of edits) {
    const uri = e.uri ?? defaultUri;
    const list = byUri.get(uri) ?? [];
    list.push({ deletedRegion: region(e.range), insertedContent: { text: e.newText } });
    byUri.set(uri, list);
  }
  return [...byUri].map(([uri, replacements]) => ({ artifactLocation: artifactLocation(uri, cwd), replacements }));
}
