// Nothing from a credential source reaches an annotation, a log or an output: URL userinfo, a
// --token, an exec credential plugin's output (issue 14, item 15).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { flokoa, pluginEnv, run } from './kubectl.js';
import { startTestCluster, type TestCluster } from './sim.js';

const MARKER = 'Pa55-MARKER-9f3e';
let c: TestCluster;
let server: string;
before(async () => {
  c = await startTestCluster({ timeScale: 20, readyDelayMs: 200 });
  server = /server: (\S+)/.exec(readFileSync(c.kubeconfig, 'utf8'))![1]!;
});
after(() => c?.stop());

const ns = ['-n', 'my-app'];

test('patch-image -s https://user:PASSWORD@host: the password is in no annotation, history or output', async () => {
  const withUserinfo = server.replace('https://', `https://deployer:${MARKER}@`);
  const r = await flokoa(['patch-image', 'good-agent', 'ghcr.io/example/agent:v7.0.1', ...ns, '-s', withUserinfo], { env: c.env });
  assert.equal(r.code, 0, r.stderr);
  const cause = await run(['get', 'agent', 'good-agent', ...ns, '-o', 'jsonpath={.metadata.annotations.kubernetes\\.io/change-cause}'], {
    env: c.env,
  });
  assert.equal(cause.stdout, `kubectl flokoa patch-image good-agent ghcr.io/example/agent:v7.0.1 -n my-app -s ${server}`);
  const history = await flokoa(['rollout', 'history', 'good-agent', ...ns, '-s', withUserinfo], { env: c.env });
  assert.equal(history.code, 0, history.stderr);
  for (const text of [r.stdout, r.stderr, cause.stdout, history.stdout, history.stderr]) assert.ok(!text.includes(MARKER), text);
});

test('a --token in a failing command line or a message is never printed', async () => {
  const r = await flokoa(
    ['patch-image', 'good-agent', 'ghcr.io/example/agent:v7.0.2', ...ns, `--token=${MARKER}`, '-m', `deploy with ${MARKER}`],
    {
      env: c.env,
    },
  );
  assert.equal(r.code, 1);
  assert.ok(!r.stderr.includes(MARKER) && !r.stdout.includes(MARKER), r.stderr);
});

test('a connection error names the host, never the userinfo', async () => {
  const r = await flokoa(['refs', ...ns, '-s', `https://deployer:${MARKER}@127.0.0.1:1`], { env: c.env });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: The connection to the server 127.0.0.1:1 was refused/);
  // JSON.parse's own message quotes the start of the text.
  assert.ok(!r.stderr.includes(MARKER.slice(0, 4)), r.stderr);
});

test('an exec credential plugin that prints its token, not ExecCredential JSON: the error does not quote it', async () => {
  const kubeconfig = `${c.kubeconfig}.exec`;
  copyFileSync(c.kubeconfig, kubeconfig);
  // kubectl writes the command relative to the kubeconfig; a plugin is looked up on PATH.
  const env = { KUBECONFIG: kubeconfig, PATH: `${dirname(kubeconfig)}:${pluginEnv().PATH}` };
  const script = join(dirname(kubeconfig), 'print-token');
  writeFileSync(script, `#!/bin/sh\necho '${MARKER}'\n`, { mode: 0o755 });
  for (const args of [
    ['set-credentials', 'broken-exec', '--exec-api-version=client.authentication.k8s.io/v1', `--exec-command=${script}`],
    ['set-context', 'broken-exec', '--cluster=cluster-sim', '--user=broken-exec'],
  ]) {
    const r = await run(['config', ...args], { env });
    assert.equal(r.code, 0, r.stderr);
  }
  const r = await flokoa(['refs', ...ns, '--context', 'broken-exec'], { env });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: exec credential plugin of user "broken-exec" failed: /);
  // JSON.parse's own message quotes the start of the text.
  assert.ok(!r.stderr.includes(MARKER.slice(0, 4)), r.stderr);
});
