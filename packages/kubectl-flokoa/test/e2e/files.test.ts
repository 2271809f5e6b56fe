// `kubectl flokoa refs -f`: no cluster at all, through the real kubectl binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { Workspace } from '@flokoa/core';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { FIXTURES, flokoa, run } from './kubectl.js';

const gitops = join(FIXTURES, 'gitops');

/** Error-level findings of the linter's engine on every manifest under a folder. */
function lintErrors(dir: string): number {
  const ws = new Workspace();
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f));
  for (const f of files) ws.setFile(pathToFileURL(join(dir, f)).href, readFileSync(join(dir, f), 'utf8'));
  return ws
    .uris()
    .flatMap((u) => ws.analyze(u))
    .filter((f) => f.severity === 'error').length;
}
const noCluster = { KUBECONFIG: '/nonexistent/kubeconfig', HOME: '/nonexistent' };

test('refs -f DIR -R: the whole tree, broken references explained, exit 1', async () => {
  const run1 = await flokoa(['refs', '-f', gitops, '-R'], { env: noCluster });
  // Without the file:line locations (their own test below).
  const r = { ...run1, stdout: run1.stdout.replace(/ {1,2}\S+\.yaml:\d+$/gm, '') };
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stdout,
    /agent\/good-agent \(namespace my-app, serviceaccount my-agent-sa\)\n├─ Model shared-models\/shared-gpt-4o {2}exists {2}\/spec\/model\n│ {2}└─ ModelProvider shared-resources\/openai-provider {2}exists {2}\/spec\/providerRef\n│ {5}└─ Secret shared-resources\/openai-credentials {2}exists {2}key "api-key" present/,
  );
  assert.match(
    r.stdout,
    /Model my-app\/shared-gpt-4o {2}MISSING: .*exists in namespace "shared-models" \(missing namespace: on the reference\?\)/,
  );
  assert.match(r.stdout, /AgentTool my-app\/weather-apii {2}MISSING: .*did you mean "weather-api"\?/);
  assert.match(
    r.stdout,
    /Secret my-app\/agent-secrets {2}KEY MISSING: Secret my-app\/agent-secrets has no key "other-key" \(keys: api-key\)/,
  );
  assert.match(r.stdout, /Secret shared-resources\/openai-credentials {2}KEY MISSING: .*no key "wrong-key"/);
  assert.match(r.stdout, /Model my-app\/weather-api {2}WRONG KIND: no Model "weather-api", but there is an AgentTool of that name/);
  assert.ok(!r.stdout.includes('sk-never-printed'), 'secret values never printed');
  // The linter's policy: missing keys are warnings there, so they show here but do not fail the gate.
  assert.match(r.stderr, /^error: 3 broken references\n$/);
  assert.equal(lintErrors(gitops), 3, 'the linter (core, as flokoa-lsp check runs it) counts the same errors');
});

test('refs -f: one agent by name exits 0 when it is sound; without -R a folder is read flat', async () => {
  const ok = await flokoa(['refs', 'good-agent', '-f', join(gitops, 'apps'), '-f', join(gitops, 'shared')], { env: noCluster });
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /1 root, 7 references: 0 broken/);
  const flat = await flokoa(['refs', 'good-agent', '-f', gitops], { env: noCluster });
  assert.equal(flat.code, 1);
  const unread = `${join(gitops, 'apps')}, ${join(gitops, 'shared')}`;
  assert.equal(flat.stderr, `error: agent "good-agent" not found in ${gitops} (not read without -R: ${unread})\n`);
});

test('refs -f DIR without -R: a gate that read no Flokoa object fails instead of passing', async () => {
  const r = await flokoa(['refs', '-f', gitops], { env: noCluster });
  assert.equal(r.code, 1, r.stdout);
  assert.equal(r.stdout, '');
  const unread = `${join(gitops, 'apps')}, ${join(gitops, 'shared')}`;
  assert.equal(r.stderr, `error: no Agent or other Flokoa object with references found in ${gitops} (not read without -R: ${unread})\n`);
  const empty = mkdtempSync(join(tmpdir(), 'kf-empty-'));
  const none = await flokoa(['refs', '-f', empty], { env: noCluster });
  // When the gate checks something anyway, the subfolders it did not read are a warning.
  const partly = await flokoa(['refs', '-f', gitops, '-f', join(gitops, 'apps')], { env: noCluster });
  assert.match(partly.stderr, new RegExp(`^warning: subfolders not read without -R: ${unread}\n`));
  assert.equal(none.code, 1);
  assert.equal(none.stderr, `error: no Agent or other Flokoa object with references found in ${empty}\n`);
});

test('refs -f DIR on a kustomization renders it (bases outside it included), as the cluster will get it', async () => {
  const staging = await flokoa(['refs', '-f', join(FIXTURES, 'overlays', 'staging')], { env: noCluster });
  assert.equal(staging.code, 0, staging.stdout + staging.stderr);
  assert.match(
    staging.stdout,
    /^agent\/helper \(namespace team-staging, serviceaccount default\) {2}\S*overlays\/base\/agent\.yaml:2\n└─ Model team-staging\/fast-model {2}exists/m,
  );
  assert.match(staging.stdout, /└─ ModelProvider team-staging\/openai {2}exists/);
  // namePrefix renames the Model; kustomize does not rewrite an Agent's spec.model.name.
  const prod = await flokoa(['refs', '-f', join(FIXTURES, 'overlays', 'prod')], { env: noCluster });
  assert.equal(prod.code, 1, prod.stdout + prod.stderr);
  assert.match(
    prod.stdout,
    /^agent\/prod-helper \(namespace team-prod, serviceaccount default\) {2}\S*overlays\/base\/agent\.yaml:2\n└─ Model team-prod\/fast-model {2}MISSING: /m,
  );
});

test('refs -f: each object and reference says where it is written (file:line, relative to the working directory; after rendering, the base that wrote it)', async () => {
  const rel = (...p: string[]) => relative(process.cwd(), join(FIXTURES, ...p));
  const r = await flokoa(['refs', '-f', gitops, '-R'], { env: noCluster });
  const lines = r.stdout.split('\n');
  assert.ok(
    lines.includes(`agent/good-agent (namespace my-app, serviceaccount my-agent-sa)  ${rel('gitops', 'apps', 'agents.yaml')}:46`),
    r.stdout,
  );
  assert.ok(
    lines.includes(`├─ Model shared-models/shared-gpt-4o  exists  /spec/model ${rel('gitops', 'apps', 'agents.yaml')}:52`),
    r.stdout,
  );
  assert.ok(
    lines.includes(
      `│  └─ ModelProvider shared-resources/openai-provider  exists  /spec/providerRef ${rel('gitops', 'shared', 'provider.yaml')}:40`,
    ),
    r.stdout,
  );
  const json = await flokoa(['refs', '-f', join(FIXTURES, 'overlays', 'prod'), '-o', 'json'], { env: noCluster });
  const report = JSON.parse(json.stdout) as { roots: { name: string; location?: string; references: { location?: string }[] }[] };
  const agent = report.roots.find((x) => x.name === 'prod-helper');
  assert.equal(agent?.location, `${rel('overlays', 'base', 'agent.yaml')}:2`);
  assert.equal(agent?.references[0]?.location, `${rel('overlays', 'base', 'agent.yaml')}:8`);
});

test('refs -f -o json / yaml carry the same report', async () => {
  const j = await flokoa(['refs', '-f', gitops, '-R', '-o', 'json'], { env: noCluster });
  const report = JSON.parse(j.stdout);
  assert.equal(report.summary.broken, 3);
  const broken = report.roots.find((r: { name: string }) => r.name === 'broken-agent');
  assert.deepEqual(
    broken.references.map((n: { state: string }) => n.state),
    ['missing', 'missing', 'key-missing'],
  );
  const y = await flokoa(['refs', '-f', gitops, '-R', '-o', 'yaml'], { env: noCluster });
  assert.match(y.stdout, /^source: /);
  assert.match(y.stdout, /state: wrong-kind/);
});

test('refs -f --reverse: who depends on a Secret, transitively', async () => {
  const r = await flokoa(['refs', '--reverse', 'secret/openai-credentials', '-n', 'shared-resources', '-f', gitops, '-R'], {
    env: noCluster,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^secret\/openai-credentials \(namespace shared-resources\) {2}exists\n/);
  assert.match(
    r.stdout,
    /├─ ModelProvider shared-resources\/keyless-provider {2}via \/spec\/apiKeySecretRef key "wrong-key"\n│ {2}└─ Model shared-models\/keyless-model {2}via \/spec\/providerRef\n│ {5}└─ Agent my-app\/keyless-agent {2}via \/spec\/model/,
  );
  assert.match(
    r.stdout,
    /└─ ModelProvider shared-resources\/openai-provider.*\n {3}└─ Model shared-models\/shared-gpt-4o.*\n {6}└─ Agent my-app\/good-agent/,
  );
});

test('refs -f: unreadable YAML is reported with its position and fails the gate; bad paths one line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kf-bad-'));
  writeFileSync(join(dir, 'bad.yaml'), 'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: [x\n');
  const r = await flokoa(['refs', '-f', dir], { env: noCluster });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /bad\.yaml:\d+:\d+: .+\nerror: 1 problem reading the manifests\n$/);
  const missing = await flokoa(['refs', '-f', join(dir, 'nope')], { env: noCluster });
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, `error: the path "${join(dir, 'nope')}" does not exist\n`);
});

test('help, usage errors and an unreachable cluster: one line, exit 1, no stack', async () => {
  const help = await flokoa(['patch-image', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Examples:\n {2}# Ship v2.1.0/);
  assert.match(help.stdout, /Options:\n[\s\S]*--allow-latest=false:\n\tAllow ":latest" and untagged images\./);
  assert.match(help.stdout, /Usage:\n {2}kubectl flokoa patch-image AGENT IMAGE/);
  const cases: [string[], RegExp][] = [
    [['frob'], /^error: unknown command "frob" for "kubectl flokoa"/],
    [['refs', '--bogus'], /^error: unknown flag: --bogus\n$/],
    [['patch-image', 'a'], /^error: "kubectl flokoa patch-image" requires AGENT IMAGE\n$/],
    [
      ['patch-image', 'a', 'ghcr.io/x/y:latest', '--server', 'http://127.0.0.1:1'],
      /^error: image "ghcr.io\/x\/y:latest" uses the :latest tag; pin a version tag or a digest \(or pass --allow-latest\)\n$/,
    ],
    [
      ['refs', '--server', 'http://127.0.0.1:1'],
      /^error: The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port\?\n$/,
    ],
    [
      ['rollout', 'status', 'a', '--server', 'http://127.0.0.1:1', '--timeout', 'soon'],
      /^error: invalid argument "soon" for "--timeout" flag/,
    ],
    [['refs', '--context', 'nope', '--kubeconfig', '/nonexistent'], /^error: stat \/nonexistent: no such file or directory\n$/],
    [
      ['refs', 'deployment/x', '-f', gitops],
      /^error: a Deployment references nothing Flokoa knows; refs takes one of: Agent, AgentTool, AgentTrigger, AgentWorkflow, Model, ModelProvider/,
    ],
    [['refs', 'frob/x', '-f', gitops], /^error: the server doesn't have a resource type "frob"/],
    [['refs', '-A', 'x'], /^error: a resource cannot be retrieved by name across all namespaces\n$/],
    [['refs', '--reverse', 'agenttrigger/x', '-f', gitops], /^error: nothing in the Flokoa API refers to an AgentTrigger/],
  ];
  for (const [args, want] of cases) {
    const r = await flokoa(args, { env: noCluster });
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.stderr, want, args.join(' '));
    assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
  }
});

test('completion through kubectl (>= 1.26 runs kubectl_complete-flokoa): commands, subcommands, flags, values', async () => {
  const complete = async (...words: string[]) => {
    const r = await flokoaComplete(words);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    return { values: lines.slice(0, -1).map((l) => l.split('\t')[0]), directive: lines[lines.length - 1] };
  };
  assert.deepEqual(await complete(''), { values: ['refs', 'patch-image', 'rollout', 'check', 'version', 'options'], directive: ':4' });
  assert.deepEqual((await complete('rollout', '')).values, ['status', 'watch', 'history', 'undo', 'restart']);
  assert.deepEqual((await complete('refs', '--ch')).values, ['--check-rbac']);
  assert.deepEqual((await complete('refs', '-o', '')).values, ['tree', 'wide', 'name', 'json', 'yaml', 'jsonpath=', 'jsonpath-file=']);
  assert.deepEqual(
    await complete('refs', '-o', 'js'),
    { values: ['json', 'jsonpath=', 'jsonpath-file='], directive: ':6' },
    'no space after "="',
  );
  assert.deepEqual((await complete('patch-image', 'a', 'b', '--dry-run=s')).values, ['--dry-run=server']);
  // No cluster reachable: agent names are simply not offered, and nothing is printed as an error.
  assert.deepEqual(await complete('refs', '--server', 'http://127.0.0.1:1', ''), { values: [], directive: ':4' });
});

function flokoaComplete(words: string[]) {
  return run(['__complete', 'flokoa', ...words], { env: noCluster });
}

test('colour on a terminal only, and never with NO_COLOR', async (t) => {
  if (spawnSync('script', ['--version']).error) return t.skip('no `script` binary for a pseudo-terminal');
  const line = `kubectl flokoa refs -f ${gitops} -R`;
  const onTty = await run([], { env: noCluster, command: ['script', '-qfec', line, '/dev/null'] });
  assert.match(onTty.stdout, /\x1b\[31mMISSING\x1b\[0m/);
  const noColor = await run([], { env: { ...noCluster, NO_COLOR: '1' }, command: ['script', '-qfec', line, '/dev/null'] });
  assert.match(noColor.stdout, /MISSING/);
  assert.ok(!noColor.stdout.includes('\x1b['), 'NO_COLOR: plain text');
  const piped = await flokoa(['refs', '-f', gitops, '-R'], { env: noCluster });
  assert.ok(!piped.stdout.includes('\x1b['), 'not a terminal: plain text');
});

test("refs -f --check-rbac: the files' Roles and bindings judged offline by core's RBAC engine, as the cluster would answer", async () => {
  const args = ['refs', 'good-agent', '-n', 'my-app', '-f', gitops, '-R', '-f', join(FIXTURES, 'rbac.yaml'), '--check-rbac'];
  const r = await flokoa(args, { env: noCluster });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(
    r.stdout,
    /Model shared-models\/shared-gpt-4o {2}\S+ {2}rbac: get allowed, list allowed for serviceaccount my-app:my-agent-sa/,
  );
  // No Role or RoleBinding in shared-resources in these files: its RBAC lives elsewhere, not judged.
  assert.match(r.stdout, /ModelProvider shared-resources\/openai-provider {2}\S+ {2}rbac: get unknown, list unknown/);
  const dir = mkdtempSync(join(tmpdir(), 'kf-rbac-'));
  writeFileSync(
    join(dir, 'roles.yaml'),
    `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: modelprovider-reader, namespace: shared-resources}
rules: [{apiGroups: [agent.flokoa.ai], resources: [models, agenttools], verbs: [get, list, watch]}]
`,
  );
  const denied = await flokoa([...args, '-f', dir, '-o', 'json'], { env: noCluster });
  assert.equal(denied.code, 1, denied.stdout + denied.stderr);
  assert.equal(denied.stderr, 'error: 1 broken reference\n');
  const report = JSON.parse(denied.stdout);
  assert.equal(report.summary.rbacDenied, 1);
  const provider = report.roots[0].references
    .flatMap((n: { children: unknown[] }) => [n, ...n.children])
    .find((n: { kind: string }) => n.kind === 'ModelProvider');
  assert.deepEqual(
    provider.rbac.map((c: { verb: string; allowed: boolean }) => `${c.verb}=${c.allowed}`),
    ['get=false', 'list=false'],
  );
  // --fix-rbac -f: the grant, named apart from the files' own modelprovider-reader (which grants other kinds);
  // added to the files, the same check passes.
  const fix = await flokoa([...args.filter((a) => a !== '--check-rbac'), '-f', dir, '--fix-rbac'], { env: noCluster });
  assert.equal(fix.code, 0, fix.stderr);
  assert.equal(fix.stderr, "# names checked against the Roles and RoleBindings in these files only, not the cluster's\n");
  const manifests = parseAllDocuments(fix.stdout).map((d) => d.toJS());
  assert.deepEqual(
    manifests.map((m) => `${m.kind} ${m.metadata.namespace}/${m.metadata.name}`),
    ['Role shared-resources/modelprovider-reader-2', 'RoleBinding shared-resources/my-app-my-agent-sa-modelprovider-reader-2'],
  );
  writeFileSync(join(dir, 'fix.yaml'), fix.stdout);
  const fixed = await flokoa([...args, '-f', dir], { env: noCluster });
  assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
  assert.match(fixed.stdout, /ModelProvider shared-resources\/openai-provider {2}\S+ {2}rbac: get allowed, list allowed/);
  const nothing = await flokoa([...args.filter((a) => a !== '--check-rbac'), '-f', dir, '--fix-rbac'], { env: noCluster });
  assert.equal(nothing.stdout, '');
  assert.match(nothing.stderr, /^# nothing to grant/);
});
