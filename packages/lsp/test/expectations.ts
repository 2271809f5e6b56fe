// Reads the `# expect: rule-id[, rule-id]` markers of a fixture file: the findings it must produce,
// as `line:rule-id` strings (zero-based lines, as LSP counts).
export function expectedFindings(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /#\s*expect:\s*(.+)$/.exec(line);
    if (m) for (const id of m[1].split(',')) out.push(`${i}:${id.trim()}`);
  });
  return out.sort();
}
