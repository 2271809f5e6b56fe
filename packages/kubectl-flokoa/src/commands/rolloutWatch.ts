// `rollout watch AGENT`: redraws the view in place on a TTY; prints one line per change otherwise.
import type { CommandContext } from '../cli/context.js';
import { palette } from '../cli/output.js';
import { formatDuration, parseDuration, UsageError } from '@flokoa/kube';
import { agentNotFound } from '../missingAgent.js';
import { watchAgentState, type AgentState } from '../rollout/agentState.js';
import { evaluateRollout } from '../rollout/evaluate.js';
import { viewRows } from '../render/rolloutView.js';
import { fullySynced, LiveScreen } from '../cli/liveScreen.js';

export async function run(ctx: CommandContext): Promise<void> {
  const name = ctx.args[0];
  const namespace = ctx.connection().namespace;
  const timeoutMs = parseDuration(ctx.flags.string('timeout') ?? '0', '--timeout');
  const p = palette(ctx.io.color);
  const screen = ctx.io.interactive ? new LiveScreen(ctx.io, name, p) : undefined;
  const abort = new AbortController();
  const stop = () => abort.abort();
  ctx.signal.addEventListener('abort', stop, { once: true });
  // Why the watch ended, when it was not Ctrl-C: each is an error (exit 1).
  let ended: 'timeout' | 'missing' | 'done' | 'failed' | undefined;
  let failure = '';
  const end = (why: NonNullable<typeof ended>) => {
    ended ??= why;
    stop();
  };
  const timer = timeoutMs > 0 ? setTimeout(() => end('timeout'), timeoutMs) : undefined;
  const lines = new LineLog(ctx.io.out);

  const draw = (state: AgentState) => {
    if (!fullySynced(state)) return screen?.draw(state);
    // Nothing to watch: say so at once rather than wait for an Agent that may never come.
    if (!state.agent && !screen?.shown && lines.empty) return end('missing');
    if (screen) screen.draw(state);
    else lines.print(viewRows(state, name, p));
  };

  screen?.start();
  try {
    // --exit: done once the rollout is (Healthy: 0), or can no longer be (progress deadline: 1).
    const onChange = (state: AgentState) => {
      draw(state);
      const v = ctx.flags.bool('exit') && state.agent && state.synced.size === 4 ? evaluateRollout(state, name) : undefined;
      if (v?.done) end('done');
      else if (v?.failed) {
        failure = v.message;
        end('failed');
      }
    };
    await watchAgentState(ctx.client(), { namespace, name, signal: abort.signal, replicaSets: true }, onChange);
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', stop);
    screen?.stop();
  }
  if (ended === 'missing') throw await agentNotFound(ctx.client(), namespace, name, ctx.signal);
  if (ended === 'failed') throw new UsageError(failure);
  if (ended === 'timeout') throw new UsageError(`timed out after ${formatDuration(timeoutMs)} watching agent "${name}"`);
}

/** Without a TTY: one timestamped line per object whose line changed, and one when it goes. */
class LineLog {
  private readonly printed = new Map<string, string>();

  constructor(private readonly out: (line: string) => void) {}

  get empty(): boolean {
    return this.printed.size === 0;
  }

  print(rows: ReturnType<typeof viewRows>): void {
    const now = () => new Date().toISOString().slice(11, 19);
    const seen = new Set<string>();
    for (const r of rows) {
      seen.add(r.key);
      if (this.printed.get(r.key) !== r.stable) {
        this.printed.set(r.key, r.stable);
        this.out(`${now()} ${r.stable.replace(/^[\s│├└─]+/, '')}`);
      }
    }
    for (const key of [...this.printed.keys()]) {
      if (seen.has(key)) continue;
      this.printed.delete(key);
      // The verdict's reason goes when the rollout is Healthy; the agent line says so.
      if (key !== 'verdict') this.out(`${now()} ${key} deleted`);
    }
  }
}
