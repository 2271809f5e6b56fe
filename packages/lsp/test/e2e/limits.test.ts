// Parser cost limits on the editor's paths: a file over the size limit is not re-parsed by a
// request either (issue 14, item 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClient } from '../client.js';

test('completion in a file over the 5 MB limit answers nothing instead of re-parsing it', { timeout: 120_000 }, async () => {
  const client = await TestClient.start();
  try {
    const uri = 'file:///big/over-limit.yaml';
    const text = `apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata: {name: a, annotations: {x: "${'A'.repeat(5.5 * 1024 * 1024)}"}}\nspec:\n  \n`;
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const r = (await client.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 2 } })) as
      { items: unknown[] } | unknown[] | null;
    const items = r === null ? [] : Array.isArray(r) ? r : r.items;
    assert.deepEqual(items, []);
  } finally {
    await client.shutdown();
  }
});
