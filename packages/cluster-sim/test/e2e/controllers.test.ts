// The simulated Flokoa operator and Deployment machinery, observed through the store's events:
// owned objects, status, references, rolling updates within their bounds, failing images,
// progress deadlines on the simulated clock, CRD drift and garbage collection.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { KObject } from '../../src/index.js';
import type { Harness } from './harness.js';
import { FIXTURES, startHarness, waitForDeletion } from './harness.js';

let h: Harness;
const cond = (o: KObject | undefined, type: string): any => ((o?.status as any)?.conditions ?? []).find((c: any) => c.type === type);
const agent = (name: string, ns: string, runtime: Record<string, unknown>, extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'agent.flokoa.ai/v1alpha1',
  kind: 'Agent',
  metadata: { name, namespace: ns, ...extra },
  spec: { runtime: { type: 'standard', spec: runtime } },
});

before(async () => {
  h = await startHarness({ fixtures: [join(FIXTURES, 'basic')] });
});
after(async () => h.stop());

describe('Flokoa operator', () => {
  test('an Agent gets a labelled, owned Deployment and Service, and a Running status', async () => {
    const a = await h.sim.waitFor('agents', (o) => (o.status as any)?.phase === 'Running', { namespace: 'my-app', name: 'my-agent' });
    const st = a.status as any;
    assert.equal(st.url, 'http://my-agent.my-app.svc.cluster.local');
    assert.equal(st.replicas, 2);
    assert.equal(st.availableReplicas, 2);
    assert.equal(st.observedGeneration, a.metadata.generation);
    assert.equal(cond(a, 'Ready').status, 'True');
    for (const kind of ['deployments', 'services']) {
      const o = h.sim.get(kind, 'my-agent', 'my-app')!;
      assert.deepEqual(o.metadata.labels, {
        'app.kubernetes.io/name': 'my-agent',
        'app.kubernetes.io/instance': 'my-agent',
        'app.kubernetes.io/managed-by': 'flokoa-operator',
        'flokoa.ai/agent': 'my-agent',
      });
      assert.deepEqual(
        o.metadata.ownerReferences?.map((r) => [r.kind, r.name, r.uid, r.controller]),
        [['Agent', 'my-agent', a.metadata.uid, true]],
      );
    }
    const dep = h.sim.get('deployments', 'my-agent', 'my-app')!;
    assert.equal(dep.metadata.annotations?.['kubernetes.io/change-cause'], 'initial deploy');
    assert.equal((dep.spec as any).template.metadata.labels['flokoa.ai/agent'], 'my-agent');
    assert.deepEqual((dep.spec as any).template.spec.containers[0].ports, [{ containerPort: 8080, name: 'http', protocol: 'TCP' }]);
    const rs = h.sim.list('replicasets', 'my-app', 'flokoa.ai/agent=my-agent');
    assert.equal(rs.length, 1);
    assert.equal(rs[0].metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
    assert.equal(rs[0].metadata.annotations?.['kubernetes.io/change-cause'], 'initial deploy');
    // As the real operator: the Service and the Deployment select the pods by all four labels.
    const all = {
      'app.kubernetes.io/name': 'my-agent',
      'app.kubernetes.io/instance': 'my-agent',
      'app.kubernetes.io/managed-by': 'flokoa-operator',
      'flokoa.ai/agent': 'my-agent',
    };
    assert.deepEqual((h.sim.get('services', 'my-agent', 'my-app')!.spec as any).selector, all);
    assert.deepEqual((dep.spec as any).selector.matchLabels, all);
    assert.deepEqual((dep.spec as any).template.metadata.labels, all);
  });

  test('reference readiness: a missing provider, then the provider appearing', async () => {
    await h.sim.apply({
      apiVersion: 'agent.flokoa.ai/v1alpha1',
      kind: 'Model',
      metadata: { name: 'orphan', namespace: 'my-app' },
      spec: { model: 'm', providerRef: { name: 'later' } },
    });
    const notReady = await h.sim.waitFor('models', (m) => cond(m, 'Ready')?.status === 'False', { namespace: 'my-app', name: 'orphan' });
    assert.deepEqual(
      [cond(notReady, 'Ready').reason, cond(notReady, 'Ready').message],
      ['ModelProviderNotFound', 'ModelProvider "my-app/later" not found'],
    );
    await h.sim.apply(agent('uses-orphan', 'my-app', { container: { name: 'agent', image: 'ghcr.io/example/o:v1' } }, {}));
    await h.sim.apply({
      apiVersion: 'agent.flokoa.ai/v1alpha1',
      kind: 'Agent',
      metadata: { name: 'uses-orphan', namespace: 'my-app' },
      spec: {
        model: { name: 'orphan' },
        runtime: { type: 'standard', spec: { container: { name: 'agent', image: 'ghcr.io/example/o:v1' } } },
      },
    });
    const failed = await h.sim.waitFor('agents', (a) => (a.status as any)?.phase === 'Failed', {
      namespace: 'my-app',
      name: 'uses-orphan',
    });
    assert.equal(cond(failed, 'Ready').reason, 'ModelNotReady');
    await h.sim.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'k', namespace: 'my-app' }, stringData: { other: 'x' } });
    await h.sim.apply({
      apiVersion: 'agent.flokoa.ai/v1alpha1',
      kind: 'ModelProvider',
      metadata: { name: 'later', namespace: 'my-app' },
      spec: { apiKeySecretRef: { name: 'k', key: 'api-key' }, openai: {} },
    });
    const keyMissing = await h.sim.waitFor('modelproviders', (p) => cond(p, 'Ready')?.reason === 'SecretKeyNotFound', {
      namespace: 'my-app',
      name: 'later',
    });
    assert.equal(cond(keyMissing, 'Ready').message, 'key "api-key" not found in Secret "my-app/k"');
    await h.sim.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'k', namespace: 'my-app' }, stringData: { 'api-key': 'x' } });
    await h.sim.waitFor('models', (m) => cond(m, 'Ready')?.status === 'True', { namespace: 'my-app', name: 'orphan' });
    await h.sim.waitFor('agents', (a) => (a.status as any)?.phase === 'Running', { namespace: 'my-app', name: 'uses-orphan' });
  });

  test('ExternalSecrets and SealedSecrets materialise their Secret with the declared keys', async () => {
    await h.sim.apply([
      {
        apiVersion: 'external-secrets.io/v1beta1',
        kind: 'ExternalSecret',
        metadata: { name: 'from-vault', namespace: 'my-app' },
        spec: { target: { name: 'vault-key' }, data: [{ secretKey: 'api-key', remoteRef: { key: 'k' } }] },
      },
      {
        apiVersion: 'bitnami.com/v1alpha1',
        kind: 'SealedSecret',
        metadata: { name: 'sealed', namespace: 'my-app' },
        spec: { encryptedData: { token: 'AgBy...' } },
      },
      {
        apiVersion: 'agent.flokoa.ai/v1alpha1',
        kind: 'ModelProvider',
        metadata: { name: 'vaulted', namespace: 'my-app' },
        spec: { apiKeySecretRef: { name: 'vault-key', key: 'api-key' }, openai: {} },
      },
    ]);
    const es = await h.sim.waitFor('secrets', () => true, { namespace: 'my-app', name: 'vault-key' });
    assert.deepEqual(Object.keys(es.data as object), ['api-key']);
    assert.equal(es.metadata.ownerReferences?.[0].kind, 'ExternalSecret');
    const sealed = await h.sim.waitFor('secrets', () => true, { namespace: 'my-app', name: 'sealed' });
    assert.deepEqual(Object.keys(sealed.data as object), ['token']);
    await h.sim.waitFor('modelproviders', (p) => cond(p, 'Ready')?.status === 'True', { namespace: 'my-app', name: 'vaulted' });
    await h.sim.waitFor('externalsecrets', (e) => cond(e, 'Ready')?.status === 'True', { namespace: 'my-app', name: 'from-vault' });
  });

  test('a fixture CRD replaces the default one: runtime.standard is used, runtime.spec is pruned', async () => {
    const h2 = await startHarness({ fixtures: [join(FIXTURES, 'crd-standard')] });
    try {
      const std = await h2.sim.waitFor('agents', (a) => (a.status as any)?.phase === 'Running', {
        namespace: 'drift',
        name: 'standard-agent',
      });
      assert.equal(cond(std, 'Ready').status, 'True');
      const docs = await h2.sim.waitFor('agents', (a) => (a.status as any)?.phase === 'Failed', { namespace: 'drift', name: 'docs-agent' });
      assert.equal((docs.spec as any).runtime.spec, undefined);
      assert.equal(cond(docs, 'Ready').message, 'spec.runtime.standard.container.image is not set');
      assert.equal(h2.sim.get('deployments', 'docs-agent', 'drift'), undefined);
    } finally {
      await h2.stop();
    }
  });
});

describe('Deployment controller', () => {
  test('a rolling update stays within the default maxSurge and maxUnavailable (25%) and records revisions', async () => {
    await h.sim.apply(agent('roller', 'my-app', { replicas: 4, container: { name: 'agent', image: 'ghcr.io/example/r:v1' } }));
    await h.sim.waitFor('deployments', (d) => (d.status as any)?.availableReplicas === 4, { namespace: 'my-app', name: 'roller' });
    let maxPods = 0;
    let minAvailable = Infinity;
    const off = h.sim.store.subscribe((e) => {
      if (e.key !== 'apps/replicasets' || !e.object.metadata.name!.startsWith('roller-')) return;
      const rs = h.sim.list('replicasets', 'my-app').filter((r) => r.metadata.name!.startsWith('roller-'));
      maxPods = Math.max(
        maxPods,
        rs.reduce((n, r) => n + Number((r.spec as any).replicas), 0),
      );
      minAvailable = Math.min(
        minAvailable,
        rs.reduce((n, r) => n + Number((r.status as any)?.availableReplicas ?? 0), 0),
      );
    });
    await h.sim.apply(
      agent(
        'roller',
        'my-app',
        { replicas: 4, container: { name: 'agent', image: 'ghcr.io/example/r:v2' } },
        { annotations: { 'kubernetes.io/change-cause': 'to v2' } },
      ),
    );
    const done = await h.sim.waitFor(
      'deployments',
      (d) => {
        const s = d.status as any;
        // The operator updates the Deployment asynchronously: wait for the new template first.
        return (
          (d.spec as any).template.spec.containers[0].image === 'ghcr.io/example/r:v2' &&
          s?.observedGeneration === d.metadata.generation &&
          s.updatedReplicas === 4 &&
          s.replicas === 4 &&
          s.availableReplicas === 4 &&
          cond(d, 'Progressing')?.reason === 'NewReplicaSetAvailable'
        );
      },
      { namespace: 'my-app', name: 'roller' },
    );
    off();
    // 4 replicas: maxSurge 25% rounds up to 1, maxUnavailable 25% rounds down to 1.
    assert.ok(maxPods <= 5, `at most replicas + maxSurge pods, saw ${maxPods}`);
    assert.ok(minAvailable >= 3, `never below replicas - maxUnavailable available, saw ${minAvailable}`);
    assert.equal(cond(done, 'Available').reason, 'MinimumReplicasAvailable');
    const rs = h.sim.list('replicasets', 'my-app').filter((r) => r.metadata.name!.startsWith('roller-'));
    const byRevision = Object.fromEntries(rs.map((r) => [r.metadata.annotations!['deployment.kubernetes.io/revision'], r]));
    assert.equal((byRevision['2'].spec as any).template.spec.containers[0].image, 'ghcr.io/example/r:v2');
    assert.equal(byRevision['2'].metadata.annotations!['kubernetes.io/change-cause'], 'to v2');
    assert.equal((byRevision['1'].spec as any).replicas, 0);
    const events = h.sim
      .list('events', 'my-app')
      .filter((e) => (e.involvedObject as any).name === 'roller' && e.reason === 'ScalingReplicaSet');
    assert.ok(events.some((e) => /Scaled up replica set roller-\w+ from 0 to 1/.test(String(e.message))));
  });

  test('crashloop images restart with CrashLoopBackOff and a growing restartCount', async () => {
    await h.sim.apply(agent('crasher', 'my-app', { replicas: 1, container: { name: 'agent', image: 'ghcr.io/example/crashloop:v1' } }));
    const pod = await h.sim.waitFor(
      'pods',
      (p) => {
        const cs = (p.status as any)?.containerStatuses?.[0];
        return cs?.restartCount >= 2 && cs.state?.waiting?.reason === 'CrashLoopBackOff';
      },
      { namespace: 'my-app' },
    );
    const cs = (pod.status as any).containerStatuses[0];
    assert.equal(cs.lastState.terminated.reason, 'Error');
    assert.equal(cs.ready, false);
    const backoff = h.sim
      .list('events', 'my-app')
      .find((e) => (e.involvedObject as any).name === pod.metadata.name && e.reason === 'BackOff');
    assert.match(String(backoff?.message), /^Back-off restarting failed container agent in pod crasher-\w+-\w+_my-app\(/);
  });

  test('unready images run but never become Ready; the probe failure is an event', async () => {
    await h.sim.apply(
      agent('sulky', 'my-app', {
        replicas: 1,
        container: {
          name: 'agent',
          image: 'ghcr.io/example/unready:v1',
          readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
        },
      }),
    );
    const ev = await h.sim.waitFor(
      'events',
      (e) => e.reason === 'Unhealthy' && String((e.involvedObject as any).name).startsWith('sulky-'),
      { namespace: 'my-app' },
    );
    assert.equal(ev.message, 'Readiness probe failed: HTTP probe failed with statuscode: 503');
    assert.equal(ev.type, 'Warning');
    const pod = h.sim.get('pods', String((ev.involvedObject as any).name), 'my-app')!;
    assert.equal((pod.status as any).phase, 'Running');
    assert.equal(cond(pod, 'Ready').status, 'False');
  });

  test('the progress deadline is measured on the simulated clock', async () => {
    const h2 = await startHarness({ timeScale: 1, readyDelayMs: 50 });
    try {
      await h2.sim.apply({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'stuck', namespace: 'default' },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'stuck' } },
          template: { metadata: { labels: { app: 'stuck' } }, spec: { containers: [{ name: 'c', image: 'ghcr.io/example/pullfail:v1' }] } },
        },
      });
      await h2.sim.waitFor('pods', (p) => (p.status as any)?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff', {
        namespace: 'default',
      });
      h2.sim.advance(601_000);
      const d = await h2.sim.waitFor('deployments', (o) => cond(o, 'Progressing')?.reason === 'ProgressDeadlineExceeded', {
        namespace: 'default',
        name: 'stuck',
      });
      assert.equal(cond(d, 'Progressing').status, 'False');
      assert.match(cond(d, 'Progressing').message, /^ReplicaSet "stuck-\w+" has timed out progressing.$/);
    } finally {
      await h2.stop();
    }
  });

  test('deleting a Deployment garbage-collects its ReplicaSets and Pods', async () => {
    const rs = h.sim.list('replicasets', 'my-app').filter((r) => r.metadata.name!.startsWith('crasher-'));
    const pods = h.sim.list('pods', 'my-app').filter((p) => p.metadata.name!.startsWith('crasher-'));
    assert.ok(rs.length > 0 && pods.length > 0);
    h.sim.delete('agents', 'crasher', 'my-app');
    for (const p of pods) await waitForDeletion(h.sim, 'pods', p.metadata.name!, 'my-app');
    for (const r of rs) await waitForDeletion(h.sim, 'replicasets', r.metadata.name!, 'my-app');
    await waitForDeletion(h.sim, 'deployments', 'crasher', 'my-app');
  });
});

describe('Flokoa operator of the June 2026 API', () => {
  test('an Agent runs the runner (or its runtime.image) with the operator labels, two Services and its compiled-spec ConfigMap', async () => {
    const j = await startHarness({ apiGeneration: '2026-06', fixtures: [join(FIXTURES, 'june')] });
    try {
      const a = await j.sim.waitFor('agents', (o) => (o.status as any)?.phase === 'Running', { namespace: 'team-a', name: 'support' });
      assert.equal((a.status as any).url, 'http://support.team-a.svc.cluster.local:80/');
      assert.equal(cond(a, 'Ready').status, 'True');
      const dep = j.sim.get('deployments', 'support', 'team-a')!;
      const spec = dep.spec as any;
      assert.equal(spec.replicas, 2);
      assert.deepEqual(Object.keys(spec.selector.matchLabels).sort(), [
        'app.kubernetes.io/instance',
        'app.kubernetes.io/managed-by',
        'app.kubernetes.io/name',
        'flokoa.ai/agent',
      ]);
      const [c] = spec.template.spec.containers;
      assert.equal(c.name, 'agent');
      assert.equal(c.image, 'ghcr.io/danielnyari/flokoa-runner:0.2.0');
      assert.deepEqual(c.env, [{ name: 'LOG_LEVEL', value: 'info' }]);
      assert.deepEqual(c.resources, { requests: { cpu: '100m', memory: '128Mi' } });
      assert.deepEqual(c.ports, [{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
      assert.deepEqual((j.sim.get('services', 'support', 'team-a')!.spec as any).ports, [
        { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
      ]);
      assert.equal(j.sim.get('services', 'support-runtime', 'team-a')!.metadata.labels?.['flokoa.ai/endpoint'], 'runtime');
      assert.ok(j.sim.get('configmaps', 'support-agent-spec', 'team-a'));

      await j.sim.waitFor('agents', (o) => (o.status as any)?.phase === 'Running', { namespace: 'team-a', name: 'custom' });
      const custom = (j.sim.get('deployments', 'custom', 'team-a')!.spec as any).template.spec;
      assert.equal(custom.containers[0].image, 'ghcr.io/example/custom:v1.0.0');
      assert.equal(custom.serviceAccountName, 'custom-sa');
      assert.deepEqual(custom.nodeSelector, { pool: 'agents' });

      // A reference that resolves nowhere keeps the Agent from being Ready, as the real operator's composition does.
      await j.sim.apply({
        ...a,
        metadata: { name: 'support', namespace: 'team-a' },
        spec: { ...(a.spec as object), modelRef: { name: 'gone' } },
      });
      const failed = await j.sim.waitFor('agents', (o) => (o.status as any)?.phase === 'Failed', { namespace: 'team-a', name: 'support' });
      assert.equal(cond(failed, 'Ready').message, 'Model "team-a/gone" not found');
    } finally {
      await j.stop();
    }
  });

  test('the January 2026 template runtime runs the operator runtime image', async () => {
    await h.sim.apply({
      apiVersion: 'agent.flokoa.ai/v1alpha1',
      kind: 'Agent',
      metadata: { name: 'templated', namespace: 'my-app' },
      spec: {
        runtime: {
          type: 'template',
          template: {
            replicas: 1,
            config: { outputSchema: { name: 'o', description: 'd', jsonSchema: {} } },
            env: [{ name: 'A', value: 'b' }],
          },
        },
      },
    });
    await h.sim.waitFor('agents', (o) => (o.status as any)?.phase === 'Running', { namespace: 'my-app', name: 'templated' });
    const [c] = (h.sim.get('deployments', 'templated', 'my-app')!.spec as any).template.spec.containers;
    assert.equal(c.image, 'ghcr.io/danielnyari/flokoa-cli:0.1.0');
    assert.deepEqual(c.env, [{ name: 'A', value: 'b' }]);
  });
});
