// Faults between the plugin and the API server: slow answers, throttling, failing requests,
// closed watches and expired resource versions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { flokoa } from './kubectl.js';
import { startTestCluster, type TestCluster } from './sim.js';

let c: TestCluster;
before(async () => {
  c = await startTestCluster({ timeScale: 20, readyDelayMs: 200 });
});
after(() => c?.stop());

/** Resolves once the sim has recorded a request matching `match` (it may finish after its client gave up). */
type Served = TestCluster['sim']['requests']['log'][number];

async function served(match: (r: Served) => boolean): Promise<void> {
  const requests = c.sim.requests;
  if (requests.log.some(match)) return;
  const record = requests.record.bind(requests);
  await new Promise<void>((resolve) => {
    requests.record = (r) => {
      record(r);
      if (!match(r)) return;
      requests.record = record;
      resolve();
    };
  });
}

test('--request-timeout: a slow server ends in one line', async () => {
  c.sim.faults = { latencyMs: 3000 };
  const before = c.sim.requests.log.length;
  try {
    const r = await flokoa(['refs', 'good-agent', '-n', 'my-app', '--request-timeout', '300ms'], { env: c.env });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^error: Unable to connect to the server 127.0.0.1:\d+: the request timed out after 300ms \(--request-timeout\)\n$/,
    );
    // The server still answers the abandoned request later: let it, so no later test sees it land.
    await served(
      (x) => x.verb === 'get' && x.resource === 'agents' && x.name === 'good-agent' && c.sim.requests.log.lastIndexOf(x) >= before,
    );
  } finally {
    c.sim.faults = {};
  }
});

test('throttling (429 + Retry-After) and failing reads (500) are retried', async () => {
  c.sim.faults = { throttleRate: 0.2, retryAfterSeconds: 0, errorRate: 0.1, verbs: ['get', 'list'], seed: 7 };
  try {
    const r = await flokoa(['refs', '-A', '-o', 'json'], { env: c.env });
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    assert.ok(JSON.parse(r.stdout).roots.length >= 4);
  } finally {
    c.sim.faults = {};
  }
  c.sim.faults = { errorRate: 1, verbs: ['get'] };
  try {
    const r = await flokoa(['refs', 'good-agent', '-n', 'my-app'], { env: c.env });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^error: the server failed \(500 InternalError\) on get \/apis\/agent.flokoa.ai\/v1alpha1\/namespaces\/my-app\/agents\/good-agent: Internal error occurred: injected fault/,
    );
  } finally {
    c.sim.faults = {};
  }
});

test('rollout status survives closed watches and expired resource versions', async () => {
  c.sim.faults = { watchTimeoutSeconds: 0.2, expireResourceVersions: true };
  try {
    const patch = await flokoa(
      ['patch-image', 'good-agent', 'ghcr.io/example/agent:v5.0.0', '-n', 'my-app', '--watch', '--timeout', '60s'],
      { env: c.env },
    );
    assert.equal(patch.code, 0, patch.stdout + patch.stderr);
    assert.match(patch.stdout, /deployment "good-agent" successfully rolled out\n$/);
  } finally {
    c.sim.faults = {};
  }
});

type AgentImage = { spec: { runtime: { spec: { container: { image: string } } } } };

test('patch-image through kubectl: an edit landing between our read and our write is not overwritten', async () => {
  // The moment the sim has answered the plugin's GET of the Agent, someone else changes the image
  // (in-process, so it lands before the plugin's PATCH, which the added latency holds back).
  c.sim.faults = { latencyMs: 300 };
  const requests = c.sim.requests;
  const record = requests.record.bind(requests);
  let edited = false;
  requests.record = (r) => {
    record(r);
    if (!edited && r.verb === 'get' && r.resource === 'agents' && r.name === 'good-agent' && r.userAgent?.startsWith('kubectl-flokoa')) {
      edited = true;
      const agent = c.sim.get('agents', 'good-agent', 'my-app') as unknown as AgentImage;
      agent.spec.runtime.spec.container.image = 'ghcr.io/example/agent:someone-else';
      void c.sim.apply(agent);
    }
  };
  try {
    const r = await flokoa(['patch-image', 'good-agent', 'ghcr.io/example/agent:v7.0.0', '-n', 'my-app'], { env: c.env });
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.stderr,
      /^error: agent "good-agent" was changed by someone else while patching: its image is now "ghcr.io\/example\/agent:someone-else", not "[^"]+"; nothing was overwritten, re-run to patch the current value\n$/,
    );
    assert.equal(
      (c.sim.get('agents', 'good-agent', 'my-app') as unknown as AgentImage).spec.runtime.spec.container.image,
      'ghcr.io/example/agent:someone-else',
    );
  } finally {
    requests.record = record;
    c.sim.faults = {};
  }
});
