// The one back-off policy of every retry loop of the kube layer (client-go's reflector's shape):
// waits double from `initialMs` up to `maxMs`, with jitter, and start over once things went well
// for a while. A watch the server closes at once is "not going well": without this, a server that
// ends every watch at once (a proxy's idle timeout of 0) is hammered with thousands of requests.
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** A watch that lasted this long is healthy: the next wait starts over. */
  healthyAfterMs: number;
}

export const WATCH_BACKOFF: BackoffPolicy = { initialMs: 200, maxMs: 10_000, healthyAfterMs: 5_000 };

export class Backoff {
  private attempt = 0;
  constructor(
    private readonly policy: BackoffPolicy = WATCH_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  /** The wait before the next try, given how long the last one ran (ms); `serverWaitMs` (Retry-After) wins. */
  next(ranMs: number, serverWaitMs?: number): number {
    if (ranMs >= this.policy.healthyAfterMs) this.attempt = 0;
    const base = Math.min(this.policy.maxMs, this.policy.initialMs * 2 ** this.attempt++);
    const wait = serverWaitMs ?? base * (0.5 + this.random() / 2);
    return Math.min(wait, this.policy.maxMs);
  }

  reset(): void {
    this.attempt = 0;
  }
}
