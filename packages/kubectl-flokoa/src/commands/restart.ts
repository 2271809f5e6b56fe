// `rollout restart AGENT`: prints the restart's events (rollout/restart.ts) line by line.
import type { CommandContext } from '../cli/context.js';
import { palette } from '../cli/output.js';
import { parseDuration } from '@flokoa/kube';
import { restartAgent } from '../rollout/restart.js';

export async function run(ctx: CommandContext): Promise<void> {
  const p = palette(ctx.io.color);
  const timeoutMs = parseDuration(ctx.flags.string('timeout') ?? '0', '--timeout');
  const dryRun = (ctx.flags.string('dry-run') ?? 'none') as 'none' | 'client' | 'server';
  const events = restartAgent(ctx.client(), {
    namespace: ctx.connection().namespace,
    name: ctx.args[0],
    timeoutMs,
    dryRun,
    signal: ctx.signal,
  });
  for await (const e of events) {
    if (e.type === 'plan') {
      ctx.io.out(e.message);
      for (const n of e.notes) ctx.io.err(`note: ${n}`);
    } else if (e.type === 'waiting') ctx.io.out(p.dim(e.message));
    else if (e.type === 'done') ctx.io.out(p.green(e.message));
    else ctx.io.out(e.message);
  }
}
