// `# flokoa-ignore rule-id[, rule-id...]` on the line above silences those rules on that line;
// a bare `# flokoa-ignore` silences every rule there.
import type { Finding } from './model.js';

const MARK = 'flokoa-ignore';
const DIRECTIVE = /#\s*flokoa-ignore\b([^#\n]*)/;

/** Line → rule ids silenced on it ('*' for all). */
export function suppressions(text: string): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  if (!text.includes(MARK)) return out;
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf(MARK); i >= 0; i = text.indexOf(MARK, i + MARK.length)) {
    for (let nl = text.indexOf('\n', lineStart); nl >= 0 && nl < i; nl = text.indexOf('\n', lineStart)) {
      line++;
      lineStart = nl + 1;
    }
    const end = text.indexOf('\n', i);
    const m = DIRECTIVE.exec(text.slice(lineStart, end < 0 ? text.length : end));
    if (!m) continue;
    const ids = m[1].split(/[\s,]+/).filter((s) => s !== '');
    const set = out.get(line + 1) ?? new Set<string>();
    for (const id of ids.length ? ids : ['*']) set.add(id);
    out.set(line + 1, set);
  }
  return out;
}

export function isSuppressed(f: Finding, map: Map<number, Set<string>>): boolean {
  const s = map.get(f.range.start.line);
  return !!s && (s.has('*') || s.has(f.ruleId));
}
