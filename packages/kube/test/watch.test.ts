// The list-then-watch loop against a scripted HTTP server: resume after a closed watch, re-list
// after 410 Gone, retry on 429 with Retry-After. (The whole client is tested end to end against
// cluster-sim; this pins the protocol edge cases down exactly.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeClient } from '../src/client.js';
import { observe } from '../src/watch.js';
import type { Connection } from '../src/kubeconfig.js';

type Step = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

async function scripted(steps: Step[]) {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push(`${url.searchParams.has('watch') ? 'WATCH' : 'LIST'} rv=${url.searchParams.get('resourceVersion') ?? ''}`);
    const step = steps.shift();
    if (!step) {
      res.writeHead(200);
      return; // hold the last watch open
    }
    step(req, res, url);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const conn: Connection = {
    contextName: 't',
    server: `http://127.0.0.1:${port}`,
    namespace: 'default',
    namespaceExplicit: false,
    cluster: { name: 't', server: `http://127.0.0.1:${port}`, skipTLSVerify: false },
    user: { name: 'u', token: 'x' },
    requestTimeoutMs: 0,
  };
  return {
    client: new KubeClient(conn),
    seen,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

const obj = (name: string, rv: string, v = 0) => ({ metadata: { name, resourceVersion: rv }, v });
const list =
  (rv: string, items: unknown[]): Step =>
  (_q, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ metadata: { resourceVersion: rv }, items }));
  };
const events =
  (evs: unknown[], end = true): Step =>
  (_q, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    for (const e of evs) res.write(JSON.stringify(e) + '\n');
    if (end) res.end();
  };

test('observe: list, watch, resume from the last version, re-list on 410, retry 429', async () => {
  const s = await scripted([
    list('5', [obj('a', '5')]),
    events([
      { type: 'MODIFIED', object: obj('a', '6', 1) },
      { type: 'BOOKMARK', object: { metadata: { resourceVersion: '8' } } },
    ]),
    events([{ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old' } }]),
    (_q, res) => {
      res.writeHead(429, { 'Retry-After': '0', 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'slow down' }));
    },
    list('20', [obj('a', '19', 2), obj('b', '20')]),
    events([{ type: 'DELETED', object: obj('a', '21') }], false),
  ]);
  const abort = new AbortController();
  const seenStates: string[] = [];
  const done = observe(s.client, '/api/v1/namespaces/default/pods', { signal: abort.signal }, (objs, change) => {
    seenStates.push(`${change.type}:${[...objs.values()].map((o) => `${o.metadata.name}${(o as { v?: number }).v ?? ''}`).join(',')}`);
    if (change.type === 'DELETED') abort.abort();
  });
  await done;
  s.client.close();
  s.close();
  assert.deepEqual(seenStates, ['SYNC:a0', 'MODIFIED:a1', 'SYNC:a2,b0', 'DELETED:b0']);
  assert.deepEqual(s.seen, ['LIST rv=', 'WATCH rv=5', 'WATCH rv=8', 'LIST rv=', 'LIST rv=', 'WATCH rv=20']);
});

test('observe: across namespaces, objects of the same name in two namespaces are both kept', async () => {
  const inNs = (name: string, namespace: string, rv: string) => ({ metadata: { name, namespace, resourceVersion: rv } });
  const s = await scripted([
    list('5', [inNs('gpt', 'team-a', '4'), inNs('gpt', 'team-b', '5')]),
    events([{ type: 'DELETED', object: inNs('gpt', 'team-a', '6') }], false),
  ]);
  const abort = new AbortController();
  const seen: string[][] = [];
  const done = observe(s.client, '/apis/agent.flokoa.ai/v1alpha1/models', { signal: abort.signal }, (objs, change) => {
    seen.push([...objs.keys()]);
    if (change.type === 'DELETED') abort.abort();
  });
  await done;
  s.client.close();
  s.close();
  assert.deepEqual(seen, [['team-a/gpt', 'team-b/gpt'], ['team-b/gpt']]);
});
