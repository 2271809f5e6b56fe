// The events of one Agent's rollout (its Deployment, ReplicaSets and pods) among a namespace's
// events, and their rendering as kubectl describe lists them. Pure.

/** Events kept in the document: the newest, as kubectl describe shows a pod's recent ones. */
const MAX_EVENTS = 200;

export interface KEvent {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  involvedObject?: { kind?: string; name?: string };
  lastTimestamp?: string;
  eventTime?: string;
  firstTimestamp?: string;
  metadata?: { creationTimestamp?: string };
}

/** Whether an event is about this agent's Deployment (named after it), its ReplicaSets or its pods. */
export function concernsAgent(e: KEvent, name: string, pods: ReadonlySet<string>): boolean {
  const o = e.involvedObject ?? {};
  if (!o.name) return false;
  if (o.kind === 'Agent' || o.kind === 'Deployment') return o.name === name;
  const rest = o.name.startsWith(`${name}-`) ? o.name.slice(name.length + 1) : undefined;
  // ReplicaSets are `<deployment>-<pod-template-hash>`, their pods add a 5-character suffix.
  if (o.kind === 'ReplicaSet') return rest !== undefined && /^[a-z0-9]{1,10}$/.test(rest);
  if (o.kind === 'Pod') return pods.has(o.name) || (rest !== undefined && /^[a-z0-9]{1,10}-[a-z0-9]{5}$/.test(rest));
  return false;
}

const timeOf = (e: KEvent) => e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp ?? '';

/** The events as a table, newest first (what a failure left on top), times local. */
export function renderEvents(events: KEvent[], title: string): string {
  const rows = [...events].sort((a, b) => timeOf(b).localeCompare(timeOf(a))).slice(0, MAX_EVENTS);
  const cells = rows.map((e) => [
    timeOf(e) ? new Date(timeOf(e)).toLocaleTimeString() : '',
    e.type ?? '',
    e.reason ?? '',
    `${(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`,
    e.count && e.count > 1 ? `(x${e.count}) ${e.message ?? ''}` : (e.message ?? ''),
  ]);
  const head = ['TIME', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const body = rows.length ? [line(head), ...cells.map(line)].join('\n') : '(no events: the cluster keeps them for about an hour)';
  return `# ${title}\n${body}\n`;
}
