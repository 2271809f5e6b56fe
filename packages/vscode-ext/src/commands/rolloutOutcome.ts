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

/** `message` is short (a toast's); the full text with the pod's name is in the rollout log. */
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
      // The reason and the kubelet's (shortened) message once; which pod is for the log.
      return PERSISTENT_FAILURES.has(e.problem.reason)
        ? { result: 'failed', message: `${e.problem.reason}${e.problem.message ? `: ${e.problem.message}` : ''}` }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * What the progress toast shows for an event: the rollout's stages, not a pod's passing states (a
 * new pod is "running but not ready" until its readiness probe first passes, in every healthy
 * rollout); those go to the rollout log only. Pod states that never heal end the follow instead.
 */
export function toastMessageOf(e: RolloutEvent): string | undefined {
  return e.type === 'pod' ? undefined : e.message;
}
