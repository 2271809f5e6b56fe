// The text report: one `file:line:col severity rule-id message` line per finding (what editors'
// problem matchers and grep expect), and the summary line that goes to stderr.
import type { Severity } from '@flokoa/core';
import type { CheckResult, LocatedFinding } from './check.js';

/** Multi-line messages would break the one-finding-per-line contract. */
export function oneLine(message: string): string {
  return message.replace(/\s*\r?\n\s*/g, ' ').trim();
}

export function formatTextLine(f: LocatedFinding): string {
  return `${f.file}:${f.line}:${f.column} ${f.finding.severity} ${f.finding.ruleId} ${oneLine(f.finding.message)}`;
}

export function formatText(result: CheckResult): string {
  return result.findings.map((f) => formatTextLine(f) + '\n').join('');
}

const ORDER: Severity[] = ['error', 'warning', 'info', 'hint'];

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatSummary(result: CheckResult): string {
  const files = plural(result.fileCount, 'file');
  if (result.findings.length === 0) return `no problems in ${files}`;
  const counts = new Map<Severity, number>();
  for (const f of result.findings) counts.set(f.finding.severity, (counts.get(f.finding.severity) ?? 0) + 1);
  // "info" reads as a mass noun ("3 info"), the others take a plural.
  const parts = ORDER.filter((s) => counts.has(s)).map((s) => (s === 'info' ? `${counts.get(s)} info` : plural(counts.get(s)!, s)));
  return `${plural(result.findings.length, 'problem')} (${parts.join(', ')}) in ${files}`;
}
