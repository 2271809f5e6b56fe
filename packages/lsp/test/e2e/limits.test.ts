// Parser cost limits on the editor's paths (issue 14, item 4): files whose parse would cost too much
// are refused with one finding each, without a second parse per request, and the server goes on
// answering for the other files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-protocol';
import { TestClient } from '../client.js';

const HEAD = 'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata: {name: a}\n';

async function completionItems(client: TestClient, uri: string, line: number, character: number): Promise<unknown[]> {
  const r = (await client.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } })) as
    { items: unknown[] } | unknown[] | null;
  return r === null ? [] : Array.isArray(r) ? r : r.items;
}

test('completion in a file over the 5 MB limit answers nothing instead of re-parsing it', { timeout: 120_000 }, async () => {
  const client = await TestClient.start();
  try {
    const uri = 'file:///big/over-limit.yaml';
    const text = `apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata: {name: a, annotations: {x: "${'A'.repeat(5.5 * 1024 * 1024)}"}}\nspec:\n  \n`;
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    assert.deepEqual(await completionItems(client, uri, 4, 2), []);
  } finally {
    await client.shutdown();
  }
});

test(
  'flow-style files under 5 MB that would cost yaml seconds and gigabytes are refused, and hover answers on another file',
  { timeout: 120_000 },
  async () => {
    const client = await TestClient.start({ fixture: 'generations' });
    try {
      await client.indexReady();
      // 4.9 MB of flow values: with a tag (yaml's path: 24 s and 2.5 GB), without (the fast reader's),
      // and the same cost spread over 400 small documents with tags.
      const flow = `spec: !!map {x: [${'1,'.repeat(2.45 * 1024 * 1024)}1]}\n`;
      const small = Array.from(
        { length: 400 },
        (_, i) => `---\n${HEAD.replace('name: a', `name: a${i}`)}spec: !!map {x: [${'1, '.repeat(600)}1]}\n`,
      );
      const files = {
        'file:///big/tagged.yaml': [HEAD + flow, /^This document holds more than 200,000 values/],
        'file:///big/plain.yaml': [HEAD + flow.replace('!!map ', ''), /^This document holds more than 200,000 values/],
        'file:///big/many.yaml': [small.join(''), /^This file holds more than 200,000 values/],
      } as const;
      for (const [uri, [text]] of Object.entries(files)) await client.open(uri, text);
      for (const [uri, [, message]] of Object.entries(files)) {
        const diagnostics = await client.diagnosticsFor(uri, (d) => d.length > 0);
        assert.deepEqual(
          diagnostics.map((d) => d.code),
          ['yaml-limits'],
          uri,
        );
        const text = diagnostics[0].message;
        assert.match(typeof text === 'string' ? text : text.value, message);
      }
      const agent = await client.open('team-a/agent.yaml');
      const hover = (await client.request('textDocument/hover', {
        textDocument: { uri: agent },
        position: client.positionOf(agent, 'sonnet'),
      })) as Hover | null;
      assert.match(JSON.stringify(hover?.contents), /Model/);
      // A refused document is not re-parsed for completion either.
      assert.deepEqual(await completionItems(client, 'file:///big/tagged.yaml', 3, 10), []);
    } finally {
      await client.shutdown();
    }
  },
);
