// Every rule has fixtures under test/fixtures/rules/<id>/{bad,good}/: all files of a folder form one
// workspace. In bad ones, a `# expect: <id>` comment marks the line below it as where a finding of
// that rule must start; good ones must produce no finding of that rule. Files under a `cluster/`
// subfolder stand for live objects: they are given to the workspace as an external source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES, Workspace, type Finding } from '../src/index.js';
import { FIXTURES, fixtureDir, clusterResources } from './fixtures.js';

function run(dir: string): { findings: Finding[]; expected: string[] } {
  const ws = new Workspace();
  const all = fixtureDir(dir);
  const live = all.filter((f) => f.uri.includes('/cluster/'));
  const files = all.filter((f) => !live.includes(f));
  for (const f of files) ws.setFile(f.uri, f.text);
  if (live.length > 0) ws.setExternal('cluster', clusterResources(live));
  const findings = files.flatMap((f) => ws.analyze(f.uri));
  const expected: string[] = [];
  for (const f of files) {
    f.text.split('\n').forEach((line, i) => {
      const m = /#\s*expect:\s*([\w-]+)/.exec(line);
      if (m) expected.push(`${f.uri.split('/').pop()}:${i + 1}:${m[1]}`);
    });
  }
  return { findings, expected };
}

const at = (f: Finding): string => `${f.uri.split('/').pop()}:${f.range.start.line}:${f.ruleId}`;

for (const rule of ALL_RULES) {
  test(`${rule.id}: the bad example is reported where marked`, () => {
    const dir = join('rules', rule.id, 'bad');
    assert.ok(existsSync(join(FIXTURES, dir)), `missing fixture folder test/fixtures/${dir}`);
    const { findings, expected } = run(dir);
    const mine = findings.filter((f) => f.ruleId === rule.id);
    assert.ok(expected.length > 0, 'the bad fixture marks at least one line');
    assert.deepEqual(mine.map(at).sort(), expected.filter((e) => e.endsWith(`:${rule.id}`)).sort());
    for (const f of mine) {
      assert.equal(f.severity, rule.defaultSeverity);
      assert.ok(f.message.length > 20, 'the message says what to do');
      assert.ok(
        f.range.end.line > f.range.start.line || f.range.end.character > f.range.start.character || rule.id === 'yaml-limits',
        'a non-empty range',
      );
    }
  });
  test(`${rule.id}: the good example is clean`, () => {
    const { findings } = run(join('rules', rule.id, 'good'));
    assert.deepEqual(
      findings.filter((f) => f.ruleId === rule.id).map((f) => `${at(f)} ${f.message}`),
      [],
    );
  });
}

test('rule ids are unique and each has a one-line rationale', () => {
  const ids = ALL_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of ALL_RULES) {
    assert.match(r.id, /^[a-z][a-z0-9-]*$/);
    assert.ok(r.rationale.length > 20 && !r.rationale.includes('\n'), r.id);
  }
});
