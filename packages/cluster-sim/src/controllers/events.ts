// Records core/v1 Events about objects the way kubelet and controllers do: repeated events
// with the same reason and message are aggregated (count, lastTimestamp); past 10 events of one
// reason about one object whose messages differ within 10 minutes (a ReplicaSet's refused pods,
// each with its own name), the rest go into one "(combined from similar events)" event, as
// client-go's EventCorrelator does; each namespace keeps a bounded number of events.

import { rfc3339 } from '../clock.js';
import type { SimContext } from '../context.js';
import type { KObject } from '../object.js';
import { randomBytes } from 'node:crypto';

export interface EventSource {
  component: string;
  host?: string;
}

const MAX_EVENTS_PER_NAMESPACE = 1000;
const MAX_TRACKED = 5000;
/** client-go's EventAggregator: similar events (same object, type, reason) before combining, and its window. */
const MAX_SIMILAR = 10;
const SIMILAR_WINDOW_MS = 600_000;
const COMBINED = '(combined from similar events): ';

export class EventRecorder {
  /** `<uid>|<type>|<reason>|<message>` -> event name, for aggregation. Bounded, FIFO-evicted. */
  private readonly seen = new Map<string, { namespace: string; name: string }>();
  /** `<uid>|<type>|<reason>` -> distinct messages, while they come less than the window apart. */
  private readonly similar = new Map<string, { messages: Set<string>; last: number }>();

  constructor(private readonly ctx: SimContext) {}

  /** Best effort, like client-go's recorder: an event that cannot be written (a terminating namespace) is dropped. */
  record(involved: KObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    try {
      this.write(involved, type, reason, message, source, fieldPath);
    } catch {
      // Dropped, as the real recorder drops events it cannot write.
    }
  }

  private write(
    involved: KObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    source: EventSource,
    fieldPath?: string,
  ): void {
    const t = this.ctx.registry.byKindName(groupOf(involved.apiVersion ?? ''), involved.kind ?? '');
    const events = this.ctx.registry.get('/events');
    if (!t || !events) return;
    const namespace = involved.metadata.namespace ?? 'default';
    if (!this.ctx.store.peek('/namespaces', undefined, namespace)) return;
    const now = this.ctx.clock.now();
    const aggregate = `${involved.metadata.uid}|${type}|${reason}`;
    let group = this.similar.get(aggregate);
    if (!group || now - group.last > SIMILAR_WINDOW_MS) this.similar.set(aggregate, (group = { messages: new Set(), last: now }));
    group.messages.add(message);
    group.last = now;
    if (this.similar.size > MAX_TRACKED) this.similar.delete(this.similar.keys().next().value!);
    const combined = group.messages.size >= MAX_SIMILAR;
    const key = combined ? aggregate : `${aggregate}|${message}`;
    if (combined) message = COMBINED + message;
    const prior = this.seen.get(key);
    const existing = prior && this.ctx.store.get('/events', prior.namespace, prior.name);
    if (existing) {
      existing.count = Number(existing.count ?? 1) + 1;
      existing.lastTimestamp = rfc3339(now);
      existing.message = message;
      this.ctx.api.update(events, namespace, existing.metadata.name!, existing, { fieldManager: source.component });
      return;
    }
    const name = `${involved.metadata.name}.${randomBytes(8).toString('hex')}`;
    const event: KObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        kind: involved.kind,
        namespace: involved.metadata.namespace,
        name: involved.metadata.name,
        uid: involved.metadata.uid,
        apiVersion: involved.apiVersion,
        resourceVersion: involved.metadata.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source,
      firstTimestamp: rfc3339(now),
      lastTimestamp: rfc3339(now),
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    this.ctx.api.create(events, namespace, event, { fieldManager: source.component });
    this.seen.set(key, { namespace, name });
    if (this.seen.size > MAX_TRACKED) this.seen.delete(this.seen.keys().next().value!);
    const all = this.ctx.store.peekList('/events', namespace);
    if (all.length > MAX_EVENTS_PER_NAMESPACE) {
      const oldest = [...all]
        .sort((a, b) => String(a.lastTimestamp).localeCompare(String(b.lastTimestamp)))
        .slice(0, all.length - MAX_EVENTS_PER_NAMESPACE);
      for (const e of oldest) this.ctx.api.delete(events, namespace, e.metadata.name!);
    }
  }
}

export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}
