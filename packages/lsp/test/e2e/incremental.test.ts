// Incremental behaviour: edits re-diagnose the other open files they affect, files changed on
// disk are picked up through watched-file events, closing a document falls back to the disk,
// nothing is reported unresolved before the initial index completes, and pull diagnostics
// (textDocument/diagnostic, workspace/diagnostic) cover files that are not open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, DocumentDiagnosticReport, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import { ProgressType } from 'vscode-jsonrpc/node';
import { TestClient } from '../client.js';

const T = { timeout: 60_000 };
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);
const unresolved = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'unresolved-reference');
const GPT_DOC = /apiVersion: agent\.flokoa\.ai\/v1alpha1\nkind: Model\nmetadata:\n {2}name: shared-gpt-4o\n[\s\S]*?---\n/;

test('deleting a Model in one open document flags the Agent in another open document, and undoing clears it', T, async () => {
  const c = await TestClient.start({ fixture: 'shared' });
  try {
    await c.indexReady();
    const agents = await c.open('app/agents.yaml');
    const models = await c.open('shared-models/models.yaml');
    assert.deepEqual(await c.currentDiagnostics(agents), []);
    assert.deepEqual(await c.currentDiagnostics(models), []);
    const original = c.text(models);
    await c.change(models, [{ range: c.rangeOf(models, original.match(GPT_DOC)![0]), text: '' }]);
    const flagged = await c.diagnosticsFor(agents, (d) => unresolved(d).length > 0);
    assert.equal(unresolved(flagged).length, 1);
    assert.deepEqual(unresolved(flagged)[0].range, c.rangeOf(agents, 'shared-gpt-4o'));
    await c.change(models, [{ text: original }]);
    assert.deepEqual(await c.diagnosticsFor(agents, (d) => d.length === 0), []);
  } finally {
    await c.shutdown();
  }
});

test('closing an edited document without saving restores what the disk says', T, async () => {
  const c = await TestClient.start({ fixture: 'shared' });
  try {
    await c.indexReady();
    const agents = await c.open('app/agents.yaml');
    const tools = await c.open('shared-tools/tools.yaml');
    await c.replace(tools, 'name: inventory-check', 'name: stock-check');
    await c.diagnosticsFor(agents, (d) => unresolved(d).length === 1);
    await c.close(tools);
    assert.deepEqual(await c.diagnosticsFor(agents, (d) => d.length === 0), []);
  } finally {
    await c.shutdown();
  }
});

test('files changed, deleted and created on disk are picked up through didChangeWatchedFiles', T, async () => {
  const c = await TestClient.start({ fixture: 'shared', copy: true });
  try {
    await c.indexReady();
    assert.ok(
      c.registrations.some(
        (r) => r.method === 'workspace/didChangeWatchedFiles' && JSON.stringify(r.registerOptions).includes('**/*.{yaml,yml}'),
      ),
    );
    const agents = await c.open('app/agents.yaml');
    assert.deepEqual(await c.currentDiagnostics(agents), []);
    const toolsPath = c.path('shared-tools/tools.yaml');
    const toolsText = readFileSync(toolsPath, 'utf8');
    writeFileSync(toolsPath, toolsText.replace('name: inventory-check', 'name: stock-check'));
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('shared-tools/tools.yaml'), type: 2 }] });
    const changed = await c.diagnosticsFor(agents, (d) => unresolved(d).length === 1);
    assert.match(typeof changed[0].message === 'string' ? changed[0].message : '', /inventory-check/);
    unlinkSync(toolsPath);
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('shared-tools/tools.yaml'), type: 3 }] });
    await c.diagnosticsFor(agents, (d) => unresolved(d).length === 3);
    mkdirSync(c.path('more-tools'));
    writeFileSync(c.path('more-tools/tools.yaml'), toolsText);
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('more-tools/tools.yaml'), type: 1 }] });
    assert.deepEqual(await c.diagnosticsFor(agents, (d) => d.length === 0), []);
    // A deleted folder arrives as one event for the folder.
    rmSync(c.path('more-tools'), { recursive: true });
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('more-tools'), type: 3 }] });
    await c.diagnosticsFor(agents, (d) => unresolved(d).length === 3);
  } finally {
    await c.shutdown();
  }
});

test('no reference is reported unresolved before the initial index completes', T, async () => {
  // A workspace big enough that the scan is still running when the Agent is opened.
  const root = mkdtempSync(join(tmpdir(), 'flokoa-index-'));
  try {
    for (let i = 0; i < 400; i++) {
      mkdirSync(join(root, `team-${i}`));
      writeFileSync(
        join(root, `team-${i}`, 'model.yaml'),
        `apiVersion: agent.flokoa.ai/v1alpha1\nkind: Model\nmetadata:\n  name: model-${i}\n  namespace: models\nspec:\n  model: gpt-4o\n  providerRef:\n    name: openai\n`,
      );
    }
    writeFileSync(
      join(root, 'team-399', 'provider.yaml'),
      'apiVersion: agent.flokoa.ai/v1alpha1\nkind: ModelProvider\nmetadata:\n  name: openai\n  namespace: models\nspec:\n  apiKeySecretRef:\n    name: key\n    key: k\n  openai: {}\n',
    );
    const agentText = [
      'apiVersion: agent.flokoa.ai/v1alpha1',
      'kind: Agent',
      'metadata:',
      '  name: late-agent',
      '  namespace: apps',
      'spec:',
      '  framework: langchain',
      '  model:',
      '    name: model-399',
      '    namespace: models',
      '',
    ].join('\n');
    writeFileSync(join(root, 'agent.yaml'), agentText);
    const client = await TestClient.start({ root });
    try {
      const uri = await client.open('agent.yaml');
      const first = await client.currentDiagnostics(uri);
      assert.deepEqual(unresolved(first), [], JSON.stringify(first));
      const log = client.notifLog;
      const ready = log.findIndex((n) => n.method === 'flokoa/indexStatus' && (n.params as { state: string }).state === 'ready');
      const published = log.findIndex((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri);
      assert.ok(ready >= 0 && ready < published, 'diagnostics were published before the index was complete');
      assert.ok(log.some((n) => n.method === 'flokoa/indexStatus' && (n.params as { state: string }).state === 'indexing'));
      await client.indexReady();
    } finally {
      await client.shutdown();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('pull diagnostics: workspace/diagnostic lists every broken file, opened or not; unchanged results are not resent', T, async () => {
  const c = await TestClient.start({ fixture: 'broken', pull: true });
  try {
    assert.equal(
      c.initializeResult.capabilities.diagnosticProvider &&
        (c.initializeResult.capabilities.diagnosticProvider as { workspaceDiagnostics: boolean }).workspaceDiagnostics,
      true,
    );
    const report: WorkspaceDiagnosticReport = await c.request('workspace/diagnostic', { previousResultIds: [] });
    const byFile = new Map(report.items.map((i) => [i.uri.split('/').pop()!, i]));
    for (const f of [
      'references.yaml',
      'schema.yaml',
      'ha.yaml',
      'syntax.yaml',
      'kinds.yaml',
      'duplicate.yaml',
      'external.yaml',
      'hostile.yaml',
    ]) {
      const item = byFile.get(f);
      assert.ok(item && item.kind === 'full' && item.items.length > 0, `${f} not listed`);
    }
    assert.ok(!byFile.has('suppressed.yaml') && !byFile.has('namespaces.yaml'), 'clean files are not listed');
    const refs = byFile.get('references.yaml')!;
    assert.equal(refs.kind === 'full' && refs.items.filter((d) => d.code === 'unresolved-reference').length, 3);
    // With a partial-result token the same reports stream as $/progress and the answer is empty.
    const parts: WorkspaceDiagnosticReport[] = [];
    c.conn.onProgress(new ProgressType<WorkspaceDiagnosticReport>(), 'stream-1', (value) => void parts.push(value));
    const streamed: WorkspaceDiagnosticReport = await c.request('workspace/diagnostic', {
      previousResultIds: [],
      partialResultToken: 'stream-1',
    });
    assert.deepEqual(streamed.items, []);
    const streamedUris = parts.flatMap((p) => p.items.map((i) => i.uri)).sort();
    assert.deepEqual(streamedUris, report.items.map((i) => i.uri).sort());
    // Same state again: everything unchanged.
    const again: WorkspaceDiagnosticReport = await c.request('workspace/diagnostic', {
      previousResultIds: report.items.map((i) => ({ uri: i.uri, value: i.resultId! })),
    });
    assert.ok(again.items.every((i) => i.kind === 'unchanged'));
    // Defining the missing tool in another file: refresh is requested, and the unopened file is re-reported.
    const refresh = c.nextRefresh();
    await c.open(
      'new-tool.yaml',
      'apiVersion: agent.flokoa.ai/v1alpha1\nkind: AgentTool\nmetadata:\n  name: serch\n  namespace: team-y\nspec:\n  type: openapi\n  description: Typo as a name.\n  openApi:\n    url: https://x.example.com\n    openApiSchema:\n      endpointPath: /openapi.json\n',
    );
    await refresh;
    const third: WorkspaceDiagnosticReport = await c.request('workspace/diagnostic', {
      previousResultIds: report.items.map((i) => ({ uri: i.uri, value: i.resultId! })),
    });
    const refs3 = third.items.find((i) => i.uri === refs.uri)!;
    assert.equal(refs3.kind, 'full');
    assert.equal(refs3.kind === 'full' && refs3.items.filter((d) => d.code === 'unresolved-reference').length, 2);
    const doc: DocumentDiagnosticReport = await c.request('textDocument/diagnostic', { textDocument: { uri: refs.uri } });
    assert.equal(doc.kind, 'full');
    assert.deepEqual(codes(doc.kind === 'full' ? doc.items : []).filter((x) => x === 'unresolved-reference').length, 2);
    assert.equal(c.diagnostics.size, 0, 'a pull client gets no pushed diagnostics');
  } finally {
    await c.shutdown();
  }
});

test('a workspace folder added while running is indexed; a removed one is forgotten', T, async () => {
  const c = await TestClient.start({});
  try {
    await c.indexReady();
    const shared = new URL('../../../test/fixtures/shared/', import.meta.url).href.replace(/\/$/, '');
    const agents = `${shared}/app/agents.yaml`;
    await c.open(agents);
    await c.diagnosticsFor(agents, (d) => unresolved(d).length === 5);
    await c.conn.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: shared, name: 'shared' }], removed: [] },
    });
    assert.deepEqual(await c.diagnosticsFor(agents, (d) => d.length === 0), []);
    await c.conn.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [], removed: [{ uri: shared, name: 'shared' }] },
    });
    await c.diagnosticsFor(agents, (d) => unresolved(d).length === 5);
  } finally {
    await c.shutdown();
  }
});
