// Quotas and limit ranges as the real kubectl meets them: LimitRange defaults written into pods,
// the LimitRanger's and the quota plugin's 403s with the API server's messages, quota status kept
// by the controller (`kubectl describe quota`, `kubectl get quota`), a ReplicaSet whose pods a
// quota refuses (FailedCreate events, ReplicaFailure conditions) and its recovery when the quota
// is raised. The namespace is the namespaces guide's dev namespace.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KObject } from '../../src/index.js';
import type { Harness } from './harness.js';
import { kubectl, startHarness } from './harness.js';

let h: Harness;
const cond = (o: KObject | undefined, type: string): Record<string, string> | undefined =>
  ((o?.status as { conditions?: Record<string, string>[] } | undefined)?.conditions ?? []).find((c) => c.type === type);

const DEV = `
apiVersion: v1
kind: Namespace
metadata: {name: dev}
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: dev-quota, namespace: dev}
spec:
  hard:
    requests.cpu: "2"
    requests.memory: 2Gi
    limits.cpu: "4"
    limits.memory: 4Gi
    pods: "20"
---
apiVersion: v1
kind: LimitRange
metadata: {name: dev-limits, namespace: dev}
spec:
  limits:
    - type: Container
      default: {cpu: 250m, memory: 256Mi}
      defaultRequest: {cpu: 100m, memory: 128Mi}
      max: {cpu: 500m, memory: 512Mi}
      min: {cpu: 10m, memory: 32Mi}
`;

const pod = (name: string, resources?: object): string =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'dev' },
    spec: { containers: [{ name: 'worker', image: 'agent-worker:v1', ...(resources ? { resources } : {}) }] },
  });

async function ok(args: string[], input?: string): Promise<string> {
  const r = await kubectl(h, args, input);
  assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

before(async () => {
  h = await startHarness();
  await ok(['apply', '-f', '-'], DEV);
});
after(async () => h.stop());

describe('LimitRange', () => {
  test('the LimitRange is stored with its defaults, in canonical quantities', async () => {
    const lr = JSON.parse(await ok(['get', 'limitrange', 'dev-limits', '-n', 'dev', '-o', 'json']));
    assert.deepEqual(lr.spec.limits[0].default, { cpu: '250m', memory: '256Mi' });
    assert.deepEqual(lr.spec.limits[0].max, { cpu: '500m', memory: '512Mi' });
    const out = await ok(['describe', 'limitrange', 'dev-limits', '-n', 'dev']);
    assert.match(out, /Container\s+cpu\s+10m\s+500m\s+100m\s+250m/);
  });

  test('a pod without resources takes the defaults, as the guide shows', async () => {
    await ok(['apply', '-f', '-'], pod('agent-worker'));
    const res = await ok(['get', 'pod', 'agent-worker', '-n', 'dev', '-o', 'jsonpath={.spec.containers[0].resources}']);
    assert.deepEqual(JSON.parse(res), { limits: { cpu: '250m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    const ann = await ok([
      'get',
      'pod',
      'agent-worker',
      '-n',
      'dev',
      '-o',
      "jsonpath={.metadata.annotations['kubernetes\\.io/limit-ranger']}",
    ]);
    assert.equal(ann, 'LimitRanger plugin set: cpu, memory request for container worker; cpu, memory limit for container worker');
  });

  test('a container above max is forbidden with the LimitRanger message', async () => {
    const r = await kubectl(h, ['apply', '-f', '-'], pod('too-big', { limits: { cpu: '1', memory: '256Mi' } }));
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /pods "too-big" is forbidden: maximum cpu usage per Container is 500m, but limit is 1\n/);
  });

  test('a request above the default limit makes the pod invalid', async () => {
    const r = await kubectl(h, ['apply', '-f', '-'], pod('conflict', { requests: { cpu: '400m' } }));
    assert.notEqual(r.code, 0);
    assert.match(
      r.stderr,
      /The Pod "conflict" is invalid: spec\.containers\[0\]\.resources\.requests: Invalid value: "400m": must be less than or equal to cpu limit of 250m/,
    );
  });
});

describe('ResourceQuota', () => {
  test('status.used counts the pods in: kubectl describe quota and get quota', async () => {
    await h.sim.waitFor('resourcequotas', (q) => (q.status as { used?: Record<string, string> })?.used?.pods === '1', {
      namespace: 'dev',
      name: 'dev-quota',
    });
    const out = await ok(['describe', 'quota', 'dev-quota', '-n', 'dev']);
    assert.match(out, /Resource\s+Used\s+Hard/);
    assert.match(out, /limits\.memory\s+256Mi\s+4Gi/);
    assert.match(out, /pods\s+1\s+20/);
    assert.match(out, /requests\.cpu\s+100m\s+2\n/);
    const table = await ok(['get', 'quota', '-n', 'dev']);
    assert.match(
      table,
      /dev-quota\s+\S+\s+pods: 1\/20, requests\.cpu: 100m\/2, requests\.memory: 128Mi\/2Gi\s+limits\.cpu: 250m\/4, limits\.memory: 256Mi\/4Gi/,
    );
  });

  test('a quota on cpu refuses a container that does not state it', async () => {
    await ok(['create', 'namespace', 'strict']);
    await ok(['create', 'quota', 'compute', '-n', 'strict', '--hard=requests.cpu=1,pods=5']);
    await h.sim.waitFor('resourcequotas', (q) => !!(q.status as { hard?: object })?.hard, { namespace: 'strict', name: 'compute' });
    const r = await kubectl(h, ['run', 'bare', '-n', 'strict', '--image=agent-worker:v1']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /pods "bare" is forbidden: failed quota: compute: must specify requests\.cpu for: bare/);
  });

  test('object counts: a second Agent past count/agents.agent.flokoa.ai is refused', async () => {
    await ok(['create', 'namespace', 'counted']);
    await ok(['create', 'quota', 'agents', '-n', 'counted', '--hard=count/agents.agent.flokoa.ai=1']);
    const agent = (name: string) =>
      JSON.stringify({
        apiVersion: 'agent.flokoa.ai/v1alpha1',
        kind: 'Agent',
        metadata: { name, namespace: 'counted' },
        spec: {
          framework: 'pydantic-ai',
          model: { name: 'm' },
          runtime: { type: 'standard', spec: { container: { name: 'agent', image: 'x:v1' } } },
        },
      });
    await ok(['apply', '-f', '-'], agent('one'));
    const r = await kubectl(h, ['apply', '-f', '-'], agent('two'));
    assert.match(
      r.stderr,
      /agents\.agent\.flokoa\.ai "two" is forbidden: exceeded quota: agents, requested: count\/agents\.agent\.flokoa\.ai=1, used: count\/agents\.agent\.flokoa\.ai=1, limited: count\/agents\.agent\.flokoa\.ai=1/,
    );
  });

  test('a Deployment past the quota: FailedCreate events, ReplicaFailure, then recovery when the quota is raised', async () => {
    await ok(['create', 'namespace', 'team']);
    await ok(['create', 'quota', 'team-quota', '-n', 'team', '--hard=requests.cpu=1']);
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', namespace: 'team' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'api' } },
        template: {
          metadata: { labels: { app: 'api' } },
          spec: { containers: [{ name: 'api', image: 'agent-api:v1', resources: { requests: { cpu: '500m' } } }] },
        },
      },
    };
    await ok(['apply', '-f', '-'], JSON.stringify(deployment));
    const dep = await h.sim.waitFor('deployments', (d) => cond(d, 'ReplicaFailure')?.status === 'True', {
      namespace: 'team',
      name: 'api',
      timeoutMs: 20_000,
    });
    assert.equal(cond(dep, 'ReplicaFailure')?.reason, 'FailedCreate');
    assert.match(
      cond(dep, 'ReplicaFailure')!.message,
      /^pods "api-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: team-quota, requested: requests\.cpu=500m, used: requests\.cpu=1, limited: requests\.cpu=1$/,
    );
    const events = await ok(['get', 'events', '-n', 'team', '--field-selector', 'reason=FailedCreate', '-o', 'json']);
    const e = JSON.parse(events).items[0];
    assert.equal(e.type, 'Warning');
    assert.equal(e.source.component, 'replicaset-controller');
    assert.equal(e.involvedObject.kind, 'ReplicaSet');
    assert.match(
      e.message,
      /^Error creating: pods "api-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: team-quota, requested: requests\.cpu=500m, used: requests\.cpu=1, limited: requests\.cpu=1$/,
    );
    const described = await ok(['describe', 'deployment', 'api', '-n', 'team']);
    assert.match(described, /ReplicaFailure\s+True\s+FailedCreate/);
    // The controller keeps trying (with back-off); past ten refusals the events are combined, as client-go does.
    for (let i = 0; i < 12; i++) {
      const from = Math.floor(h.sim.clock.now() / 1000) * 1000 + 60_000;
      h.sim.advance(60_000);
      await h.sim.waitFor('events', (ev) => ev.reason === 'FailedCreate' && Date.parse(String(ev.lastTimestamp)) >= from, {
        namespace: 'team',
      });
    }
    const all = JSON.parse(await ok(['get', 'events', '-n', 'team', '--field-selector', 'reason=FailedCreate', '-o', 'json'])).items;
    const combined = all.find((ev: { message: string }) =>
      ev.message.startsWith('(combined from similar events): Error creating: pods "api-'),
    );
    assert.ok(combined && combined.count >= 2, 'one combined event counts the later refusals');
    assert.equal(all.length, 10, 'nine events, then the combined one');
    await ok(['patch', 'quota', 'team-quota', '-n', 'team', '--type=merge', '-p', '{"spec":{"hard":{"requests.cpu":"2"}}}']);
    const healed = await h.sim.waitFor(
      'deployments',
      (d) => (d.status as { availableReplicas?: number })?.availableReplicas === 3 && !cond(d, 'ReplicaFailure'),
      {
        namespace: 'team',
        name: 'api',
        timeoutMs: 20_000,
      },
    );
    assert.equal(cond(healed, 'Available')?.status, 'True');
  });
});
