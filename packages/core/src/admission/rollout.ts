// How many pods a Deployment's rolling update may add above its replicas (maxSurge) and take away
// (maxUnavailable), resolved as the Deployment controller resolves them: percentages of the
// replicas, surge rounded up and unavailable rounded down, 25% each when unset, and never both 0.
import { isPlainObject } from '../schema/structural.js';

export interface RolloutBudget {
  strategy: 'RollingUpdate' | 'Recreate';
  /** Pods above `replicas` the rollout may run at once. */
  surge: number;
  /** Pods below `replicas` it may leave unavailable. */
  unavailable: number;
  /** How surge was worked out, for messages: "maxSurge 25% of 2 replicas". */
  surgeText: string;
}

const DEFAULT = '25%';

function scaled(v: unknown, total: number, roundUp: boolean): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return /^\d+$/.test(v) ? Number(v) : undefined;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** The rollout budget of a Deployment spec's `strategy` (the operator's Deployments leave it unset). */
export function rolloutBudget(replicas: number, strategy?: unknown): RolloutBudget {
  const s = isPlainObject(strategy) ? strategy : {};
  if (s.type === 'Recreate') return { strategy: 'Recreate', surge: 0, unavailable: replicas, surgeText: 'Recreate strategy' };
  const ru = isPlainObject(s.rollingUpdate) ? s.rollingUpdate : {};
  const surgeSpec = ru.maxSurge ?? DEFAULT;
  const surge = scaled(surgeSpec, replicas, true) ?? scaled(DEFAULT, replicas, true)!;
  let unavailable = scaled(ru.maxUnavailable ?? DEFAULT, replicas, false) ?? scaled(DEFAULT, replicas, false)!;
  if (surge === 0 && unavailable === 0) unavailable = 1;
  const surgeText = `maxSurge ${String(surgeSpec)}${typeof surgeSpec === 'string' && surgeSpec.endsWith('%') ? ` of ${replicas} replica${replicas === 1 ? '' : 's'}` : ''}`;
  return { strategy: 'RollingUpdate', surge, unavailable, surgeText };
}
