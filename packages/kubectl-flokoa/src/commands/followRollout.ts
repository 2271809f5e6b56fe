// Follows a rollout to its end and returns, or throws a ReportedFailure (exit 1). Piped, or for
// `rollout status`, it prints the status stream as `kubectl rollout status` does; with `live` on a
// terminal (`patch-image --watch`, `rollout undo --watch`), `rollout watch`'s view is redrawn in place
// instead, and only the final line is printed below it.
import type { CommandContext } from '../cli/context.js';
import { palette } from '../cli/output.js';
import { ReportedFailure } from '@flokoa/kube';
import { rolloutStatus } from '../rollout/status.js';
import { PULL_FAILURES } from '../rollout/evaluate.js';
import { LiveScreen } from '../cli/liveScreen.js';

export interface FollowOptions {
  timeoutMs: number;
  /** false: report the current state once (`rollout status --watch=false`). */
  watch?: boolean;
  /** Draw the live view when stdout is a terminal. */
  live?: boolean;
}

export async function followRollout(ctx: CommandContext, namespace: string, name: string, opts: FollowOptions): Promise<void> {
  const p = palette(ctx.io.color);
  const screen = opts.live && opts.watch !== false && ctx.io.interactive ? new LiveScreen(ctx.io, name, p) : undefined;
  const said = new Set<string>();
  const stream = rolloutStatus(ctx.client(), {
    namespace,
    name,
    timeoutMs: opts.timeoutMs,
    watch: opts.watch ?? true,
    signal: ctx.signal,
    ...(screen ? { replicaSets: true, onState: (s) => screen.draw(s) } : {}),
  });
  screen?.start();
  try {
    for await (const e of stream) {
      switch (e.type) {
        case 'progress':
        case 'pending':
          if (!screen) ctx.io.out(e.message);
          break;
        case 'pod': {
          // One line per distinct problem: the same failure of another pod of the rollout is no news.
          const problem = `${PULL_FAILURES.has(e.problem.reason) ? 'pull' : e.problem.reason}: ${e.problem.message}`;
          if (!screen && !said.has(problem)) ctx.io.out(p.yellow(e.message));
          said.add(problem);
          break;
        }
        case 'complete':
          screen?.stop();
          ctx.io.out(p.green(e.message));
          return;
        case 'failed':
        case 'timeout':
          screen?.stop();
          ctx.io.err(`error: ${e.message}`);
          // A new image that fails is rolled back with one command (the previous revision's image).
          if (e.problems.length) ctx.io.err(`hint: to go back to the previous image: kubectl flokoa rollout undo ${name} -n ${namespace}`);
          throw new ReportedFailure(e.message);
      }
    }
  } finally {
    screen?.stop();
  }
}
