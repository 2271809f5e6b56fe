// What a live Agent shows in the Agents view and its CodeLens: replicas available of desired, the
// image its Deployment runs, readiness. Pure, over the objects the language server's watches last saw.
import type { LiveAgent } from '@flokoa/lsp/protocol';
import { imageLocation } from '@flokoa/kubectl-flokoa';

/** Running image and replica counts of a live Agent, from its Deployment (the operator's output). */
export function liveSummary(l: Pick<LiveAgent, 'agent' | 'deployment'>): {
  image?: string;
  desired: number;
  available: number;
  ready: boolean;
  phase?: string;
} {
  const status = (l.agent.status ?? {}) as {
    phase?: string;
    replicas?: number;
    availableReplicas?: number;
    conditions?: { type: string; status: string }[];
  };
  const dep = l.deployment;
  const depSpec = (dep?.spec ?? {}) as { replicas?: number; template?: { spec?: { containers?: { image?: string }[] } } };
  const depStatus = (dep?.status ?? {}) as { availableReplicas?: number };
  const image = depSpec.template?.spec?.containers?.[0]?.image ?? imageLocation(l.agent)?.image;
  const desired = depSpec.replicas ?? status.replicas ?? 0;
  const available = depStatus.availableReplicas ?? status.availableReplicas ?? 0;
  const ready = status.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  return { image, desired, available, ready, phase: status.phase };
}
