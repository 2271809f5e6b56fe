// The language server with the live cluster (flokoa.cluster.* settings), over LSP stdio, against
// cluster-sim: references found only in the cluster resolve and hover says so; the CRDs installed
// there replace the built-in schemas; an unreachable and a forbidden cluster degrade to
// workspace-only analysis with one clear notice, and a cluster that comes back is used again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { startClusterSim as startSim, parseUsersFile } from '@flokoa/cluster-sim';
import { FIXTURES, TestClient } from '../client.js';

const fixtures = join(FIXTURES, 'cluster-server');
const workspace = join(fixtures, 'workspace');

interface ClusterSim {
  url: string;
  kubeconfig: string;
  stop(): Promise<void>;
}

/** cluster-sim serving `objects` (YAML files), its kubeconfig written to `dir`. */
async function startClusterSim(objects: string[], dir: string, opts: { users?: boolean; port?: number } = {}): Promise<ClusterSim> {
  const kubeconfig = join(dir, 'kubeconfig');
  const sim = await startSim({
    port: opts.port ?? 0,
    kubeconfigPath: kubeconfig,
    fixtures: objects,
    readyDelayMs: 500,
    ...(opts.users ? { users: parseUsersFile(readFileSync(join(fixtures, 'users.csv'), 'utf8')) } : {}),
  });
  return { url: sim.url, kubeconfig, stop: () => sim.stop() };
}

const unresolved = (d: Diagnostic[], name: string) =>
  d.some((x) => x.code === 'unresolved-reference' && String(x.message).includes(`'${name}'`));

async function session(cluster: Record<string, unknown>): Promise<{ lsp: TestClient; agentUri: string }> {
  const lsp = await TestClient.start({ root: workspace, settings: { cluster } });
  const agentUri = await lsp.open('agent.yaml');
  return { lsp, agentUri };
}

const notices = (lsp: TestClient) => lsp.notifLog.filter((n) => n.method === 'window/showMessageRequest');

describe('language server with a live cluster', () => {
  let cluster: ClusterSim;
  let work: string;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'flokoa-ls-cluster-'));
    cluster = await startClusterSim([join(fixtures, 'cluster', 'objects.yaml'), join(fixtures, 'cluster', 'live-agent.yaml')], work, {
      users: true,
    });
  });
  after(async () => {
    await cluster?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  test('an Agent whose live object runs another image than its file gets a drift hint', async () => {
    const { lsp, agentUri } = await session({ enabled: true, kubeconfig: cluster.kubeconfig, context: 'sim-admin' });
    try {
      const published = await lsp.diagnosticsFor(agentUri, (d) => d.some((x) => x.code === 'cluster-drift'));
      const drift = published.filter((d) => d.code === 'cluster-drift');
      assert.equal(drift.length, 1, 'only planner drifted');
      assert.equal(drift[0].range.start.line, 17, 'on the image line of planner');
      assert.match(
        String(drift[0].message),
        /context sim-admin\) runs image 'ghcr.io\/example\/planner:v1.0.1-hotfix'; this file says 'ghcr.io\/example\/planner:v1.0.0'/,
      );
      assert.equal(drift[0].severity, 3, 'information');
    } finally {
      await lsp.shutdown();
    }
  });

  test('a Model (and an Instruction) found only in the cluster resolve, and hover says it comes from the cluster', async () => {
    const { lsp, agentUri } = await session({ enabled: true, kubeconfig: cluster.kubeconfig, context: 'sim-admin' });
    try {
      const published = await lsp.diagnosticsFor(
        agentUri,
        (d) => unresolved(d, 'nowhere-model') && !unresolved(d, 'cluster-model') && !unresolved(d, 'cluster-prompt'),
      );
      assert.ok(unresolved(published, 'nowhere-model'));
      const hover = await lsp.conn.sendRequest<{ contents: { value: string } | string }>('textDocument/hover', {
        textDocument: { uri: agentUri },
        position: { line: 10, character: 12 },
      });
      const text = typeof hover.contents === 'string' ? hover.contents : hover.contents.value;
      assert.match(text, /cluster-model/);
      assert.match(text, /cluster/i);
      assert.match(text, /sim-admin/);
    } finally {
      await lsp.shutdown();
    }
  });

  test('the CRD schemas installed in the cluster replace the built-in ones', async () => {
    const driftDir = join(work, 'drift');
    mkdirSync(driftDir);
    const drifted = await startClusterSim(
      [join(fixtures, 'crd-drift', 'agent-crd.yaml'), join(fixtures, 'cluster', 'objects.yaml')],
      driftDir,
    );
    const { lsp, agentUri } = await session({ enabled: true, kubeconfig: drifted.kubeconfig });
    try {
      // agent.yaml line 14 (0-based 13) is `    spec:` under runtime, which this CRD does not have (it has runtime.standard).
      const published = await lsp.diagnosticsFor(agentUri, (d) =>
        d.some((x) => x.code === 'schema-unknown-field' && x.range.start.line === 13),
      );
      assert.ok(!unresolved(published, 'cluster-model'), 'the cluster still resolves references');
    } finally {
      await lsp.shutdown();
      await drifted.stop();
    }
  });

  test('an unreachable cluster: one notice, workspace-only analysis', async () => {
    // A kubeconfig whose server refuses connections (port 1 on loopback is never served).
    const kubeconfig = join(work, 'unreachable.kubeconfig');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\nclusters:\n- name: gone\n  cluster: {server: "http://127.0.0.1:1"}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: gone\n  context: {cluster: gone, user: u}\ncurrent-context: gone\n',
    );
    const { lsp, agentUri } = await session({ enabled: true, kubeconfig });
    try {
      const notice = (await lsp.notification('window/showMessageRequest')) as { type: number; message: string };
      assert.match(notice.message, /cluster "gone" is unavailable .*refused.*workspace only/);
      await lsp.diagnosticsFor(agentUri, (d) => unresolved(d, 'cluster-model') && unresolved(d, 'nowhere-model'));
      await lsp.indexReady();
      assert.equal(notices(lsp).length, 1, 'exactly one notice');
    } finally {
      await lsp.shutdown();
    }
  });

  test('a cluster that goes away and comes back: workspace-only meanwhile, then live again by itself', async () => {
    const dir = join(work, 'recover');
    mkdirSync(dir);
    const objects = [join(fixtures, 'cluster', 'objects.yaml')];
    const first = await startClusterSim(objects, dir);
    const port = new URL(first.url).port;
    await first.stop();
    const { lsp, agentUri } = await session({ enabled: true, kubeconfig: first.kubeconfig });
    let second: ClusterSim | undefined;
    try {
      await lsp.notification('window/showMessageRequest', (p) => /unavailable/.test((p as { message: string }).message));
      await lsp.diagnosticsFor(agentUri, (d) => unresolved(d, 'cluster-model'));
      // The same address again (with a new certificate in the rewritten kubeconfig, which a reconnect reads).
      second = await startClusterSim(objects, dir, { port: Number(port) });
      const back = (await lsp.notification('window/showMessageRequest', (p) =>
        /reachable again/.test((p as { message: string }).message),
      )) as { message: string };
      assert.match(back.message, /cluster "sim-admin" is reachable again/);
      await lsp.diagnosticsFor(agentUri, (d) => !unresolved(d, 'cluster-model') && unresolved(d, 'nowhere-model'));
    } finally {
      await lsp.shutdown();
      await second?.stop();
    }
  });

  test('a forbidden cluster: one notice for all the kinds it may not list (not a popup per kind), workspace-only analysis', async () => {
    const { lsp, agentUri } = await session({ enabled: true, kubeconfig: cluster.kubeconfig, context: 'nobody' });
    try {
      const notice = (await lsp.notification('window/showMessageRequest', (p) =>
        /not allowed to list/.test((p as { message: string }).message),
      )) as { message: string };
      assert.match(notice.message, /not allowed to list Agent, .*Model, .*Deployment, Pod and Secret objects \(forbidden/);
      assert.match(
        notice.message,
        /references to these are checked against the workspace only; the editor shows Agents' rollouts without Deployments and Pods$/,
      );
      await lsp.diagnosticsFor(agentUri, (d) => unresolved(d, 'cluster-model'));
      assert.equal(notices(lsp).filter((n) => /not allowed/.test((n.params as { message: string }).message)).length, 1);
    } finally {
      await lsp.shutdown();
    }
  });
});
