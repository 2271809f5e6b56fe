// `kubectl flokoa check NAMESPACE` through the real kubectl against cluster-sim: a namespace set up
// completely passes; an organisation namespace created without the rest of seed 003's set-up fails
// with one problem a line, each with a fix that, run as printed, makes the next check pass; a
// missing namespace and a user who may read little get clear answers, never "in order".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { flokoa, run, FIXTURES } from './kubectl.js';
import { startTestCluster, type TestCluster } from './sim.js';

let c: TestCluster;

before(async () => {
  c = await startTestCluster({
    fixtures: [join(FIXTURES, 'gitops'), join(FIXTURES, 'rbac.yaml'), join(FIXTURES, 'namespaces')],
  });
});
after(() => c?.stop());

test('check: a namespace with its service account, registry Secret and references in place is in order (exit 0)', async () => {
  const r = await flokoa(['check', 'team-ready'], { env: c.env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(
    r.stdout,
    '✓ namespace team-ready, 1 agent: service accounts, registry Secrets, references, access to other namespaces and quota headroom all in order\n',
  );
  assert.doesNotMatch(r.stdout + r.stderr, /never-printed|bmV2ZXItcHJpbnRlZA/);
});

test('check: an org namespace missing its set-up lists each problem with a fix; run as printed, the fixes make it pass', async () => {
  const r = await flokoa(['check', '-n', 'acme-org-4'], { env: c.env });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  const problems = lines.filter((l) => l.startsWith('✗ '));
  const fixes = lines.filter((l) => l.startsWith('  fix: ')).map((l) => l.slice('  fix: '.length));
  assert.deepEqual(problems, [
    '✗ agent/org-helper: service account "org-runner" does not exist: the Deployment cannot create its pods',
    '✗ agent/org-helper: service account acme-org-4/org-runner may not get/list models in team-ready (Model team-ready/assistant-model)',
    '✗ agent/org-helper: image pull secret "registry-login" does not exist in acme-org-4: its pods cannot pull their image (it exists in team-ready)',
    '✗ agent/org-helper: its next rollout will stall: its surge pod needs 1 pods more than ResourceQuota org-pods leaves (pods 0 left)',
  ]);
  assert.equal(fixes.length, problems.length);
  assert.equal(lines.at(-1), 'namespace acme-org-4, 1 agent: 4 problems');
  assert.doesNotMatch(r.stdout + r.stderr, /never-printed|bmV2ZXItcHJpbnRlZA/);

  for (const fix of fixes) {
    // The quota fix offers two ways; the first is a command.
    const command = fix.replace(/^make room in ResourceQuota \S+: /, '').replace(/; or roll out without .*$/, '');
    const sh = await run([], { env: c.env, command: ['sh', '-c', command] });
    assert.equal(sh.code, 0, `${command}: ${sh.stderr}`);
  }
  const again = await flokoa(['check', 'acme-org-4'], { env: c.env });
  assert.equal(again.code, 0, again.stdout + again.stderr);
});

test('check: a namespace that does not exist is one problem with its fix, exit 1', async () => {
  const r = await flokoa(['check', 'acme-org-9'], { env: c.env });
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    '✗ namespace "acme-org-9" does not exist\n  fix: kubectl create namespace acme-org-9\nnamespace acme-org-9: 1 problem\n',
  );
});

test('check -o json: the same findings as data', async () => {
  const r = await flokoa(['check', 'acme-org-4', '-o', 'json'], { env: c.env });
  const report = JSON.parse(r.stdout) as { namespace: string; exists: boolean; agents: string[]; problems: unknown[] };
  assert.equal(report.namespace, 'acme-org-4');
  assert.equal(report.exists, true);
  assert.deepEqual(report.agents, ['org-helper']);
});

test('check: what a restricted user may not read is "not checked", and the check fails', async () => {
  const r = await flokoa(['check', '-n', 'my-app', '--context', 'alice'], { env: c.env });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^\? not checked: namespace "my-app" \(.*forbidden.*\)$/m);
  assert.match(r.stdout, /^\? not checked: each service account's access to other namespaces \(/m);
  assert.match(r.stdout, /^\? not checked: the quotas and limit ranges of my-app \(/m);
  assert.doesNotMatch(r.stdout, /all in order/);
  assert.match(r.stdout.trimEnd().split('\n').at(-1) ?? '', /^namespace my-app, 4 agents: \d+ problems?, \d+ not checked$/);
});
