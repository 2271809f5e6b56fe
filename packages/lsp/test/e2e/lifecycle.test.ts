// The protocol's lifecycle over stdio (requests before `initialize` and after `shutdown` are
// refused as the specification says) and the schema export's output folder (issue 14, item 6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const BIN = fileURLToPath(new URL('../../../dist/flokoa-lsp.js', import.meta.url));

test('before initialize: ServerNotInitialized (-32002); after shutdown: InvalidRequest; exit still ends it', async () => {
  const child = spawn(process.execPath, [BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.listen();
  const hover = () =>
    conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///a.yaml' }, position: { line: 0, character: 0 } });
  try {
    await assert.rejects(hover(), { code: -32002 });
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    await conn.sendNotification('initialized', {});
    assert.equal(await hover(), null);
    await conn.sendRequest('shutdown');
    await assert.rejects(hover(), { code: -32600 });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await conn.sendNotification('exit');
    assert.equal(await exited, 0);
  } finally {
    conn.dispose();
    child.kill();
  }
});

test('schema --out into a folder that refuses new entries (/proc/x) is one error line, not a spin', () => {
  const r = spawnSync(process.execPath, [BIN, 'schema', '--out', '/proc/flokoa-x'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.signal, null, 'ended by itself');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^error: cannot write \S+: ENOENT\n$/);
});
