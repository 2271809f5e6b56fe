// docs/rules.md is the users' reference: one section per registered rule id (and no others), each
// with the rule's default severity and rationale, and a bad and a good example that really do
// and do not produce the rule's finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALL_RULES, Workspace } from '../src/index.js';
import { clusterResources } from './fixtures.js';

const DOC = fileURLToPath(new URL('../../../../docs/rules.md', import.meta.url));
const text = readFileSync(DOC, 'utf8');

function sections(): Map<string, string> {
  const out = new Map<string, string>();
  const parts = text.split(/^## /m).slice(1);
  for (const p of parts) {
    const nl = p.indexOf('\n');
    out.set(p.slice(0, nl).trim().replace(/`/g, ''), p.slice(nl + 1));
  }
  return out;
}

/** The Bad and Good examples, and an optional `In the cluster:` block of live objects both run against. */
function examples(body: string): { bad: string; good: string; live?: string } {
  const blocks = [...body.matchAll(/^(Bad|Good|In the cluster)[^\n]*:\n\n```yaml\n([\s\S]*?)```/gm)];
  const bad = blocks.find((b) => b[1] === 'Bad')?.[2];
  const good = blocks.find((b) => b[1] === 'Good')?.[2];
  const live = blocks.find((b) => b[1] === 'In the cluster')?.[2];
  assert.ok(bad !== undefined && good !== undefined, 'a Bad: and a Good: yaml example');
  return { bad, good, live };
}

/** An example's files: one, or several each starting with a `# file: path` line. */
function exampleFiles(yaml: string): { uri: string; text: string }[] {
  const parts = yaml.split(/^# file: (.+)\n/m);
  if (parts.length === 1) return [{ uri: 'file:///docs/example.yaml', text: yaml }];
  const out: { uri: string; text: string }[] = [];
  for (let i = 1; i < parts.length; i += 2) out.push({ uri: `file:///docs/example/${parts[i].trim()}`, text: parts[i + 1] });
  return out;
}

function ruleIds(yaml: string, live?: string): string[] {
  const ws = new Workspace();
  if (live !== undefined) ws.setExternal('cluster', clusterResources([{ text: live }]));
  const files = exampleFiles(yaml);
  ws.setFiles(files);
  return files.flatMap((f) => ws.analyze(f.uri)).map((f) => f.ruleId);
}

test('docs/rules.md has exactly one section per registered rule', () => {
  const documented = [...sections().keys()].sort();
  assert.deepEqual(documented, ALL_RULES.map((r) => r.id).sort());
});

for (const rule of ALL_RULES) {
  test(`docs/rules.md: ${rule.id} states its severity and rationale, and its examples are true`, () => {
    const body = sections().get(rule.id);
    assert.ok(body, `section for ${rule.id}`);
    assert.ok(body.includes(`Default severity: ${rule.defaultSeverity}`), 'default severity');
    assert.ok(body.includes(rule.rationale), 'rationale');
    const { bad, good, live } = examples(body);
    assert.ok(ruleIds(bad, live).includes(rule.id), 'the bad example produces the finding');
    assert.ok(!ruleIds(good, live).includes(rule.id), 'the good example does not');
  });
}
