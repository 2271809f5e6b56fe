// Watch streams: newline-delimited JSON events over a chunked response, resuming from a
// resourceVersion out of the store's bounded history (410 Expired when it is gone), with
// bookmarks, sendInitialEvents, timeouts and selector transitions (an object leaving a
// label selector is DELETED for that watcher), as the real watch cache behaves.

import type { ServerResponse } from 'node:http';
import { expired } from '../errors.js';
import type { KObject } from '../object.js';
import type { ListOptions } from './objects.js';
import { matchesFields, matchesLabels } from '../selectors.js';
import type { Store, StoreEvent } from '../store.js';

export interface WatchRequest {
  store: Store;
  key: string;
  namespace?: string;
  selectors: ListOptions;
  resourceVersion?: string;
  allowBookmarks: boolean;
  sendInitialEvents?: boolean;
  /** Real milliseconds after which the stream ends cleanly. */
  timeoutMs?: number;
  bookmarkIntervalMs: number;
  /** Renders an object for the wire (version, Table...). */
  render(o: KObject): unknown;
  /** The kind and apiVersion a bookmark carries. */
  bookmarkType: { kind: string; apiVersion: string };
  contentType: string;
  res: ServerResponse;
}

/** Starts streaming; returns a function that ends the watch. */
export function serveWatch(w: WatchRequest): () => void {
  const { res, store } = w;
  const visible = (o: KObject | undefined): boolean =>
    !!o &&
    (w.namespace === undefined || o.metadata.namespace === w.namespace) &&
    (!w.selectors.labelSelector || matchesLabels(w.selectors.labelSelector, o.metadata.labels)) &&
    (!w.selectors.fieldSelector || matchesFields(w.selectors.fieldSelector, o));

  let closed = false;
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe: () => void = () => undefined;
  const end = (): void => {
    if (closed) return;
    closed = true;
    unsubscribe();
    for (const t of timers) clearTimeout(t);
    if (!res.writableEnded) res.end();
  };
  const send = (type: string, object: unknown): void => {
    if (closed) return;
    res.write(JSON.stringify({ type, object }) + '\n');
  };
  const bookmark = (extra: Record<string, string> = {}): void => {
    send('BOOKMARK', {
      ...w.bookmarkType,
      metadata: { resourceVersion: String(store.currentRv()), ...(Object.keys(extra).length ? { annotations: extra } : {}) },
    });
  };
  const deliver = (e: StoreEvent): void => {
    if (e.key !== w.key) return;
    const now = visible(e.object);
    const before = e.type === 'MODIFIED' ? visible(e.old) : false;
    if (e.type === 'ADDED' && now) send('ADDED', w.render(e.object));
    else if (e.type === 'DELETED' && visible(e.old ?? e.object)) send('DELETED', w.render(e.object));
    else if (e.type === 'MODIFIED') {
      if (now && before) send('MODIFIED', w.render(e.object));
      else if (now) send('ADDED', w.render(e.object));
      else if (before) send('DELETED', w.render(e.object));
    }
  };

  res.writeHead(200, { 'Content-Type': w.contentType, 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();

  const rv = w.resourceVersion ?? '';
  const initial = w.sendInitialEvents ?? (rv === '' || rv === '0');
  if (initial) {
    for (const o of store.peekList(w.key, w.namespace)) if (visible(o)) send('ADDED', w.render(o));
    if (w.sendInitialEvents) bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else {
    const from = Number(rv);
    const h = store.since(from);
    if ('expired' in h) {
      send('ERROR', expired(`too old resource version: ${from} (${h.oldest})`).toStatus());
      end();
      return end;
    }
    for (const e of h.events) deliver(e);
  }
  unsubscribe = store.subscribe(deliver);
  if (w.allowBookmarks) {
    const tick = (): void => {
      bookmark();
      timers.push(setTimeout(tick, w.bookmarkIntervalMs));
    };
    timers.push(setTimeout(tick, w.bookmarkIntervalMs));
  }
  if (w.timeoutMs !== undefined) {
    timers.push(
      setTimeout(() => {
        // The real server sends a last bookmark before closing so clients resume cheaply.
        if (w.allowBookmarks) bookmark();
        end();
      }, w.timeoutMs),
    );
  }
  res.on('close', end);
  return end;
}
