// The two API generations over LSP: a June 2026 workspace is clean, hover and flokoa/apiGeneration
// say which generation a document is read as and why, a half-migrated document gets one finding,
// and the setting pins the generation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-protocol';
import { TestClient } from '../client.js';
import { API_GENERATION_REQUEST, type ApiGenerationInfo } from '../../src/protocol.js';

const T = { timeout: 30_000 };
let c: TestClient;
before(async () => {
  c = await TestClient.start({ fixture: 'generations' });
  await c.indexReady();
});
after(() => c.shutdown());

const MIXED = `apiVersion: agent.flokoa.ai/v1alpha1
kind: Agent
metadata:
  name: half
  namespace: team-a
spec:
  modelRef:
    name: sonnet
  instructionRefs:
    - name: tone
  card: {name: Half, description: Half migrated, version: "1", skills: []}
  runtime:
    type: standard
    replicas: 1
`;

test('a June 2026 workspace has no findings; the document says why it is read as June 2026', T, async () => {
  const uri = await c.open('team-a/agent.yaml');
  assert.deepEqual(
    (await c.currentDiagnostics(uri)).map((d) => `${d.range.start.line}:${d.code}`),
    [],
  );
  const info = (await c.request(API_GENERATION_REQUEST, {
    textDocument: { uri },
    position: c.positionOf(uri, 'modelRef'),
  })) as ApiGenerationInfo;
  assert.equal(info.id, '2026-06');
  assert.equal(info.source, 'document');
  assert.match(info.because, /the document uses spec\.(modelRef|instructionRefs|runtime)/, info.because);
  const hover = (await c.request('textDocument/hover', {
    textDocument: { uri },
    position: c.positionOf(uri, 'Agent', 'url:'),
  })) as Hover;
  assert.match((hover.contents as { value: string }).value, /Read as the \*\*June 2026 API\*\* \(spec\.modelRef.*\): the document uses/);
});

test('a document mixing the generations: one api-generation-mismatch, no unknown-field per field', T, async () => {
  const uri = await c.open('team-a/half.yaml', MIXED);
  try {
    const diags = await c.currentDiagnostics(uri);
    assert.deepEqual(
      diags.filter((d) => /^(api|schema)-/.test(String(d.code))).map((d) => `${d.range.start.line}:${d.code}`),
      ['12:api-generation-mismatch'],
    );
    assert.match(String(diags[0]!.message), /belong to the January 2026 API/);
    const info = (await c.request(API_GENERATION_REQUEST, {
      textDocument: { uri },
      position: { line: 1, character: 1 },
    })) as ApiGenerationInfo;
    assert.deepEqual(info.mixed, { id: '2026-01', title: 'January 2026', fields: ['spec.runtime.type'] });
  } finally {
    await c.close(uri);
  }
});

test('flokoa.apiGeneration pins every document: a June document read as January is one finding', T, async () => {
  const pinned = await TestClient.start({ fixture: 'generations', settings: { apiGeneration: '2026-01' } });
  try {
    await pinned.indexReady();
    const uri = await pinned.open('team-a/agent.yaml');
    const diags = await pinned.currentDiagnostics(uri, (d) => d.some((x) => x.code === 'api-generation-mismatch'));
    assert.ok(diags.some((d) => /flokoa\.apiGeneration is 2026-01/.test(String(d.message))));
    assert.ok(!diags.some((d) => d.code === 'schema-unknown-field'), JSON.stringify(diags.map((d) => d.message)));
    const info = (await pinned.request(API_GENERATION_REQUEST, {
      textDocument: { uri },
      position: { line: 1, character: 1 },
    })) as ApiGenerationInfo;
    assert.equal(info.source, 'setting');
  } finally {
    await pinned.shutdown();
  }
});
