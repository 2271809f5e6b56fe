// `--format json`: an array of findings for scripts. `line`/`column` are 1-based like the text
// report; `range` is the 0-based LSP range (UTF-16 columns) for tools that apply the fixes.
import type { CheckResult } from './check.js';
import { displayPath } from './check.js';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  ruleId: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  fixes?: { title: string; edits: { file: string; range: JsonFinding['range']; newText: string }[] }[];
}

export function formatJson(result: CheckResult, cwd: string): string {
  const out: JsonFinding[] = result.findings.map((f) => {
    const j: JsonFinding = {
      file: f.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      severity: f.finding.severity,
      ruleId: f.finding.ruleId,
      message: f.finding.message,
      range: f.finding.range,
    };
    if (f.finding.fixes && f.finding.fixes.length > 0) {
      j.fixes = f.finding.fixes.map((fix) => ({
        title: fix.title,
        edits: fix.edits.map((e) => ({ file: e.uri ? displayPath(e.uri, cwd) : f.file, range: e.range, newText: e.newText })),
      }));
    }
    return j;
  });
  return JSON.stringify(out, null, 2) + '\n';
}
