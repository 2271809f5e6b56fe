// When following a rollout in the editor stops, and with what outcome: the plugin's final events,
// plus pod states that never heal by waiting (a user should not watch a spinner until the
// progress deadline to learn that an image cannot be pulled).
import type { RolloutEvent } from '@flokoa/kubectl-flokoa';

const PERSISTENT_FAILURES = new Set([
  'ImagePullBackOff',
  'CrashLoopBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CreateContainerConfigError',
]);

export type RolloutOutcome = { result: 'complete'; message: string } | { result: 'failed'; message: string } | { result: 'cancelled' };

/** The outcome an event settles, if any. */
export function verdictOf(e: RolloutEvent): RolloutOutcome | undefined {
  switch (e.type) {
    case 'complete':
      return { result: 'complete', message: e.message };
    case 'failed':
    case 'timeout':
    case 'pending':
      return { result: 'failed', message: e.message };
    case 'pod':
      return PERSISTENT_FAILURES.has(e.problem.reason) ? { result: 'failed', message: e.message } : undefined;
    default:
      return undefined;
  }
}
