// Why pods run but are not Ready: the kubelet's Unhealthy events (the readiness probe's output),
// watched for the length of a rollout, not read once: a probe fails again and again, and what it
// says may change. Nothing is read until a pod is running but not Ready.
import { EVENT, collectionPath, observe } from '@flokoa/kube';
import type { KubeClient } from '@flokoa/kube';

export interface ProbeFailures {
  /** Starts the watch (once). */
  start(): void;
  /** The latest readiness-probe failure of the pod, from its events. */
  detail(pod: string): string | undefined;
  /** True when events cannot be watched (forbidden, failing): a pod not Ready is reported as such. */
  unavailable(): boolean;
  stopped(): Promise<void>;
}

export function probeFailures(client: KubeClient, namespace: string, signal: AbortSignal, onChange: () => void): ProbeFailures {
  const latest = new Map<string, { time: string; text: string }>();
  let started: Promise<void> | undefined;
  let failed = false;
  return {
    start() {
      started ??= observe(
        client,
        collectionPath(EVENT, namespace),
        { fieldSelector: 'involvedObject.kind=Pod,reason=Unhealthy', signal },
        (events) => {
          latest.clear();
          for (const e of events.values()) {
            const ev = e as { message?: string; reason?: string; involvedObject?: { name?: string } };
            const pod = ev.involvedObject?.name;
            if (!pod || !ev.message?.startsWith('Readiness probe')) continue;
            const time = eventTime(e);
            if ((latest.get(pod)?.time ?? '') <= time) latest.set(pod, { time, text: `${ev.reason}: ${ev.message}` });
          }
          onChange();
        },
      ).catch(() => {
        failed = true;
        onChange();
      });
    },
    detail: (pod) => latest.get(pod)?.text,
    unavailable: () => failed,
    stopped: () => started ?? Promise.resolve(),
  };
}

function eventTime(e: unknown): string {
  const ev = e as { lastTimestamp?: string; eventTime?: string; firstTimestamp?: string; metadata?: { creationTimestamp?: string } };
  return ev.lastTimestamp ?? ev.eventTime ?? ev.firstTimestamp ?? ev.metadata?.creationTimestamp ?? '';
}
