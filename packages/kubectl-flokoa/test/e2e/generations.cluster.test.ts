// patch-image and rollout through the real kubectl on Agents of both API generations: the June
// 2026 flat runtime (an image written in runtime.image, or none: the operator's runner image) on
// a cluster-sim running that operator, and the January 2026 template runtime, which has no image.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FIXTURES, flokoa, run, Running } from './kubectl.js';
import { startTestCluster, type TestCluster } from './sim.js';

const RUNNER = 'ghcr.io/danielnyari/flokoa-runner';
let c: TestCluster;
const ns = ['-n', 'team-a'];
const runtimeImage = async (agent: string) =>
  (await run(['get', 'agent', agent, ...ns, '-o', 'jsonpath={.spec.runtime.image}'], { env: c.env })).stdout;
const deployedImage = async (agent: string) =>
  (await run(['get', 'deployment', agent, ...ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image}'], { env: c.env })).stdout;

before(async () => {
  c = await startTestCluster({ apiGeneration: '2026-06', fixtures: [join(FIXTURES, 'june')], timeScale: 20, readyDelayMs: 200 });
  for (const agent of ['runner-agent', 'own-image']) {
    const r = await flokoa(['rollout', 'status', agent, ...ns, '--timeout', '60s'], { env: c.env });
    assert.equal(r.code, 0, r.stdout + r.stderr);
  }
});
after(() => c?.stop());

test('June 2026: an Agent on the runner image gets runtime.image written; the Deployment follows', async () => {
  assert.equal(await deployedImage('runner-agent'), `${RUNNER}:0.2.0`);
  assert.equal(await runtimeImage('runner-agent'), '');
  const r = await flokoa(['patch-image', 'runner-agent', `${RUNNER}:0.3.0`, ...ns, '--watch', '--timeout', '60s'], { env: c.env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`image ${RUNNER}:0\\.2\\.0 → ${RUNNER}:0\\.3\\.0`));
  assert.match(r.stdout, /deployment "runner-agent" successfully rolled out\n$/);
  assert.equal(await runtimeImage('runner-agent'), `${RUNNER}:0.3.0`);
  assert.equal(await deployedImage('runner-agent'), `${RUNNER}:0.3.0`);
});

test('June 2026: rollout undo goes back to the runner image the first revision ran', async () => {
  const r = await flokoa(['rollout', 'undo', 'runner-agent', ...ns, '--watch', '--timeout', '60s'], { env: c.env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`rolled back to revision 1: ${RUNNER}:0\\.3\\.0 → ${RUNNER}:0\\.2\\.0`));
  assert.equal(await deployedImage('runner-agent'), `${RUNNER}:0.2.0`);
  const history = await flokoa(['rollout', 'history', 'runner-agent', ...ns], { env: c.env });
  assert.equal(history.code, 0, history.stderr);
  assert.match(history.stdout, new RegExp(`${RUNNER}:0\\.3\\.0`));
});

test('June 2026: a written runtime.image is replaced; rollout watch follows it without a TTY', async () => {
  const r = await flokoa(['patch-image', 'own-image', 'ghcr.io/example/own:v1.1.0', ...ns], { env: c.env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /image ghcr\.io\/example\/own:v1\.0\.0 → ghcr\.io\/example\/own:v1\.1\.0/);
  const status = await flokoa(['rollout', 'status', 'own-image', ...ns, '--timeout', '60s'], { env: c.env });
  assert.equal(status.code, 0, status.stdout + status.stderr);
  assert.equal(await deployedImage('own-image'), 'ghcr.io/example/own:v1.1.0');
  assert.equal(await runtimeImage('own-image'), 'ghcr.io/example/own:v1.1.0');
});

test('June 2026: rollout watch follows a new runner release to its new revision', async () => {
  const w = new Running(['rollout', 'watch', 'runner-agent', ...ns], c.env);
  await w.waitFor(/agent\/runner-agent {2}Healthy/);
  const patch = await flokoa(['patch-image', 'runner-agent', `${RUNNER}:0.4.0`, ...ns], { env: c.env });
  assert.equal(patch.code, 0, patch.stderr);
  await w.waitFor(new RegExp(`revision \\d+ \\(current\\) {2}runner-agent-\\S+ {2}${RUNNER}:0\\.4\\.0`));
  w.child.kill('SIGINT');
  const done = await w.exited;
  assert.equal(done.stderr, '');
});

test('January 2026: a template-runtime Agent has no image to patch, and says whose image it runs', async () => {
  const jan = await startTestCluster({ timeScale: 20, readyDelayMs: 200 });
  try {
    await jan.sim.apply({
      apiVersion: 'agent.flokoa.ai/v1alpha1',
      kind: 'Agent',
      metadata: { name: 'templated', namespace: 'my-app' },
      spec: {
        card: { name: 'T', description: 'T', version: '1', skills: [] },
        runtime: { type: 'template', template: { config: { outputSchema: { name: 'o', description: 'd', jsonSchema: {} } } } },
      },
    });
    const status = await flokoa(['rollout', 'status', 'templated', '-n', 'my-app', '--timeout', '60s'], { env: jan.env });
    assert.equal(status.code, 0, status.stdout + status.stderr);
    const r = await flokoa(['patch-image', 'templated', 'ghcr.io/example/agent:v2.0.0', '-n', 'my-app'], { env: jan.env });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^error: agent "templated" runs the operator's runtime image ghcr\.io\/danielnyari\/flokoa-cli:0\.1\.0 \(spec\.runtime\.template has no image to set\)\n$/,
    );
  } finally {
    await jan.stop();
  }
});
