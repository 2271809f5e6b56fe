// `# flokoa-ignore rule-id[, rule-id...]` on the line above silences those rules on that line;
// a bare `# flokoa-ignore` silences every rule there.
const MARK = 'flokoa-ignore';
const DIRECTIVE = /#\s*flokoa-ignore\b([^#\n]*)/;

/** Whether a line holds a directive silencing `ruleId` on the line below it. */
export function silencedOn(line: string | undefined, ruleId: string): boolean {
  if (line === undefined || !line.includes(MARK)) return false;
  const m = DIRECTIVE.exec(line);
  if (!m) return false;
  const ids = m[1].split(/[\s,]+/).filter((s) => s !== '');
  return ids.length === 0 || ids.includes(ruleId);
}
