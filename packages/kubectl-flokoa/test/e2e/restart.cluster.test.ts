// rollout restart by eviction, through the real kubectl against cluster-sim (its operator writes the
// Deployment's spec back as the real one does; its API server answers pods/eviction and holds it to
// PodDisruptionBudgets). Tests wait for output lines and store events, never for time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { flokoa, run, Running } from './kubectl.js';
import { startTestCluster, type TestCluster } from './sim.js';

let c: TestCluster;
const ns = ['-n', 'my-app'];
const podNames = (): string[] =>
  c.sim
    .list('pods', 'my-app', 'flokoa.ai/agent=good-agent')
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name!)
    .sort();
const apply = async (o: object) => {
  const r = await run(['apply', '-f', '-'], { env: c.env, input: JSON.stringify(o) });
  assert.equal(r.code, 0, r.stderr);
};
const budget = (name: string, selector: object, spec: object) => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name, namespace: 'my-app' },
  spec: { selector, ...spec },
});
const budgetSettled = (name: string, pred: (s: any) => boolean) =>
  c.sim.waitFor('poddisruptionbudgets', (o) => pred(o.status ?? {}), { namespace: 'my-app', name });

before(async () => {
  c = await startTestCluster({ timeScale: 20, readyDelayMs: 200 });
  const scaled = await run(['patch', 'agent', 'good-agent', ...ns, '--type=merge', '-p', '{"spec":{"runtime":{"spec":{"replicas":3}}}}'], {
    env: c.env,
  });
  assert.equal(scaled.code, 0, scaled.stderr);
  await c.sim.waitFor('deployments', (d) => (d.status as any)?.readyReplicas === 3 && (d.spec as any).replicas === 3, {
    namespace: 'my-app',
    name: 'good-agent',
  });
});
after(() => c?.stop());

test('kubectl rollout restart deploy/… is undone by the operator, which writes the whole Deployment spec back', async () => {
  const r = await run(['rollout', 'restart', 'deployment/good-agent', ...ns], { env: c.env });
  assert.equal(r.code, 0, r.stderr);
  await c.sim.waitFor(
    'deployments',
    (d) => !(d.spec as any).template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'] && (d.status as any)?.readyReplicas === 3,
    { namespace: 'my-app', name: 'good-agent' },
  );
  const status = await flokoa(['rollout', 'status', 'good-agent', ...ns, '--timeout', '60s'], { env: c.env });
  assert.equal(status.code, 0, status.stdout + status.stderr);
});

test('rollout restart evicts the pods one at a time, each replacement Ready before the next; no new revision', async () => {
  const before = podNames();
  const revisions = (await flokoa(['rollout', 'history', 'good-agent', ...ns], { env: c.env })).stdout;
  const r = await flokoa(['rollout', 'restart', 'good-agent', ...ns, '--timeout', '60s'], { env: c.env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(
    lines[0],
    'restarting agent "good-agent": evicting its 3 pods one at a time (maxUnavailable 25% of 3 replicas), each replacement Ready before the next',
  );
  assert.equal(lines[lines.length - 1], 'agent.agent.flokoa.ai/good-agent restarted (3 pods replaced)');
  const steps = lines.filter((l) => / evicted$| ready \(replacement\)$/.test(l)).map((l) => (l.endsWith('evicted') ? 'E' : 'R'));
  assert.equal(steps.join(''), 'ERERER', r.stdout);
  assert.deepEqual(
    lines.filter((l) => l.endsWith(' evicted')).map((l) => /"([^"]+)"/.exec(l)![1]),
    before,
  );
  const after = podNames();
  assert.equal(after.length, 3);
  assert.ok(
    after.every((n) => !before.includes(n)),
    'every pod is new',
  );
  assert.equal(
    (await flokoa(['rollout', 'history', 'good-agent', ...ns], { env: c.env })).stdout.split('\n').length,
    revisions.split('\n').length,
  );
  assert.equal(r.stderr, '');
});

test('--dry-run=client and =server evict nothing; a missing agent is named with did-you-mean', async () => {
  const before = podNames();
  for (const mode of ['client', 'server']) {
    const r = await flokoa(['rollout', 'restart', 'good-agent', ...ns, `--dry-run=${mode}`], { env: c.env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split('\n').filter((l) => l.endsWith(`evicted (${mode} dry run)`)).length, 3, r.stdout);
    assert.match(r.stdout, new RegExp(`agent.agent.flokoa.ai/good-agent restarted \\(${mode} dry run\\)\\n$`));
  }
  assert.deepEqual(podNames(), before);
  const missing = await flokoa(['rollout', 'restart', 'good-agnet', ...ns], { env: c.env });
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, 'error: agent "good-agnet" not found in namespace "my-app"; did you mean "good-agent"?\n');
});

test('a PodDisruptionBudget that can never allow an eviction fails before any pod goes', async () => {
  await apply(budget('keep-all', { matchLabels: { 'flokoa.ai/agent': 'good-agent' } }, { minAvailable: 3 }));
  await budgetSettled('keep-all', (s) => s.currentHealthy === 3 && s.expectedPods === 3);
  const before = podNames();
  const r = await flokoa(['rollout', 'restart', 'good-agent', ...ns], { env: c.env });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    'error: cannot restart agent "good-agent": PodDisruptionBudget "keep-all" allows no disruption: it needs 3 healthy pods and has 3, every pod it expects; lower its minAvailable (or raise maxUnavailable), or scale the agent up, then restart\n',
  );
  assert.deepEqual(podNames(), before);
  assert.equal((await run(['delete', 'pdb', 'keep-all', ...ns], { env: c.env })).code, 0);
});

test('a PodDisruptionBudget that allows none for now: the restart waits (the 429 said once), then goes on', async () => {
  // The budget also covers a pod that is not Ready yet, so it may allow an eviction later.
  await apply({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'warming-up', namespace: 'my-app', labels: { 'app.kubernetes.io/instance': 'warming-up' } },
    spec: { containers: [{ name: 'c', image: 'ghcr.io/example/agent:v1-unready' }] },
  });
  const selector = { matchExpressions: [{ key: 'app.kubernetes.io/instance', operator: 'In', values: ['good-agent', 'warming-up'] }] };
  await apply(budget('shared', selector, { minAvailable: 3 }));
  await budgetSettled('shared', (s) => s.expectedPods === 4 && s.currentHealthy === 3 && s.disruptionsAllowed === 0);
  const restart = new Running(['rollout', 'restart', 'good-agent', ...ns, '--timeout', '60s'], c.env);
  await restart.waitFor(/PodDisruptionBudget "shared" has the last word/);
  await restart.waitFor(
    /\nwaiting: Cannot evict pod as it would violate the pod's disruption budget: The disruption budget shared needs 3 healthy pods and has 3 currently\n/,
  );
  const relaxed = await run(['patch', 'pdb', 'shared', ...ns, '--type=merge', '-p', '{"spec":{"minAvailable":2}}'], { env: c.env });
  assert.equal(relaxed.code, 0, relaxed.stderr);
  const done = await restart.exited;
  assert.equal(done.code, 0, done.stdout + done.stderr);
  assert.match(done.stdout, /agent.agent.flokoa.ai\/good-agent restarted \(3 pods replaced\)\n$/);
  assert.equal(done.stdout.split('\n').filter((l) => l.startsWith('waiting: Cannot evict') && l.includes('has 3 currently')).length, 1);
});

test('rollout restart --help says which method it uses and why', async () => {
  const r = await flokoa(['rollout', 'restart', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /by evicting them \(the policy\/v1 Eviction API/);
  assert.match(r.stdout, /Why not "kubectl rollout restart deploy\/AGENT"/);
});
