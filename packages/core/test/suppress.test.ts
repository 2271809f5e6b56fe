import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, suppressions, normalizeSettings } from '../src/index.js';

const AGENT = `apiVersion: agent.flokoa.ai/v1alpha1
kind: Agent
metadata:
  name: a
  namespace: ns1
spec:
  runtime:
    type: standard
    spec:
      container:
        name: agent
SUPPRESS
        image: ghcr.io/example/agent:latest
`;

const ids = (ws: Workspace): string[] =>
  ws
    .analyze('file:///a.yaml')
    .map((f) => f.ruleId)
    .sort();

const cases: { name: string; comment: string; silenced: string[] }[] = [
  { name: 'one id', comment: '        # flokoa-ignore image-latest', silenced: ['image-latest'] },
  { name: 'comma-separated ids', comment: '        # flokoa-ignore image-latest, unresolved-reference', silenced: ['image-latest'] },
  { name: 'another rule id does not silence this one', comment: '        # flokoa-ignore missing-probe', silenced: [] },
  { name: 'bare directive silences every rule on the next line', comment: '        # flokoa-ignore', silenced: ['image-latest'] },
  {
    name: 'explanations after the ids are allowed',
    comment: '        # flokoa-ignore image-latest -- pinned by Argo image updater',
    silenced: ['image-latest'],
  },
];

for (const c of cases) {
  test(`suppression: ${c.name}`, () => {
    const ws = new Workspace();
    ws.setFile('file:///a.yaml', AGENT.replace('SUPPRESS', '        # nothing here'));
    const before = ids(ws);
    assert.ok(before.includes('image-latest'));
    ws.setFile('file:///a.yaml', AGENT.replace('SUPPRESS', c.comment));
    const after = ids(ws);
    const expected = [...before];
    for (const s of c.silenced) expected.splice(expected.indexOf(s), 1);
    assert.deepEqual(after, expected);
  });
}

test('suppression applies to the line right below only', () => {
  const map = suppressions('a: 1\n# flokoa-ignore x, y\nb: 2\nc: 3\n');
  assert.deepEqual([...map.keys()], [2]);
  assert.deepEqual([...map.get(2)!], ['x', 'y']);
});

test('severity settings: off removes a rule, other levels replace the default', () => {
  const ws = new Workspace(
    normalizeSettings({ rules: { 'image-latest': 'error', 'missing-probe': 'off', 'missing-resources': 'nonsense' } }),
  );
  ws.setFile('file:///a.yaml', AGENT.replace('SUPPRESS', ''));
  const found = ws.analyze('file:///a.yaml');
  assert.equal(found.find((f) => f.ruleId === 'image-latest')?.severity, 'error');
  assert.equal(
    found.find((f) => f.ruleId === 'missing-probe'),
    undefined,
  );
  assert.equal(found.find((f) => f.ruleId === 'missing-resources')?.severity, 'warning', 'an invalid setting keeps the default');
  ws.updateSettings(normalizeSettings({ rules: { 'image-latest': 'hint' } }));
  assert.equal(ws.analyze('file:///a.yaml').find((f) => f.ruleId === 'image-latest')?.severity, 'hint');
  assert.ok(ws.analyze('file:///a.yaml').some((f) => f.ruleId === 'missing-probe'));
});

test('normalizeSettings trims and defaults', () => {
  assert.deepEqual(normalizeSettings(undefined), { defaultNamespace: 'default', rules: {}, limits: undefined });
  assert.equal(normalizeSettings({ defaultNamespace: '  team ' }).defaultNamespace, 'team');
});
