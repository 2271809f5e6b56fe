// Who read which fact (facts.ts): a fact with one reader keeps it unboxed, a second makes a set,
// and firing, forgetting and clearing behave the same either way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FactReaders, type Reader } from '../src/facts.js';

function reader(uri: string, log: string[]): Reader {
  return { uri, reads: undefined, stale: () => log.push(uri) };
}

test('fact readers: one, two, one again; firing drops exactly the readers of the fired facts', () => {
  const readers = new FactReaders();
  const log: string[] = [];
  const a = reader('a', log);
  const b = reader('b', log);
  const c = reader('c', log);
  readers.track(a, ['k x', 'k y', 'k x']);
  assert.deepEqual(a.reads, ['k x', 'k y'], 'a fact read twice is registered once');
  readers.track(b, ['k x']);
  readers.track(c, ['k z']);
  // The facts' strings are shared between readers.
  assert.equal(a.reads![0], b.reads![0]);
  readers.forget(a);
  assert.equal(a.reads, undefined);
  const fired: string[] = [];
  readers.fire(['k x', 'k y'], (r) => fired.push(r.uri));
  assert.deepEqual(fired, ['b'], 'a was forgotten: only b read k x');
  assert.deepEqual(log, ['b']);
  readers.fire(['k x'], (r) => fired.push(r.uri));
  assert.deepEqual(fired, ['b'], 'a fired reader is no longer registered');
  // Two readers of one fact, then re-tracking one of them elsewhere.
  readers.track(a, ['k w']);
  readers.track(b, ['k w']);
  readers.track(a, ['k v']);
  readers.fire(['k w'], (r) => fired.push(r.uri));
  assert.deepEqual(fired, ['b', 'b']);
  readers.fire(['k v', 'k z'], (r) => fired.push(r.uri));
  assert.deepEqual(fired.slice(2).sort(), ['a', 'c']);
  readers.track(a, ['k u']);
  readers.clear();
  assert.equal(a.reads, undefined);
  readers.fire(['k u'], (r) => fired.push(r.uri));
  assert.equal(fired.length, 4);
});
