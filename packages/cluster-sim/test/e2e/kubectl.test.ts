// Fidelity with the real kubectl binary: get (table, json, yaml, -w), apply (create, update,
// unchanged, strict validation, 422), patch (json with test, merge, strategic), delete with
// garbage collection, rollout status (success and progress deadline), auth can-i, create via
// kubectl's protobuf-speaking typed clients.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import type { Harness } from './harness.js';
import { FIXTURES, kubectl, kubectlStream, startHarness, waitForDeletion, writeFile } from './harness.js';
import { join } from 'node:path';

let h: Harness;

before(async () => {
  h = await startHarness({ fixtures: [join(FIXTURES, 'basic')] });
  await h.sim.waitFor('agents', (a) => (a.status as any)?.phase === 'Running', { namespace: 'my-app', name: 'my-agent' });
});
after(async () => h.stop());

describe('kubectl get', () => {
  test('prints server-side tables with the CRD printer columns', async () => {
    const r = await kubectl(h, ['get', 'agents', '-A']);
    assert.equal(r.code, 0, r.stderr);
    const [header, row] = r.stdout.trim().split('\n');
    // The columns are the CRD's additionalPrinterColumns (from @flokoa/core's schemas).
    assert.match(header, /^NAMESPACE\s+NAME\s+PHASE\s+BACKEND\s+URL\s+READY\s+AGE$/);
    assert.match(row, /^my-app\s+my-agent\s+Running\s+http:\/\/my-agent\.my-app\.svc\.cluster\.local\s+2\s+\d+[smh]/);
    const wide = await kubectl(h, ['get', 'deploy', '-n', 'my-app', '-o', 'wide']);
    assert.match(wide.stdout, /my-agent\s+2\/2\s+2\s+2\s+\S+\s+agent\s+ghcr.io\/example\/my-agent:v1.0.0\s+\S*flokoa.ai\/agent=my-agent/);
    const ns = await kubectl(h, ['get', 'ns', 'default']);
    assert.match(ns.stdout, /^NAME\s+STATUS\s+AGE\ndefault\s+Active\s+/);
  });

  test('api-resources and explain read discovery and the OpenAPI v3 documents', async () => {
    const r = await kubectl(h, ['api-resources', '--api-group=agent.flokoa.ai']);
    assert.equal(r.code, 0, r.stderr);
    // Short names as the operator's CRDs have them: none for Agent, awf for AgentWorkflow.
    assert.match(r.stdout, /^agents\s+agent.flokoa.ai\/v1alpha1\s+true\s+Agent$/m);
    assert.match(r.stdout, /^agentworkflows\s+awf\s+agent.flokoa.ai\/v1alpha1\s+true\s+AgentWorkflow$/m);
    const e = await kubectl(h, ['explain', 'agent.spec.runtime.spec.replicas']);
    assert.equal(e.code, 0, e.stderr);
    assert.match(e.stdout, /KIND:\s+Agent/);
    assert.match(e.stdout, /FIELD: replicas <integer>/);
  });

  test('-o json and -o yaml return the stored objects', async () => {
    const j = JSON.parse((await kubectl(h, ['get', 'agent', 'my-agent', '-n', 'my-app', '-o', 'json'])).stdout);
    assert.equal(j.kind, 'Agent');
    assert.equal(j.apiVersion, 'agent.flokoa.ai/v1alpha1');
    assert.equal(j.status.url, 'http://my-agent.my-app.svc.cluster.local');
    assert.ok(j.metadata.uid && j.metadata.resourceVersion && j.metadata.creationTimestamp);
    const list = parseYaml((await kubectl(h, ['get', 'pods', '-n', 'my-app', '-l', 'flokoa.ai/agent=my-agent', '-o', 'yaml'])).stdout);
    assert.equal(list.kind, 'List');
    assert.equal(list.items.length, 2);
    assert.ok(list.items.every((p: any) => p.status.phase === 'Running'));
  });

  test('label selectors with set operators and field selectors', async () => {
    const notin = await kubectl(h, ['get', 'pods', '-A', '-l', 'flokoa.ai/agent notin (my-agent)', '-o', 'name']);
    assert.equal(notin.stdout.trim(), '');
    const exists = await kubectl(h, [
      'get',
      'deploy',
      '-A',
      '-l',
      'flokoa.ai/agent,app.kubernetes.io/managed-by=flokoa-operator',
      '-o',
      'name',
    ]);
    assert.equal(exists.stdout.trim(), 'deployment.apps/my-agent');
    const byName = await kubectl(h, ['get', 'models', '-A', '--field-selector', 'metadata.name=shared-gpt-4o', '-o', 'name']);
    assert.equal(byName.stdout.trim(), 'model.agent.flokoa.ai/shared-gpt-4o');
    const bad = await kubectl(h, ['get', 'models', '-A', '--field-selector', 'spec.model=gpt-4o']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /field label not supported: spec.model/);
  });

  // The timeout only bounds a hang if the expected line never comes; the test waits for lines.
  test('get -w streams changes as they happen', { timeout: 60_000 }, async () => {
    const w = kubectlStream(h, ['get', 'agents', '-n', 'my-app', '-w']);
    try {
      await w.waitFor((l) => /^my-agent\s.*\sRunning\s/.test(l));
      await h.sim.apply({
        apiVersion: 'agent.flokoa.ai/v1alpha1',
        kind: 'Agent',
        metadata: { name: 'watched', namespace: 'my-app' },
        spec: { runtime: { type: 'standard', spec: { replicas: 1, container: { name: 'agent', image: 'ghcr.io/example/w:v1' } } } },
      });
      await w.waitFor((l) => /^watched\s/.test(l));
      await w.waitFor((l) => /^watched\s+Running\s.*\s1\s+\d+[smh]/.test(l));
    } finally {
      w.kill();
    }
  });
});

const AGENT = (image: string, extra = ''): string => `apiVersion: agent.flokoa.ai/v1alpha1
kind: Agent
metadata:
  name: applied
  namespace: my-app
spec:
  framework: langchain
  model:
    name: shared-gpt-4o
    namespace: shared-models
  runtime:
    type: standard
    spec:
      replicas: 1
      container:
        name: agent
        image: ${image}${extra}
`;

describe('kubectl apply', () => {
  test('creates, updates and reports unchanged', async () => {
    const file = writeFile(h, 'agent.yaml', AGENT('ghcr.io/example/a:v1'));
    assert.match((await kubectl(h, ['apply', '-f', file])).stdout, /agent.agent.flokoa.ai\/applied created/);
    writeFile(h, 'agent.yaml', AGENT('ghcr.io/example/a:v2'));
    const upd = await kubectl(h, ['apply', '-f', file]);
    assert.equal(upd.stderr, '');
    assert.match(upd.stdout, /agent.agent.flokoa.ai\/applied configured/);
    assert.match((await kubectl(h, ['apply', '-f', file])).stdout, /applied unchanged/);
    const stored = h.sim.get('agents', 'applied', 'my-app')!;
    assert.equal((stored.spec as any).runtime.spec.container.image, 'ghcr.io/example/a:v2');
    assert.equal(stored.metadata.generation, 2);
    assert.ok(stored.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']);
    const dep = await h.sim.waitFor('deployments', (d) => (d.spec as any).template.spec.containers[0].image === 'ghcr.io/example/a:v2', {
      namespace: 'my-app',
      name: 'applied',
    });
    assert.equal(dep.metadata.ownerReferences?.[0].kind, 'Agent');
  });

  test('server-side field validation: unknown fields are refused with --validate=strict', async () => {
    const file = writeFile(
      h,
      'bad.yaml',
      AGENT('ghcr.io/example/a:v2', '\n        bogus: 1').replace('framework: langchain', 'framework: langchain\n  replica: 2'),
    );
    const r = await kubectl(h, ['apply', '-f', file]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot be handled as a Agent: strict decoding error: /);
    assert.match(r.stderr, /unknown field "spec.replica"/);
    assert.match(r.stderr, /unknown field "spec.runtime.spec.container.bogus"/);
  });

  test('invalid values are 422 with the field path', async () => {
    const file = writeFile(
      h,
      'invalid.yaml',
      AGENT('ghcr.io/example/a:v2').replace('replicas: 1', 'replicas: -1').replace('langchain', 'spring'),
    );
    const r = await kubectl(h, ['apply', '-f', file]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /The Agent "applied" is invalid/);
    assert.match(r.stderr, /spec.framework: Unsupported value: "spring": supported values: "pydantic-ai", "langchain"/);
    assert.match(
      r.stderr,
      /spec.runtime.spec.replicas: Invalid value: -1: spec.runtime.spec.replicas in body should be greater than or equal to 0/,
    );
  });

  test('built-in kinds get a strategic merge patch (lists merged by key)', async () => {
    const dep = (env: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.25
        env: [${env}]
`;
    const file = writeFile(h, 'dep.yaml', dep('{name: A, value: "1"}'));
    assert.equal((await kubectl(h, ['apply', '-f', file])).code, 0);
    writeFile(h, 'dep.yaml', dep('{name: A, value: "1"}, {name: B, value: "2"}'));
    const r = await kubectl(h, ['apply', '-f', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const env = (h.sim.get('deployments', 'web', 'default')!.spec as any).template.spec.containers[0].env;
    assert.deepEqual(env, [
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
  });

  test('--dry-run=server validates and stores nothing', async () => {
    const file = writeFile(h, 'dry.yaml', AGENT('ghcr.io/example/a:v9').replace('name: applied', 'name: dry'));
    const r = await kubectl(h, ['apply', '-f', file, '--dry-run=server']);
    assert.match(r.stdout, /agent.agent.flokoa.ai\/dry created \(server dry run\)/);
    assert.equal(h.sim.get('agents', 'dry', 'my-app'), undefined);
  });
});

describe('kubectl patch', () => {
  test('JSON patch with a test of the old value; a failed test is refused without detail', async () => {
    const ok = await kubectl(h, [
      'patch',
      'agent',
      'my-agent',
      '-n',
      'my-app',
      '--type=json',
      '-p',
      '[{"op":"test","path":"/spec/runtime/spec/container/image","value":"ghcr.io/example/my-agent:v1.0.0"},{"op":"replace","path":"/spec/runtime/spec/container/image","value":"ghcr.io/example/my-agent:v1.1.0"}]',
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    const stale = await kubectl(h, [
      'patch',
      'agent',
      'my-agent',
      '-n',
      'my-app',
      '--type=json',
      '-p',
      '[{"op":"test","path":"/spec/runtime/spec/container/image","value":"ghcr.io/example/my-agent:v1.0.0"},{"op":"replace","path":"/spec/runtime/spec/container/image","value":"ghcr.io/example/my-agent:v9"}]',
    ]);
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, /The request is invalid: the server rejected our request due to an error in our request/);
    assert.equal((h.sim.get('agents', 'my-agent', 'my-app')!.spec as any).runtime.spec.container.image, 'ghcr.io/example/my-agent:v1.1.0');
  });

  test('merge patch on a custom resource; strategic is refused for it', async () => {
    const m = await kubectl(h, [
      'patch',
      'model',
      'shared-gpt-4o',
      '-n',
      'shared-models',
      '--type=merge',
      '-p',
      '{"spec":{"parameters":{"maxTokens":100}}}',
    ]);
    assert.equal(m.code, 0, m.stderr);
    assert.equal((h.sim.get('models', 'shared-gpt-4o', 'shared-models')!.spec as any).parameters.maxTokens, 100);
    assert.equal((h.sim.get('models', 'shared-gpt-4o', 'shared-models')!.spec as any).parameters.temperature, '0.7');
    const s = await kubectl(h, ['patch', 'model', 'shared-gpt-4o', '-n', 'shared-models', '-p', '{"spec":{"model":"x"}}']);
    assert.equal(s.code, 1);
    assert.match(s.stderr, /UnsupportedMediaType|not supported/);
  });

  test('strategic merge patch on a Deployment merges containers by name', async () => {
    const r = await kubectl(h, [
      'patch',
      'deploy',
      'web',
      '-n',
      'default',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.36"}]}}}}',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const names = (h.sim.get('deployments', 'web', 'default')!.spec as any).template.spec.containers.map((c: any) => c.name);
    assert.deepEqual(names, ['web', 'sidecar']);
  });
});

describe('kubectl rollout status', () => {
  test('completes for a good image', async () => {
    const r = await kubectl(h, ['rollout', 'status', 'deployment/my-agent', '-n', 'my-app', '--timeout=60s']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /deployment "my-agent" successfully rolled out/);
  });

  test('set image, rollout undo and history keep the revision bookkeeping of the real controller', async () => {
    const set = await kubectl(h, ['set', 'image', 'deployment/web', 'web=nginx:1.27', '-n', 'default']);
    assert.equal(set.code, 0, set.stderr);
    assert.equal((await kubectl(h, ['rollout', 'status', 'deployment/web', '--timeout=60s'])).code, 0);
    const undo = await kubectl(h, ['rollout', 'undo', 'deployment/web']);
    assert.equal(undo.code, 0, undo.stderr);
    assert.equal((await kubectl(h, ['rollout', 'status', 'deployment/web', '--timeout=60s'])).code, 0);
    const history = await kubectl(h, ['rollout', 'history', 'deployment/web']);
    const revisions = history.stdout
      .split('\n')
      .filter((l) => /^\d+\s/.test(l))
      .map((l) => l.split(/\s+/)[0]);
    // The rolled-back template's ReplicaSet becomes the newest revision; its old number disappears.
    assert.equal(revisions.length, new Set(revisions).size);
    assert.equal(revisions.at(-1), String(Math.max(...revisions.map(Number))));
    const dep = h.sim.get('deployments', 'web', 'default')!;
    assert.equal(dep.metadata.annotations?.['deployment.kubernetes.io/revision'], revisions.at(-1));
    assert.notEqual((dep.spec as any).template.spec.containers[0].image, 'nginx:1.27');
  });

  test('reports the progress deadline for an image that cannot be pulled', async () => {
    await h.sim.apply({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'broken', namespace: 'default' },
      spec: {
        replicas: 1,
        progressDeadlineSeconds: 30,
        selector: { matchLabels: { app: 'broken' } },
        template: { metadata: { labels: { app: 'broken' } }, spec: { containers: [{ name: 'c', image: 'ghcr.io/example/pullfail:v1' }] } },
      },
    });
    const r = await kubectl(h, ['rollout', 'status', 'deployment/broken', '--timeout=60s']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /deployment "broken" exceeded its progress deadline/);
    const pods = await kubectl(h, ['get', 'pods', '-l', 'app=broken']);
    assert.match(pods.stdout, /ErrImagePull|ImagePullBackOff/);
    const events = await kubectl(h, ['get', 'events', '--field-selector', 'reason=Failed']);
    assert.match(events.stdout, /Failed to pull image "ghcr.io\/example\/pullfail:v1"/);
  });
});

describe('kubectl delete', () => {
  test('deleting an Agent garbage-collects its Deployment, Service, ReplicaSets and Pods', async () => {
    const rs = h.sim.list('replicasets', 'my-app').filter((r) => r.metadata.name!.startsWith('applied-'));
    assert.ok(rs.length > 0);
    const r = await kubectl(h, ['delete', 'agent', 'applied', '-n', 'my-app']);
    assert.match(r.stdout, /agent.agent.flokoa.ai "applied" deleted/);
    await waitForDeletion(h.sim, 'deployments', 'applied', 'my-app');
    await waitForDeletion(h.sim, 'services', 'applied', 'my-app');
    for (const x of rs) await waitForDeletion(h.sim, 'replicasets', x.metadata.name!, 'my-app');
    const notFound = await kubectl(h, ['get', 'agent', 'applied', '-n', 'my-app']);
    assert.match(notFound.stderr, /Error from server \(NotFound\): agents.agent.flokoa.ai "applied" not found/);
  });
});

describe('kubectl delete of pods and namespaces', () => {
  test('a running pod turns Terminating, is stopped by the kubelet and replaced; a namespace goes away with its contents', async () => {
    await h.sim.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'short-lived' } });
    await h.sim.apply({
      apiVersion: 'agent.flokoa.ai/v1alpha1',
      kind: 'Agent',
      metadata: { name: 'brief', namespace: 'short-lived' },
      spec: { runtime: { type: 'standard', spec: { replicas: 1, container: { name: 'agent', image: 'ghcr.io/example/b:v1' } } } },
    });
    const pod = await h.sim.waitFor('pods', (p) => (p.status as any)?.phase === 'Running', { namespace: 'short-lived' });
    const del = await kubectl(h, ['delete', 'pod', pod.metadata.name!, '-n', 'short-lived']);
    assert.equal(del.code, 0, del.stderr);
    assert.equal(h.sim.get('pods', pod.metadata.name!, 'short-lived'), undefined, 'kubectl delete waits until the pod is gone');
    const killing = h.sim
      .list('events', 'short-lived')
      .find((e) => e.reason === 'Killing' && (e.involvedObject as any).name === pod.metadata.name);
    assert.equal(killing?.message, 'Stopping container agent');
    await h.sim.waitFor('pods', (p) => p.metadata.name !== pod.metadata.name && (p.status as any)?.phase === 'Running', {
      namespace: 'short-lived',
    });
    const ns = await kubectl(h, ['delete', 'namespace', 'short-lived']);
    assert.equal(ns.code, 0, ns.stderr);
    assert.equal(h.sim.get('namespaces', 'short-lived'), undefined);
    assert.equal([...h.sim.store.entries()].filter(([, o]) => o.metadata.namespace === 'short-lived').length, 0);
  });
});

describe('RBAC', () => {
  test('auth can-i answers from stored RBAC for users of --users', async () => {
    const denied = await kubectl(h, ['--context', 'alice', 'auth', 'can-i', 'get', 'agents', '-n', 'my-app']);
    assert.equal(denied.stdout.trim(), 'no');
    assert.equal(denied.code, 1);
    const forbidden = await kubectl(h, ['--context', 'alice', 'get', 'agent', 'my-agent', '-n', 'my-app']);
    assert.match(
      forbidden.stderr,
      /agents.agent.flokoa.ai "my-agent" is forbidden: User "alice" cannot get resource "agents" in API group "agent.flokoa.ai" in the namespace "my-app"/,
    );
    const grant = await kubectl(h, ['create', 'rolebinding', 'devs-view', '--clusterrole=view', '--group=devs', '-n', 'my-app']);
    assert.equal(grant.code, 0, grant.stderr);
    const allowed = await kubectl(h, ['--context', 'alice', 'auth', 'can-i', 'get', 'agents', '-n', 'my-app']);
    assert.equal(allowed.stdout.trim(), 'yes');
    const secrets = await kubectl(h, ['--context', 'alice', 'auth', 'can-i', 'get', 'secrets', '-n', 'my-app']);
    assert.equal(secrets.stdout.trim(), 'no');
    const bob = await kubectl(h, ['--context', 'bob', 'auth', 'can-i', 'get', 'agents', '-n', 'my-app']);
    assert.equal(bob.stdout.trim(), 'no');
  });

  test('service accounts through Roles, RoleBindings and impersonation', async () => {
    const role = await kubectl(h, [
      'create',
      'role',
      'model-reader',
      '--verb=get,list',
      '--resource=models.agent.flokoa.ai',
      '-n',
      'shared-models',
    ]);
    assert.equal(role.code, 0, role.stderr);
    const rb = await kubectl(h, [
      'create',
      'rolebinding',
      'my-agent-models',
      '--role=model-reader',
      '--serviceaccount=my-app:my-agent-sa',
      '-n',
      'shared-models',
    ]);
    assert.equal(rb.code, 0, rb.stderr);
    const yes = await kubectl(h, [
      'auth',
      'can-i',
      'list',
      'models',
      '-n',
      'shared-models',
      '--as=system:serviceaccount:my-app:my-agent-sa',
    ]);
    assert.equal(yes.stdout.trim(), 'yes');
    const no = await kubectl(h, ['auth', 'can-i', 'list', 'models', '-n', 'shared-models', '--as=system:serviceaccount:my-app:default']);
    assert.equal(no.stdout.trim(), 'no');
  });

  test('kubectl create of typed kinds (protobuf bodies)', async () => {
    for (const args of [
      ['create', 'namespace', 'made-by-kubectl'],
      ['create', 'secret', 'generic', 'creds', '--from-literal=api-key=x', '-n', 'made-by-kubectl'],
      ['create', 'configmap', 'cfg', '--from-literal=a=b', '-n', 'made-by-kubectl'],
      ['create', 'serviceaccount', 'robot', '-n', 'made-by-kubectl'],
      ['create', 'deployment', 'hello', '--image=ghcr.io/example/hello:v1', '--replicas=2', '-n', 'made-by-kubectl'],
    ]) {
      const r = await kubectl(h, args);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    }
    const secret = h.sim.get('secrets', 'creds', 'made-by-kubectl')!;
    assert.equal(Buffer.from((secret.data as any)['api-key'], 'base64').toString(), 'x');
    const r = await kubectl(h, ['rollout', 'status', 'deployment/hello', '-n', 'made-by-kubectl', '--timeout=60s']);
    assert.equal(r.code, 0, r.stderr);
  });
});
