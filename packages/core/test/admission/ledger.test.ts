// A namespace's quotas against everything the workspace puts in it: Agents and the Deployments,
// StatefulSets, Jobs and Pods beside them, in apply order; and which files a change re-checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, ledgerOf, listJson, formatQuantity, RecordingReader } from '../../src/index.js';

const quota = (hard: string) => `apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: dev}\nspec:\n  hard: {${hard}}\n`;
const agent = (name: string, replicas: number, cpu = '500m') =>
  `apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata: {name: ${name}, namespace: dev}\nspec:\n  framework: x\n  model: {name: m}\n  runtime:\n    type: standard\n    spec:\n      replicas: ${replicas}\n      container:\n        name: agent\n        image: "x:v1"\n        resources: {requests: {cpu: ${cpu}}, limits: {cpu: ${cpu}}}\n`;
const tpl = (cpu: string) =>
  `    spec:\n      containers:\n        - name: c\n          image: x\n          resources: {requests: {cpu: ${cpu}}, limits: {cpu: ${cpu}}}\n`;

function workspace(files: Record<string, string>): Workspace {
  const ws = new Workspace();
  for (const [name, text] of Object.entries(files)) ws.setFile(`file:///repo/${name}`, text);
  return ws;
}

test('every kind of workload counts: Deployment replicas, StatefulSet, Job parallelism, Pod, Agent', () => {
  const ws = workspace({
    '0-quota.yaml': quota('pods: "20", requests.cpu: "10", count/deployments.apps: "5", count/agents.agent.flokoa.ai: "5"'),
    '1-apps.yaml': [
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: dev}\nspec:\n  replicas: 2\n  template:\n${tpl('100m')}`,
      `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: dev}\nspec:\n  replicas: 3\n  template:\n${tpl('200m')}`,
      `apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate, namespace: dev}\nspec:\n  parallelism: 4\n  completions: 2\n  template:\n${tpl('1')}`,
      `apiVersion: v1\nkind: Pod\nmetadata: {name: debug, namespace: dev}\nspec:\n  containers:\n    - name: c\n      image: x\n      resources: {requests: {cpu: 50m}}\n`,
    ].join('---\n'),
    '2-agent.yaml': agent('helper', 2, '250m'),
  });
  const ledger = ledgerOf(ws, 'dev')!;
  assert.deepEqual(listJson(ledger.used[0]), {
    'count/agents.agent.flokoa.ai': '1',
    'count/deployments.apps': '2',
    pods: '10',
    'requests.cpu': '3350m',
  });
  assert.deepEqual(
    ledger.workloads.map((w) => `${w.workload.resource.kind}/${w.workload.resource.name}×${w.workload.replicas}`),
    ['Deployment/web×2', 'StatefulSet/db×3', 'Job/migrate×2', 'Pod/debug×1', 'Agent/helper×2'],
  );
  assert.equal(ledger.refusals.size, 0);
});

test('the first object past a hard limit is refused, in file order, and later ones too', () => {
  const ws = workspace({ 'q.yaml': quota('pods: "3"'), 'a.yaml': agent('a', 2), 'b.yaml': agent('b', 2), 'c.yaml': agent('c', 1) });
  const ledger = ledgerOf(ws, 'dev')!;
  const refused = [...ledger.refusals].map(([r, x]) => `${r.name}: ${x.admitted}/${x.wanted} ${x.check.message}`);
  assert.deepEqual(refused, [
    'b: 1/2 exceeded quota: q, requested: pods=1, used: pods=3, limited: pods=3',
    'c: 0/1 exceeded quota: q, requested: pods=1, used: pods=3, limited: pods=3',
  ]);
  assert.equal(formatQuantity(ledger.used[0].get('pods')!), '3');
});

test('no quota, no ledger', () => {
  assert.equal(ledgerOf(workspace({ 'a.yaml': agent('a', 2) }), 'dev'), undefined);
});

test("one Agent's replicas re-check the other Agents of a quota'd namespace, and only there", () => {
  const ws = workspace({ 'q.yaml': quota('pods: "3"'), 'a.yaml': agent('a', 1), 'b.yaml': agent('b', 1) });
  ws.setFile('file:///repo/other.yaml', agent('x', 1).replace(/namespace: dev/g, 'namespace: other'));
  const quotaFindings = (name: string) => ws.analyze(`file:///repo/${name}`).filter((f) => f.ruleId === 'quota-exceeded').length;
  // Dependents are files whose findings were worked out: analyse all three first.
  assert.equal(quotaFindings('a.yaml') + quotaFindings('b.yaml') + quotaFindings('other.yaml'), 0);
  ws.setFile('file:///repo/a.yaml', agent('a', 3));
  assert.deepEqual(ws.dependentsOf('file:///repo/a.yaml'), ['file:///repo/b.yaml']);
  assert.equal(quotaFindings('b.yaml'), 1);
  assert.equal(quotaFindings('a.yaml'), 0);
  ws.setFile('file:///repo/q.yaml', quota('pods: "4"'));
  assert.deepEqual(ws.dependentsOf('file:///repo/q.yaml').sort(), ['file:///repo/a.yaml', 'file:///repo/b.yaml']);
  assert.equal(quotaFindings('b.yaml'), 0);
});

test('a shared derivation is worked out once for all its readers, and again once a fact it read changed', () => {
  const ws = workspace({ 'q.yaml': quota('pods: "3"'), 'a.yaml': agent('a', 1), 'b.yaml': agent('b', 1) });
  let computed = 0;
  const count = (r: RecordingReader) =>
    r.shared('test:agents', (inner) => {
      computed++;
      return inner.list('agent.flokoa.ai', 'Agent', 'dev').length;
    });
  const first = new RecordingReader(ws);
  assert.equal(count(first), 2);
  assert.equal(count(new RecordingReader(ws)), 2);
  assert.equal(computed, 1);
  assert.ok(
    [...first.reads].some((f) => f.includes('Agent/dev')),
    'each reader records the facts the derivation read',
  );
  ws.setFile('file:///repo/c.yaml', agent('c', 1));
  assert.equal(count(new RecordingReader(ws)), 3);
  assert.equal(computed, 2);
});
