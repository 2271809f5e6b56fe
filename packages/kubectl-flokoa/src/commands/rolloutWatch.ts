// `rollout watch AGENT`: redraws the view in place on a TTY; prints one line per change otherwise.
import type { CommandContext } from '../cli/context.js';
import { palette } from '../cli/output.js';
import { formatDuration, parseDuration, UsageError } from '@flokoa/kube';
import { agentNotFound } from '../missingAgent.js';
import { watchAgentState, type AgentState } from '../rollout/agentState.js';
import { evaluateRollout } from '../rollout/evaluate.js';
import { fitRows, viewRows } from '../render/rolloutView.js';

const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';

export async function run(ctx: CommandContext): Promise<void> {
  const name = ctx.args[0];
  const namespace = ctx.connection().namespace;
  const timeoutMs = parseDuration(ctx.flags.string('timeout') ?? '0', '--timeout');
  const p = palette(ctx.io.color);
  const live = ctx.io.interactive;
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
  const printed = new Map<string, string>();
  let drawn = 0;
  let latest: AgentState | undefined;

  const draw = (state: AgentState) => {
    latest = state;
    if (!state.synced.has('agent') || !state.synced.has('deployment') || !state.synced.has('pods') || !state.synced.has('replicasets'))
      return;
    // Nothing to watch: say so at once rather than wait for an Agent that may never come.
    if (!state.agent && drawn === 0 && printed.size === 0) return end('missing');
    const rows = viewRows(state, name, p);
    if (live) {
      const cols = ctx.io.stdout.columns ?? 200;
      // Move to the first line of the previous frame and clear below; long lines are cut to avoid wrapping.
      // Never taller than the screen: a frame that scrolls leaves a copy of itself in the scrollback.
      const fitted = fitRows(rows, Math.max(3, (ctx.io.stdout.rows ?? 40) - 1));
      const frame = fitted.map((r) => clip(r.display, cols)).join('\n');
      ctx.io.stdout.write(`${drawn ? `\x1b[${drawn - 1}F\r\x1b[J` : ''}${frame}`);
      drawn = fitted.length;
      return;
    }
    const seen = new Set<string>();
    for (const r of rows) {
      seen.add(r.key);
      if (printed.get(r.key) !== r.stable) {
        printed.set(r.key, r.stable);
        ctx.io.out(`${new Date().toISOString().slice(11, 19)} ${r.stable.replace(/^[\s│├└─]+/, '')}`);
      }
    }
    for (const key of [...printed.keys()]) {
      if (!seen.has(key)) {
        printed.delete(key);
        // The verdict's reason goes when the rollout is Healthy; the agent line says so.
        if (key !== 'verdict') ctx.io.out(`${new Date().toISOString().slice(11, 19)} ${key} deleted`);
      }
    }
  };

  // Ages move on without API events; redraw them once a second on a TTY only.
  const ticker = live ? setInterval(() => latest && draw(latest), 1000) : undefined;
  if (live) ctx.io.stdout.write(HIDE_CURSOR);
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
    clearInterval(ticker);
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', stop);
    if (live) ctx.io.stdout.write(`${SHOW_CURSOR}${drawn ? '\n' : ''}`);
  }
  if (ended === 'missing') throw await agentNotFound(ctx.client(), namespace, name, ctx.signal);
  if (ended === 'failed') throw new UsageError(failure);
  if (ended === 'timeout') throw new UsageError(`timed out after ${formatDuration(timeoutMs)} watching agent "${name}"`);
}

function clip(line: string, cols: number): string {
  // eslint-disable-next-line no-control-regex
  const visible = line.replace(/\x1b\[[0-9;]*m/g, '');
  if (visible.length <= cols - 1) return line;
  return visible.slice(0, cols - 2) + '…';
}
