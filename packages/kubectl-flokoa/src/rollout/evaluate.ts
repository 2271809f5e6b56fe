// Pure rollout judgement over watched objects: the three stages of `rollout status AGENT` (operator
// observed the generation; the Deployment carries the image; kubectl's Deployment completion logic,
// with kubectl's messages) and why pods fail.
import type { KObject } from '@flokoa/kube';
import { imageLocation, templateImage } from '../agentImage.js';
import type { AgentState } from './agentState.js';

export type Stage = 'agent' | 'operator' | 'template' | 'deployment';

export interface Verdict {
  stage: Stage;
  /** kubectl-style progress or final line (without trailing newline). */
  message: string;
  done: boolean;
  /** Set when the rollout can no longer succeed (progress deadline exceeded, agent deleted, pods refused). */
  failed?: boolean;
  /** Set when the API server refuses the rollout's pods (a quota, a LimitRange): the ReplicaSet's FailedCreate. */
  refused?: boolean;
  /** The image the Agent asks for (undefined until the Agent is known). */
  targetImage?: string;
}

interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  conditions?: { type: string; status: string; reason?: string; message?: string }[];
}

export function evaluateRollout(state: Pick<AgentState, 'agent' | 'deployment'>, name: string): Verdict {
  const agent = state.agent;
  if (!agent) return { stage: 'agent', message: `agent "${name}" not found`, done: false, failed: true };
  const loc = imageLocation(agent);
  const targetImage = loc?.image;
  const generation = agent.metadata.generation ?? 0;
  const observed = (agent.status as { observedGeneration?: number } | undefined)?.observedGeneration;
  if (observed === undefined || observed < generation) {
    return {
      stage: 'operator',
      message: `Waiting for the operator to observe agent "${name}" generation ${generation}${observed !== undefined ? ` (observed ${observed})` : ''}...`,
      done: false,
      targetImage,
    };
  }
  const dep = state.deployment;
  if (!dep)
    return { stage: 'template', message: `Waiting for deployment "${name}" to be created by the operator...`, done: false, targetImage };
  const running = templateImage(dep, loc?.containerName);
  if (targetImage !== undefined && running !== targetImage) {
    return {
      stage: 'template',
      message: `Waiting for deployment "${name}" to take image "${targetImage}" (it has "${running ?? 'none'}")...`,
      done: false,
      targetImage,
    };
  }
  return { ...deploymentStatus(dep), targetImage };
}

/** kubectl's DeploymentStatusViewer, message for message. */
export function deploymentStatus(dep: KObject): Verdict {
  const name = dep.metadata.name;
  const status = (dep.status ?? {}) as DeploymentStatus;
  const spec = (dep.spec ?? {}) as { replicas?: number };
  const generation = dep.metadata.generation ?? 0;
  if (generation > (status.observedGeneration ?? 0)) {
    return { stage: 'deployment', message: 'Waiting for deployment spec update to be observed...', done: false };
  }
  const progressing = status.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { stage: 'deployment', message: `deployment "${name}" exceeded its progress deadline`, done: false, failed: true };
  }
  // The ReplicaSet controller's FailedCreate, which the Deployment controller copies: pods are refused.
  const refused = status.conditions?.find((c) => c.type === 'ReplicaFailure' && c.status === 'True');
  if (refused) {
    const why = refused.message ? `: ${refused.message}` : '';
    return { stage: 'deployment', message: `deployment "${name}" cannot create its pods${why}`, done: false, failed: true, refused: true };
  }
  const updated = status.updatedReplicas ?? 0;
  const replicas = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const wanted = spec.replicas ?? 1;
  if (updated < wanted) {
    return {
      stage: 'deployment',
      message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${wanted} new replicas have been updated...`,
      done: false,
    };
  }
  if (replicas > updated) {
    return {
      stage: 'deployment',
      message: `Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...`,
      done: false,
    };
  }
  if (available < updated) {
    return {
      stage: 'deployment',
      message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`,
      done: false,
    };
  }
  return { stage: 'deployment', message: `deployment "${name}" successfully rolled out`, done: true };
}

export interface PodProblem {
  pod: string;
  reason: string;
  message: string;
  restarts: number;
}

/** Waiting reasons of a container that do not heal by waiting: the rollout has failed, whatever its deadline says. */
export const WAITING_FAILURES: ReadonlySet<string> = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

interface ContainerStatus {
  name: string;
  image?: string;
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string; message?: string }; running?: object; terminated?: { reason?: string; exitCode?: number } };
  lastState?: { terminated?: { reason?: string; exitCode?: number; message?: string } };
}

/** Pods of the new revision (running `image`) that are failing, and why, from their status. */
export function podProblems(pods: Iterable<KObject>, image: string | undefined): PodProblem[] {
  const out: PodProblem[] = [];
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const spec = pod.spec as { containers?: { name: string; image?: string; readinessProbe?: unknown }[] } | undefined;
    if (image !== undefined && !spec?.containers?.some((c) => c.image === image)) continue;
    const status = (pod.status ?? {}) as {
      phase?: string;
      containerStatuses?: ContainerStatus[];
      conditions?: { type: string; status: string }[];
    };
    const restarts = (status.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
    let problem: PodProblem | undefined;
    for (const c of status.containerStatuses ?? []) {
      const waiting = c.state?.waiting;
      if (waiting?.reason && WAITING_FAILURES.has(waiting.reason)) {
        const last = c.lastState?.terminated;
        const extra =
          waiting.reason === 'CrashLoopBackOff' && last
            ? ` (last exit code ${last.exitCode ?? '?'}${last.reason ? ', ' + last.reason : ''})`
            : '';
        problem = PULL_FAILURES.has(waiting.reason)
          ? // What the registry said, briefly (the runtime wraps it in some 300 characters).
            {
              pod: pod.metadata.name,
              reason: waiting.reason,
              message: pullFailure(c.image ?? spec?.containers?.find((x) => x.name === c.name)?.image, waiting.message),
              restarts,
            }
          : { pod: pod.metadata.name, reason: waiting.reason, message: (waiting.message ?? '') + extra, restarts };
        break;
      }
    }
    if (!problem) {
      // Between two crashes a crash-looping container runs for a moment: its last exit says why.
      const crashed = (status.containerStatuses ?? []).find(
        (c) => c.state?.running && (c.restartCount ?? 0) > 0 && c.lastState?.terminated && c.lastState.terminated.exitCode !== 0,
      );
      const last = crashed?.lastState?.terminated;
      if (crashed && last) {
        problem = {
          pod: pod.metadata.name,
          reason: 'Restarting',
          message: `container "${crashed.name}" exited with code ${last.exitCode ?? '?'}${last.reason ? ` (${last.reason})` : ''} and was restarted`,
          restarts,
        };
      }
    }
    if (!problem && status.phase === 'Running') {
      // Only a readiness probe keeps a running container from Ready for long; without one the
      // kubelet marks it Ready as soon as it has started (a moment later, not a problem).
      const probed = new Set((spec?.containers ?? []).filter((c) => c.readinessProbe).map((c) => c.name));
      const ready = status.conditions?.find((c) => c.type === 'Ready');
      const allRunning = (status.containerStatuses ?? []).every((c) => c.state?.running);
      const unready = (status.containerStatuses ?? []).filter((c) => !c.ready && probed.has(c.name));
      if (allRunning && ready && ready.status !== 'True' && unready.length) {
        problem = { pod: pod.metadata.name, reason: 'NotReady', message: 'running but not ready', restarts };
      }
    }
    if (status.phase === 'Failed') problem ??= { pod: pod.metadata.name, reason: 'Failed', message: 'pod failed', restarts };
    if (problem) out.push(problem);
  }
  return out.sort((a, b) => a.pod.localeCompare(b.pod));
}

export const PULL_FAILURES: ReadonlySet<string> = new Set(['ErrImagePull', 'ImagePullBackOff']);

/**
 * A registry's pull error without the runtime's wrapping (`rpc error: code = … desc = failed to pull
 * and unpack image "…": failed to resolve reference "…": …`): what the registry said, about which image.
 */
export function pullFailure(image: string | undefined, message: string | undefined): string {
  let text = (message ?? '')
    .replace(/^Back-off pulling image "[^"]*"(: )?(ErrImagePull: )?/, '')
    .replace(/^rpc error: code = \w+ desc = /, '');
  if (image) {
    for (const marker of [`"${image}": `, `${image}: `]) {
      const at = text.lastIndexOf(marker);
      if (at >= 0) text = text.slice(at + marker.length);
    }
  }
  text = text.trim();
  if (text.length > 100) text = `${text.slice(0, 99)}…`;
  return `cannot pull ${image ? `"${image}"` : 'the image'}${text ? `: ${text}` : ''}`;
}

/** The text of one pod problem, as printed by rollout status. */
export function formatPodProblem(p: PodProblem): string {
  return `pod "${p.pod}": ${p.reason}${p.message ? ': ' + p.message : ''}${p.restarts ? ` (${p.restarts} restarts)` : ''}`;
}
