import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiErrorFromResponse,
  connectionErrorFrom,
  describeError,
  UsageError,
  ConcurrentEditError,
  ReportedFailure,
} from '../src/errors.js';

const req = { verb: 'get', path: '/apis/agent.flokoa.ai/v1alpha1/namespaces/a/agents/x' };
const status = (code: number, reason: string, message: string) =>
  JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message });

test('API errors become one line a user understands', () => {
  const cases: [number, string, string | undefined, RegExp][] = [
    [401, status(401, 'Unauthorized', 'Unauthorized'), undefined, /^You must be logged in to the server \(Unauthorized\)/],
    [
      403,
      status(403, 'Forbidden', 'agents.agent.flokoa.ai "x" is forbidden: User "bob" cannot get resource "agents"'),
      undefined,
      /^forbidden: agents.agent.flokoa.ai "x" is forbidden: User "bob"/,
    ],
    [404, status(404, 'NotFound', 'agents.agent.flokoa.ai "x" not found'), undefined, /^agents.agent.flokoa.ai "x" not found$/],
    [409, status(409, 'Conflict', 'the object has been modified'), undefined, /^conflict: the object has been modified/],
    [410, status(410, 'Expired', 'too old resource version: 1 (5)'), undefined, /410 Gone.*too old resource version/],
    [
      422,
      status(422, 'Invalid', 'Agent.agent.flokoa.ai "x" is invalid: spec.model: Required value'),
      undefined,
      /^invalid: .*spec.model: Required value/,
    ],
    [429, status(429, 'TooManyRequests', 'slow down'), '3', /429 Too Many Requests\), retry after 3s: slow down/],
    [500, status(500, 'InternalError', 'boom'), undefined, /^the server failed \(500 InternalError\) on get .*: boom/],
    [503, '<html>\n<body>Service Unavailable</body>', undefined, /^the server failed \(503\) on get .*<html>/],
    [504, status(504, 'Timeout', 'took too long'), undefined, /^the server timed out handling get/],
  ];
  for (const [code, body, retryAfter, want] of cases) {
    const line = describeError(apiErrorFromResponse(code, body, req, retryAfter));
    assert.match(line, want, `${code}`);
    assert.ok(!line.includes('\n'), `${code} is one line`);
  }
});

test('transport errors use kubectl wording', () => {
  const err = (code: string, message = code) => Object.assign(new Error(message), { code });
  const server = 'https://127.0.0.1:6443';
  const cases: [NodeJS.ErrnoException, RegExp][] = [
    [err('ECONNREFUSED'), /^The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port\?$/],
    [err('ENOTFOUND'), /no such host/],
    [err('REQUEST_TIMEOUT'), /timed out after 2s \(--request-timeout\)/],
    [err('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), /TLS: self-signed certificate/],
    [err('ECONNRESET'), /ECONNRESET/],
  ];
  for (const [e, want] of cases) assert.match(describeError(connectionErrorFrom(e, server, 2000)), want);
});

test('other errors: usage verbatim, anything else marked internal, never multi-line', () => {
  assert.equal(describeError(new UsageError('context "x" does not exist')), 'context "x" does not exist');
  assert.equal(describeError(new ConcurrentEditError('agent "a" was changed by someone else')), 'agent "a" was changed by someone else');
  assert.equal(describeError(new ReportedFailure('rollout of agent "a" failed: image pull')), 'rollout of agent "a" failed: image pull');
  assert.equal(describeError(new Error('a\n  at b')), 'internal error: a at b');
  assert.equal(describeError('weird'), 'internal error: weird');
});
