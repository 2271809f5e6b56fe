// Prints a rollout status stream the way `kubectl rollout status` does; returns the exit code.
import type { CommandContext } from '../cli/context.js';
import { palette } from '../cli/output.js';
import { ReportedFailure } from '@flokoa/kube';
import { rolloutStatus } from '../rollout/status.js';

export async function followRollout(ctx: CommandContext, namespace: string, name: string, timeoutMs: number, watch = true): Promise<void> {
  const p = palette(ctx.io.color);
  for await (const e of rolloutStatus(ctx.client(), { namespace, name, timeoutMs, watch, signal: ctx.signal })) {
    switch (e.type) {
      case 'progress':
      case 'pending':
        ctx.io.out(e.message);
        break;
      case 'pod':
        ctx.io.out(p.yellow(e.message));
        break;
      case 'complete':
        ctx.io.out(p.green(e.message));
        return;
      case 'failed':
      case 'timeout':
        ctx.io.err(`error: ${e.message}`);
        throw new ReportedFailure(e.message);
    }
  }
}
