// patch-image and rollout against cluster-sim (operator, Deployment controller, kubelet with failing
// images), through the real kubectl binary. Tests wait for output lines, never for time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flokoa, PKG_DIR, run, Running } from './kubectl.js';
import { startTestCluster, type TestCluster } from './sim.js';
import { KubeClient, loadConnection, ConcurrentEditError } from '@flokoa/kube';
import { patchImage, rolloutStatus } from '../../src/index.js';

let c: TestCluster;
const ns = ['-n', 'my-app'];
const imageOf = async (agent: string) =>
  (await run(['get', 'agent', agent, ...ns, '-o', 'jsonpath={.spec.runtime.spec.container.image}'], { env: c.env })).stdout;

before(async () => {
  c = await startTestCluster({ timeScale: 20, readyDelayMs: 200 });
  const first = await flokoa(['rollout', 'status', 'good-agent', ...ns, '--timeout', '60s'], { env: c.env });
  assert.equal(first.code, 0, first.stdout + first.stderr);
});
after(() => c?.stop());

test('patch-image: refuses :latest and untagged before any request', async () => {
  const before = c.requests();
  for (const image of ['ghcr.io/example/agent:latest', 'ghcr.io/example/agent', 'ghcr.io/Example/agent:v1']) {
    const r = await flokoa(['patch-image', 'good-agent', image, ...ns], { env: c.env });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: (image|invalid image reference) .*\n$/);
  }
  assert.equal(c.requests(), before, 'nothing was sent');
});

test('patch-image: dry runs change nothing; a no-op says so', async () => {
  const patchesBefore = c.sim.requests.byVerb.patch ?? 0;
  const client = await flokoa(['patch-image', 'good-agent', 'ghcr.io/example/agent:v9.9.9', ...ns, '--dry-run=client'], { env: c.env });
  assert.equal(client.code, 0, client.stderr);
  assert.equal(
    client.stdout,
    'agent.agent.flokoa.ai/good-agent image ghcr.io/example/agent:v1.0.0 → ghcr.io/example/agent:v9.9.9 (client dry run)\n',
  );
  assert.equal(c.sim.requests.byVerb.patch ?? 0, patchesBefore, 'client dry run sends no patch');
  const server = await flokoa(['patch-image', 'good-agent', 'ghcr.io/example/agent:v9.9.9', ...ns, '--dry-run=server'], { env: c.env });
  assert.equal(server.code, 0, server.stderr);
  assert.match(server.stdout, /\(server dry run\)\n$/);
  assert.equal(await imageOf('good-agent'), 'ghcr.io/example/agent:v1.0.0');
  const same = await flokoa(['patch-image', 'good-agent', 'ghcr.io/example/agent:v1.0.0', ...ns], { env: c.env });
  assert.equal(same.code, 0);
  assert.equal(same.stdout, 'agent.agent.flokoa.ai/good-agent unchanged: image is already ghcr.io/example/agent:v1.0.0\n');
  // Another registry or repository is refused (a short name is Docker Hub's library/…), unless meant.
  const patches = c.sim.requests.byVerb.patch ?? 0;
  const moved = await flokoa(['patch-image', 'good-agent', 'agent:v1.0.1', ...ns], { env: c.env });
  assert.equal(moved.code, 1);
  assert.equal(
    moved.stderr,
    'error: image "agent:v1.0.1" is from docker.io/library/agent, but agent "good-agent" runs ghcr.io/example/agent; pass --allow-repository-change if the move is meant\n',
  );
  assert.equal(c.sim.requests.byVerb.patch ?? 0, patches, 'nothing was patched');
  const meant = await flokoa(
    ['patch-image', 'good-agent', 'registry.example.com/agent:v1.0.1', ...ns, '--allow-repository-change', '--dry-run=server'],
    {
      env: c.env,
    },
  );
  assert.equal(meant.code, 0, meant.stderr);
  const missing = await flokoa(['patch-image', 'nope', 'ghcr.io/example/agent:v1.0.1', ...ns], { env: c.env });
  assert.equal(missing.stderr, 'error: agent "nope" not found in namespace "my-app"\n');
});

test('patch-image --watch: old → new, change cause recorded, rollout followed to the end', async () => {
  const r = await flokoa(
    ['patch-image', 'good-agent', 'ghcr.io/example/agent:v1.1.0', ...ns, '--watch', '--timeout', '60s', '-m', 'ship 1.1.0'],
    { env: c.env },
  );
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'agent.agent.flokoa.ai/good-agent image ghcr.io/example/agent:v1.0.0 → ghcr.io/example/agent:v1.1.0');
  assert.equal(lines[lines.length - 1], 'deployment "good-agent" successfully rolled out');
  // The container has no readiness probe: running before Ready is the kubelet catching up, not a problem.
  assert.ok(!lines.some((l) => l.startsWith('pod ')), r.stdout);
  const cause = await run(['get', 'agent', 'good-agent', ...ns, '-o', 'jsonpath={.metadata.annotations.kubernetes\\.io/change-cause}'], {
    env: c.env,
  });
  assert.equal(cause.stdout, 'ship 1.1.0');
  const history = await flokoa(['rollout', 'history', 'good-agent', ...ns], { env: c.env });
  assert.equal(history.code, 0, history.stderr);
  assert.match(
    history.stdout,
    /^agent.agent.flokoa.ai\/good-agent\nREVISION\s+IMAGE\s+READY\s+AGE\s+CHANGE-CAUSE\n1\s+ghcr.io\/example\/agent:v1.0.0\s+0\/0\s+\S+\s+\S.*\n2 \(current\)\s+ghcr.io\/example\/agent:v1.1.0\s+1\/1\s+\S+\s+ship 1.1.0\n$/,
  );
});

test('rollout history --revision N: that revision and its pod template, as kubectl shows one; -o json|yaml as data', async () => {
  const one = await flokoa(['rollout', 'history', 'good-agent', ...ns, '--revision', '2'], { env: c.env });
  assert.equal(one.code, 0, one.stderr);
  const lines = one.stdout.split('\n');
  assert.equal(lines[0], 'agent.agent.flokoa.ai/good-agent with revision #2 (current)');
  assert.match(lines[1], /^ReplicaSet: {4}good-agent-\w+ \(ready 1\/1, created \S+ ago\)$/);
  assert.equal(lines[2], 'Change-Cause:  ship 1.1.0');
  assert.ok(lines.includes('                   flokoa.ai/agent=good-agent'), one.stdout);
  assert.ok(lines.includes('    Image:        ghcr.io/example/agent:v1.1.0'), one.stdout);
  assert.ok(lines.includes("    Environment:  API_KEY: <set to the key 'api-key' in secret 'agent-secrets'>"), one.stdout);
  // The same template kubectl finds for the Deployment's revision 2.
  const kubectlView = await run(['rollout', 'history', 'deployment/good-agent', ...ns, '--revision', '2'], { env: c.env });
  assert.match(kubectlView.stdout, /Image:\tghcr.io\/example\/agent:v1.1.0/);
  const json = JSON.parse((await flokoa(['rollout', 'history', 'good-agent', ...ns, '-o', 'json'], { env: c.env })).stdout);
  assert.equal(json.kind, 'AgentRolloutHistory');
  assert.deepEqual(
    json.revisions.map((r: any) => [r.revision, r.image, r.current]),
    [
      [1, 'ghcr.io/example/agent:v1.0.0', false],
      [2, 'ghcr.io/example/agent:v1.1.0', true],
    ],
  );
  const yaml = await flokoa(['rollout', 'history', 'good-agent', ...ns, '--revision', '1', '-o', 'yaml'], { env: c.env });
  assert.match(yaml.stdout, /^revision: 1\n/);
  assert.match(yaml.stdout, /\n {6}- name: agent\n {8}image: ghcr.io\/example\/agent:v1.0.0\n/);
  const missing = await flokoa(['rollout', 'history', 'good-agent', ...ns, '--revision', '9'], { env: c.env });
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, 'error: unable to find specified revision 9 in history of agent "good-agent" (revisions: 1, 2)\n');
});

test('rollout undo: the Agent goes back to the previous image; the Deployment follows', async () => {
  const r = await flokoa(['rollout', 'undo', 'good-agent', ...ns, '--watch', '--timeout', '60s'], { env: c.env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(
    r.stdout,
    /^agent.agent.flokoa.ai\/good-agent rolled back to revision 1: ghcr.io\/example\/agent:v1.1.0 → ghcr.io\/example\/agent:v1.0.0\n/,
  );
  assert.equal(await imageOf('good-agent'), 'ghcr.io/example/agent:v1.0.0');
  const bad = await flokoa(['rollout', 'undo', 'good-agent', ...ns, '--to-revision', '42'], { env: c.env });
  assert.match(bad.stderr, /^error: unable to find specified revision 42 in history of agent "good-agent"/);
  // The change cause says where it went back to, not a revision number the Deployment then renumbers.
  const history = await flokoa(['rollout', 'history', 'good-agent', ...ns], { env: c.env });
  assert.match(
    history.stdout,
    /\n3 \(current\)\s+ghcr.io\/example\/agent:v1.0.0\s+1\/1\s+\S+\s+kubectl flokoa rollout undo good-agent: back to ghcr.io\/example\/agent:v1.0.0\n$/,
  );
});

test('rollout undo refuses an untagged image as patch-image does (--allow-latest to proceed), records -m', async () => {
  const untagged = await flokoa(
    ['patch-image', 'good-agent', 'ghcr.io/example/agent', ...ns, '--allow-latest', '--watch', '--timeout', '60s'],
    {
      env: c.env,
    },
  );
  assert.equal(untagged.code, 0, untagged.stdout + untagged.stderr);
  const pinned = await flokoa(['patch-image', 'good-agent', 'ghcr.io/example/agent:v1.0.0', ...ns, '--watch', '--timeout', '60s'], {
    env: c.env,
  });
  assert.equal(pinned.code, 0, pinned.stdout + pinned.stderr);
  const refused = await flokoa(['rollout', 'undo', 'good-agent', ...ns], { env: c.env });
  assert.equal(refused.code, 1);
  assert.match(
    refused.stderr,
    /^error: revision \d+ of agent "good-agent" runs image "ghcr.io\/example\/agent", which has no tag \(it means :latest\): .*pass --allow-latest to roll back anyway\n$/,
  );
  assert.equal(await imageOf('good-agent'), 'ghcr.io/example/agent:v1.0.0');
  const allowed = await flokoa(
    ['rollout', 'undo', 'good-agent', ...ns, '--allow-latest', '-m', 'back to the nightly', '--dry-run=server'],
    {
      env: c.env,
    },
  );
  assert.equal(allowed.code, 0, allowed.stderr);
  assert.match(allowed.stdout, /→ ghcr.io\/example\/agent \(server dry run\)\n$/);
  const recorded = await flokoa(['rollout', 'undo', 'good-agent', ...ns, '--allow-latest', '-m', 'back to the nightly'], { env: c.env });
  assert.equal(recorded.code, 0, recorded.stderr);
  const cause = await run(['get', 'agent', 'good-agent', ...ns, '-o', 'jsonpath={.metadata.annotations.kubernetes\\.io/change-cause}'], {
    env: c.env,
  });
  assert.equal(cause.stdout, 'back to the nightly');
  const back = await flokoa(['patch-image', 'good-agent', 'ghcr.io/example/agent:v1.0.0', ...ns, '--watch', '--timeout', '60s'], {
    env: c.env,
  });
  assert.equal(back.code, 0, back.stdout + back.stderr);
});

test('a concurrent edit between read and write is never overwritten', async () => {
  class EditingClient extends KubeClient {
    override async patch<T>(...args: Parameters<KubeClient['patch']>): Promise<T> {
      const edit = await run(
        [
          'patch',
          'agent',
          'good-agent',
          ...ns,
          '--type=json',
          '-p',
          '[{"op":"replace","path":"/spec/runtime/spec/container/image","value":"ghcr.io/example/agent:v1.0.5"}]',
        ],
        { env: c.env },
      );
      assert.equal(edit.code, 0, edit.stderr);
      return super.patch<T>(...args);
    }
  }
  const client = new EditingClient(loadConnection({ kubeconfig: c.kubeconfig, namespace: 'my-app' }));
  try {
    await assert.rejects(
      patchImage(client, { namespace: 'my-app', name: 'good-agent', image: 'ghcr.io/example/agent:v2.0.0' }),
      (e: unknown) =>
        e instanceof ConcurrentEditError &&
        /its image is now "ghcr.io\/example\/agent:v1.0.5", not "ghcr.io\/example\/agent:v1.0.0"; nothing was overwritten/.test(
          (e as Error).message,
        ),
    );
  } finally {
    client.close();
  }
  assert.equal(await imageOf('good-agent'), 'ghcr.io/example/agent:v1.0.5');
});

test('failing images: rollout status says which pod fails and why, exit 1', async () => {
  const cases: [string, RegExp][] = [
    ['ghcr.io/example/agent:v3-pullfail', /pod "good-agent-[a-z0-9]+-[a-z0-9]+": (ErrImagePull|ImagePullBackOff): cannot pull/],
    ['ghcr.io/example/agent:v3-crashloop', /pod "good-agent-[a-z0-9]+-[a-z0-9]+": (CrashLoopBackOff|Restarting)/],
    [
      'ghcr.io/example/agent:v3-unready',
      /pod "good-agent-[a-z0-9]+-[a-z0-9]+": NotReady: running but not ready: Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503/,
    ],
  ];
  // A readiness probe, so that a pod running but not Ready is a probe failing (the events say how).
  const probe = await run(
    [
      'patch',
      'agent',
      'good-agent',
      ...ns,
      '--type=json',
      '-p',
      '[{"op":"add","path":"/spec/runtime/spec/container/readinessProbe","value":{"httpGet":{"path":"/ready","port":8080},"periodSeconds":5}}]',
    ],
    { env: c.env },
  );
  assert.equal(probe.code, 0, probe.stderr);
  for (const [image, problem] of cases) {
    const patch = await flokoa(['patch-image', 'good-agent', image, ...ns], { env: c.env });
    assert.equal(patch.code, 0, patch.stderr);
    const status = new Running(['rollout', 'status', 'good-agent', ...ns], c.env);
    await status.waitFor(problem);
    // Jump simulated time past the Deployment's progress deadline (600s): the controller marks it
    // ProgressDeadlineExceeded and rollout status fails with kubectl's message and the pod's reason.
    c.sim.advance(700_000);
    const done = await status.exited;
    assert.equal(done.code, 1, done.stdout + done.stderr);
    assert.match(done.stderr, new RegExp(`^error: deployment "good-agent" exceeded its progress deadline; ${problem.source}`));
    assert.match(done.stderr, /\nhint: to go back to the previous image: kubectl flokoa rollout undo good-agent -n my-app\n$/);
    if (image.includes('pullfail')) {
      // One short line for the pull failure, however often ErrImagePull and ImagePullBackOff alternate.
      const pulls = done.stdout.split('\n').filter((l) => l.startsWith('pod '));
      assert.equal(pulls.length, 1, done.stdout);
      assert.match(
        pulls[0],
        /^pod "good-agent-\w+-\w+": (ErrImagePull|ImagePullBackOff): cannot pull "ghcr.io\/example\/agent:v3-pullfail": not found$/,
      );
      assert.ok(done.stderr.split('\n')[0].length < 200, done.stderr);
    }
  }
  // Ctrl-C while waiting: exit 130, as a shell expects of an interrupted command.
  assert.equal((await flokoa(['patch-image', 'good-agent', 'ghcr.io/example/agent:v4-unready', ...ns], { env: c.env })).code, 0);
  const interrupted = new Running(['rollout', 'status', 'good-agent', ...ns], c.env);
  await interrupted.waitFor(/pod "good-agent-[^"]+": NotReady/);
  interrupted.child.kill('SIGINT');
  assert.equal((await interrupted.exited).code, 130);
  const timeout = await flokoa(['rollout', 'status', 'good-agent', ...ns, '--timeout', '2s'], { env: c.env });
  assert.equal(timeout.code, 1);
  assert.match(
    timeout.stderr,
    /^error: timed out after 2s waiting for the rollout of agent "good-agent": .*; pod "good-agent-[^"]+": NotReady: running but not ready: Unhealthy: Readiness probe failed/,
  );
  const back = await flokoa(['patch-image', 'good-agent', 'ghcr.io/example/agent:v1.0.0', ...ns, '--watch', '--timeout', '60s'], {
    env: c.env,
  });
  assert.equal(back.code, 0, back.stdout + back.stderr);
});

test('rollout status as a library stream: three stages, then complete', async () => {
  const client = new KubeClient(loadConnection({ kubeconfig: c.kubeconfig }));
  try {
    const patch = await patchImage(client, {
      namespace: 'my-app',
      name: 'good-agent',
      image: 'ghcr.io/example/agent:v1.2.0',
      changeCause: 'lib',
    });
    assert.equal(patch.changed, true);
    const events = [];
    for await (const e of rolloutStatus(client, { namespace: 'my-app', name: 'good-agent', timeoutMs: 60_000 })) events.push(e);
    assert.equal(events[events.length - 1].type, 'complete');
    assert.ok(events.some((e) => e.type === 'progress' && e.stage === 'deployment'));
  } finally {
    client.close();
  }
});

test('rollout watch without a TTY: one line per change, no escape codes, Ctrl-C ends it cleanly', async () => {
  const w = new Running(['rollout', 'watch', 'good-agent', ...ns], c.env);
  await w.waitFor(/agent\/good-agent {2}Healthy {2}ready 1\/1 {2}image ghcr.io\/example\/agent:v1.2.0/);
  await w.waitFor(/pod\/good-agent-\S+ {2}1\/1 {2}Running/);
  const patch = await flokoa(['patch-image', 'good-agent', 'ghcr.io/example/agent:v1.3.0', ...ns], { env: c.env });
  assert.equal(patch.code, 0);
  await w.waitFor(/revision \d+ \(current\) {2}good-agent-\S+ {2}ghcr.io\/example\/agent:v1.3.0/);
  await w.waitFor(/agent\/good-agent {2}Progressing {2}ready \d\/1 {2}image ghcr.io\/example\/agent:v1.3.0/);
  await w.waitFor(/agent\/good-agent {2}Healthy {2}ready 1\/1 {2}image ghcr.io\/example\/agent:v1.3.0/);
  w.child.kill('SIGINT');
  const done = await w.exited;
  assert.ok(!done.stdout.includes('\x1b['), 'no escape codes without a TTY');
  assert.equal(done.stderr, '');
  assert.equal(done.code, 130, 'interrupted, as every command exits on Ctrl-C');
});

test('rollout watch: a missing agent fails at once, with a hint; --timeout ends it with exit 1', async () => {
  const missing = await flokoa(['rollout', 'watch', 'good-agnet', ...ns], { env: c.env });
  assert.equal(missing.code, 1);
  assert.equal(missing.stdout, '');
  assert.equal(missing.stderr, 'error: agent "good-agnet" not found in namespace "my-app"; did you mean "good-agent"?\n');
  const timeout = await flokoa(['rollout', 'watch', 'good-agent', ...ns, '--timeout', '1s'], { env: c.env });
  assert.equal(timeout.code, 1);
  assert.match(timeout.stdout, /agent\/good-agent/);
  assert.equal(timeout.stderr, 'error: timed out after 1s watching agent "good-agent"\n');
});

test('rollout watch --exit ends when the rollout is done (0), as Argo Rollouts status does', async () => {
  const patch = await flokoa(['patch-image', 'good-agent', 'ghcr.io/example/agent:v1.7.0', ...ns], { env: c.env });
  assert.equal(patch.code, 0, patch.stderr);
  const r = await flokoa(['rollout', 'watch', 'good-agent', ...ns, '--exit', '--timeout', '60s'], { env: c.env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /agent\/good-agent {2}Healthy {2}ready 1\/1 {2}image ghcr.io\/example\/agent:v1.7.0\n/);
  assert.equal(r.stderr, '');
});

test('kubectl flokoa version: the plugin and the API generations it reads', async () => {
  const r = await flokoa(['version']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^kubectl-flokoa \d+\.\d+\.\d+ \(node v\d+\.\d+\.\d+; Flokoa API generations 2026-01, 2026-06\)\n$/);
  const json = JSON.parse((await flokoa(['version', '-o', 'json'])).stdout);
  assert.equal(json.version, JSON.parse(readFileSync(join(PKG_DIR, 'package.json'), 'utf8')).version);
  const bad = await flokoa(['version', '-o', 'tree']);
  assert.equal(bad.stderr, 'error: invalid argument "tree" for "-o" flag: must be one of |json|yaml\n');
});
