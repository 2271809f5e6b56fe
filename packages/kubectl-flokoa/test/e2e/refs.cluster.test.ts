// `kubectl flokoa refs` against cluster-sim, through the real kubectl binary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { parse, parseAllDocuments } from 'yaml';
import { spawnSync } from 'node:child_process';
import { flokoa, run } from './kubectl.js';
import { startTestCluster, type TestCluster } from './sim.js';

let c: TestCluster;
before(async () => {
  c = await startTestCluster();
  // The operator marks objects Ready once their references resolve: wait for that signal.
  const waits = [
    ['--for=condition=Ready', 'modelprovider/openai-provider', 'shared-resources'],
    ['--for=condition=Ready', 'model/shared-gpt-4o', 'shared-models'],
    ['--for=condition=Ready', 'agenttool/weather-api', 'my-app'],
    ['--for=condition=Ready=false', 'modelprovider/keyless-provider', 'shared-resources'],
  ];
  for (const [cond, obj, ns] of waits) {
    const w = await run(['wait', cond, obj, '-n', ns, '--timeout=60s'], { env: c.env });
    assert.equal(w.code, 0, w.stderr);
  }
});
after(() => c?.stop());

test('refs AGENT: the chain with readiness and key presence; exit 0; no secret value anywhere', async () => {
  const r = await flokoa(['refs', 'good-agent', '-n', 'my-app'], { env: c.env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^agent\/good-agent \(namespace my-app, serviceaccount my-agent-sa\)/);
  assert.match(
    r.stdout,
    /├─ Model shared-models\/shared-gpt-4o {2}Ready {2}\/spec\/model\n│ {2}└─ ModelProvider shared-resources\/openai-provider {2}Ready {2}\/spec\/providerRef\n│ {5}└─ Secret shared-resources\/openai-credentials {2}exists {2}key "api-key" present/,
  );
  assert.match(r.stdout, /AgentTool my-app\/weather-api {2}Ready.*\n│ {2}└─ Service my-app\/weather-svc {2}exists/);
  assert.match(r.stdout, /Secret my-app\/agent-secrets {2}exists {2}key "api-key" present/);
  assert.ok(!/sk-never-printed|c2stbmV2ZXI/.test(r.stdout + r.stderr), 'no secret value, plain or base64');
  const json = await flokoa(['refs', 'good-agent', '-n', 'my-app', '-o', 'json'], { env: c.env });
  assert.ok(!/sk-never-printed|c2stbmV2ZXI/.test(json.stdout));
});

test('refs -n NS: missing (with hints), wrong kind and missing keys are shown; exit 1', async () => {
  const r = await flokoa(['refs', '-n', 'my-app'], { env: c.env });
  assert.equal(r.code, 1);
  assert.match(
    r.stdout,
    /Model my-app\/shared-gpt-4o {2}MISSING: .*exists in namespace "shared-models" \(missing namespace: on the reference\?\)/,
  );
  assert.match(r.stdout, /AgentTool my-app\/weather-apii {2}MISSING: .*did you mean "weather-api"\?/);
  assert.match(r.stdout, /Secret my-app\/agent-secrets {2}KEY MISSING: .*no key "other-key" \(keys: api-key\)/);
  assert.match(r.stdout, /Model my-app\/weather-api {2}WRONG KIND: no Model "weather-api", but there is an AgentTool of that name/);
  assert.match(r.stdout, /Secret shared-resources\/openai-credentials {2}KEY MISSING: .*"wrong-key"/);
  assert.match(r.stdout, /ModelProvider shared-resources\/keyless-provider {2}NOT READY: /);
  assert.equal(r.stderr, 'error: 5 broken references\n');
});

test('forbidden: a user who may read only my-app sees FORBIDDEN nodes and the walk goes on', async () => {
  const r = await flokoa(['refs', 'good-agent', '-n', 'my-app', '--context', 'alice'], { env: c.env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Model shared-models\/shared-gpt-4o {2}FORBIDDEN: you may not get models in namespace "shared-models"/);
  assert.match(r.stdout, /AgentTool my-app\/weather-api {2}Ready/);
  assert.match(r.stdout, /1 root, 5 references: 0 broken, 1 forbidden/);
  const all = await flokoa(['refs', '-A', '--context', 'alice'], { env: c.env });
  assert.equal(all.code, 1);
  assert.equal(all.stderr, 'error: forbidden: you may not list agents at the cluster scope (try -n NAMESPACE)\n');
  const outside = await flokoa(['refs', 'x', '-n', 'shared-models', '--context', 'alice'], { env: c.env });
  assert.match(outside.stderr, /^error: forbidden: you may not get agent "x" in namespace "shared-models"\n$/);
});

test('--reverse: every dependent of a Secret, through providers and models to agents', async () => {
  const r = await flokoa(['refs', '--reverse', 'secret/openai-credentials', '-n', 'shared-resources'], { env: c.env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^secret\/openai-credentials \(namespace shared-resources\) {2}exists\n/);
  assert.match(
    r.stdout,
    /ModelProvider shared-resources\/openai-provider {2}Ready {2}via \/spec\/apiKeySecretRef key "api-key"\n {3}└─ Model shared-models\/shared-gpt-4o {2}Ready {2}via \/spec\/providerRef\n {6}└─ Agent my-app\/good-agent/,
  );
  // -A: every namespace with an object of that name or a reference to one, not the context's namespace.
  const all = await flokoa(['refs', '--reverse', 'secret/openai-credentials', '-A'], { env: c.env });
  assert.equal(all.code, 0, all.stderr);
  assert.equal(all.stdout.split('\n')[0], 'secret/openai-credentials (namespace shared-resources)  exists');
  assert.match(all.stdout, /ModelProvider shared-resources\/openai-provider {2}Ready {2}via \/spec\/apiKeySecretRef key "api-key"/);
  assert.ok(!all.stdout.includes('namespace default'), all.stdout);
  const list = JSON.parse((await flokoa(['refs', '--reverse', 'model/shared-gpt-4o', '-A', '-o', 'json'], { env: c.env })).stdout);
  assert.deepEqual(
    list.items.map((r: { target: { namespace: string; exists: boolean } }) => `${r.target.namespace}:${r.target.exists}`),
    ['my-app:false', 'shared-models:true'],
  );
  const model = await flokoa(['refs', '--reverse', 'model/shared-gpt-4o', '-n', 'shared-models', '-o', 'json'], { env: c.env });
  const report = JSON.parse(model.stdout);
  assert.deepEqual(
    report.dependents.map((d: { name: string }) => d.name),
    ['good-agent'],
  );
});

test('--check-rbac asks the API; --fix-rbac prints exactly the missing grant; applied, the check passes', async () => {
  const check = await flokoa(['refs', 'good-agent', '-n', 'my-app', '--check-rbac'], { env: c.env });
  assert.equal(check.code, 1, check.stdout);
  assert.match(
    check.stdout,
    /Model shared-models\/shared-gpt-4o {2}Ready {2}rbac: get allowed, list allowed for serviceaccount my-app:my-agent-sa/,
  );
  assert.match(check.stdout, /ModelProvider shared-resources\/openai-provider {2}Ready {2}rbac: get DENIED, list DENIED/);
  assert.match(check.stdout, /\n1 root, \d+ references: 1 broken \(1 denied by RBAC\), 0 forbidden, 0 not ready\n$/);
  // What the namespace already has is never replaced: a Role named as ours would be that grants other
  // kinds keeps its name and rules; a Role that already grants enough is bound as it is.
  const theirs = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: modelprovider-reader, namespace: shared-resources}
rules: [{apiGroups: [agent.flokoa.ai], resources: [models, agenttools], verbs: [get, list, watch]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: provider-viewer, namespace: shared-resources}
rules: [{apiGroups: [agent.flokoa.ai], resources: ['*'], verbs: [get, list, watch]}]
`;
  assert.equal((await run(['apply', '-f', '-'], { env: c.env, input: theirs })).code, 0);
  const docsOf = (text: string) => parseAllDocuments(text).map((d) => d.toJS());
  const names = (docs: { kind: string; metadata: { namespace: string; name: string } }[]) =>
    docs.map((d) => `${d.kind} ${d.metadata.namespace}/${d.metadata.name}`);
  const bind = await flokoa(['refs', 'good-agent', '-n', 'my-app', '--fix-rbac'], { env: c.env });
  assert.equal(bind.code, 0, bind.stderr);
  const bound = docsOf(bind.stdout);
  assert.deepEqual(names(bound), ['RoleBinding shared-resources/my-app-my-agent-sa-provider-viewer']);
  assert.equal(bound[0].roleRef.name, 'provider-viewer');
  assert.equal((await run(['delete', 'role', 'provider-viewer', '-n', 'shared-resources'], { env: c.env })).code, 0);
  const fix = await flokoa(['refs', 'good-agent', '-n', 'my-app', '--fix-rbac'], { env: c.env });
  assert.equal(fix.code, 0, fix.stderr);
  const docs = docsOf(fix.stdout);
  assert.deepEqual(names(docs), [
    'Role shared-resources/modelprovider-reader-2',
    'RoleBinding shared-resources/my-app-my-agent-sa-modelprovider-reader-2',
  ]);
  assert.deepEqual(docs[0].rules, [{ apiGroups: ['agent.flokoa.ai'], resources: ['modelproviders'], verbs: ['get', 'list'] }]);
  const apply = await run(['apply', '-f', '-'], { env: c.env, input: fix.stdout });
  assert.equal(apply.code, 0, apply.stderr);
  const again = await flokoa(['refs', 'good-agent', '-n', 'my-app', '--check-rbac', '-o', 'yaml'], { env: c.env });
  assert.equal(again.code, 0, again.stdout);
  assert.equal(parse(again.stdout).summary.rbacDenied, 0);
  const kept = await run(['get', 'role', 'modelprovider-reader', '-n', 'shared-resources', '-o', 'jsonpath={.rules[0].resources}'], {
    env: c.env,
  });
  assert.equal(kept.stdout, '["models","agenttools"]');
});

test('CRD short names as the cluster serves them (kubectl api-resources): ag/NAME, --reverse mp/NAME', async () => {
  for (const [crd, short] of [
    ['agents.agent.flokoa.ai', 'ag'],
    ['modelproviders.agent.flokoa.ai', 'mp'],
  ]) {
    const patch = await run(
      ['patch', 'crd', crd, '--type=json', '-p', `[{"op":"add","path":"/spec/names/shortNames","value":["${short}"]}]`],
      { env: c.env },
    );
    assert.equal(patch.code, 0, patch.stderr);
  }
  const resources = await run(['api-resources', '--api-group=agent.flokoa.ai', '--no-headers'], { env: c.env });
  assert.match(resources.stdout, /^agents\s+ag\s+/m);
  const r = await flokoa(['refs', 'ag/good-agent', '-n', 'my-app'], { env: c.env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^agent\/good-agent \(namespace my-app/);
  const rev = await flokoa(['refs', '--reverse', 'mp/openai-provider', '-n', 'shared-resources'], { env: c.env });
  assert.equal(rev.code, 0, rev.stderr);
  assert.match(
    rev.stdout,
    /^modelprovider\/openai-provider \(namespace shared-resources\) {2}exists\n.*Model shared-models\/shared-gpt-4o/,
  );
  const unknown = await flokoa(['refs', 'zz/x', '-n', 'my-app'], { env: c.env });
  assert.equal(unknown.stderr, 'error: the server doesn\'t have a resource type "zz" that flokoa refs knows\n');
});

test('API requests do not grow with the number of references', async () => {
  const count = async (args: string[]) => {
    const before = c.requests();
    const r = await flokoa(args, { env: c.env });
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    return c.requests() - before;
  };
  const allBefore = await count(['refs', '-A', '-o', 'json']);
  const nsBefore = await count(['refs', '-n', 'my-app', '-o', 'json']);
  // Twenty more agents, each with four more references into the same kinds and namespaces.
  const more = Array.from(
    { length: 20 },
    (_, i) => `apiVersion: agent.flokoa.ai/v1alpha1
kind: Agent
metadata: {name: extra-${i}, namespace: my-app}
spec:
  model: {name: shared-gpt-4o, namespace: shared-models}
  tools: [{toolRef: {name: weather-api}}, {toolRef: {name: ghost-${i}}}]
  runtime:
    type: standard
    spec:
      container:
        name: agent
        image: ghcr.io/example/agent:v1.0.0
        env: [{name: K, valueFrom: {secretKeyRef: {name: agent-secrets, key: api-key}}}]
`,
  ).join('---\n');
  const apply = await run(['apply', '-f', '-'], { env: c.env, input: more });
  assert.equal(apply.code, 0, apply.stderr);
  assert.equal(await count(['refs', '-A', '-o', 'json']), allBefore);
  assert.equal(await count(['refs', '-n', 'my-app', '-o', 'json']), nsBefore);
  const json = await flokoa(['refs', '-A', '-o', 'json'], { env: c.env });
  assert.ok(!('requests' in JSON.parse(json.stdout)), 'what a run cost is no data about references');
  const del = await run(['delete', 'agents', '-n', 'my-app', ...Array.from({ length: 20 }, (_, i) => `extra-${i}`)], { env: c.env });
  assert.equal(del.code, 0, del.stderr);
});

test('on a terminal, tree lines fit its width: a long explanation wraps under its node, inside the tree', async (t) => {
  if (spawnSync('script', ['--version']).error) return t.skip('no `script` binary for a pseudo-terminal');
  const tty = await run([], {
    env: c.env,
    command: ['script', '-qfec', `sh -c 'stty cols 100 rows 40; kubectl flokoa refs -n my-app; echo EXIT=$?'`, '/dev/null'],
  });
  const lines = tty.stdout
    .replace(/\x1b\[[0-9;]*m/g, '')
    .replace(/\r/g, '')
    .split('\n');
  assert.ok(
    lines.some((l) => l === 'EXIT=1'),
    tty.stdout,
  );
  const wide = lines.filter((l) => l.length > 100);
  assert.deepEqual(wide, [], 'no line wider than the terminal');
  const i = lines.indexOf('├─ AgentTool my-app/weather-apii  MISSING');
  assert.ok(i >= 0, tty.stdout);
  assert.equal(lines[i + 1], '│     AgentTool my-app/weather-apii not found; did you mean "weather-api"? /spec/tools/0/toolRef');
});

test('wide output: one row per reference', async () => {
  const r = await flokoa(['refs', 'good-agent', '-n', 'my-app', '-o', 'wide'], { env: c.env });
  assert.equal(r.code, 0);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^NAMESPACE\s+ROOT\s+FIELD\s+TARGET/);
  assert.equal(lines.length, 1 + 7);
});

test('connection flags: --user and --token pick the identity; -n default from the context; unknown context', async () => {
  const asUser = await flokoa(['refs', 'good-agent', '-n', 'my-app', '--user', 'alice'], { env: c.env });
  assert.match(asUser.stdout, /Model shared-models\/shared-gpt-4o {2}FORBIDDEN/);
  const asToken = await flokoa(['refs', 'good-agent', '-n', 'my-app', '--token', 'alice-token'], { env: c.env });
  assert.match(asToken.stdout, /Model shared-models\/shared-gpt-4o {2}FORBIDDEN/);
  const bad = await flokoa(['refs', '-n', 'my-app', '--token', 'wrong'], { env: c.env });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^error: You must be logged in to the server \(Unauthorized\)/);
  const ctx = await flokoa(['refs', '--context', 'nope'], { env: c.env });
  assert.equal(ctx.stderr, 'error: context "nope" does not exist\n');
  // The admin context's namespace is "default", where there are no agents.
  const none = await flokoa(['refs'], { env: c.env });
  assert.equal(none.code, 0);
  assert.equal(none.stderr, 'No agents found in default namespace.\n');
});

test('completion offers agent names and namespaces from the cluster', async () => {
  const r = await run(['__complete', 'flokoa', 'refs', '-n', 'my-app', 'good'], { env: c.env });
  assert.deepEqual(r.stdout.trim().split('\n'), ['good-agent', ':4']);
  const ns = await run(['__complete', 'flokoa', 'refs', '-n', 'shared-'], { env: c.env });
  assert.deepEqual(ns.stdout.trim().split('\n'), ['shared-models', 'shared-resources', ':4']);
  const image = await run(['__complete', 'flokoa', 'patch-image', 'good-agent', '-n', 'my-app', ''], { env: c.env });
  assert.match(image.stdout, /^ghcr\.io\/example\/agent:\S+\n:4\n$/);
  // --dry-run has a value without one (client): the word after it is the next argument, as the parser reads it.
  const afterDryRun = await run(['__complete', 'flokoa', 'patch-image', 'good-agent', '-n', 'my-app', '--dry-run', ''], { env: c.env });
  assert.match(afterDryRun.stdout, /^ghcr\.io\/example\/agent:\S+\n:4\n$/);
  const value = await run(['__complete', 'flokoa', 'patch-image', '--dry-run=s'], { env: c.env });
  assert.equal(value.stdout, '--dry-run=server\n:4\n');
  const parsed = await flokoa(['patch-image', 'good-agent', 'ghcr.io/example/agent:v1.0.0', '-n', 'my-app', '--dry-run', 'server'], {
    env: c.env,
  });
  assert.equal(parsed.stderr, 'error: "kubectl flokoa patch-image" takes at most AGENT IMAGE; unexpected "server"\n');
});
