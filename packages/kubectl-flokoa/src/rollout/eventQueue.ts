// A push-driven async stream: producers (watch callbacks, timers) push events; one consumer
// iterates them in order. The stream ends after a final event, on close(), or by throwing the
// error passed to fail(). Nothing pushed after the end is delivered.

export class EventQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private wake: (() => void) | undefined;
  private ended = false;
  private failure: { error: unknown } | undefined;

  /** @param isFinal an event after which nothing else is delivered */
  constructor(private readonly isFinal: (e: T) => boolean = () => false) {}

  /** True once a final event was pushed, or close()/fail() was called. */
  get done(): boolean {
    return this.ended;
  }

  push(e: T): void {
    if (this.ended) return;
    this.items.push(e);
    if (this.isFinal(e)) this.ended = true;
    this.notify();
  }

  /** Ends the stream after the events already pushed. */
  close(): void {
    this.ended = true;
    this.notify();
  }

  /** Ends the stream: the consumer gets the events already pushed, then this error. Ignored once ended. */
  fail(error: unknown): void {
    if (this.ended) return;
    this.failure = { error };
    this.ended = true;
    this.notify();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      const next = this.items.shift();
      if (next !== undefined) {
        yield next;
        if (this.isFinal(next)) return;
        continue;
      }
      if (this.failure) throw this.failure.error;
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
