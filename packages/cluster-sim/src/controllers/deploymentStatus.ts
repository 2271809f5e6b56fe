// A Deployment's status as the real controller writes it: replica counts summed over its
// ReplicaSets, and the Available, Progressing (with the progress deadline) and ReplicaFailure
// conditions, each keeping its transition time while its status stays the same.
import { rfc3339 } from '../clock.js';
import type { KObject } from '../object.js';
import { clone, getPath, isPlainObject } from '../object.js';
import { deploymentFailure } from './replicaFailure.js';

export type Condition = {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
};
type NewCondition = Omit<Condition, 'lastUpdateTime' | 'lastTransitionTime'>;

export function specReplicas(o: KObject): number {
  return Number(getPath(o, 'spec.replicas') ?? 0);
}

export function statusNum(o: KObject, f: string): number {
  return Number(getPath(o, `status.${f}`) ?? 0);
}

export interface StatusInput {
  d: KObject;
  /** Every ReplicaSet the Deployment owns, and the one of its current pod template. */
  all: KObject[];
  newRS: KObject | undefined;
  /** This pass created the new ReplicaSet. */
  created: boolean;
  maxUnavailable: number;
  /** The simulated clock, in ms. */
  now: number;
}

/** The status the controller writes, and whether the rollout is complete. */
export function deploymentStatus(input: StatusInput): { status: Record<string, unknown>; conditions: Condition[]; complete: boolean } {
  const { d, all, newRS } = input;
  const prev = isPlainObject(d.status) ? (d.status as Record<string, unknown>) : {};
  const status = replicaCounts(d, all, newRS);
  const replicas = specReplicas(d);
  const conds = new Conditions(prev.conditions, rfc3339(input.now));
  const available = Number(status.availableReplicas ?? 0);
  if (available >= replicas - input.maxUnavailable) {
    conds.set({ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
  } else {
    const message = 'Deployment does not have minimum availability.';
    conds.set({ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message });
  }
  const complete = Number(status.updatedReplicas ?? 0) === replicas && Number(status.replicas ?? 0) === replicas && available === replicas;
  setProgressing(conds, input, prev, status, complete);
  const failure = deploymentFailure(newRS, all);
  if (failure) conds.set(failure);
  else conds.remove('ReplicaFailure');
  status.conditions = conds.sorted();
  return { status, conditions: conds.sorted(), complete };
}

function replicaCounts(d: KObject, all: KObject[], newRS: KObject | undefined): Record<string, unknown> {
  const status: Record<string, unknown> = {
    observedGeneration: d.metadata.generation,
    replicas: all.reduce((n, rs) => n + statusNum(rs, 'replicas'), 0),
    updatedReplicas: newRS ? statusNum(newRS, 'replicas') : 0,
    readyReplicas: all.reduce((n, rs) => n + statusNum(rs, 'readyReplicas'), 0),
    availableReplicas: all.reduce((n, rs) => n + statusNum(rs, 'availableReplicas'), 0),
  };
  const unavailable = Math.max(0, all.reduce((n, rs) => n + specReplicas(rs), 0) - Number(status.availableReplicas));
  if (unavailable > 0) status.unavailableReplicas = unavailable;
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas']) if (status[k] === 0) delete status[k];
  return status;
}

/** Progressing: a new ReplicaSet, progress made, complete, or stuck past the progress deadline. */
function setProgressing(
  conds: Conditions,
  input: StatusInput,
  prev: Record<string, unknown>,
  status: Record<string, unknown>,
  complete: boolean,
): void {
  const { d, newRS } = input;
  const rsName = newRS?.metadata.name ?? '';
  const progressing = conds.get('Progressing');
  const num = (o: Record<string, unknown>, k: string) => Number(o[k] ?? 0);
  const progressed =
    num(status, 'updatedReplicas') > num(prev, 'updatedReplicas') ||
    num(status, 'readyReplicas') > num(prev, 'readyReplicas') ||
    num(status, 'availableReplicas') > num(prev, 'availableReplicas') ||
    num(status, 'replicas') - num(status, 'updatedReplicas') < num(prev, 'replicas') - num(prev, 'updatedReplicas') ||
    d.metadata.generation !== prev.observedGeneration;
  const deadline = getPath(d, 'spec.progressDeadlineSeconds');
  const type = 'Progressing';
  if (input.created) {
    conds.set({ type, status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "${rsName}"` }, true);
  } else if (complete) {
    conds.set({ type, status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.` });
  } else if (progressed || !progressing) {
    conds.set({ type, status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rsName}" is progressing.` }, true);
  } else if (
    typeof deadline === 'number' &&
    progressing.reason !== 'ProgressDeadlineExceeded' &&
    input.now - Date.parse(progressing.lastUpdateTime) >= deadline * 1000
  ) {
    const message = `ReplicaSet "${rsName}" has timed out progressing.`;
    conds.set({ type, status: 'False', reason: 'ProgressDeadlineExceeded', message }, true);
  }
}

class Conditions {
  private readonly list: Condition[];
  constructor(
    previous: unknown,
    private readonly now: string,
  ) {
    this.list = (Array.isArray(previous) ? clone(previous) : []) as Condition[];
  }

  get(type: string): Condition | undefined {
    return this.list.find((c) => c.type === type);
  }

  /** Sets a condition; an unchanged one keeps its times unless `touch` (progress was made). */
  set(c: NewCondition, touch = false): void {
    const i = this.list.findIndex((x) => x.type === c.type);
    const old = i >= 0 ? this.list[i] : undefined;
    if (old && old.status === c.status && old.reason === c.reason && old.message === c.message && !touch) return;
    const next: Condition = {
      ...c,
      lastUpdateTime: this.now,
      lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : this.now,
    };
    if (i >= 0) this.list[i] = next;
    else this.list.push(next);
  }

  remove(type: string): void {
    const i = this.list.findIndex((x) => x.type === type);
    if (i >= 0) this.list.splice(i, 1);
  }

  /** In the order the real controller writes them: Available first. */
  sorted(): Condition[] {
    return [...this.list].sort((a, b) => (a.type === 'Available' ? -1 : b.type === 'Available' ? 1 : 0));
  }
}
