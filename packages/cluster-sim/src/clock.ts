// Simulated time: durations inside the sim (pod start-up, back-offs, progress deadlines) are
// simulated milliseconds; `timeScale` makes them pass faster in real time, and tests can jump
// ahead with `advance()` instead of waiting.

interface Timer {
  id: number;
  due: number;
  fn: () => void;
}

export class SimClock {
  private readonly realStart = Date.now();
  private offset = 0;
  private timers: Timer[] = [];
  private nextId = 1;
  private handle: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(readonly timeScale = 1) {
    if (!(timeScale > 0)) throw new Error(`timeScale must be > 0, got ${timeScale}`);
  }

  /** Simulated epoch milliseconds. */
  now(): number {
    return this.realStart + (Date.now() - this.realStart) * this.timeScale + this.offset;
  }

  /** Run `fn` after `ms` simulated milliseconds; returns a cancel function. */
  after(ms: number, fn: () => void): () => void {
    const timer: Timer = { id: this.nextId++, due: this.now() + Math.max(0, ms), fn };
    this.timers.push(timer);
    this.arm();
    return () => {
      this.timers = this.timers.filter((t) => t.id !== timer.id);
      this.arm();
    };
  }

  /** Jump simulated time forward, firing every timer that falls due. */
  advance(ms: number): void {
    this.offset += ms;
    this.fireDue();
  }

  stop(): void {
    this.stopped = true;
    this.timers = [];
    if (this.handle) clearTimeout(this.handle);
  }

  private fireDue(): void {
    const now = this.now();
    const due = this.timers.filter((t) => t.due <= now).sort((a, b) => a.due - b.due);
    this.timers = this.timers.filter((t) => t.due > now);
    for (const t of due) t.fn();
    this.arm();
  }

  private arm(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
    if (this.stopped || this.timers.length === 0) return;
    const earliest = Math.min(...this.timers.map((t) => t.due));
    const realDelay = Math.max(0, (earliest - this.now()) / this.timeScale);
    this.handle = setTimeout(() => this.fireDue(), Math.ceil(realDelay));
    // Pending simulated work must not keep a finished test process alive.
    this.handle.unref();
  }
}

/** RFC 3339 with second precision, as Kubernetes serialises metav1.Time. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** RFC 3339 with microseconds, as metav1.MicroTime (event series, lease times). */
export function rfc3339Micro(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
