import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, silencedOn, normalizeSettings } from '../src/index.js';

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

test('a directive names the rules it silences, or all of them when bare', () => {
  assert.equal(silencedOn('# flokoa-ignore x, y', 'x'), true);
  assert.equal(silencedOn('  # flokoa-ignore x, y -- why', 'y'), true);
  assert.equal(silencedOn('# flokoa-ignore x, y', 'z'), false);
  assert.equal(silencedOn('image: a # flokoa-ignore', 'z'), true);
  assert.equal(silencedOn('# flokoa-ignored x', 'x'), false);
  assert.equal(silencedOn(undefined, 'x'), false);
});

test('suppression applies to the line right below only, also across documents', () => {
  const ws = new Workspace();
  const doc = AGENT.replace('SUPPRESS\n', '');
  const latest = (text: string): number[] => {
    ws.setFile('file:///a.yaml', text);
    return ws
      .analyze('file:///a.yaml')
      .filter((f) => f.ruleId === 'image-latest')
      .map((f) => f.range.start.line);
  };
  const imageLine = doc.split('\n').findIndex((l) => l.includes('image:'));
  const second = imageLine + doc.split('\n').length + 1; // after the comment and the --- line
  assert.deepEqual(latest(doc + '# flokoa-ignore image-latest\n---\n' + doc), [imageLine, second]);
  const silenced = doc.replace('        image:', '        # flokoa-ignore image-latest\n        image:');
  assert.deepEqual(latest(doc + '---\n' + silenced), [imageLine]);
  // On a document's first line, the line above belongs to the document before it (and an edit
  // of that line alone must reach the cached findings of this one).
  const flow = '--- {apiVersion: agent.flokoa.ai/v1alpha1, kind: Agent, metadata: {name: b}, spec: {model: {name: m}}}\n';
  const first = (text: string): string[] => {
    ws.setFile('file:///b.yaml', text);
    return ws
      .analyze('file:///b.yaml')
      .filter((f) => f.ruleId === 'unresolved-reference')
      .map((f) => `${f.ruleId}@${f.range.start.line}`);
  };
  assert.deepEqual(first('a: 1\n# other\n' + flow), ['unresolved-reference@2']);
  assert.deepEqual(first('a: 1\n# flokoa-ignore unresolved-reference\n' + flow), []);
  assert.deepEqual(first('a: 1\n# flokoa-ignore image-latest\n' + flow), ['unresolved-reference@2']);
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
