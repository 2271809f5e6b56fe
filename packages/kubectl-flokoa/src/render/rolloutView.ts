// The live view of `rollout watch`: Agent → Deployment → ReplicaSets by revision → pods.
// `viewLines` is the full picture (redrawn in place on a TTY); `viewRows` keys each line by object so
// that without a TTY only the lines that changed are printed.
import type { KObject } from '@flokoa/kube';
import type { AgentState } from '../rollout/agentState.js';
import { templateImage } from '../agentImage.js';
import { headRows, isReady, type ViewRow } from './rolloutHead.js';
import { REVISION_ANNOTATION, currentReplicaSet } from '../rollout/history.js';
import { age } from './age.js';
import type { Palette } from '../cli/output.js';

interface PodStatus {
  phase?: string;
  conditions?: { type: string; status: string }[];
  containerStatuses?: {
    ready?: boolean;
    restartCount?: number;
    state?: { waiting?: { reason?: string }; terminated?: { reason?: string } };
  }[];
}

export { fitRows, type ViewRow } from './rolloutHead.js';

export function podSummary(pod: KObject): { ready: string; status: string; restarts: number } {
  const st = (pod.status ?? {}) as PodStatus;
  const cs = st.containerStatuses ?? [];
  const total = cs.length || ((pod.spec as { containers?: unknown[] } | undefined)?.containers?.length ?? 0);
  const ready = cs.filter((c) => c.ready).length;
  let status = st.phase ?? 'Pending';
  for (const c of cs) {
    const r = c.state?.waiting?.reason ?? c.state?.terminated?.reason;
    if (r) status = r;
  }
  if (pod.metadata.deletionTimestamp) status = 'Terminating';
  return { ready: `${ready}/${total}`, status, restarts: cs.reduce((n, c) => n + (c.restartCount ?? 0), 0) };
}

export function viewRows(state: AgentState, name: string, p: Palette, now = Date.now()): ViewRow[] {
  const rows: ViewRow[] = [];
  const agent = state.agent;
  if (!agent) {
    rows.push({ key: 'agent', stable: `agent/${name}: not found`, display: p.red(`agent/${name}: not found`) });
    return rows;
  }
  rows.push(...headRows(state, agent, name, p));
  const dep = state.deployment;
  if (!dep) {
    rows.push({
      key: 'deployment',
      stable: `└─ deployment/${name}: not created yet`,
      display: p.dim(`└─ deployment/${name}: not created yet`),
    });
    return rows;
  }
  const ds = (dep.status ?? {}) as {
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
  const wanted = (dep.spec as { replicas?: number } | undefined)?.replicas ?? 1;
  const progressing = ds.conditions?.find((c) => c.type === 'Progressing');
  const depLine = `└─ deployment/${name}  ready ${ds.readyReplicas ?? 0}/${wanted}  up-to-date ${ds.updatedReplicas ?? 0}  available ${ds.availableReplicas ?? 0}${progressing?.reason ? `  ${progressing.reason}` : ''}`;
  const depPaint = progressing?.reason === 'ProgressDeadlineExceeded' ? p.red : (s: string) => s;
  rows.push({ key: 'deployment', stable: depLine, display: depPaint(depLine) });
  // Pods the API server refuses (a quota, a LimitRange): the ReplicaSet's FailedCreate, as the Deployment carries it.
  const refused = ds.conditions?.find((c) => c.type === 'ReplicaFailure' && c.status === 'True');
  if (refused) {
    const line = `   ${refused.reason ?? 'FailedCreate'}: ${refused.message ?? 'pods cannot be created'}`;
    rows.push({ key: 'deployment refused', stable: line, display: p.red(line) });
  }

  const rsList = [...state.replicaSets.values()].sort((a, b) => revisionOf(b) - revisionOf(a));
  const currentRevision = Number(currentReplicaSet(dep, rsList)?.metadata.annotations?.[REVISION_ANNOTATION] ?? NaN);
  const podsByRs = new Map<string, KObject[]>();
  const orphans: KObject[] = [];
  for (const pod of state.pods.values()) {
    const owner = pod.metadata.ownerReferences?.find((o) => o.kind === 'ReplicaSet');
    if (owner && state.replicaSets.has(owner.name)) podsByRs.set(owner.name, [...(podsByRs.get(owner.name) ?? []), pod]);
    else orphans.push(pod);
  }
  rsList.forEach((rs, i) => {
    const lastRs = i === rsList.length - 1 && orphans.length === 0;
    const rsPrefix = `   ${lastRs ? '└─' : '├─'} `;
    const rev = revisionOf(rs);
    const rst = (rs.status ?? {}) as { replicas?: number; readyReplicas?: number };
    const rsLine = `revision ${rev || '?'}${rev === currentRevision ? ' (current)' : ''}  ${rs.metadata.name}  ${templateImage(rs) ?? '<no image>'}  ready ${rst.readyReplicas ?? 0}/${rst.replicas ?? 0}`;
    const pods = (podsByRs.get(rs.metadata.name) ?? []).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    rows.push({
      key: `rs/${rs.metadata.name}`,
      stable: rsPrefix + rsLine,
      display: rsPrefix + (rev === currentRevision ? p.bold(rsLine) : rsLine),
      fold: { current: rev === currentRevision, pods: pods.length, ready: pods.filter(isReady).length },
    });
    pods.forEach((pod, j) =>
      rows.push({
        ...podRow(pod, `   ${lastRs ? '   ' : '│  '}${j === pods.length - 1 ? '└─' : '├─'} `, p, now),
        podOf: { rs: rs.metadata.name, current: rev === currentRevision },
      }),
    );
  });
  orphans.forEach((pod, j) => rows.push(podRow(pod, `   ${j === orphans.length - 1 ? '└─' : '├─'} `, p, now)));
  return rows;
}

function podRow(pod: KObject, prefix: string, p: Palette, now: number): ViewRow {
  const s = podSummary(pod);
  const stable = `pod/${pod.metadata.name}  ${s.ready}  ${s.status}  restarts ${s.restarts}`;
  const bad = /BackOff|Err|Error|Failed|CrashLoop/.test(s.status);
  const paint = bad ? p.red : s.status === 'Running' && s.ready.split('/')[0] === s.ready.split('/')[1] ? p.green : p.yellow;
  const created = pod.metadata.creationTimestamp;
  return {
    key: `pod/${pod.metadata.name}`,
    stable: prefix + stable,
    display: `${prefix}${paint(stable)}${created ? `  ${age(created, now)}` : ''}`,
  };
}

function revisionOf(rs: KObject): number {
  return Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
}
