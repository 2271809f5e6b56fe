// `rollout restart AGENT` as an async stream of events: evict the agent's pods (why eviction and not
// a template annotation: eviction.ts), a wave within the Deployment's maxUnavailable at a time, the
// next wave once the replacements are Ready; the API server holds each eviction to the pods'
// PodDisruptionBudget (a 429 is waited out, unless the budget can never allow one).
import { formatDuration, UsageError } from '@flokoa/kube';
import type { KObject, KubeClient } from '@flokoa/kube';
import { agentNotFound } from '../missingAgent.js';
import { watchAgentState, type AgentState } from './agentState.js';
import { deploymentStatus } from './evaluate.js';
import { blockingForever, budgetFor, Changes, evictionBudget, evictPod, isReady } from './eviction.js';

export type RestartEvent =
  | { type: 'plan'; pods: string[]; atOnce: number; message: string; notes: string[] }
  | { type: 'evicted'; pod: string; message: string }
  | { type: 'waiting'; message: string }
  | { type: 'ready'; pod: string; message: string }
  | { type: 'done'; replaced: number; message: string };

export interface RestartOptions {
  namespace: string;
  name: string;
  /** 0 or undefined: wait for ever. */
  timeoutMs?: number;
  /** client: say what would be evicted; server: the API server checks each eviction (dryRun=All). */
  dryRun?: 'none' | 'client' | 'server';
  signal?: AbortSignal;
}

/** While a 429 holds the restart, how often to ask again (budgets are not watched; kubectl drain waits 5s). */
const BLOCKED_RETRY_MS = 1000;

const live = (p: KObject) => !p.metadata.deletionTimestamp;

export async function* restartAgent(client: KubeClient, opts: RestartOptions): AsyncGenerator<RestartEvent> {
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let timedOut = false;
  const timer = opts.timeoutMs ? setTimeout(() => ((timedOut = true), abort.abort()), opts.timeoutMs) : undefined;
  const changes = new Changes();
  let state: AgentState | undefined;
  let failure: { error: unknown } | undefined;
  const running = watchAgentState(client, { namespace: opts.namespace, name: opts.name, signal: abort.signal }, (s) => {
    state = s;
    changes.notify();
  }).catch((error: unknown) => {
    failure = { error };
    changes.notify();
  });
  const r = new Restart(client, opts, abort.signal);
  try {
    for (;;) {
      if (failure) throw failure.error;
      if (abort.signal.aborted) {
        if (timedOut)
          throw new UsageError(`timed out after ${formatDuration(opts.timeoutMs ?? 0)} restarting agent "${opts.name}"${r.progress()}`);
        opts.signal?.throwIfAborted();
        return;
      }
      const planned = r.planned;
      const synced = state !== undefined && state.synced.size === 3;
      if (state && synced) {
        const events = await r.step(state);
        for (const e of events) yield e;
        if (events.some((e) => e.type === 'done')) return;
      }
      // The first wave goes as soon as the plan is made; later ones when a change (or a pause) says so.
      if (planned || !synced) await changes.next(abort.signal, r.blocked ? BLOCKED_RETRY_MS : undefined);
    }
  } finally {
    clearTimeout(timer);
    abort.abort();
    opts.signal?.removeEventListener('abort', onOuterAbort);
    await running;
  }
}

/** The restart's memory between observed states: which pods it set out to replace, which are gone. */
class Restart {
  private targets: string[] | undefined;
  private readonly evicted = new Set<string>();
  private readonly known = new Set<string>();
  private replicas = 0;
  private atOnce = 1;
  private said = '';
  blocked = false;

  constructor(
    private readonly client: KubeClient,
    private readonly opts: RestartOptions,
    private readonly signal: AbortSignal,
  ) {}

  get planned(): boolean {
    return this.targets !== undefined;
  }

  progress(): string {
    return this.targets ? `: ${this.evicted.size} of ${this.targets.length} pods evicted${this.said ? `; ${this.said}` : ''}` : '';
  }

  async step(s: AgentState): Promise<RestartEvent[]> {
    if (!this.targets) return this.plan(s);
    const out: RestartEvent[] = [];
    const pods = [...s.pods.values()].filter(live);
    for (const p of pods) {
      if (this.known.has(p.metadata.name) || !isReady(p)) continue;
      this.known.add(p.metadata.name);
      out.push({ type: 'ready', pod: p.metadata.name, message: `pod "${p.metadata.name}" ready (replacement)` });
    }
    // Pods evicted, or gone by other hands, no longer count; nor does a pod whose eviction was just accepted.
    const remaining = this.targets.filter((n) => !this.evicted.has(n) && s.pods.has(n) && live(s.pods.get(n)!));
    for (const n of this.targets) if (!remaining.includes(n)) this.evicted.add(n);
    const healthy = pods.filter((p) => isReady(p) && !this.evicted.has(p.metadata.name)).length;
    if (remaining.length === 0 && healthy >= this.replicas) {
      const n = this.targets.length;
      out.push({
        type: 'done',
        replaced: n,
        message: `agent.agent.flokoa.ai/${this.opts.name} restarted (${n} pod${n === 1 ? '' : 's'} replaced)`,
      });
      return out;
    }
    out.push(...(await this.evictWave(s, remaining, healthy)));
    return out;
  }

  /** Evicts what the budget allows now; unready pods first (taking them costs no availability). */
  private async evictWave(s: AgentState, remaining: string[], healthy: number): Promise<RestartEvent[]> {
    const out: RestartEvent[] = [];
    let room = healthy - Math.max(0, this.replicas - this.atOnce);
    this.blocked = false;
    const order = [...remaining].sort((a, b) => Number(isReady(s.pods.get(a))) - Number(isReady(s.pods.get(b))) || a.localeCompare(b));
    for (const n of order) {
      const costs = isReady(s.pods.get(n));
      if (costs && room <= 0) break;
      const r = await evictPod(this.client, this.opts.namespace, n, false, this.signal);
      if (r.ok) {
        this.evicted.add(n);
        if (costs) room--;
        out.push({ type: 'evicted', pod: n, message: `pod "${n}" evicted` });
      } else if (r.gone) this.evicted.add(n);
      else {
        this.blocked = true;
        if (healthy >= this.replicas) {
          const forever = blockingForever(
            await budgetFor(this.client, this.opts.namespace, s.pods.get(n)!.metadata.labels ?? {}, this.signal),
          );
          if (forever) throw new UsageError(`cannot restart agent "${this.opts.name}": ${forever}`);
        }
        out.push(...this.say(`waiting: ${r.message}`));
        return out;
      }
    }
    const left = remaining.filter((n) => !this.evicted.has(n)).length;
    if (out.length === 0)
      out.push(
        ...this.say(
          `waiting for replacements to be ready: ${healthy} of ${this.replicas} ready${left ? `, ${left} pod${left === 1 ? '' : 's'} to go` : ''}`,
        ),
      );
    return out;
  }

  /** A waiting line, once per distinct text. */
  private say(message: string): RestartEvent[] {
    if (message === this.said) return [];
    this.said = message;
    return [{ type: 'waiting', message }];
  }

  private async plan(s: AgentState): Promise<RestartEvent[]> {
    const { name, namespace } = this.opts;
    if (!s.agent) throw await agentNotFound(this.client, namespace, name, this.signal);
    const dep = s.deployment;
    if (!dep) throw new UsageError(`agent "${name}" has no Deployment yet: the operator has not made one, so there is nothing to restart`);
    const v = deploymentStatus(dep);
    if (!v.done)
      throw new UsageError(
        `agent "${name}" is rolling out (${v.message.replace(/\.+$/, '')}); restart it once that is done (kubectl flokoa rollout status ${name} -n ${namespace})`,
      );
    const pods = [...s.pods.values()].filter(live);
    this.targets = pods.map((p) => p.metadata.name).sort();
    for (const n of this.targets) this.known.add(n);
    this.replicas = (dep.spec as { replicas?: number } | undefined)?.replicas ?? 1;
    const budget = evictionBudget(dep);
    this.atOnce = budget.atOnce;
    const n = this.targets.length;
    const pdb = n ? await budgetFor(this.client, namespace, pods[0].metadata.labels ?? {}, this.signal) : undefined;
    const forever = blockingForever(pdb);
    if (forever) throw new UsageError(`cannot restart agent "${name}": ${forever}`);
    const pace = this.atOnce === 1 ? 'one at a time' : `${this.atOnce} at a time`;
    const message = n
      ? `restarting agent "${name}": evicting its ${n} pod${n === 1 ? '' : 's'} ${pace} (${budget.why}${pdb ? `; PodDisruptionBudget "${pdb.metadata.name}" has the last word` : ''}), each replacement Ready before the next`
      : `agent "${name}" has no pods to restart`;
    const notes =
      this.replicas === 1 && n
        ? [`agent "${name}" runs 1 replica: it is unavailable from the eviction until the replacement is Ready`]
        : [];
    const out: RestartEvent[] = [{ type: 'plan', pods: this.targets, atOnce: this.atOnce, message, notes }];
    if (n === 0) out.push({ type: 'done', replaced: 0, message: `agent.agent.flokoa.ai/${name} not restarted (no pods)` });
    else if (this.opts.dryRun === 'client' || this.opts.dryRun === 'server') out.push(...(await this.dryRun(this.opts.dryRun)));
    return out;
  }

  private async dryRun(mode: 'client' | 'server'): Promise<RestartEvent[]> {
    const out: RestartEvent[] = [];
    for (const n of this.targets!) {
      if (mode === 'server') {
        const r = await evictPod(this.client, this.opts.namespace, n, true, this.signal);
        if (!r.ok && !r.gone) throw new UsageError(`the API server would not evict pod "${n}" now: ${r.message}`);
      }
      out.push({ type: 'evicted', pod: n, message: `pod "${n}" evicted (${mode} dry run)` });
    }
    out.push({ type: 'done', replaced: 0, message: `agent.agent.flokoa.ai/${this.opts.name} restarted (${mode} dry run)` });
    return out;
  }
}
