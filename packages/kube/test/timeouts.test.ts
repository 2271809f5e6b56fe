// Every request of a KubeClient ends: connect and TLS handshake limits, a silent server, the command's signal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { KubeClient } from '../src/client.js';
import type { Connection } from '../src/kubeconfig.js';
import { Backoff } from '../src/backoff.js';

function connection(server: string): Connection {
  return {
    contextName: 'test',
    server,
    namespace: 'default',
    namespaceExplicit: false,
    cluster: { name: 'c', server, skipTLSVerify: true },
    user: { name: 'u' },
    requestTimeoutMs: 0,
  } as Connection;
}

async function listening(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

test('a server that accepts TCP and never speaks TLS: the handshake limit ends the request', async () => {
  const sockets: Socket[] = [];
  const blackhole = createTcpServer((s) => sockets.push(s));
  const port = await listening(blackhole);
  const client = new KubeClient(connection(`https://127.0.0.1:${port}`), { timeouts: { handshakeMs: 100 } });
  try {
    await assert.rejects(
      client.get('/api/v1/namespaces/default'),
      /^ConnectionError: Unable to connect to the server 127.0.0.1:\d+: TLS handshake timeout$/,
    );
  } finally {
    client.close();
    for (const s of sockets) s.destroy();
    blackhole.close();
  }
});

test('a server that reads the request and never answers: the idle limit ends it', async () => {
  const server = createHttpServer(() => undefined);
  const port = await listening(server);
  const client = new KubeClient(connection(`http://127.0.0.1:${port}`), { timeouts: { idleMs: 100 } });
  try {
    await assert.rejects(client.get('/api/v1/namespaces/default'), /the server sent nothing for 0.1s/);
  } finally {
    client.close();
    server.closeAllConnections();
    server.close();
  }
});

test("the client's signal aborts every request in flight, and later ones at once", async () => {
  let received!: () => void;
  const arrived = new Promise<void>((resolve) => (received = resolve));
  const server = createHttpServer(() => received());
  const port = await listening(server);
  const abort = new AbortController();
  const client = new KubeClient(connection(`http://127.0.0.1:${port}`), { signal: abort.signal });
  try {
    const pending = client.get('/api/v1/namespaces/default');
    await arrived;
    abort.abort();
    await assert.rejects(pending, { name: 'AbortError' });
    await assert.rejects(client.list('/api/v1/pods'), { name: 'AbortError' });
  } finally {
    client.close();
    server.closeAllConnections();
    server.close();
  }
});

test('Backoff: doubles to its cap, starts over after a healthy run, Retry-After wins', () => {
  const b = new Backoff({ initialMs: 100, maxMs: 1000, healthyAfterMs: 5000 }, () => 1);
  assert.deepEqual(
    [0, 0, 0, 0, 0].map(() => b.next(10)),
    [100, 200, 400, 800, 1000],
  );
  assert.equal(b.next(6000), 100);
  assert.equal(b.next(10, 3000), 1000, 'a server wait is capped too');
  assert.equal(b.next(10, 300), 300);
});
