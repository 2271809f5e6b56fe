// pods/eviction and PodDisruptionBudgets, through the real kubectl (apply, get, create --raw to the
// eviction path) and raw HTTPS for the exact Status bodies: the API server's codes and messages.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { KObject } from '../../src/index.js';
import type { Harness } from './harness.js';
import { FIXTURES, http, kubectl, startHarness, writeFile } from './harness.js';

let h: Harness;
const ns = 'my-app';
const podsOf = (): KObject[] => h.sim.list('pods', ns, 'flokoa.ai/agent=my-agent').filter((p) => !p.metadata.deletionTimestamp);
const ready = (p: KObject): boolean => ((p.status as any)?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
const eviction = (name: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ns }, ...extra });
const evictPath = (name: string) => `/api/v1/namespaces/${ns}/pods/${name}/eviction`;
const budget = (name: string, spec: Record<string, unknown>) =>
  JSON.stringify({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: ns },
    spec: { selector: { matchLabels: { 'flokoa.ai/agent': 'my-agent' } }, ...spec },
  });
const pdbStatus = (name: string, pred: (s: any) => boolean) =>
  h.sim.waitFor('poddisruptionbudgets', (o) => pred(o.status ?? {}), { namespace: ns, name });

before(async () => {
  // Time at 10× (not the harness's 50×): an evicted pod holds its budget for its 30 s grace period,
  // 3 s of real time, so the refused second eviction is not a race with a loaded machine's kubectl.
  h = await startHarness({ fixtures: [join(FIXTURES, 'basic')], timeScale: 10 });
  await h.sim.waitFor('deployments', (o) => (o.status as any)?.availableReplicas === 2, { namespace: ns, name: 'my-agent' });
});
after(async () => h.stop());

test('discovery names pods/eviction as policy/v1 Eviction, create only; PodDisruptionBudget is served as pdb', async () => {
  const v1 = (await http(h, 'GET', '/api/v1')).json();
  const sub = v1.resources.find((r: any) => r.name === 'pods/eviction');
  assert.deepEqual(sub, {
    name: 'pods/eviction',
    singularName: '',
    namespaced: true,
    group: 'policy',
    version: 'v1',
    kind: 'Eviction',
    verbs: ['create'],
  });
  const names = await kubectl(h, ['api-resources', '--api-group=policy', '-o', 'name']);
  assert.equal(names.stdout, 'poddisruptionbudgets.policy\n');
});

test('a budget that allows no disruption: 429 with the DisruptionBudget cause, through kubectl and raw', async () => {
  const file = writeFile(h, 'pdb.json', budget('keep-two', { minAvailable: 2 }));
  const applied = await kubectl(h, ['apply', '-f', file]);
  assert.equal(applied.code, 0, applied.stderr);
  const st = await pdbStatus('keep-two', (s) => s.currentHealthy === 2);
  assert.deepEqual(
    { ...(st.status as any), conditions: undefined },
    { disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2, expectedPods: 2, observedGeneration: 1, conditions: undefined },
  );
  const table = await kubectl(h, ['get', 'pdb', '-n', ns]);
  assert.match(table.stdout, /^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE\nkeep-two\s+2\s+N\/A\s+0\s+\S+\n$/);
  const pod = podsOf()[0].metadata.name!;
  const raw = await kubectl(h, ['create', '--raw', evictPath(pod), '-f', writeFile(h, 'ev.json', eviction(pod))]);
  assert.equal(raw.code, 1);
  assert.equal(raw.stderr, "Error from server (TooManyRequests): Cannot evict pod as it would violate the pod's disruption budget.\n");
  const r = await http(h, 'POST', evictPath(pod), { body: eviction(pod) });
  assert.equal(r.status, 429);
  assert.equal(r.headers['retry-after'], undefined);
  assert.deepEqual(r.json().details, {
    causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget keep-two needs 2 healthy pods and has 2 currently' }],
  });
  assert.ok(h.sim.get('pods', pod, ns) && !h.sim.get('pods', pod, ns)!.metadata.deletionTimestamp, 'the pod is untouched');
  // Two budgets over one pod: the eviction subresource refuses (500), as the API server does.
  assert.equal((await kubectl(h, ['apply', '-f', writeFile(h, 'pdb2.json', budget('second', { maxUnavailable: 1 }))])).code, 0);
  const two = await http(h, 'POST', evictPath(pod), { body: eviction(pod) });
  assert.equal(two.status, 500);
  assert.equal(two.json().message, 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  assert.equal((await kubectl(h, ['delete', 'pdb', 'second', '-n', ns])).code, 0);
});

test('a budget with room: the eviction takes it (disruptedPods), the pod terminates, the replacement gives it back', async () => {
  const patched = await kubectl(h, ['patch', 'pdb', 'keep-two', '-n', ns, '--type=merge', '-p', '{"spec":{"minAvailable":1}}']);
  assert.equal(patched.code, 0, patched.stderr);
  await pdbStatus('keep-two', (s) => s.disruptionsAllowed === 1 && s.observedGeneration === 2);
  const [first, second] = podsOf().map((p) => p.metadata.name!);
  const dry = await http(h, 'POST', `${evictPath(first)}?dryRun=All`, { body: eviction(first) });
  assert.equal(dry.status, 201);
  assert.equal(h.sim.get('pods', first, ns)!.metadata.deletionTimestamp, undefined, 'a dry run deletes nothing');
  const ok = await kubectl(h, ['create', '--raw', evictPath(first), '-f', writeFile(h, 'ev1.json', eviction(first))]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
  assert.ok(h.sim.get('pods', first, ns)?.metadata.deletionTimestamp ?? !h.sim.get('pods', first, ns), 'the pod is terminating');
  const taken = h.sim.get('poddisruptionbudgets', 'keep-two', ns)!.status as any;
  assert.equal(taken.disruptionsAllowed, 0);
  const refused = await http(h, 'POST', evictPath(second), { body: eviction(second) });
  assert.equal(refused.status, 429, 'the budget is spent until the replacement is Ready');
  await pdbStatus('keep-two', (s) => s.disruptionsAllowed === 1 && s.currentHealthy === 2 && !s.disruptedPods);
  assert.equal(podsOf().filter(ready).length, 2);
  const mismatch = await http(h, 'POST', evictPath(second), { body: eviction('other') });
  assert.equal(mismatch.status, 400);
  assert.equal(mismatch.json().message, 'name in URL does not match name in Eviction object');
  const missing = await http(h, 'POST', evictPath('nope'), { body: eviction('nope') });
  assert.equal(missing.status, 404);
  assert.equal(missing.json().message, 'pods "nope" not found');
  const invalid = await kubectl(h, ['apply', '-f', writeFile(h, 'bad.json', budget('both', { minAvailable: 1, maxUnavailable: 1 }))]);
  assert.equal(invalid.code, 1);
  assert.match(invalid.stderr, /minAvailable and maxUnavailable cannot be both set/);
});
