// Seeded fuzz of malformed LSP messages: every document notification and every request the server
// serves, with parameters missing, of the wrong type or null. After each burst the session must
// still work: a well-formed document gets its diagnostics and hover answers (issue 14, item 12).
// FLOKOA_FUZZ_SEED=<n> reproduces a failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '@flokoa/cluster-sim';
import { TestClient } from '../client.js';

const SEED = Number(process.env.FLOKOA_FUZZ_SEED ?? 20261203);

const NOTIFICATIONS = ['textDocument/didOpen', 'textDocument/didChange', 'textDocument/didClose', 'workspace/didChangeWatchedFiles'];
const REQUESTS = [
  'textDocument/hover',
  'textDocument/completion',
  'textDocument/definition',
  'textDocument/references',
  'textDocument/rename',
  'textDocument/prepareRename',
  'textDocument/codeAction',
  'textDocument/documentSymbol',
  'textDocument/diagnostic',
  'textDocument/codeLens',
  'textDocument/inlayHint',
  'workspace/symbol',
];

/** Wrong values of every JSON type, and shapes that are almost right. */
function junk(r: () => number, uri: string): unknown {
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const wrong = pick<unknown>([null, 0, -1, 1.5, '', 'x', true, [], {}, [1, 2], { a: 1 }]);
  return pick<unknown>([
    undefined,
    wrong,
    { textDocument: wrong },
    { textDocument: { uri: wrong, text: 'a: 1\n', version: 1, languageId: 'yaml' } },
    { textDocument: { uri, version: 1, languageId: 'yaml' } },
    { textDocument: { uri, text: wrong, version: 1, languageId: 'yaml' } },
    { textDocument: { uri, text: 'kind: Agent\n', version: wrong, languageId: wrong } },
    { textDocument: { uri, version: 2 }, contentChanges: wrong },
    { textDocument: { uri, version: 2 }, contentChanges: [{ text: wrong }] },
    { textDocument: { uri, version: 2 }, contentChanges: [{ range: wrong, text: 'x' }] },
    { textDocument: { uri }, position: wrong },
    { textDocument: { uri }, position: { line: wrong, character: 0 } },
    { textDocument: { uri }, position: { line: 1e9, character: -5 } },
    { textDocument: { uri }, range: wrong, context: wrong },
    { textDocument: { uri }, position: { line: 0, character: 0 }, newName: wrong, context: wrong },
    { changes: wrong },
    { changes: [{ uri: wrong, type: wrong }] },
    { query: wrong },
  ]);
}

test(`malformed parameters for every method never break the session (seed ${SEED})`, { timeout: 120_000 }, async () => {
  const client = await TestClient.start();
  try {
    const r = seededRandom(SEED);
    for (let round = 0; round < 6; round++) {
      const target = `file:///fuzz/round-${round}.yaml`;
      for (let i = 0; i < 40; i++) {
        const method = r() < 0.5 ? NOTIFICATIONS[Math.floor(r() * NOTIFICATIONS.length)]! : REQUESTS[Math.floor(r() * REQUESTS.length)]!;
        const params = junk(r, r() < 0.5 ? target : 'file:///fuzz/other.yaml');
        if (NOTIFICATIONS.includes(method)) await client.conn.sendNotification(method, params);
        else await client.conn.sendRequest(method, params).catch(() => undefined);
      }
      // The session still works: a new document gets its diagnostics, hover answers.
      const uri = `file:///fuzz/check-${round}.yaml`;
      await client.conn.sendNotification('textDocument/didOpen', {
        textDocument: {
          uri,
          languageId: 'yaml',
          version: 1,
          text: 'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: a\n',
        },
      });
      const diags = await client.diagnosticsFor(uri);
      assert.ok(Array.isArray(diags), `round ${round}`);
      const hover = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 7 } });
      assert.notEqual(hover, null, `round ${round}: hover on the kind`);
    }
    assert.deepEqual(
      client.logs.filter((l) => /uncaught|unhandled/i.test(l.message)),
      [],
    );
  } finally {
    await client.shutdown();
  }
});
