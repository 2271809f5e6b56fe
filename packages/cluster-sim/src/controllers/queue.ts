// A deduplicating work queue: keys added while handling store events are processed together
// on the next turn of the event loop, like a controller's rate-limited queue without the delay.

export class WorkQueue {
  private pending = new Set<string>();
  private scheduled = false;
  private stopped = false;

  constructor(
    private readonly work: (key: string) => void,
    private readonly onError: (key: string, err: unknown) => void,
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    this.pending.add(key);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  stop(): void {
    this.stopped = true;
    this.pending.clear();
  }

  private drain(): void {
    this.scheduled = false;
    if (this.stopped) return;
    const keys = [...this.pending];
    this.pending.clear();
    for (const k of keys) {
      try {
        this.work(k);
      } catch (err) {
        this.onError(k, err);
      }
    }
  }
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
