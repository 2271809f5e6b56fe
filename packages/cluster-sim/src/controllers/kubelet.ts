// A simulated scheduler and kubelet on one node: pods are bound, their images "pulled" and
// containers started, and they become Ready after a delay. Images whose name or tag contains
// `pullfail` fail with ErrImagePull then ImagePullBackOff; `crashloop` start, exit and restart
// with CrashLoopBackOff; `unready` run but fail their readiness probe forever. Events are
// recorded as the real scheduler and kubelet write them.

import { rfc3339 } from '../clock.js';
import type { SimContext } from '../context.js';
import type { KObject } from '../object.js';
import { clone, getPath, isPlainObject } from '../object.js';
import type { ResourceType } from '../resources.js';
import type { EventRecorder } from './events.js';

export const NODE_NAME = 'sim-node-1';
const KUBELET = { component: 'kubelet', host: NODE_NAME };
const SCHEDULER = { component: 'default-scheduler' };
const MAX_BACKOFF_MS = 300_000;
const INITIAL_BACKOFF_MS = 10_000;

type Scenario = 'ok' | 'pullfail' | 'crashloop' | 'unready';

export function scenarioOf(image: string): Scenario {
  if (image.includes('pullfail')) return 'pullfail';
  if (image.includes('crashloop')) return 'crashloop';
  if (image.includes('unready')) return 'unready';
  return 'ok';
}

interface ContainerState {
  name: string;
  image: string;
  scenario: Scenario;
  restarts: number;
  backoffMs: number;
}

export class Kubelet {
  private readonly unsubscribe: () => void;
  /** pod uid -> pending timers of that pod; cleared when the pod goes away. */
  private readonly timers = new Map<string, (() => void)[]>();
  private readonly pods: ResourceType;
  private nextIp = 2;

  constructor(
    private readonly ctx: SimContext,
    private readonly events: EventRecorder,
    private readonly readyDelayMs: number,
    private readonly onError: (key: string, err: unknown) => void,
  ) {
    this.pods = ctx.registry.get('/pods')!;
    this.unsubscribe = ctx.store.subscribe((e) => {
      if (e.key !== '/pods') return;
      const uid = e.object.metadata.uid!;
      if (e.type === 'DELETED') this.forget(uid);
      else if (e.object.metadata.deletionTimestamp && !e.old?.metadata.deletionTimestamp) {
        const ns = e.object.metadata.namespace!;
        const name = e.object.metadata.name!;
        setImmediate(() => this.guard(`${ns}/${name}`, () => this.terminate(ns, name, uid)));
      } else if (e.type === 'ADDED' && !getPath(e.object, 'spec.nodeName')) {
        const ns = e.object.metadata.namespace!;
        const name = e.object.metadata.name!;
        setImmediate(() => this.guard(`${ns}/${name}`, () => this.schedule(ns, name, uid)));
      }
    });
  }

  stop(): void {
    this.unsubscribe();
    for (const uid of [...this.timers.keys()]) this.forget(uid);
  }

  private guard(key: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.onError(key, err);
    }
  }

  private forget(uid: string): void {
    for (const cancel of this.timers.get(uid) ?? []) cancel();
    this.timers.delete(uid);
  }

  private after(uid: string, ms: number, fn: () => void): void {
    const list = this.timers.get(uid) ?? [];
    list.push(this.ctx.clock.after(ms, fn));
    this.timers.set(uid, list);
  }

  private now(): string {
    return rfc3339(this.ctx.clock.now());
  }

  /** Reads the live pod (by uid, so a replaced pod of the same name is left alone) and writes `mutate`'s result. */
  private update(ns: string, name: string, uid: string, mutate: (p: KObject) => void, status: boolean): KObject | undefined {
    const p = this.ctx.store.get('/pods', ns, name);
    if (!p || p.metadata.uid !== uid || p.metadata.deletionTimestamp) return undefined;
    const next = clone(p);
    mutate(next);
    return this.ctx.api.update(this.pods, ns, name, next, { fieldManager: 'kubelet', ...(status ? { subresource: 'status' } : {}) }).object;
  }

  private schedule(ns: string, name: string, uid: string): void {
    const bound = this.update(ns, name, uid, (p) => ((p.spec as Record<string, unknown>).nodeName = NODE_NAME), false);
    if (!bound) return;
    this.events.record(bound, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${NODE_NAME}`, SCHEDULER);
    const containers = ((getPath(bound, 'spec.containers') as Record<string, unknown>[]) ?? []).map((c): ContainerState => ({
      name: String(c.name),
      image: String(c.image),
      scenario: scenarioOf(String(c.image)),
      restarts: 0,
      backoffMs: INITIAL_BACKOFF_MS,
    }));
    const ip = `10.244.0.${(this.nextIp++ % 250) + 2}`;
    const started = this.update(
      ns,
      name,
      uid,
      (p) => {
        p.status = {
          phase: 'Pending',
          conditions: [
            { type: 'PodReadyToStartContainers', status: 'False', lastProbeTime: null, lastTransitionTime: this.now() },
            { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: this.now() },
            {
              type: 'Ready',
              status: 'False',
              lastProbeTime: null,
              lastTransitionTime: this.now(),
              reason: 'ContainersNotReady',
              message: `containers with unready status: [${containers.map((c) => c.name).join(' ')}]`,
            },
            {
              type: 'ContainersReady',
              status: 'False',
              lastProbeTime: null,
              lastTransitionTime: this.now(),
              reason: 'ContainersNotReady',
              message: `containers with unready status: [${containers.map((c) => c.name).join(' ')}]`,
            },
            { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: this.now() },
          ],
          hostIP: '192.168.49.2',
          hostIPs: [{ ip: '192.168.49.2' }],
          startTime: this.now(),
          qosClass: 'BestEffort',
          containerStatuses: containers.map((c) => ({
            name: c.name,
            image: c.image,
            imageID: '',
            ready: false,
            restartCount: 0,
            started: false,
            state: { waiting: { reason: 'ContainerCreating' } },
            lastState: {},
          })),
        };
      },
      true,
    );
    if (!started) return;
    for (const c of containers) this.pull(ns, name, uid, c, ip);
  }

  /** Stops a pod being deleted: its containers get SIGTERM and exit, then the pod object goes away. */
  private terminate(ns: string, name: string, uid: string): void {
    this.forget(uid);
    const p = this.pod(ns, name, uid);
    if (!p) return;
    const statuses = (getPath(p, 'status.containerStatuses') as Record<string, unknown>[] | undefined) ?? [];
    for (const cs of statuses) {
      if (isPlainObject(cs.state) && 'running' in cs.state) {
        this.events.record(p, 'Normal', 'Killing', `Stopping container ${String(cs.name)}`, KUBELET, `spec.containers{${String(cs.name)}}`);
      }
    }
    const grace = Number(p.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
    // Agents stop promptly on SIGTERM; the grace period only bounds it.
    this.after(uid, Math.min(grace, Math.max(1, Math.round(this.readyDelayMs / 2))), () =>
      this.guard(`${ns}/${name}`, () => {
        if (this.pod(ns, name, uid)) this.ctx.api.delete(this.pods, ns, name, { gracePeriodSeconds: 0, preconditions: { uid } });
      }),
    );
  }

  private fieldPath(c: ContainerState): string {
    return `spec.containers{${c.name}}`;
  }

  private pod(ns: string, name: string, uid: string): KObject | undefined {
    const p = this.ctx.store.get('/pods', ns, name);
    return p && p.metadata.uid === uid ? p : undefined;
  }

  private setContainer(ns: string, name: string, uid: string, c: ContainerState, patch: Record<string, unknown>, ip?: string): void {
    this.update(
      ns,
      name,
      uid,
      (p) => {
        const st = p.status as Record<string, unknown>;
        const list = st.containerStatuses as Record<string, unknown>[];
        const i = list.findIndex((x) => x.name === c.name);
        if (i >= 0) list[i] = { ...list[i], ...patch };
        if (ip) {
          st.podIP = ip;
          st.podIPs = [{ ip }];
        }
        const running = list.some((x) => isPlainObject(x.state) && 'running' in x.state);
        const allReady = list.every((x) => x.ready === true);
        const unready = list.filter((x) => x.ready !== true).map((x) => String(x.name));
        st.phase = running || allReady ? 'Running' : 'Pending';
        const conds = st.conditions as Record<string, unknown>[];
        for (const cond of conds) {
          if (cond.type === 'PodReadyToStartContainers' && running && cond.status !== 'True') {
            cond.status = 'True';
            cond.lastTransitionTime = this.now();
          }
          if (cond.type === 'Ready' || cond.type === 'ContainersReady') {
            const want = allReady ? 'True' : 'False';
            if (cond.status !== want) cond.lastTransitionTime = this.now();
            cond.status = want;
            if (allReady) {
              delete cond.reason;
              delete cond.message;
            } else {
              cond.reason = 'ContainersNotReady';
              cond.message = `containers with unready status: [${unready.join(' ')}]`;
            }
          }
        }
      },
      true,
    );
  }

  private pull(ns: string, name: string, uid: string, c: ContainerState, ip: string): void {
    const p = this.pod(ns, name, uid);
    if (!p) return;
    this.events.record(p, 'Normal', 'Pulling', `Pulling image "${c.image}"`, KUBELET, this.fieldPath(c));
    const pullMs = Math.max(1, Math.round(this.readyDelayMs / 2));
    this.after(uid, pullMs, () =>
      this.guard(`${ns}/${name}`, () => {
        const pod = this.pod(ns, name, uid);
        if (!pod) return;
        if (c.scenario === 'pullfail') return this.pullFailed(ns, name, uid, c, ip);
        this.events.record(
          pod,
          'Normal',
          'Pulled',
          `Successfully pulled image "${c.image}" in ${pullMs}ms (${pullMs}ms including waiting). Image size: 52428800 bytes.`,
          KUBELET,
          this.fieldPath(c),
        );
        this.start(ns, name, uid, c, ip);
      }),
    );
  }

  private pullFailed(ns: string, name: string, uid: string, c: ContainerState, ip: string): void {
    const pod = this.pod(ns, name, uid);
    if (!pod) return;
    const why = `rpc error: code = NotFound desc = failed to pull and unpack image "${c.image}": failed to resolve reference "${c.image}": ${c.image}: not found`;
    this.events.record(pod, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${why}`, KUBELET, this.fieldPath(c));
    this.events.record(pod, 'Warning', 'Failed', 'Error: ErrImagePull', KUBELET, this.fieldPath(c));
    this.setContainer(ns, name, uid, c, { state: { waiting: { reason: 'ErrImagePull', message: why } } });
    const backoff = c.backoffMs;
    c.backoffMs = Math.min(c.backoffMs * 2, MAX_BACKOFF_MS);
    this.after(uid, Math.max(1, Math.round(this.readyDelayMs / 2)), () =>
      this.guard(`${ns}/${name}`, () => {
        const p = this.pod(ns, name, uid);
        if (!p) return;
        this.events.record(p, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`, KUBELET, this.fieldPath(c));
        this.events.record(p, 'Warning', 'Failed', 'Error: ImagePullBackOff', KUBELET, this.fieldPath(c));
        this.setContainer(ns, name, uid, c, {
          state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}": ErrImagePull: ${why}` } },
        });
        this.after(uid, backoff, () => this.guard(`${ns}/${name}`, () => this.pull(ns, name, uid, c, ip)));
      }),
    );
  }

  private start(ns: string, name: string, uid: string, c: ContainerState, ip: string): void {
    const pod = this.pod(ns, name, uid);
    if (!pod) return;
    this.events.record(pod, 'Normal', 'Created', `Created container: ${c.name}`, KUBELET, this.fieldPath(c));
    this.events.record(pod, 'Normal', 'Started', `Started container ${c.name}`, KUBELET, this.fieldPath(c));
    const startedAt = this.now();
    const lastState = getPath(
      (getPath(pod, 'status.containerStatuses') as Record<string, unknown>[]).find((x) => x.name === c.name),
      'lastState',
    );
    this.setContainer(
      ns,
      name,
      uid,
      c,
      {
        state: { running: { startedAt } },
        started: true,
        ready: false,
        restartCount: c.restarts,
        containerID: `containerd://${uid.replace(/-/g, '')}${c.name}`,
        imageID: `${c.image}@sha256:${'0'.repeat(64)}`,
        lastState: lastState ?? {},
      },
      ip,
    );
    this.after(uid, this.readyDelayMs, () =>
      this.guard(`${ns}/${name}`, () => {
        const p = this.pod(ns, name, uid);
        if (!p) return;
        if (c.scenario === 'crashloop') return this.crash(ns, name, uid, c, ip, startedAt);
        if (c.scenario === 'unready') return this.probeFailing(ns, name, uid, c);
        this.setContainer(ns, name, uid, c, { ready: true });
      }),
    );
  }

  private crash(ns: string, name: string, uid: string, c: ContainerState, ip: string, startedAt: string): void {
    const p = this.pod(ns, name, uid);
    if (!p) return;
    c.restarts++;
    const backoff = c.backoffMs;
    c.backoffMs = Math.min(c.backoffMs * 2, MAX_BACKOFF_MS);
    const finishedAt = this.now();
    this.events.record(
      p,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${c.name} in pod ${name}_${ns}(${uid})`,
      KUBELET,
      this.fieldPath(c),
    );
    this.setContainer(ns, name, uid, c, {
      ready: false,
      started: false,
      restartCount: c.restarts,
      state: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off ${Math.round(backoff / 1000)}s restarting failed container=${c.name} pod=${name}_${ns}(${uid})`,
        },
      },
      lastState: {
        terminated: { exitCode: 1, reason: 'Error', startedAt, finishedAt, containerID: `containerd://${uid.replace(/-/g, '')}${c.name}` },
      },
    });
    this.after(uid, backoff, () => this.guard(`${ns}/${name}`, () => this.start(ns, name, uid, c, ip)));
  }

  private probeFailing(ns: string, name: string, uid: string, c: ContainerState): void {
    const p = this.pod(ns, name, uid);
    if (!p) return;
    const container = ((getPath(p, 'spec.containers') as Record<string, unknown>[]) ?? []).find((x) => x.name === c.name) ?? {};
    const probe = isPlainObject(container.readinessProbe) ? container.readinessProbe : {};
    const period = Number(probe.periodSeconds ?? 10) * 1000;
    const httpGet = isPlainObject(probe.httpGet) ? probe.httpGet : undefined;
    const message = httpGet
      ? `Readiness probe failed: HTTP probe failed with statuscode: 503`
      : 'Readiness probe failed: the agent is not ready to serve requests';
    this.events.record(p, 'Warning', 'Unhealthy', message, KUBELET, this.fieldPath(c));
    this.after(uid, period, () => this.guard(`${ns}/${name}`, () => this.probeFailing(ns, name, uid, c)));
  }
}
