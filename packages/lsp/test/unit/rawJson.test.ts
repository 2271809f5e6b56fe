// The stdio encoder writes pre-serialised values (the diagnostics) as their cached UTF-8 parts:
// what it writes must be, byte for byte, what JSON.stringify writes for the same message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from 'vscode-languageserver/node';
import { RawJson, rawJsonEncoder } from '../../src/rawJson.js';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

function rawOf(value: unknown[]): RawJson<unknown[]> {
  // Split as the diagnostics are: an opening bracket, items and commas, a closing bracket.
  const parts = [
    utf8('['),
    ...value.flatMap((v, i) => (i === 0 ? [utf8(JSON.stringify(v))] : [utf8(','), utf8(JSON.stringify(v))])),
    utf8(']'),
  ];
  return new RawJson(
    () => parts,
    () => value,
  );
}

async function encoded(msg: unknown): Promise<string> {
  const bytes = await rawJsonEncoder.encode(msg as Message, { charset: 'utf-8' });
  return Buffer.from(bytes).toString('utf8');
}

test('raw parts are written in place, and the bytes are what JSON.stringify gives for the values', async () => {
  const items = [{ message: 'Model „gpt‑4o“ not found 🚫', range: { start: { line: 1, character: 2 } } }, { message: 'plain' }];
  const other = [{ message: 'ünïcödé' }];
  const msg = {
    jsonrpc: '2.0',
    method: 'textDocument/publishDiagnostics',
    params: { uri: 'file:///ä b.yaml', diagnostics: rawOf(items), more: rawOf(other), empty: rawOf([]) },
  };
  const expected = JSON.stringify({ ...msg, params: { ...msg.params, diagnostics: items, more: other, empty: [] } });
  assert.equal(await encoded(msg), expected);
  // Without our encoder (JSON.stringify elsewhere), the value itself.
  assert.equal(JSON.stringify(msg), expected);
});

test("a string that looks like the placeholder's prefix stays as it is", async () => {
  const msg = { jsonrpc: '2.0', id: 1, result: { text: '\u0000flokoa-raw-0:0', list: rawOf([1, 2]) } };
  assert.deepEqual(JSON.parse(await encoded(msg)), { jsonrpc: '2.0', id: 1, result: { text: '\u0000flokoa-raw-0:0', list: [1, 2] } });
});

test('a message without raw values is plain JSON; a charset other than UTF-8 is refused', async () => {
  assert.equal(await encoded({ jsonrpc: '2.0', id: 2, result: null }), '{"jsonrpc":"2.0","id":2,"result":null}');
  await assert.rejects(rawJsonEncoder.encode({ jsonrpc: '2.0', id: 3 } as Message, { charset: 'ascii' }), /UTF-8/);
});
