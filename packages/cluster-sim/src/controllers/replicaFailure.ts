// When a ReplicaSet may not create its pods (a quota, a limit range, any refusal): the condition
// the ReplicaSet controller sets (`ReplicaFailure`, reason `FailedCreate`, the API's message), the
// back-off before it tries again, and the Deployment condition it becomes.
import type { KObject } from '../object.js';
import { getPath, isPlainObject } from '../object.js';

export interface FailureCondition {
  type: 'ReplicaFailure';
  status: 'True';
  reason: string;
  message: string;
  lastTransitionTime: string;
}

export const FAILED_CREATE = 'FailedCreate';

export function replicaFailureOf(rs: KObject | undefined): FailureCondition | undefined {
  const conds = getPath(rs, 'status.conditions');
  if (!Array.isArray(conds)) return undefined;
  return conds.find((c): c is FailureCondition => isPlainObject(c) && c.type === 'ReplicaFailure' && c.status === 'True');
}

/** Retries wait 1s, 2s, 4s... up to 60s (simulated): the real controller's rate-limited requeue, shortened. */
export class CreateBackoff {
  private readonly failures = new Map<string, { count: number; until: number }>();

  /** Whether creating is on hold for this ReplicaSet at `now`. */
  holding(key: string, now: number): boolean {
    const f = this.failures.get(key);
    return !!f && now < f.until;
  }

  /** Records a failure; returns the delay before the next attempt. */
  failed(key: string, now: number): number {
    const count = (this.failures.get(key)?.count ?? 0) + 1;
    const delay = Math.min(60_000, 1000 * 2 ** (count - 1));
    this.failures.set(key, { count, until: now + delay });
    return delay;
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }

  /** Keys of a namespace on hold (its quotas or limit ranges changed: try them now). */
  release(namespace: string): string[] {
    const keys = [...this.failures.keys()].filter((k) => k.startsWith(`${namespace}/`));
    for (const k of keys) this.failures.delete(k);
    return keys;
  }
}

/** The Deployment condition for its ReplicaSets' failure: the new ReplicaSet's first, else any other's. */
export function deploymentFailure(
  newRS: KObject | undefined,
  all: KObject[],
): { type: string; status: string; reason: string; message: string } | undefined {
  const c = replicaFailureOf(newRS) ?? all.map(replicaFailureOf).find((x) => x !== undefined);
  return c ? { type: 'ReplicaFailure', status: 'True', reason: c.reason, message: c.message } : undefined;
}
