import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConnection, parseDuration } from '../src/kubeconfig.js';

const dir = mkdtempSync(join(tmpdir(), 'kf-kubeconfig-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const a = write(
  'a.yaml',
  `apiVersion: v1
kind: Config
current-context: admin
clusters:
- name: sim
  cluster: { server: "http://127.0.0.1:1234/", certificate-authority: ca.crt }
- name: other
  cluster: { server: "https://other:6443" }
contexts:
- name: admin
  context: { cluster: sim, user: admin, namespace: team-a }
- name: bob
  context: { cluster: sim, user: bob }
users:
- name: admin
  user: { token: admin-token }
- name: bob
  user: { token: bob-token }
`,
);
const b = write(
  'b.yaml',
  `apiVersion: v1
kind: Config
current-context: from-b
contexts:
- name: admin
  context: { cluster: other, user: admin, namespace: shadowed }
- name: from-b
  context: { cluster: other, user: carol }
users:
- name: carol
  user: { token: carol-token }
`,
);

test('kubeconfig: kubectl precedence of files, contexts and override flags', () => {
  const cases: [
    Parameters<typeof loadConnection>[0],
    NodeJS.ProcessEnv,
    Partial<{ server: string; namespace: string; token: string; context: string }>,
  ][] = [
    [{ kubeconfig: a }, {}, { server: 'http://127.0.0.1:1234', namespace: 'team-a', token: 'admin-token', context: 'admin' }],
    [{ kubeconfig: a, context: 'bob' }, {}, { namespace: 'default', token: 'bob-token' }],
    [{ kubeconfig: a, namespace: 'x' }, {}, { namespace: 'x' }],
    [{ kubeconfig: a, cluster: 'other' }, {}, { server: 'https://other:6443' }],
    [{ kubeconfig: a, user: 'bob' }, {}, { token: 'bob-token' }],
    [{ kubeconfig: a, server: 'http://h:1', token: 'flag-token' }, {}, { server: 'http://h:1', token: 'flag-token' }],
    // KUBECONFIG: first file wins for names and for current-context.
    [{}, { KUBECONFIG: `${a}:${b}` }, { context: 'admin', namespace: 'team-a' }],
    [{}, { KUBECONFIG: `${b}:${a}` }, { context: 'from-b', token: 'carol-token', server: 'https://other:6443' }],
    [{ context: 'bob' }, { KUBECONFIG: `${b}:${a}` }, { token: 'bob-token' }],
  ];
  for (const [flags, env, want] of cases) {
    const c = loadConnection(flags, env);
    const got = { server: c.server, namespace: c.namespace, token: c.user.token, context: c.contextName };
    for (const [k, v] of Object.entries(want))
      assert.equal(got[k as keyof typeof got], v, `${JSON.stringify(flags)} ${JSON.stringify(env)} ${k}`);
  }
  assert.equal(loadConnection({ kubeconfig: a }).cluster.caFile, join(dir, 'ca.crt'));
});

test('kubeconfig: errors in kubectl words', () => {
  const cases: [Parameters<typeof loadConnection>[0], NodeJS.ProcessEnv, RegExp][] = [
    [{ kubeconfig: join(dir, 'nope.yaml') }, {}, /nope.yaml: no such file/],
    [{ kubeconfig: a, context: 'ghost' }, {}, /context "ghost" does not exist/],
    [{ kubeconfig: a, cluster: 'ghost' }, {}, /no server found for cluster "ghost"/],
    [{ kubeconfig: a, user: 'ghost' }, {}, /auth info "ghost" does not exist/],
    [{}, { KUBECONFIG: join(dir, 'absent.yaml'), HOME: dir }, /no configuration has been provided/],
    [{ kubeconfig: write('bad.yaml', 'a: [') }, {}, /error loading config file/],
  ];
  for (const [flags, env, want] of cases) assert.throws(() => loadConnection(flags, env), want);
});

test('durations: kubectl syntax', () => {
  const cases: [string, number | RegExp][] = [
    ['0', 0],
    ['30', 30_000],
    ['5s', 5000],
    ['500ms', 500],
    ['2m', 120_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['', /invalid argument/],
    ['5x', /invalid argument/],
    ['s', /invalid argument/],
  ];
  for (const [text, want] of cases) {
    if (typeof want === 'number') assert.equal(parseDuration(text, '--timeout'), want, text);
    else assert.throws(() => parseDuration(text, '--timeout'), want);
  }
});
