// Prints a rollout status stream the way `kubectl rollout status` does; returns the exit code.
import type { CommandContext } from '../cli/context.js';
import { palette } from '../cli/output.js';
import { ReportedFailure } from '@flokoa/kube';
import { rolloutStatus } from '../rollout/status.js';
import { PULL_FAILURES } from '../rollout/evaluate.js';

export async function followRollout(ctx: CommandContext, namespace: string, name: string, timeoutMs: number, watch = true): Promise<void> {
  const p = palette(ctx.io.color);
  const said = new Set<string>();
  for await (const e of rolloutStatus(ctx.client(), { namespace, name, timeoutMs, watch, signal: ctx.signal })) {
    switch (e.type) {
      case 'progress':
      case 'pending':
        ctx.io.out(e.message);
        break;
      case 'pod': {
        // One line per distinct problem: the same failure of another pod of the rollout is no news.
        const problem = `${PULL_FAILURES.has(e.problem.reason) ? 'pull' : e.problem.reason}: ${e.problem.message}`;
        if (!said.has(problem)) ctx.io.out(p.yellow(e.message));
        said.add(problem);
        break;
      }
      case 'complete':
        ctx.io.out(p.green(e.message));
        return;
      case 'failed':
      case 'timeout':
        ctx.io.err(`error: ${e.message}`);
        // A new image that fails is rolled back with one command (the previous revision's image).
        if (e.problems.length) ctx.io.err(`hint: to go back to the previous image: kubectl flokoa rollout undo ${name} -n ${namespace}`);
        throw new ReportedFailure(e.message);
    }
  }
}
