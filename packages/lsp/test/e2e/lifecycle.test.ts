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

/** Starts the server on stdio, writes `input` as it is, and resolves with its exit code and stderr. */
function rawSession(input: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.resume();
  child.stdin.write(input);
  // stdin stays open, as an editor keeps it: only the server can end the session.
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { processId: null, rootUri: null, capabilities: {} },
});

test(
  'broken framing (a header line ending in a bare \\n, no Content-Length, no colon) ends the server with one line, not a silent hang',
  { timeout: 60_000 },
  async () => {
    const cases: [string, RegExp][] = [
      [
        `Content-Length: ${INITIALIZE.length}\n\n${INITIALIZE}`,
        /a header line that ends in \\n without \\r \(header lines end in \\r\\n\), in the header at byte 0/,
      ],
      [`Content-Type: application/json\r\n\r\n${INITIALIZE}`, /a message header without Content-Length, in the header at byte 0/],
      [
        `Content-Length: ${INITIALIZE.length}\r\n\r\n${INITIALIZE}Content-Length\r\n\r\n`,
        /a header line without ':', in the header at byte \d+/,
      ],
      [`Content-Length: many\r\n\r\n${INITIALIZE}`, /a Content-Length that is not a number of bytes/],
    ];
    for (const [input, why] of cases) {
      const r = await rawSession(input);
      assert.equal(r.code, 1, JSON.stringify(input.slice(0, 40)));
      const lines = r.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], /^flokoa-lsp: protocol error: /);
      assert.match(lines[0], why);
    }
  },
);

test('a well-framed message that is not JSON is dropped with one line, and the session goes on', { timeout: 60_000 }, async () => {
  const child = spawn(process.execPath, [BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  const dropped = new Promise<void>((resolve) =>
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('\n')) resolve();
    }),
  );
  const secret = '{"stringData": {"password": "hunter2"';
  child.stdin.write(`Content-Length: ${secret.length}\r\n\r\n${secret}`);
  await dropped;
  assert.equal(stderr, 'flokoa-lsp: dropped a message that could not be read: its body is not JSON\n');
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.listen();
  try {
    const result = (await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as {
      capabilities: object;
    };
    assert.ok(result.capabilities);
  } finally {
    conn.dispose();
    child.kill();
  }
});
