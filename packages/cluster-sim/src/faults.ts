// Fault injection: added latency, a share of requests answered 500 or 429 + Retry-After,
// watches closed after a while, and expired resourceVersions. Discovery, OpenAPI and health
// endpoints are spared so clients can always start; faults hit resource requests.

export interface FaultConfig {
  /** Milliseconds added before answering each resource request. */
  latencyMs?: number;
  /** Share (0..1) of resource requests answered 500 InternalError. */
  errorRate?: number;
  /** Share (0..1) of resource requests answered 429 TooManyRequests with Retry-After. */
  throttleRate?: number;
  /** Retry-After seconds for throttled requests (default 1). */
  retryAfterSeconds?: number;
  /** Close every watch this many (real) seconds after it starts. */
  watchTimeoutSeconds?: number;
  /** Answer watches 200 and then hold them open without a single event or bookmark: a stream a proxy dropped. */
  silentWatches?: boolean;
  /** Forget the event history before each watch starts, so resuming from an older version gets 410 Gone. */
  expireResourceVersions?: boolean;
  /** Share (0..1) of resource requests answered 403 Forbidden (an RBAC change, a restricted proxy). */
  forbiddenRate?: number;
  /** Accept resource requests (TLS done, request read) and never answer them: a stuck apiserver or proxy. */
  hang?: boolean;
  /**
   * Every user's bearer token (the admin's aside) is accepted for this many real milliseconds from
   * its first use, then answered 401 Unauthorized: a short-lived token that expired (0: expired at
   * once). A new token (an exec credential plugin run again) starts afresh.
   */
  tokenTtlMs?: number;
  /** Which requests the error, forbidden, throttle and hang faults may hit (default: every verb). */
  verbs?: string[];
  /** Seed for the fault dice, for reproducible runs (default 1). */
  seed?: number;
}

export type FaultDecision =
  { kind: 'none' } | { kind: 'error' } | { kind: 'forbidden' } | { kind: 'hang' } | { kind: 'throttle'; retryAfterSeconds: number };

/** Mulberry32: a small seeded PRNG, the same sequence on every machine for a seed (fault dice, randomised tests). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Faults {
  private config: FaultConfig = {};
  private dice: () => number = seededRandom(1);

  constructor(initial: FaultConfig = {}) {
    this.set(initial);
  }

  get current(): Readonly<FaultConfig> {
    return this.config;
  }

  /** Requests left unanswered by `hang` so far. */
  hung = 0;
  private hungWaiters: (() => void)[] = [];

  /** Counts a request left hanging and wakes those waiting for one. */
  noteHung(): void {
    this.hung++;
    for (const w of this.hungWaiters.splice(0)) w();
  }

  /** Resolves once `count` requests hang in all (tests wait for this instead of sleeping). */
  whenHung(count = 1): Promise<void> {
    if (this.hung >= count) return Promise.resolve();
    return new Promise((resolve) => this.hungWaiters.push(() => void this.whenHung(count).then(resolve)));
  }

  private readonly firstUse = new Map<string, number>();

  /** True once a user's credential has outlived `tokenTtlMs` (its clock starts at its first use). */
  tokenExpired(credential: string): boolean {
    const ttl = this.config.tokenTtlMs;
    if (ttl === undefined) return false;
    const first = this.firstUse.get(credential) ?? Date.now();
    this.firstUse.set(credential, first);
    return Date.now() - first >= ttl;
  }

  /** Replaces the whole configuration; `{}` turns every fault off. */
  set(config: FaultConfig): void {
    for (const k of ['errorRate', 'throttleRate', 'forbiddenRate'] as const) {
      const v = config[k];
      if (v !== undefined && !(v >= 0 && v <= 1)) throw new Error(`${k} must be between 0 and 1, got ${v}`);
    }
    this.config = { ...config };
    this.firstUse.clear();
    this.dice = seededRandom(config.seed ?? 1);
  }

  /** Merges into the current configuration. */
  update(partial: FaultConfig): void {
    this.set({ ...this.config, ...partial });
  }

  decide(verb: string): FaultDecision {
    const c = this.config;
    if (c.verbs && !c.verbs.includes(verb)) return { kind: 'none' };
    if (c.hang) return { kind: 'hang' };
    if (c.errorRate && this.dice() < c.errorRate) return { kind: 'error' };
    if (c.forbiddenRate && this.dice() < c.forbiddenRate) return { kind: 'forbidden' };
    if (c.throttleRate && this.dice() < c.throttleRate) return { kind: 'throttle', retryAfterSeconds: c.retryAfterSeconds ?? 1 };
    return { kind: 'none' };
  }
}
