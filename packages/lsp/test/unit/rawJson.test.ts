// The stdio writer sends pre-serialised values (the diagnostics) as their cached UTF-8 parts, in
// one reused buffer: what reaches the stream must be, byte for byte, the base protocol's framing
// around what JSON.stringify writes for the same message, message after message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { Message } from 'vscode-languageserver/node';
import { RawJson, encodeMessage, StdioMessageWriter } from '../../src/rawJson.js';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

function rawOf(value: unknown[]): RawJson<unknown[]> {
  // Split as the diagnostics are: an opening bracket, items and commas, a closing bracket.
  const items = value.flatMap((v, i) => (i === 0 ? [utf8(JSON.stringify(v))] : [utf8(','), utf8(JSON.stringify(v))]));
  return new RawJson(
    () => [utf8('['), ...items, utf8(']')],
    () => value,
  );
}

const text = (parts: Uint8Array[]) => Buffer.concat(parts).toString('utf8');

test('raw parts are written in place, and the bytes are what JSON.stringify gives for the values', () => {
  const items = [{ message: 'Model „gpt‑4o“ not found 🚫', range: { start: { line: 1, character: 2 } } }, { message: 'plain' }];
  const other = [{ message: 'ünïcödé' }];
  const msg = {
    jsonrpc: '2.0',
    method: 'textDocument/publishDiagnostics',
    params: { uri: 'file:///ä b.yaml', diagnostics: rawOf(items), more: rawOf(other), empty: rawOf([]) },
  };
  const expected = JSON.stringify({ ...msg, params: { ...msg.params, diagnostics: items, more: other, empty: [] } });
  assert.equal(text(encodeMessage(msg as Message)), expected);
  // Outside our writer (JSON.stringify elsewhere), the value itself.
  assert.equal(JSON.stringify(msg), expected);
});

test("a string that looks like the placeholder's prefix stays as it is", () => {
  const msg = { jsonrpc: '2.0', id: 1, result: { text: '\u0000flokoa-raw-0:0', list: rawOf([1, 2]) } };
  assert.deepEqual(JSON.parse(text(encodeMessage(msg as Message))), {
    jsonrpc: '2.0',
    id: 1,
    result: { text: '\u0000flokoa-raw-0:0', list: [1, 2] },
  });
});

/**
 * A stream that, like an asynchronous pipe write, reads each chunk's bytes later and is done with
 * them when it calls back: a writer that reused its buffer before the callback would be caught.
 */
function pipeLike(): { stream: Writable; received: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      setImmediate(() => {
        chunks.push(Buffer.from(chunk));
        cb();
      });
    },
  });
  return { stream, received: () => Buffer.concat(chunks) };
}

/** Splits framed output into its message bodies, checking each Content-Length against the bytes. */
function bodies(out: Buffer): unknown[] {
  const found: unknown[] = [];
  let at = 0;
  while (at < out.length) {
    const headerEnd = out.indexOf('\r\n\r\n', at);
    assert.ok(headerEnd > at, 'a header ends in an empty line');
    const m = /^Content-Length: (\d+)$/.exec(out.subarray(at, headerEnd).toString('ascii'));
    assert.ok(m, 'the header is a Content-Length');
    const start = headerEnd + 4;
    found.push(JSON.parse(out.subarray(start, start + Number(m[1])).toString('utf8')));
    at = start + Number(m[1]);
  }
  return found;
}

test('messages written at once go out whole and in order, big and small, through one reused buffer', async () => {
  const { stream, received } = pipeLike();
  const writer = new StdioMessageWriter(stream);
  const big = Array.from({ length: 2000 }, (_, i) => ({ message: `finding ${i} — ✓`, line: i }));
  const msgs = [
    { jsonrpc: '2.0', method: 'a', params: { diagnostics: rawOf(big) } },
    { jsonrpc: '2.0', id: 1, result: null },
    { jsonrpc: '2.0', method: 'b', params: { diagnostics: rawOf(big.slice(0, 3)) } },
    { jsonrpc: '2.0', method: 'c', params: { diagnostics: rawOf(big) } },
  ];
  await Promise.all(msgs.map((m) => writer.write(m as Message)));
  assert.deepEqual(bodies(received()), JSON.parse(JSON.stringify(msgs)));
});

test('a message that cannot be serialised is refused with an error; the next one still goes out', async () => {
  const { stream, received } = pipeLike();
  const writer = new StdioMessageWriter(stream);
  const errors: Error[] = [];
  writer.onError(([e]) => void errors.push(e));
  const cyclic: Record<string, unknown> = { jsonrpc: '2.0', method: 'x' };
  cyclic.params = cyclic;
  await assert.rejects(writer.write(cyclic as unknown as Message));
  await writer.write({ jsonrpc: '2.0', id: 2, result: 'ok' } as Message);
  assert.equal(errors.length, 1);
  assert.deepEqual(bodies(received()), [{ jsonrpc: '2.0', id: 2, result: 'ok' }]);
});
