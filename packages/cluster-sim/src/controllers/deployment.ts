// The Deployment controller: one ReplicaSet per pod template (named by pod-template-hash,
// annotated with revision and change-cause), rolling updates within maxSurge/maxUnavailable
// or Recreate, old ReplicaSets pruned to revisionHistoryLimit, and the status and conditions
// (Available, Progressing with its progress deadline) that `kubectl rollout status` reads.

import type { SimContext } from '../context.js';
import type { KObject } from '../object.js';
import { clone, controllerOf, deepEqual, getPath, isPlainObject } from '../object.js';
import { safeHash } from '../names.js';
import type { ResourceType } from '../resources.js';
import type { EventRecorder } from './events.js';
import { splitKey, WorkQueue } from './queue.js';
import { type Condition, deploymentStatus, specReplicas, statusNum } from './deploymentStatus.js';

const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const MANAGER = 'kube-controller-manager';
const SOURCE = { component: 'deployment-controller' };

/** Resolves an int-or-percent against the replica count, rounding up (surge) or down (unavailable). */
export function resolveIntOrPercent(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+%$/.test(v)) {
    const x = (Number(v.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return 0;
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  // Nulls are dropped: a Go struct does not tell `creationTimestamp: null` from an absent field.
  if (isPlainObject(v))
    return `{${Object.keys(v)
      .sort()
      .filter((k) => v[k] !== undefined && v[k] !== null)
      .map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

export function podTemplateHash(template: unknown): string {
  return safeHash(stableJson(template));
}

function revisionOf(rs: KObject): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? 0);
}

export class DeploymentController {
  private readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;
  private readonly deadlineTimers = new Map<string, () => void>();
  private readonly deployments: ResourceType;
  private readonly replicasets: ResourceType;

  constructor(
    private readonly ctx: SimContext,
    private readonly events: EventRecorder,
    onError: (key: string, err: unknown) => void,
  ) {
    this.deployments = ctx.registry.get('apps/deployments')!;
    this.replicasets = ctx.registry.get('apps/replicasets')!;
    this.queue = new WorkQueue((key) => this.sync(key), onError);
    this.unsubscribe = ctx.store.subscribe((e) => {
      if (e.key === 'apps/deployments') this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
      if (e.key === 'apps/replicasets') {
        const owner = controllerOf(e.object);
        if (owner?.kind === 'Deployment') this.queue.add(`${e.object.metadata.namespace}/${owner.name}`);
      }
    });
  }

  stop(): void {
    this.unsubscribe();
    this.queue.stop();
    for (const cancel of this.deadlineTimers.values()) cancel();
    this.deadlineTimers.clear();
  }

  private ownedReplicaSets(d: KObject): KObject[] {
    return this.ctx.store
      .peekOwnedBy(d.metadata.uid!, 'apps/replicasets')
      .filter((rs) => controllerOf(rs)?.uid === d.metadata.uid)
      .map(clone)
      .sort(
        (a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)) || revisionOf(a) - revisionOf(b),
      );
  }

  private scale(rs: KObject, replicas: number, d: KObject): KObject {
    const from = specReplicas(rs);
    if (from === replicas) return rs;
    const next = clone(rs);
    (next.spec as Record<string, unknown>).replicas = replicas;
    next.metadata.annotations = {
      ...(next.metadata.annotations ?? {}),
      'deployment.kubernetes.io/desired-replicas': String(specReplicas(d)),
      'deployment.kubernetes.io/max-replicas': String(specReplicas(d) + this.maxSurge(d)),
    };
    const r = this.ctx.api.update(this.replicasets, rs.metadata.namespace, rs.metadata.name!, next, { fieldManager: MANAGER });
    const dir = replicas > from ? 'up' : 'down';
    this.events.record(
      d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${dir} replica set ${rs.metadata.name} from ${from} to ${replicas}`,
      SOURCE,
    );
    return r.object;
  }

  private maxSurge(d: KObject): number {
    if (getPath(d, 'spec.strategy.type') === 'Recreate') return 0;
    return resolveIntOrPercent(getPath(d, 'spec.strategy.rollingUpdate.maxSurge') ?? '25%', specReplicas(d), true);
  }

  private maxUnavailable(d: KObject): number {
    if (getPath(d, 'spec.strategy.type') === 'Recreate') return 0;
    const replicas = specReplicas(d);
    const surge = this.maxSurge(d);
    let unavailable = resolveIntOrPercent(getPath(d, 'spec.strategy.rollingUpdate.maxUnavailable') ?? '25%', replicas, false);
    if (surge === 0 && unavailable === 0) unavailable = 1;
    return Math.min(unavailable, replicas);
  }

  private sync(key: string): void {
    const [ns, name] = splitKey(key);
    let d = this.ctx.store.get('apps/deployments', ns, name);
    if (!d) {
      this.deadlineTimers.get(key)?.();
      this.deadlineTimers.delete(key);
      return;
    }
    if (d.metadata.deletionTimestamp) return;
    const template = clone(getPath(d, 'spec.template')) as KObject;
    const hash = podTemplateHash(template);
    let all = this.ownedReplicaSets(d);
    let newRS = all.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    const maxRevision = Math.max(0, ...all.map(revisionOf));
    const changeCause = d.metadata.annotations?.[CHANGE_CAUSE];
    let created = false;
    if (!newRS) {
      newRS = this.createReplicaSet(d, template, hash, maxRevision + 1, changeCause);
      created = true;
      all = this.ownedReplicaSets(d);
    } else if (
      revisionOf(newRS) < maxRevision ||
      (changeCause !== undefined && newRS.metadata.annotations?.[CHANGE_CAUSE] !== changeCause)
    ) {
      // Rolling back to an older template makes its ReplicaSet the newest revision again.
      const next = clone(newRS);
      next.metadata.annotations = {
        ...(next.metadata.annotations ?? {}),
        ...(revisionOf(newRS) < maxRevision ? { [REVISION]: String(maxRevision + 1) } : {}),
        ...(changeCause !== undefined ? { [CHANGE_CAUSE]: changeCause } : {}),
      };
      newRS = this.ctx.api.update(this.replicasets, ns, newRS.metadata.name!, next, { fieldManager: MANAGER }).object;
      all = this.ownedReplicaSets(d);
    }
    const revision = newRS.metadata.annotations?.[REVISION];
    if (revision && d.metadata.annotations?.[REVISION] !== revision) {
      // The Deployment carries its current revision too (kubectl rollout undo replaces the annotations wholesale).
      const next = clone(d);
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [REVISION]: revision };
      d = this.ctx.api.update(this.deployments, ns, name, next, { fieldManager: MANAGER }).object;
    }
    const paused = getPath(d, 'spec.paused') === true;
    if (!paused) {
      if (getPath(d, 'spec.strategy.type') === 'Recreate') this.recreate(d, newRS, all);
      else this.rollingUpdate(d, newRS);
      this.cleanup(d);
    }
    this.updateStatus(d, hash, created);
  }

  private createReplicaSet(d: KObject, template: KObject, hash: string, revision: number, changeCause: string | undefined): KObject {
    const labels = { ...((getPath(template, 'metadata.labels') as Record<string, string>) ?? {}), 'pod-template-hash': hash };
    const tpl = clone(template);
    tpl.metadata = { ...(isPlainObject(tpl.metadata) ? tpl.metadata : {}), labels };
    const selector = clone(getPath(d, 'spec.selector')) as Record<string, unknown>;
    selector.matchLabels = { ...((selector.matchLabels as Record<string, string>) ?? {}), 'pod-template-hash': hash };
    const rs: KObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels,
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(specReplicas(d)),
          'deployment.kubernetes.io/max-replicas': String(specReplicas(d) + this.maxSurge(d)),
          [REVISION]: String(revision),
          ...(changeCause !== undefined ? { [CHANGE_CAUSE]: changeCause } : {}),
        },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: d.metadata.name!,
            uid: d.metadata.uid!,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: { replicas: 0, minReadySeconds: getPath(d, 'spec.minReadySeconds') ?? 0, selector, template: tpl },
    };
    return this.ctx.api.create(this.replicasets, d.metadata.namespace, rs, { fieldManager: MANAGER }).object;
  }

  private recreate(d: KObject, newRS: KObject, all: KObject[]): void {
    const old = all.filter((rs) => rs.metadata.uid !== newRS.metadata.uid);
    let oldRunning = false;
    for (const rs of old) {
      if (specReplicas(rs) > 0) this.scale(rs, 0, d);
      if (statusNum(rs, 'replicas') > 0) oldRunning = true;
    }
    if (!oldRunning && !old.some((rs) => specReplicas(rs) > 0)) this.scale(newRS, specReplicas(d), d);
  }

  private rollingUpdate(d: KObject, newRSIn: KObject): void {
    const replicas = specReplicas(d);
    const maxSurge = this.maxSurge(d);
    const maxUnavailable = this.maxUnavailable(d);
    let newRS = newRSIn;
    const fresh = (): { all: KObject[]; old: KObject[] } => {
      const all = this.ownedReplicaSets(d);
      return { all, old: all.filter((rs) => rs.metadata.uid !== newRS.metadata.uid) };
    };
    // Scale the new ReplicaSet up as far as the surge allows.
    let { all } = fresh();
    let old: KObject[];
    const newCount = specReplicas(newRS);
    if (newCount > replicas) newRS = this.scale(newRS, replicas, d);
    else if (newCount < replicas) {
      const current = all.reduce((n, rs) => n + specReplicas(rs), 0);
      const room = replicas + maxSurge - current;
      if (room > 0) newRS = this.scale(newRS, newCount + Math.min(room, replicas - newCount), d);
    }
    ({ all, old } = fresh());
    const oldCount = old.reduce((n, rs) => n + specReplicas(rs), 0);
    if (oldCount === 0) return;
    const allCount = all.reduce((n, rs) => n + specReplicas(rs), 0);
    const minAvailable = replicas - maxUnavailable;
    const newUnavailable = specReplicas(newRS) - statusNum(newRS, 'availableReplicas');
    let maxScaledDown = allCount - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return;
    // First drop old replicas that are not available anyway: they cost no availability.
    for (const rs of old) {
      if (maxScaledDown <= 0) break;
      const unhealthy = specReplicas(rs) - statusNum(rs, 'availableReplicas');
      if (unhealthy <= 0) continue;
      const by = Math.min(unhealthy, maxScaledDown);
      this.scale(rs, specReplicas(rs) - by, d);
      maxScaledDown -= by;
    }
    ({ all, old } = fresh());
    const available = all.reduce((n, rs) => n + statusNum(rs, 'availableReplicas'), 0);
    let total = Math.min(available - minAvailable, maxScaledDown);
    for (const rs of old) {
      if (total <= 0) break;
      const by = Math.min(specReplicas(rs), total);
      if (by <= 0) continue;
      this.scale(rs, specReplicas(rs) - by, d);
      total -= by;
    }
  }

  private cleanup(d: KObject): void {
    const limit = Number(getPath(d, 'spec.revisionHistoryLimit') ?? 10);
    const all = this.ownedReplicaSets(d);
    const hash = podTemplateHash(getPath(d, 'spec.template'));
    const idle = all
      .filter((rs) => rs.metadata.labels?.['pod-template-hash'] !== hash && specReplicas(rs) === 0 && statusNum(rs, 'replicas') === 0)
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit)))
      this.ctx.api.delete(this.replicasets, rs.metadata.namespace, rs.metadata.name!);
  }

  private updateStatus(d: KObject, hash: string, created: boolean): void {
    const key = `${d.metadata.namespace}/${d.metadata.name}`;
    const all = this.ownedReplicaSets(d);
    const newRS = all.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    const { status, conditions, complete } = deploymentStatus({
      d,
      all,
      newRS,
      created,
      maxUnavailable: this.maxUnavailable(d),
      now: this.ctx.clock.now(),
    });
    this.armDeadline(key, d, conditions, complete);
    if (deepEqual(isPlainObject(d.status) ? d.status : {}, status)) return;
    const next = clone(d);
    next.status = status;
    this.ctx.api.update(this.deployments, d.metadata.namespace, d.metadata.name!, next, { fieldManager: MANAGER, subresource: 'status' });
  }

  /** Re-examines the Deployment when its progress deadline falls due, so the condition flips on time. */
  private armDeadline(key: string, d: KObject, conds: Condition[], complete: boolean): void {
    this.deadlineTimers.get(key)?.();
    this.deadlineTimers.delete(key);
    const deadline = getPath(d, 'spec.progressDeadlineSeconds');
    const p = conds.find((c) => c.type === 'Progressing');
    if (complete || typeof deadline !== 'number' || !p || p.status !== 'True' || p.reason === 'NewReplicaSetAvailable') return;
    const due = Date.parse(p.lastUpdateTime) + deadline * 1000 - this.ctx.clock.now();
    this.deadlineTimers.set(
      key,
      this.ctx.clock.after(Math.max(0, due) + 1000, () => this.queue.add(key)),
    );
  }
}
