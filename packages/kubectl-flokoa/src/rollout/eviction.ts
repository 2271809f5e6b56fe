// The pieces of `rollout restart AGENT` (restart.ts): evicting a pod, the budget, the wake-ups.
// Why eviction: the Flokoa operator owns the Deployment and writes its whole
// spec on every reconcile (danielnyari/flokoa: EnsureDeployment sets existing.Spec = desired.Spec;
// the pod template carries only its own flokoa.ai/spec-hash and secrets-hash annotations), so
// `kubectl rollout restart`'s restartedAt annotation is reverted at once, and nothing on the Agent
// reaches the template to force new pods. Evicting the pods (policy/v1 Eviction) works with it:
// the ReplicaSet replaces each, and the API server holds every eviction to the pods'
// PodDisruptionBudget (429 while it allows none). Pods go a few at a time, within the Deployment's
// maxUnavailable (at least one), each wave's replacements Ready before the next.
import { selectsLabels } from '@flokoa/core';
import { KubeApiError, PDB, POD, collectionPath, objectPath } from '@flokoa/kube';
import type { KObject, KubeClient } from '@flokoa/kube';

type Obj = Record<string, unknown>;

export function isReady(pod: KObject | undefined): boolean {
  const conditions = (pod?.status as Obj | undefined)?.conditions;
  return Array.isArray(conditions) && conditions.some((c: Obj) => c.type === 'Ready' && c.status === 'True');
}

/** An int-or-percent of `total`, as the Deployment controller resolves maxUnavailable (rounded down). */
function resolveIntOrPercent(v: unknown, total: number): number {
  if (typeof v === 'number') return v;
  const m = typeof v === 'string' ? /^(\d+)%$/.exec(v) : null;
  return m ? Math.floor((Number(m[1]) * total) / 100) : Number(v ?? 0) || 0;
}

/** How many pods may be down at once: the RollingUpdate maxUnavailable (default 25%), at least one. */
export function evictionBudget(dep: KObject): { atOnce: number; why: string } {
  const spec = (dep.spec ?? {}) as { replicas?: number; strategy?: { type?: string; rollingUpdate?: { maxUnavailable?: unknown } } };
  const replicas = spec.replicas ?? 1;
  if (spec.strategy?.type === 'Recreate') return { atOnce: 1, why: 'strategy Recreate has no availability budget' };
  const raw = spec.strategy?.rollingUpdate?.maxUnavailable ?? '25%';
  const n = resolveIntOrPercent(raw, replicas);
  return {
    atOnce: Math.max(1, Math.min(n, replicas)),
    why: `maxUnavailable ${String(raw)} of ${replicas} replica${replicas === 1 ? '' : 's'}`,
  };
}

type Eviction = { ok: true } | { ok: false; gone: true } | { ok: false; gone: false; message: string };

export async function evictPod(
  client: KubeClient,
  namespace: string,
  pod: string,
  dryRun: boolean,
  signal?: AbortSignal,
): Promise<Eviction> {
  const body = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod, namespace } };
  try {
    await client.create(`${objectPath(POD, namespace, pod)}/eviction`, body, { ...(dryRun ? { query: { dryRun: 'All' } } : {}), signal });
    return { ok: true };
  } catch (e) {
    if (e instanceof KubeApiError && e.code === 404) return { ok: false, gone: true };
    if (e instanceof KubeApiError && e.code === 429) {
      const causes = e.causes.map((c) => c.message).filter(Boolean);
      return { ok: false, gone: false, message: [e.message.replace(/\.$/, ''), ...causes].join(': ') };
    }
    throw e;
  }
}

/** The PodDisruptionBudget that selects these labels, if one does and we may read it. */
export async function budgetFor(
  client: KubeClient,
  namespace: string,
  labels: Record<string, string>,
  signal: AbortSignal,
): Promise<KObject | undefined> {
  try {
    const list = await client.list(collectionPath(PDB, namespace), { signal });
    return list.items.find((b) => {
      const sel = (b.spec as Obj | undefined)?.selector as Obj | undefined;
      const empty =
        !sel ||
        (Object.keys((sel.matchLabels as Obj | undefined) ?? {}).length === 0 && !(sel.matchExpressions as unknown[] | undefined)?.length);
      return !empty && selectsLabels(sel, labels);
    });
  } catch (e) {
    if (e instanceof KubeApiError && (e.code === 403 || e.code === 404)) return undefined; // the API server still enforces it
    throw e;
  }
}

interface BudgetStatus {
  observedGeneration?: number;
  disruptionsAllowed?: number;
  currentHealthy?: number;
  desiredHealthy?: number;
  expectedPods?: number;
}

/** A budget that allows no disruption with every pod it expects healthy: nothing can change that, waiting is futile. */
export function blockingForever(b: KObject | undefined): string | undefined {
  const s = (b?.status ?? {}) as BudgetStatus;
  const current = s.observedGeneration !== undefined && s.observedGeneration >= (b?.metadata.generation ?? 1);
  if (!b || !current || (s.disruptionsAllowed ?? 0) > 0 || (s.currentHealthy ?? 0) < (s.expectedPods ?? 0)) return undefined;
  return `PodDisruptionBudget "${b.metadata.name}" allows no disruption: it needs ${s.desiredHealthy ?? 0} healthy pods and has ${s.currentHealthy ?? 0}, every pod it expects; lower its minAvailable (or raise maxUnavailable), or scale the agent up, then restart`;
}

/** Wakes the restart loop on every watched change (and, while blocked, after a pause: budgets are not watched). */
export class Changes {
  private pending = false;
  private wake: (() => void) | undefined;
  notify(): void {
    this.pending = true;
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }
  async next(signal: AbortSignal, pauseMs?: number): Promise<void> {
    if (!this.pending) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = pauseMs ? setTimeout(done, pauseMs) : undefined;
        this.wake = done;
        signal.addEventListener('abort', done, { once: true });
      });
    }
    this.pending = false;
  }
}
