// `rollout status AGENT` as an async stream of events, for the CLI and the VS Code extension alike.
import { formatDuration } from '@flokoa/kube';
import type { KubeClient } from '@flokoa/kube';
import { agentNotFound } from '../missingAgent.js';
import { watchAgentState, type AgentState } from './agentState.js';
import { EventQueue } from './eventQueue.js';
import { probeFailures, type ProbeFailures } from './probeFailures.js';
import { readAgentRoom, roomFix } from '../admission/room.js';
import { evaluateRollout, formatPodProblem, podProblems, type PodProblem, type Stage } from './evaluate.js';

export type RolloutEvent =
  | { type: 'progress'; stage: Stage; message: string }
  | { type: 'pod'; problem: PodProblem; message: string }
  | { type: 'complete'; message: string }
  | { type: 'failed'; message: string; problems: PodProblem[] }
  | { type: 'timeout'; message: string; problems: PodProblem[] }
  /** Only with watch: false, when the rollout is still in progress. */
  | { type: 'pending'; message: string };

export interface RolloutStatusOptions {
  namespace: string;
  name: string;
  /** 0 or undefined: wait for ever. */
  timeoutMs?: number;
  /** false: report the current state once and stop. */
  watch?: boolean;
  signal?: AbortSignal;
  /** Also watch the ReplicaSets (for a view of the revisions). */
  replicaSets?: boolean;
  /** Called with every observed state before it is judged (a live view draws it). */
  onState?: (state: AgentState) => void;
}

/** True for events that end the stream. */
export function isFinal(e: RolloutEvent): boolean {
  return e.type === 'complete' || e.type === 'failed' || e.type === 'timeout' || e.type === 'pending';
}

export async function* rolloutStatus(client: KubeClient, opts: RolloutStatusOptions): AsyncGenerator<RolloutEvent> {
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const queue = new EventQueue<RolloutEvent>(isFinal);
  const judge = new RolloutJudge(client, opts, queue, abort.signal);
  const timer =
    opts.timeoutMs && opts.timeoutMs > 0 ? setTimeout(() => queue.push(judge.timedOut(opts.timeoutMs ?? 0)), opts.timeoutMs) : undefined;
  const watched = { namespace: opts.namespace, name: opts.name, signal: abort.signal, replicaSets: opts.replicaSets };
  const onChange = (s: AgentState) => {
    opts.onState?.(s);
    judge.judge(s);
  };
  const running = watchAgentState(client, watched, onChange).then(
    () => queue.close(),
    (e) => queue.fail(e),
  );
  try {
    yield* queue;
  } finally {
    clearTimeout(timer);
    queue.close();
    abort.abort();
    opts.signal?.removeEventListener('abort', onOuterAbort);
    await Promise.all([running, judge.probes.stopped()]);
  }
}

/** Turns each observed state of the Agent, its Deployment and its pods into the events it warrants. */
class RolloutJudge {
  private lastMessage = '';
  private lastProblems: PodProblem[] = [];
  private readonly reported = new Map<string, Set<string>>();
  private latest: AgentState | undefined;
  private missing = false;
  private refused = false;
  /** Why pods run but are not Ready (watched once one is). */
  readonly probes: ProbeFailures;

  constructor(
    private readonly client: KubeClient,
    private readonly opts: RolloutStatusOptions,
    private readonly queue: EventQueue<RolloutEvent>,
    private readonly signal: AbortSignal,
  ) {
    this.probes = probeFailures(client, opts.namespace, signal, () => this.latest && this.judge(this.latest));
  }

  judge(state: AgentState): void {
    this.latest = state;
    if (this.queue.done) return;
    if (!state.synced.has('agent') || !state.synced.has('deployment') || !state.synced.has('pods')) return;
    // A view of the revisions is drawn before the verdict that ends it.
    if (this.opts.replicaSets && !state.synced.has('replicasets')) return;
    const { opts, queue } = this;
    const verdict = evaluateRollout(state, opts.name);
    if (verdict.stage === 'agent') {
      if (!this.missing) {
        this.missing = true;
        void agentNotFound(this.client, opts.namespace, opts.name, this.signal).then((e) =>
          queue.push({ type: 'failed', message: e.message, problems: [] }),
        );
      }
      return;
    }
    const candidates =
      verdict.stage === 'deployment' || verdict.stage === 'template' ? podProblems(state.pods.values(), verdict.targetImage) : [];
    if (candidates.some((p) => p.reason === 'NotReady')) this.probes.start();
    const problems = candidates.filter((p) => {
      if (p.reason !== 'NotReady') return true;
      // Not Ready yet is not a failure until the kubelet says a probe failed (or events cannot be read).
      const detail = this.probes.detail(p.pod);
      if (detail) p.message = `running but not ready: ${detail}`;
      return detail !== undefined || this.probes.unavailable();
    });
    this.reportPods(problems);
    this.lastProblems = problems;
    if (verdict.done) queue.push({ type: 'complete', message: verdict.message });
    else if (verdict.refused) this.explainRefusal(state, withProblems(verdict.message, problems), problems);
    else if (verdict.failed) queue.push({ type: 'failed', message: withProblems(verdict.message, problems), problems });
    else if (verdict.message !== this.lastMessage) {
      this.lastMessage = verdict.message;
      if (opts.watch === false) queue.push({ type: 'pending', message: verdict.message });
      else queue.push({ type: 'progress', stage: verdict.stage, message: verdict.message });
    }
  }

  /** Pods refused by a quota or LimitRange: failed, with what makes room (read once, from core's agentRoom). */
  private explainRefusal(state: AgentState, message: string, problems: PodProblem[]): void {
    if (this.refused || !state.agent) return;
    this.refused = true;
    const name = this.opts.name;
    void readAgentRoom(this.client, state.agent, this.signal).then((room) => {
      // The quota's status may lag the refusal for a moment: then the quota the API server named.
      const quota = /exceeded quota: ([^,]+),/.exec(message)?.[1];
      const fix =
        (room && roomFix(room, name)) ??
        (quota ? `make room in ResourceQuota ${quota} (kubectl describe resourcequota ${quota} -n ${this.opts.namespace})` : undefined);
      this.queue.push({ type: 'failed', message: fix ? `${message}\nfix: ${fix}` : message, problems });
    });
  }

  timedOut(timeoutMs: number): RolloutEvent {
    const waited = this.lastMessage.replace(/\.\.\.$/, '') || 'no status yet';
    return {
      type: 'timeout',
      message: withProblems(
        `timed out after ${formatDuration(timeoutMs)} waiting for the rollout of agent "${this.opts.name}": ${waited}`,
        this.lastProblems,
      ),
      problems: this.lastProblems,
    };
  }

  /** One 'pod' event per pod whose problem changed (restart counts aside). */
  private reportPods(problems: PodProblem[]): void {
    for (const p of problems) {
      // Each problem of a pod once: states that alternate (ErrImagePull and ImagePullBackOff at every
      // back-off, a crash loop's restarts) are news the first time only.
      const text = formatPodProblem({ ...p, restarts: 0 });
      const said = this.reported.get(p.pod) ?? new Set<string>();
      if (!said.has(text)) {
        this.reported.set(p.pod, said.add(text));
        this.queue.push({ type: 'pod', problem: p, message: formatPodProblem(p) });
      }
    }
  }
}

/** The message and each distinct problem once (`pod "a" and 2 more: …`), not one clause per pod. */
function withProblems(message: string, problems: PodProblem[]): string {
  if (problems.length === 0) return message;
  const byProblem = new Map<string, PodProblem[]>();
  for (const p of problems) {
    const key = `${p.reason}\0${p.message}`;
    byProblem.set(key, [...(byProblem.get(key) ?? []), p]);
  }
  const clauses = [...byProblem.values()].map((ps) => {
    const text = formatPodProblem({ ...ps[0], restarts: ps.reduce((n, p) => Math.max(n, p.restarts), 0) });
    return ps.length > 1 ? text.replace(/^pod "([^"]+)"/, `pod "$1" and ${ps.length - 1} more`) : text;
  });
  return `${message}; ${clauses.join('; ')}`;
}
