// The request wrapper every handler runs through: cancellation, errors and deliberate refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, LSPErrorCodes, ResponseError, ErrorCodes } from 'vscode-languageserver/node';
import { runSafe } from '../src/request.js';

function recorder() {
  const errors: string[] = [];
  return { log: { error: (m: string) => void errors.push(m), info: () => undefined }, errors };
}

test('runSafe: result, cancellation before and after, thrown error, deliberate ResponseError', async () => {
  const cases: {
    name: string;
    cancelBefore?: boolean;
    cancelDuring?: boolean;
    fn: () => unknown;
    want: (r: unknown, errors: string[]) => void;
  }[] = [
    { name: 'plain result', fn: () => 42, want: (r, e) => (assert.equal(r, 42), assert.deepEqual(e, [])) },
    { name: 'async result', fn: async () => 'x', want: (r) => assert.equal(r, 'x') },
    {
      name: 'cancelled before it runs',
      cancelBefore: true,
      fn: () => assert.fail('must not run'),
      want: (r) => assert.equal((r as ResponseError<void>).code, LSPErrorCodes.RequestCancelled),
    },
    {
      name: 'cancelled while it ran',
      cancelDuring: true,
      fn: () => 1,
      want: (r) => assert.equal((r as ResponseError<void>).code, LSPErrorCodes.RequestCancelled),
    },
    {
      name: 'a throw becomes the fallback and one log line with the uri',
      fn: () => {
        throw new TypeError('boom');
      },
      want: (r, e) => {
        assert.equal(r, 'fallback');
        assert.equal(e.length, 1);
        assert.match(e[0], /^hover failed on file:\/\/\/x\.yaml: TypeError: boom/);
      },
    },
    {
      name: 'a ResponseError is an answer, passed through without logging',
      fn: () => {
        throw new ResponseError(ErrorCodes.InvalidRequest, 'cannot rename this');
      },
      want: (r, e) => (assert.equal((r as ResponseError<void>).message, 'cannot rename this'), assert.deepEqual(e, [])),
    },
  ];
  for (const c of cases) {
    const { log, errors } = recorder();
    const source = new CancellationTokenSource();
    if (c.cancelBefore) source.cancel();
    const r = await runSafe(log, 'hover', 'file:///x.yaml', source.token, 'fallback', () => {
      if (c.cancelDuring) source.cancel();
      return c.fn() as never;
    });
    c.want(r, errors);
  }
});
