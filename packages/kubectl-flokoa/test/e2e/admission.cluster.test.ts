// What the namespace admits, on the cluster: a rollout whose surge pod a ResourceQuota refuses, as
// kubectl flokoa reports it (patch-image warns before patching; rollout status fails with the API
// server's reason and the command that makes room; running that command lets the rollout finish). Through the real kubectl against
// cluster-sim, whose quota controller and ReplicaSet controller behave as the real ones do.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { flokoa, run, Running } from './kubectl.js';
import { startTestCluster, type TestCluster } from './sim.js';

let c: TestCluster;
const ns = ['-n', 'my-app'];

async function kubectl(args: string[], input?: string): Promise<string> {
  const r = await run(args, { env: c.env, ...(input !== undefined ? { input } : {}) });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** The quota's status.used of a resource, once the quota controller has counted it. */
async function usedOf(quota: string, key: string): Promise<string> {
  for (;;) {
    const used = await kubectl(['get', 'resourcequota', quota, ...ns, '-o', `jsonpath={.status.used.${key}}`]);
    if (used) return used;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A pods quota that leaves no room: what runs fits, one more pod does not. */
async function fullPodsQuota(name: string): Promise<number> {
  const quota = (pods: string) =>
    JSON.stringify({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name, namespace: 'my-app' }, spec: { hard: { pods } } });
  await kubectl(['apply', '-f', '-'], quota('100'));
  const used = Number(await usedOf(name, 'pods'));
  await kubectl(['apply', '-f', '-'], quota(String(used)));
  return used;
}

before(async () => {
  c = await startTestCluster({ timeScale: 20, readyDelayMs: 200 });
  const first = await flokoa(['rollout', 'status', 'good-agent', ...ns, '--timeout', '60s'], { env: c.env });
  assert.equal(first.code, 0, first.stdout + first.stderr);
});
after(() => c?.stop());

test('rollout status: a rollout whose surge pod the quota refuses fails with the reason and the command that makes room', async () => {
  const used = await fullPodsQuota('pods-quota');
  const patched = await flokoa(['patch-image', 'good-agent', 'ghcr.io/example/agent:v1.5.0', ...ns], { env: c.env });
  assert.equal(patched.code, 0, patched.stderr);
  assert.match(patched.stderr, /^warning: the rollout of agent "good-agent" will stall: /);
  const r = await flokoa(['rollout', 'status', 'good-agent', ...ns, '--timeout', '60s'], { env: c.env });
  assert.equal(r.code, 1, r.stdout + r.stderr);

  const [reason, fix, ...rest] = r.stderr.trimEnd().split('\n');
  assert.deepEqual(rest, []);
  assert.match(
    reason,
    new RegExp(
      `^error: deployment "good-agent" cannot create its pods: pods "good-agent-[a-z0-9-]+" is forbidden: exceeded quota: pods-quota, requested: pods=1, used: pods=${used}, limited: pods=${used}$`,
    ),
  );
  const command = `kubectl patch resourcequota pods-quota -n my-app --type merge -p '{"spec":{"hard":{"pods":"${used + 1}"}}}'`;
  assert.equal(
    fix,
    `fix: make room in ResourceQuota pods-quota: ${command}; or roll out without a surge pod (maxSurge 0, maxUnavailable 1)`,
  );
  // rollout watch shows the refusal under the Deployment.
  const w = new Running(['rollout', 'watch', 'good-agent', ...ns], c.env);
  await w.waitFor(/ FailedCreate: pods "good-agent-\S+" is forbidden: exceeded quota: pods-quota, requested: pods=1/);
  w.child.kill('SIGINT');
  assert.equal((await w.exited).code, 130);
  // The fix as printed, run as is: the ReplicaSet controller tries again and the rollout finishes.
  await kubectl(['patch', 'resourcequota', 'pods-quota', ...ns, '--type', 'merge', '-p', `{"spec":{"hard":{"pods":"${used + 1}"}}}`]);
  const done = await flokoa(['rollout', 'status', 'good-agent', ...ns, '--timeout', '60s'], { env: c.env });
  assert.equal(done.code, 0, done.stdout + done.stderr);
  assert.match(done.stdout, /deployment "good-agent" successfully rolled out\n$/);
  await kubectl(['delete', 'resourcequota', 'pods-quota', ...ns]);
});

test('patch-image: warns before patching when the surge pod cannot fit the quota left, and not when it can', async () => {
  const used = await fullPodsQuota('tight-quota');
  const command = `kubectl patch resourcequota tight-quota -n my-app --type merge -p '{"spec":{"hard":{"pods":"${used + 1}"}}}'`;
  const r = await flokoa(['patch-image', 'good-agent', 'ghcr.io/example/agent:v1.6.0', ...ns, '--dry-run=server'], { env: c.env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stderr,
    `warning: the rollout of agent "good-agent" will stall: its surge pod needs 1 pods more than ResourceQuota tight-quota leaves (pods 0 left)\n` +
      `fix: make room in ResourceQuota tight-quota: ${command}; or roll out without a surge pod (maxSurge 0, maxUnavailable 1)\n`,
  );
  assert.match(r.stdout, /→ ghcr\.io\/example\/agent:v1\.6\.0 \(server dry run\)\n$/);
  await kubectl(['patch', 'resourcequota', 'tight-quota', ...ns, '--type', 'merge', '-p', `{"spec":{"hard":{"pods":"${used + 1}"}}}`]);
  const roomy = await flokoa(['patch-image', 'good-agent', 'ghcr.io/example/agent:v1.6.0', ...ns, '--dry-run=server'], { env: c.env });
  assert.equal(roomy.code, 0, roomy.stderr);
  assert.equal(roomy.stderr, '');
  await kubectl(['delete', 'resourcequota', 'tight-quota', ...ns]);
});

test("refs AGENT: the namespace's quota headroom for the agent's pods, and what would stall its next rollout", async () => {
  const used = await fullPodsQuota('refs-quota');
  const r = await flokoa(['refs', 'good-agent', ...ns], { env: c.env });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines[0], /^agent\/good-agent \(namespace my-app, serviceaccount my-agent-sa\)/);
  assert.deepEqual(lines.slice(1, 4), [
    `   quota refs-quota: pods ${used}/${used} (1 a pod); room for 0 more pods`,
    `   next rollout will stall: its surge pod needs 1 pods more than ResourceQuota refs-quota leaves (pods 0 left)`,
    `   fix: make room in ResourceQuota refs-quota: kubectl patch resourcequota refs-quota -n my-app --type merge -p '{"spec":{"hard":{"pods":"${used + 1}"}}}'; or roll out without a surge pod (maxSurge 0, maxUnavailable 1)`,
  ]);
  const json = JSON.parse((await flokoa(['refs', 'good-agent', ...ns, '-o', 'json'], { env: c.env })).stdout);
  assert.deepEqual(json.roots[0].headroom.quotas[0].rows, [{ resource: 'pods', used: String(used), hard: String(used), perPod: '1' }]);
  assert.equal(json.roots[0].headroom.quotas[0].morePods, 0);
  await kubectl(['patch', 'resourcequota', 'refs-quota', ...ns, '--type', 'merge', '-p', `{"spec":{"hard":{"pods":"${used + 2}"}}}`]);
  const roomy = await flokoa(['refs', 'good-agent', ...ns], { env: c.env });
  assert.equal(roomy.stdout.split('\n')[1], `   quota refs-quota: pods ${used}/${used + 2} (1 a pod); room for 2 more pods`);
  await kubectl(['delete', 'resourcequota', 'refs-quota', ...ns]);
  const none = await flokoa(['refs', 'good-agent', ...ns], { env: c.env });
  assert.doesNotMatch(none.stdout, /quota/);
});
