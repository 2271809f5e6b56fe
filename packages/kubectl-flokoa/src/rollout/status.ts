// `rollout status AGENT` as an async stream of events, for the CLI and the VS Code extension alike.
import { EVENT, collectionPath, formatDuration } from '@flokoa/kube';
import type { KubeClient } from '@flokoa/kube';
import { watchAgentState, type AgentState } from './agentState.js';
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
}

/** True for events that end the stream. */
export function isFinal(e: RolloutEvent): boolean {
  return e.type === 'complete' || e.type === 'failed' || e.type === 'timeout' || e.type === 'pending';
}

export async function* rolloutStatus(client: KubeClient, opts: RolloutStatusOptions): AsyncGenerator<RolloutEvent> {
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const queue: RolloutEvent[] = [];
  let wake: (() => void) | undefined;
  let failure: unknown;
  let finished = false;
  const push = (e: RolloutEvent) => {
    if (finished) return;
    queue.push(e);
    if (isFinal(e)) finished = true;
    wake?.();
  };

  let lastMessage = '';
  let lastProblems: PodProblem[] = [];
  const reported = new Map<string, string>();
  const probeDetail = new Map<string, string>();
  const fetchingEvents = new Set<string>();
  let latest: AgentState | undefined;

  // A pod that runs but never gets Ready says why only in its events (the failing probe's output).
  const explainNotReady = (pod: string) => {
    if (fetchingEvents.has(pod)) return;
    fetchingEvents.add(pod);
    client
      .list(collectionPath(EVENT, opts.namespace), {
        query: { fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${pod}` },
        signal: abort.signal,
      })
      .then((list) => {
        const warnings = list.items
          .filter((e) => (e as { type?: string }).type === 'Warning')
          .sort((a, b) => eventTime(a).localeCompare(eventTime(b)));
        const last = warnings[warnings.length - 1] as { message?: string; reason?: string } | undefined;
        if (last?.message) {
          probeDetail.set(pod, `${last.reason ? last.reason + ': ' : ''}${last.message}`);
          if (latest) judge(latest);
        }
      })
      .catch(() => undefined);
  };

  const judge = (state: AgentState) => {
    latest = state;
    if (finished) return;
    if (!state.synced.has('agent') || !state.synced.has('deployment') || !state.synced.has('pods')) return;
    const verdict = evaluateRollout(state, opts.name);
    if (verdict.stage === 'agent') {
      push({ type: 'failed', message: `agent "${opts.name}" not found in namespace "${opts.namespace}"`, problems: [] });
      return;
    }
    const problems =
      verdict.stage === 'deployment' || verdict.stage === 'template' ? podProblems(state.pods.values(), verdict.targetImage) : [];
    for (const p of problems) {
      if (p.reason === 'NotReady') {
        const detail = probeDetail.get(p.pod);
        if (detail) p.message = `running but not ready: ${detail}`;
        else explainNotReady(p.pod);
      }
      const text = formatPodProblem({ ...p, restarts: 0 });
      if (reported.get(p.pod) !== text) {
        reported.set(p.pod, text);
        push({ type: 'pod', problem: p, message: formatPodProblem(p) });
      }
    }
    lastProblems = problems;
    if (verdict.done) {
      push({ type: 'complete', message: verdict.message });
      return;
    }
    if (verdict.failed) {
      push({ type: 'failed', message: withProblems(verdict.message, problems), problems });
      return;
    }
    if (verdict.message !== lastMessage) {
      lastMessage = verdict.message;
      if (opts.watch === false) push({ type: 'pending', message: verdict.message });
      else push({ type: 'progress', stage: verdict.stage, message: verdict.message });
    }
  };

  const timer =
    opts.timeoutMs && opts.timeoutMs > 0
      ? setTimeout(() => {
          push({
            type: 'timeout',
            message: withProblems(
              `timed out after ${formatDuration(opts.timeoutMs ?? 0)} waiting for the rollout of agent "${opts.name}": ${lastMessage.replace(/\.\.\.$/, '') || 'no status yet'}`,
              lastProblems,
            ),
            problems: lastProblems,
          });
        }, opts.timeoutMs)
      : undefined;

  const running = watchAgentState(client, { namespace: opts.namespace, name: opts.name, signal: abort.signal }, judge).then(
    () => {
      finished = true;
      wake?.();
    },
    (e) => {
      if (!finished) failure = e;
      finished = true;
      wake?.();
    },
  );

  try {
    for (;;) {
      while (queue.length) {
        const e = queue.shift() as RolloutEvent;
        yield e;
        if (isFinal(e)) return;
      }
      if (failure) throw failure;
      if (finished && queue.length === 0) return;
      await new Promise<void>((r) => (wake = r));
      wake = undefined;
    }
  } finally {
    clearTimeout(timer);
    finished = true;
    abort.abort();
    opts.signal?.removeEventListener('abort', onOuterAbort);
    await running;
  }
}

function withProblems(message: string, problems: PodProblem[]): string {
  if (problems.length === 0) return message;
  return `${message}; ${problems.map(formatPodProblem).join('; ')}`;
}

function eventTime(e: unknown): string {
  const ev = e as { lastTimestamp?: string; eventTime?: string; firstTimestamp?: string; metadata?: { creationTimestamp?: string } };
  return ev.lastTimestamp ?? ev.eventTime ?? ev.firstTimestamp ?? ev.metadata?.creationTimestamp ?? '';
}
