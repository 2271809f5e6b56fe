// Readiness of an object from its status, the way `kubectl get` columns and `kubectl wait` read it.
import type { Resource } from '@flokoa/core';

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

/** null: the object has no readiness (Secret, ConfigMap…) or no status yet (files). */
export function readinessOf(r: Resource): { ready: boolean | null; reason?: string } {
  const status = r.object.status as { conditions?: Condition[]; phase?: string } | undefined;
  if (!status || typeof status !== 'object') return { ready: null };
  const ready = Array.isArray(status.conditions) ? status.conditions.find((c) => c?.type === 'Ready') : undefined;
  if (ready) {
    if (ready.status === 'True') return { ready: true };
    const why = [ready.reason, ready.message].filter(Boolean).join(': ');
    return { ready: false, reason: why || `Ready is ${ready.status ?? 'Unknown'}` };
  }
  if (typeof status.phase === 'string') {
    return status.phase === 'Running' || status.phase === 'Ready' || status.phase === 'Active'
      ? { ready: true }
      : { ready: false, reason: `phase ${status.phase}` };
  }
  return { ready: null };
}
