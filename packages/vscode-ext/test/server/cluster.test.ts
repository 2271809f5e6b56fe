// The bundled language server (dist/server.js) with the live cluster plugged in, over LSP stdio,
// against cluster-sim: references found only in the cluster resolve and hover says so; the CRDs
// installed there replace the built-in schemas; an unreachable and a forbidden cluster degrade to
// workspace-only analysis with one clear notice, and a cluster that comes back is used again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startClusterSim, type ClusterSim } from '../e2e/clusterSim.js';
import { LspProcess } from './lspProcess.js';

const pkgDir = fileURLToPath(new URL('../../../', import.meta.url));
const repoRoot = join(pkgDir, '..', '..');
const fixtures = join(pkgDir, 'test', 'fixtures', 'cluster-server');
const workspace = join(fixtures, 'workspace');
const serverJs = join(pkgDir, 'dist', 'server.js');
const agentUri = pathToFileURL(join(workspace, 'agent.yaml')).href;

interface Diagnostic {
  message: string;
  code?: string | number;
  range: { start: { line: number; character: number } };
}
interface Published {
  uri: string;
  diagnostics: Diagnostic[];
}

const unresolved = (p: Published, name: string) => p.diagnostics.some((d) => d.code === 'unresolved-reference' && d.message.includes(`'${name}'`));

async function session(settings: Record<string, unknown>): Promise<LspProcess> {
  const lsp = new LspProcess(serverJs, settings);
  await lsp.initialize(workspace);
  lsp.notify('textDocument/didOpen', { textDocument: { uri: agentUri, languageId: 'yaml', version: 1, text: readFileSync(join(workspace, 'agent.yaml'), 'utf8') } });
  return lsp;
}

describe('language server with a live cluster', () => {
  let cluster: ClusterSim;
  let work: string;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'flokoa-ls-cluster-'));
    cluster = await startClusterSim(repoRoot, [join(fixtures, 'cluster', 'objects.yaml'), join(fixtures, 'cluster', 'live-agent.yaml')], work, ['--users', join(fixtures, 'users.csv')]);
  });
  after(async () => {
    await cluster?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  test('an Agent whose live object runs another image than its file gets a drift hint', async () => {
    const lsp = await session({ cluster: { enabled: true, kubeconfig: cluster.kubeconfig, context: 'sim-admin' } });
    try {
      const published = await lsp.notification<Published>('textDocument/publishDiagnostics', (p) => p.uri === agentUri && p.diagnostics.some((d) => d.code === 'cluster-drift'));
      const drift = published.diagnostics.filter((d) => d.code === 'cluster-drift');
      assert.equal(drift.length, 1, 'only planner drifted');
      assert.equal(drift[0].range.start.line, 17, 'on the image line of planner');
      assert.match(drift[0].message, /context sim-admin\) runs image 'ghcr.io\/example\/planner:v1.0.1-hotfix'; this file says 'ghcr.io\/example\/planner:v1.0.0'/);
      assert.equal((drift[0] as { severity?: number }).severity, 3, 'information');
    } finally {
      await lsp.stop();
    }
  });

  test('a Model found only in the cluster resolves, and hover says it comes from the cluster', async () => {
    const lsp = await session({ cluster: { enabled: true, kubeconfig: cluster.kubeconfig, context: 'sim-admin' } });
    try {
      const published = await lsp.notification<Published>('textDocument/publishDiagnostics', (p) => p.uri === agentUri && unresolved(p, 'nowhere-model') && !unresolved(p, 'cluster-model'));
      assert.ok(unresolved(published, 'nowhere-model'));
      const hover = await lsp.request<{ contents: { value: string } | string }>('textDocument/hover', { textDocument: { uri: agentUri }, position: { line: 10, character: 12 } });
      const text = typeof hover.contents === 'string' ? hover.contents : hover.contents.value;
      assert.match(text, /cluster-model/);
      assert.match(text, /cluster/i);
      assert.match(text, /sim-admin/);
    } finally {
      await lsp.stop();
    }
  });

  test('the CRD schemas installed in the cluster replace the built-in ones', async () => {
    const driftDir = join(work, 'drift');
    mkdirSync(driftDir);
    const drifted = await startClusterSim(repoRoot, [join(fixtures, 'crd-drift', 'agent-crd.yaml'), join(fixtures, 'cluster', 'objects.yaml')], driftDir);
    const lsp = await session({ cluster: { enabled: true, kubeconfig: drifted.kubeconfig } });
    try {
      // agent.yaml line 14 (0-based 13) is `    spec:` under runtime, which this CRD does not have (it has runtime.standard).
      const published = await lsp.notification<Published>('textDocument/publishDiagnostics', (p) =>
        p.uri === agentUri && p.diagnostics.some((d) => d.code === 'schema-unknown-field' && d.range.start.line === 13),
      );
      assert.ok(!unresolved(published, 'cluster-model'), 'the cluster still resolves references');
    } finally {
      await lsp.stop();
      await drifted.stop();
    }
  });

  test('an unreachable cluster: one notice, workspace-only analysis', async () => {
    // A kubeconfig whose server refuses connections (port 1 on loopback is never served).
    const kubeconfig = join(work, 'unreachable.kubeconfig');
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters:\n- name: gone\n  cluster: {server: "http://127.0.0.1:1"}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: gone\n  context: {cluster: gone, user: u}\ncurrent-context: gone\n');
    const lsp = await session({ cluster: { enabled: true, kubeconfig } });
    try {
      const notice = await lsp.notification<{ type: number; message: string }>('window/showMessageRequest');
      assert.match(notice.message, /cluster "gone" is unavailable .*refused.*workspace only/);
      await lsp.notification<Published>('textDocument/publishDiagnostics', (p) => p.uri === agentUri && unresolved(p, 'cluster-model') && unresolved(p, 'nowhere-model'));
      await lsp.notification('flokoa/indexStatus', (p: { state: string }) => p.state === 'ready');
      assert.equal(lsp.notifications.filter((n) => n.method === 'window/showMessageRequest').length, 1, 'exactly one notice');
    } finally {
      await lsp.stop();
    }
  });

  test('a cluster that goes away and comes back: workspace-only meanwhile, then live again by itself', async () => {
    const dir = join(work, 'recover');
    mkdirSync(dir);
    const objects = [join(fixtures, 'cluster', 'objects.yaml')];
    const first = await startClusterSim(repoRoot, objects, dir);
    const port = new URL(first.url).port;
    await first.stop();
    const lsp = await session({ cluster: { enabled: true, kubeconfig: first.kubeconfig } });
    let second: ClusterSim | undefined;
    try {
      await lsp.notification<{ message: string }>('window/showMessageRequest', (p) => /unavailable/.test(p.message));
      await lsp.notification<Published>('textDocument/publishDiagnostics', (p) => p.uri === agentUri && unresolved(p, 'cluster-model'));
      // The same address again (with a new certificate in the rewritten kubeconfig, which a reconnect reads).
      second = await startClusterSim(repoRoot, objects, dir, ['--port', port]);
      const back = await lsp.notification<{ message: string }>('window/showMessageRequest', (p) => /reachable again/.test(p.message));
      assert.match(back.message, /cluster "sim-admin" is reachable again/);
      await lsp.notification<Published>('textDocument/publishDiagnostics', (p) => p.uri === agentUri && !unresolved(p, 'cluster-model') && unresolved(p, 'nowhere-model'));
    } finally {
      await lsp.stop();
      await second?.stop();
    }
  });

  test('a forbidden cluster: one notice per kind it may not list, workspace-only analysis', async () => {
    const lsp = await session({ cluster: { enabled: true, kubeconfig: cluster.kubeconfig, context: 'nobody' } });
    try {
      const notice = await lsp.notification<{ message: string }>('window/showMessageRequest', (p) => /Model objects/.test(p.message));
      assert.match(notice.message, /not allowed to list Model objects.*forbidden/);
      await lsp.notification<Published>('textDocument/publishDiagnostics', (p) => p.uri === agentUri && unresolved(p, 'cluster-model'));
    } finally {
      await lsp.stop();
    }
  });
});
