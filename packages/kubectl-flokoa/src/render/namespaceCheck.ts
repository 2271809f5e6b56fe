// The namespace check as text (one line a problem, its fix under it), json or yaml.
import { stringify } from 'yaml';
import type { Palette } from '../cli/output.js';
import type { NamespaceReport } from '../admission/namespaceCheck.js';

export type CheckFormat = 'text' | 'json' | 'yaml';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function textOf(r: NamespaceReport, p: Palette): string {
  const lines: string[] = [];
  for (const x of r.problems) {
    lines.push(`${p.red('✗')} ${x.agent ? `agent/${x.agent}: ` : ''}${x.problem}`);
    lines.push(`  ${p.dim('fix:')} ${x.fix}`);
  }
  for (const x of r.notChecked) lines.push(`${p.yellow('?')} ${x.agent ? `agent/${x.agent}: ` : ''}not checked: ${x.check} (${x.why})`);
  const agents = r.exists === false ? '' : `, ${plural(r.agents.length, 'agent')}`;
  if (r.problems.length === 0 && r.notChecked.length === 0) {
    lines.push(
      `${p.green('✓')} namespace ${r.namespace}${agents}: service accounts, registry Secrets, references, access to other namespaces and quota headroom all in order`,
    );
  } else {
    const parts = [plural(r.problems.length, 'problem'), ...(r.notChecked.length ? [`${r.notChecked.length} not checked`] : [])];
    lines.push(`namespace ${r.namespace}${agents}: ${parts.join(', ')}`);
  }
  return lines.join('\n');
}

export function renderNamespaceCheck(r: NamespaceReport, format: CheckFormat, p: Palette): string {
  if (format === 'json') return JSON.stringify(r, null, 2);
  if (format === 'yaml') return stringify(r, { lineWidth: 0 }).trimEnd();
  return textOf(r, p);
}
