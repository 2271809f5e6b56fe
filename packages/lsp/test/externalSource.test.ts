// The hook the live cluster (issue 4) plugs into: an ExternalResourceSource handed to startServer.
// In-process (startServer on in-memory streams) because the built server has no source to inject.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams, Hover } from 'vscode-languageserver-protocol';
import { resourcesFromObject } from '@flokoa/core';
import { startServer } from '../src/server.js';
import type { ExternalResourceSource, ExternalSink } from '../src/externalSources.js';

const AGENT = `apiVersion: agent.flokoa.ai/v1alpha1
kind: Agent
metadata:
  name: a
  namespace: apps
spec:
  framework: langchain
  model:
    name: live-model
`;

test(
  'resources from an external source resolve references, hover says where they live, and withdrawing them flags again',
  { timeout: 30_000 },
  async () => {
    let sink: ExternalSink | undefined;
    const source: ExternalResourceSource = { id: 'cluster:test', start: (s) => void (sink = s), dispose: () => undefined };
    const toServer = new PassThrough();
    const fromServer = new PassThrough();
    const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(fromServer));
    startServer(server, { externalSources: () => [source] });
    const client = createMessageConnection(new StreamMessageReader(fromServer), new StreamMessageWriter(toServer));
    const published: PublishDiagnosticsParams[] = [];
    const waiters: (() => void)[] = [];
    client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      published.push(p);
      waiters.splice(0).forEach((w) => w());
    });
    const next = (match: (p: PublishDiagnosticsParams) => boolean) =>
      new Promise<PublishDiagnosticsParams>((resolve) => {
        const check = () => {
          const hit = published.find(match);
          if (hit) resolve(hit);
          else waiters.push(check);
        };
        check();
      });
    client.listen();
    try {
      await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
      await client.sendNotification('initialized', {});
      const uri = 'untitled:agent.yaml';
      await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: AGENT } });
      await next((p) => p.diagnostics.some((d) => d.code === 'unresolved-reference'));
      assert.ok(sink, 'source was not started');
      published.length = 0;
      const liveModel = {
        apiVersion: 'agent.flokoa.ai/v1alpha1',
        kind: 'Model',
        metadata: { name: 'live-model', namespace: 'apps' },
        spec: { model: 'gpt-4o', providerRef: { name: 'p' } },
      };
      sink.setResources(
        resourcesFromObject(liveModel, {
          uri: 'cluster://test-context',
          namespace: (ns) => ({ namespace: String(ns), source: { kind: 'cluster' } }),
        }),
      );
      await next((p) => !p.diagnostics.some((d) => d.code === 'unresolved-reference'));
      const hover: Hover = await client.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 12 } });
      assert.match((hover.contents as { value: string }).value, /cluster \(test-context\)/);
      published.length = 0;
      sink.setResources([]);
      await next((p) => p.diagnostics.some((d) => d.code === 'unresolved-reference'));
    } finally {
      client.dispose();
      server.dispose();
    }
  },
);
