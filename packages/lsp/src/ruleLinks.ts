// Where a diagnostic's rule id links: the rule's section of docs/rules.md. A published page
// (http/https) has an anchor per rule (`#image-latest`). A local copy (file:, as the VS Code
// extension bundles it) opens in an editor, which ignores such anchors but reveals `#L<line>`:
// for it the heading's line is looked up once, so a link opens at the rule, not at line 1.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type RuleLink = (ruleId: string) => string;

/** Each rule is a `## <id>` section of docs/rules.md. */
const RULE_HEADING = /^## ([a-z0-9][a-z0-9-]*)\s*$/;

export function ruleLinks(url: string | undefined, log?: (message: string) => void): RuleLink | undefined {
  if (!url) return undefined;
  if (!url.startsWith('file:')) return (id) => `${url}#${id}`;
  const lines = new Map<string, number>();
  try {
    readFileSync(fileURLToPath(url), 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const m = RULE_HEADING.exec(text);
        if (m && !lines.has(m[1])) lines.set(m[1], i + 1);
      });
  } catch (e) {
    log?.(`rules documentation ${url} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}); rule links open its first line`);
  }
  return (id) => {
    const line = lines.get(id);
    return line ? `${url}#L${line}` : url;
  };
}
