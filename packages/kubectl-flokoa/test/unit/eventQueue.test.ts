import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventQueue } from '../../src/rollout/eventQueue.js';

async function drain<T>(q: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const e of q) out.push(e);
  return out;
}

test('event queue: events pushed before and after the consumer waits arrive in order; close ends the stream', async () => {
  const q = new EventQueue<number>();
  q.push(1);
  const got = drain(q);
  await Promise.resolve();
  q.push(2);
  setTimeout(() => {
    q.push(3);
    q.close();
    q.push(4);
  }, 1);
  assert.deepEqual(await got, [1, 2, 3]);
  assert.equal(q.done, true);
});

test('event queue: a final event ends the stream; later pushes and failures are dropped', async () => {
  const q = new EventQueue<string>((e) => e.startsWith('final'));
  q.push('a');
  q.push('final: done');
  q.push('b');
  q.fail(new Error('too late'));
  assert.deepEqual(await drain(q), ['a', 'final: done']);
});

test('event queue: fail delivers what was pushed, then throws', async () => {
  const q = new EventQueue<number>();
  q.push(1);
  setTimeout(() => q.fail(new Error('watch failed')), 1);
  const seen: number[] = [];
  await assert.rejects(async () => {
    for await (const e of q) seen.push(e);
  }, /watch failed/);
  assert.deepEqual(seen, [1]);
});

test('event queue: a consumer that stops early leaves the queue usable for close', async () => {
  const q = new EventQueue<number>();
  q.push(1);
  q.push(2);
  for await (const e of q) {
    assert.equal(e, 1);
    break;
  }
  q.close();
  assert.equal(q.done, true);
});
