// What a live Agent shows in the Agents view, its CodeLens and the agent pickers: its rollout judged
// by the plugin's rules (kubectl flokoa rollout status), the counts of its Deployment and the image
// its available pods really run. Pure, over the objects the language server's watches last saw.
import type { LiveAgent } from '@flokoa/lsp/protocol';
import { evaluateRollout, imageLocation, podProblems, templateImage, WAITING_FAILURES, type KObject } from '../cluster/library.js';

export interface LiveSummary {
  /** `ready`: rolled out and available; `rolling`: on its way; `failed`: it will not get there by itself. */
  state: 'ready' | 'rolling' | 'failed';
  /** The Deployment's replicas (the Agent's while there is no Deployment). */
  desired: number;
  available: number;
  /** Replicas of the Deployment's current pod template (the new image), available or not. */
  updated: number;
  /** The image the available pods run: what serves now (the new image only once they run it). */
  running?: string;
  /** The image the Agent asks for. */
  target?: string;
  /** Why a rollout failed, short: `ImagePullBackOff: cannot pull "…": not found`. */
  reason?: string;
  /** The operator's phase of the Agent. */
  phase?: string;
}

interface AgentStatus {
  phase?: string;
  replicas?: number;
  availableReplicas?: number;
  conditions?: { type: string; status: string; message?: string }[];
}

export function liveSummary(l: Pick<LiveAgent, 'agent' | 'deployment'> & { pods?: LiveAgent['pods'] }): LiveSummary {
  const agent = l.agent as unknown as KObject;
  const dep = l.deployment as unknown as KObject | undefined;
  const status = (agent.status ?? {}) as AgentStatus;
  const loc = imageLocation(agent);
  const depStatus = (dep?.status ?? {}) as { availableReplicas?: number; updatedReplicas?: number };
  const desired = (dep?.spec as { replicas?: number } | undefined)?.replicas ?? status.replicas ?? 0;
  const available = depStatus.availableReplicas ?? status.availableReplicas ?? 0;
  const updated = depStatus.updatedReplicas ?? 0;
  const pods = (l.pods ?? []) as unknown as KObject[];
  const running = runningImage(pods, loc?.containerName) ?? (dep ? templateImage(dep, loc?.containerName) : undefined) ?? loc?.image;
  const base = { desired, available, updated, running, target: loc?.image, phase: status.phase };
  const verdict = evaluateRollout({ agent, deployment: dep }, agent.metadata.name);
  if (verdict.failed) return { ...base, state: 'failed', reason: verdict.message };
  const failing = podProblems(pods, loc?.image).find((p) => WAITING_FAILURES.has(p.reason));
  if (failing) return { ...base, state: 'failed', reason: `${failing.reason}: ${failing.message}` };
  if (status.phase === 'Failed') {
    const why = status.conditions?.find((c) => c.type === 'Ready')?.message;
    return { ...base, state: 'failed', reason: why ? `Failed: ${why}` : 'Failed' };
  }
  return { ...base, state: verdict.done ? 'ready' : 'rolling' };
}

/** The image most Ready pods run for the agent's container; undefined when no pod is Ready. */
function runningImage(pods: KObject[], containerName: string | undefined): string | undefined {
  const counts = new Map<string, number>();
  for (const p of pods) {
    if ((p.metadata as { deletionTimestamp?: string }).deletionTimestamp) continue;
    const st = (p.status ?? {}) as { conditions?: { type: string; status: string }[] };
    if (st.conditions?.find((c) => c.type === 'Ready')?.status !== 'True') continue;
    const containers = ((p.spec ?? {}) as { containers?: { name?: string; image?: string }[] }).containers ?? [];
    const image = (containers.find((c) => c.name === containerName) ?? containers[0])?.image;
    if (image) counts.set(image, (counts.get(image) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** `ghcr.io/example/checkout:v1.1.0` → `checkout:v1.1.0`: what fits a row of a narrow view. */
export function shortImage(image: string): string {
  const at = image.indexOf('@');
  const path = at >= 0 ? image.slice(0, at) : image;
  const name = path.slice(path.lastIndexOf('/') + 1);
  return at >= 0 ? `${name}@${image.slice(at + 1, at + 1 + 'sha256:'.length + 12)}` : name;
}

/** One line for a row or a lens: counts from the Deployment, the image that serves, and what is going on. */
export function describeLive(s: LiveSummary): string {
  const running = s.running ? shortImage(s.running) : 'no image';
  const counts = `${s.available}/${s.desired} · ${running}`;
  if (s.state === 'failed') return `${counts} · ${s.reason?.split(':')[0] ?? 'failed'}`;
  if (s.state === 'rolling' && s.target && s.target !== s.running)
    return `${counts} → ${shortImage(s.target)} (${s.updated}/${s.desired} updated)`;
  return counts;
}

/** The tooltip's sentence: every count, both images in full, and the reason. */
export function explainLive(s: LiveSummary): string {
  const runs = s.running ? `run ${s.running}` : 'run no known image';
  const lines = [`${s.available} of ${s.desired} available ${s.available === 1 ? 'pod' : 'pods'} ${runs}`];
  if (s.target && s.target !== s.running) lines.push(`${s.updated} of ${s.desired} updated to ${s.target}`);
  if (s.state === 'failed') lines.push(`Rollout failed: ${s.reason ?? 'unknown reason'}`);
  else if (s.state === 'rolling') lines.push('Rolling out');
  return lines.join('\n\n');
}
