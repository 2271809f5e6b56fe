// The language server against a faulty cluster (issue 14, minor): failing, throttled, forbidden
// requests and watches closed at once print nothing on the server's stderr (its log in an editor),
// MaxListenersExceededWarning included; nor does yaml's warning about a key that is a collection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { startClusterSim } from '@flokoa/cluster-sim';
import { SERVER_JS } from '../client.js';

test('a live cluster with every fault: no warning on the server stderr', { timeout: 120_000 }, async () => {
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'flokoa-ls-faults-')), 'kubeconfig');
  const sim = await startClusterSim({
    port: 0,
    kubeconfigPath: kubeconfig,
    fixtures: [],
    faults: { errorRate: 0.3, throttleRate: 0.2, forbiddenRate: 0.1, watchTimeoutSeconds: 0, seed: 14 },
  });
  const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ cluster: { enabled: true, kubeconfig } })));
  conn.onRequest('window/showMessageRequest', () => null);
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.listen();
  try {
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
    await conn.sendNotification('initialized', {});
    const text = 'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Model\nmetadata: {name: m}\nspec:\n  ? [a, b]\n  : x\n';
    await conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'file:///keys.yaml', languageId: 'yaml', version: 1, text },
    });
    // Every watched kind listed, through failures and retries (the warning came with the first burst).
    await new Promise<void>((resolve) => {
      const check = () => (sim.requests.resourceCount >= 60 ? resolve() : setTimeout(check, 50));
      check();
    });
    await conn.sendRequest('shutdown');
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await conn.sendNotification('exit');
    await exited;
    assert.doesNotMatch(stderr, /MaxListenersExceededWarning|Warning/);
  } finally {
    conn.dispose();
    child.kill();
    await sim.stop();
  }
});
