// Quick fixes are real edits: applying the preferred one must make the finding go away and leave
// valid YAML behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, parseFile, offsetAt, type Fix } from '../src/index.js';
import { fixtureDir } from './fixtures.js';

function apply(text: string, fix: Fix): string {
  const file = parseFile('file:///x.yaml', text);
  const edits = fix.edits.map((e) => ({ start: offsetAt(file, e.range.start), end: offsetAt(file, e.range.end), text: e.newText }));
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

const cases: { rule: string; dir: string; file?: string; title: RegExp }[] = [
  { rule: 'unresolved-reference', dir: 'rules/unresolved-reference/bad', file: 'agent.yaml', title: /^Add namespace: shared-models$/ },
  { rule: 'unresolved-reference', dir: 'rules/unresolved-reference/bad', file: 'models.yaml', title: /^Change to 'openai-provider'$/ },
  { rule: 'missing-secret-key', dir: 'rules/missing-secret-key/bad', title: /^Change to 'api-key'$/ },
  { rule: 'missing-configmap-key', dir: 'rules/missing-configmap-key/bad', title: /^Change to 'log-level'$/ },
  { rule: 'schema-enum', dir: 'rules/schema-enum/bad', title: /pydantic-ai/ },
  { rule: 'unknown-kind', dir: 'rules/unknown-kind/bad', title: /^Change to 'Model'$/ },
  { rule: 'unserved-version', dir: 'rules/unserved-version/bad', title: /v1alpha1/ },
  { rule: 'anti-affinity-selector-mismatch', dir: 'rules/anti-affinity-selector-mismatch/bad', title: /my-agent/ },
  { rule: 'invalid-name', dir: 'rules/invalid-name/bad', title: /^Rename to 'gpt-4o'$/ },
];

for (const c of cases) {
  test(`quick fix for ${c.rule}: ${c.title.source}`, () => {
    const files = fixtureDir(c.dir);
    const ws = new Workspace();
    for (const f of files) ws.setFile(f.uri, f.text);
    const target = files.find((f) => !c.file || f.uri.endsWith('/' + c.file))!;
    const findings = ws.analyze(target.uri).filter((f) => f.ruleId === c.rule && f.fixes?.some((x) => c.title.test(x.title)));
    assert.ok(findings.length > 0, 'a finding offers the fix');
    const before = ws.analyze(target.uri).filter((f) => f.ruleId === c.rule).length;
    const fix = findings[0].fixes!.find((x) => c.title.test(x.title))!;
    const fixed = apply(target.text, fix);
    const parsed = ws.setFile(target.uri, fixed);
    assert.deepEqual(parsed.findings, [], 'still valid YAML');
    assert.equal(ws.analyze(target.uri).filter((f) => f.ruleId === c.rule).length, before - 1);
  });
}

test('"add namespace" works on a flow-style reference too', () => {
  const ws = new Workspace();
  ws.setFile(
    'file:///m.yaml',
    'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Model\nmetadata: {name: gpt, namespace: shared}\nspec: {model: m, providerRef: {name: p}}\n',
  );
  const agent = 'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata: {name: a, namespace: app}\nspec:\n  model: {name: gpt}\n';
  ws.setFile('file:///a.yaml', agent);
  const fix = ws.analyze('file:///a.yaml').find((f) => f.ruleId === 'unresolved-reference')!.fixes![0];
  const fixed = apply(agent, fix);
  assert.match(fixed, /model: \{name: gpt, namespace: shared\}/);
  ws.setFile('file:///a.yaml', fixed);
  assert.equal(ws.analyze('file:///a.yaml').filter((f) => f.ruleId === 'unresolved-reference').length, 0);
});
