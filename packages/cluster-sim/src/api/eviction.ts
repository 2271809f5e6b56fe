// The pods/eviction subresource (POST an Eviction of policy/v1 or v1beta1): a pod that is not
// running (Pending, Succeeded, Failed, already terminating) is deleted at once; otherwise the one
// PodDisruptionBudget that selects it must allow a disruption, which the eviction takes (the
// budget's status records the pod under disruptedPods until the disruption controller sees it go).
// Codes, reasons and messages are the API server's: 201 Success, 429 TooManyRequests with a
// DisruptionBudget cause, 500 for a pod with more than one budget.

import type { SimContext } from '../context.js';
import { ApiError, badRequest } from '../errors.js';
import type { KObject } from '../object.js';
import { clone, isPlainObject } from '../object.js';
import { fromLabelSelectorObject, matchesLabels } from '../selectors.js';
import type { DeleteOptions } from './objects.js';
import { sendJson } from './respond.js';

const EVICTION_VERSIONS = new Set(['policy/v1', 'policy/v1beta1']);
export const PDBS = 'policy/poddisruptionbudgets';

type Obj = Record<string, unknown>;

export function isPodReady(pod: KObject): boolean {
  const conditions = (pod.status as Obj | undefined)?.conditions;
  return Array.isArray(conditions) && conditions.some((c) => isPlainObject(c) && c.type === 'Ready' && c.status === 'True');
}

/** The budgets whose selector picks the pod (an empty selector picks none). */
export function budgetsOf(ctx: SimContext, pod: KObject): KObject[] {
  return ctx.store.peekList(PDBS, pod.metadata.namespace).filter((b) => {
    const sel = (b.spec as Obj | undefined)?.selector;
    if (!isPlainObject(sel) || (Object.keys(sel.matchLabels ?? {}).length === 0 && !(sel.matchExpressions as unknown[])?.length))
      return false;
    return matchesLabels(fromLabelSelectorObject(sel), pod.metadata.labels);
  });
}

function tooManyRequests(message: string, retryAfterSeconds: number, cause: string): ApiError {
  return new ApiError(
    429,
    'TooManyRequests',
    message,
    { causes: [{ reason: 'DisruptionBudget', message: cause }], ...(retryAfterSeconds ? { retryAfterSeconds } : {}) },
    retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {},
  );
}

const VIOLATES = "Cannot evict pod as it would violate the pod's disruption budget.";

/** Takes one disruption from the budget, or says why not (checkAndDecrement of the API server). */
function takeDisruption(ctx: SimContext, budget: KObject, podName: string, dryRun: boolean): void {
  const status = (budget.status ?? {}) as Obj;
  if (Number(status.observedGeneration ?? 0) < Number(budget.metadata.generation ?? 1))
    throw tooManyRequests(VIOLATES, 10, `The disruption budget ${budget.metadata.name} is still being processed by the server.`);
  const allowed = Number(status.disruptionsAllowed ?? 0);
  if (allowed < 0)
    throw new ApiError(
      403,
      'Forbidden',
      `poddisruptionbudget.policy "${budget.metadata.name}" is forbidden: pdb disruptions allowed is negative`,
    );
  if (allowed === 0) {
    throw tooManyRequests(
      VIOLATES,
      0,
      `The disruption budget ${budget.metadata.name} needs ${Number(status.desiredHealthy ?? 0)} healthy pods and has ${Number(status.currentHealthy ?? 0)} currently`,
    );
  }
  if (dryRun) return;
  const next = clone(budget);
  const s = { ...status, disruptionsAllowed: allowed - 1 } as Obj;
  s.disruptedPods = {
    ...((status.disruptedPods as Obj | undefined) ?? {}),
    [podName]: new Date(ctx.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z'),
  };
  if (allowed - 1 === 0) s.conditions = disruptionCondition(s.conditions, false, ctx.clock.now());
  next.status = s;
  const t = ctx.registry.get(PDBS)!;
  ctx.api.update(t, budget.metadata.namespace, budget.metadata.name!, next, { fieldManager: 'kube-apiserver', subresource: 'status' });
}

/** The budget's DisruptionAllowed condition, its transition time kept when the status does not change. */
export function disruptionCondition(conditions: unknown, allowed: boolean, now: number): Obj[] {
  const old = Array.isArray(conditions) ? conditions.filter(isPlainObject).find((c) => c.type === 'DisruptionAllowed') : undefined;
  const status = allowed ? 'True' : 'False';
  return [
    {
      type: 'DisruptionAllowed',
      status,
      reason: allowed ? 'SufficientPods' : 'InsufficientPods',
      message: '',
      lastTransitionTime: old?.status === status ? old.lastTransitionTime : new Date(now).toISOString().replace(/\.\d+Z$/, 'Z'),
    },
  ];
}

function deleteOptionsOf(eviction: Obj, queryDryRun: boolean): DeleteOptions {
  const d = isPlainObject(eviction.deleteOptions) ? eviction.deleteOptions : {};
  const dry = queryDryRun || (Array.isArray(d.dryRun) && d.dryRun.includes('All'));
  return {
    dryRun: dry,
    ...(typeof d.gracePeriodSeconds === 'number' ? { gracePeriodSeconds: Math.max(0, d.gracePeriodSeconds) } : {}),
    ...(isPlainObject(d.preconditions) ? { preconditions: d.preconditions as DeleteOptions['preconditions'] } : {}),
  };
}

/** POST …/pods/NAME/eviction. */
export function handleEviction(
  ctx: SimContext,
  namespace: string,
  name: string,
  body: unknown,
  queryDryRun: boolean,
  res: import('node:http').ServerResponse,
): void {
  if (!isPlainObject(body)) throw badRequest('the body of the request must be an Eviction object');
  if (!EVICTION_VERSIONS.has(String(body.apiVersion)) || body.kind !== 'Eviction')
    throw badRequest(`not a Eviction object: ${String(body.apiVersion ?? '')}, Kind=${String(body.kind ?? '')}`);
  const meta = isPlainObject(body.metadata) ? body.metadata : {};
  if (meta.name !== name) throw badRequest('name in URL does not match name in Eviction object');
  const opts = deleteOptionsOf(body, queryDryRun);
  const pods = ctx.registry.get('/pods')!;
  const pod = ctx.api.get(pods, namespace, name);
  const phase = (pod.status as Obj | undefined)?.phase;
  const ignoreBudget = phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
  if (!ignoreBudget) {
    const budgets = budgetsOf(ctx, pod);
    if (budgets.length > 1) {
      const message = 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';
      sendJson(res, 500, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 });
      return;
    }
    const budget = budgets[0];
    const st = (budget?.status ?? {}) as Obj;
    const unreadyWithRoom =
      budget && !isPodReady(pod) && Number(st.currentHealthy ?? 0) >= Number(st.desiredHealthy ?? 0) && Number(st.desiredHealthy ?? 0) > 0;
    if (budget && !unreadyWithRoom) takeDisruption(ctx, budget, name, !!opts.dryRun);
  }
  ctx.api.delete(pods, namespace, name, opts);
  sendJson(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}
