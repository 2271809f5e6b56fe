// List-then-watch of a few named objects, as client-go's reflector does: a LIST gives the state and a
// resourceVersion, a WATCH from there streams changes; a closed watch resumes from the last version seen
// (bookmarks keep it fresh) and a 410 Gone re-lists. The caller sees the current objects after each change.
import type { KObject, KubeClient, Query } from './client.js';
import { delay } from './client.js';
import { Backoff } from './backoff.js';
import { KubeApiError, ConnectionError } from './errors.js';

export interface ObserveOptions {
  fieldSelector?: string;
  labelSelector?: string;
  signal: AbortSignal;
  /** Consecutive failed (re)connects tolerated before giving up. */
  maxFailures?: number;
}

export type ObservedChange = { type: 'SYNC' } | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KObject };

/**
 * Keeps `objects` current and calls `onChange` after the initial list and every event. They are
 * keyed by name in a namespace's collection, and by `namespace/name` in a collection across
 * namespaces (where two namespaces may each hold an object of the same name).
 * Resolves when the signal aborts; rejects on a failure that retrying does not cure.
 */
export async function observe(
  client: KubeClient,
  collectionPath: string,
  opts: ObserveOptions,
  onChange: (objects: Map<string, KObject>, change: ObservedChange) => void,
): Promise<void> {
  const objects = new Map<string, KObject>();
  const inOneNamespace = /\/namespaces\/[^/]+\/[^/]+$/.test(collectionPath);
  const keyOf = (o: KObject) => (inOneNamespace || !o.metadata.namespace ? o.metadata.name : `${o.metadata.namespace}/${o.metadata.name}`);
  const selectors: Query = { fieldSelector: opts.fieldSelector, labelSelector: opts.labelSelector };
  const maxFailures = opts.maxFailures ?? 5;
  let failures = 0;
  let resourceVersion: string | undefined;
  const aborted = () => opts.signal.aborted;
  const backoff = new Backoff();
  let started = Date.now();
  const pause = (serverWaitMs?: number) => delay(backoff.next(Date.now() - started, serverWaitMs), opts.signal).catch(() => undefined);

  while (!aborted()) {
    started = Date.now();
    try {
      if (resourceVersion === undefined) {
        const list = await client.list(collectionPath, { query: selectors, signal: opts.signal });
        objects.clear();
        for (const item of list.items) objects.set(keyOf(item), item);
        resourceVersion = list.metadata.resourceVersion ?? '0';
        onChange(objects, { type: 'SYNC' });
      }
      const query: Query = { ...selectors, resourceVersion, allowWatchBookmarks: true };
      for await (const ev of client.watch(collectionPath, query, opts.signal)) {
        failures = 0;
        if (ev.type === 'ERROR') {
          const status = ev.object as unknown as { code?: number; message?: string; reason?: string };
          if (status.code === 410) {
            resourceVersion = undefined;
            break;
          }
          throw new KubeApiError(status.code ?? 500, status.reason ?? 'WatchError', status.message ?? 'watch failed', {
            verb: 'watch',
            path: collectionPath,
          });
        }
        const rv = ev.object.metadata?.resourceVersion;
        if (rv) resourceVersion = rv;
        if (ev.type === 'BOOKMARK') continue;
        if (ev.type === 'DELETED') objects.delete(keyOf(ev.object));
        else objects.set(keyOf(ev.object), ev.object);
        onChange(objects, { type: ev.type, object: ev.object });
      }
      // The server closed the watch: resume, after a pause if it keeps closing them at once.
      await pause();
    } catch (e) {
      if (aborted()) return;
      if (e instanceof KubeApiError && e.code === 410) {
        resourceVersion = undefined;
        await pause();
        continue;
      }
      const transient = e instanceof ConnectionError || (e instanceof KubeApiError && (e.code === 429 || e.code >= 500));
      if (!transient || ++failures >= maxFailures) throw e;
      await pause(e instanceof KubeApiError && e.retryAfterSeconds !== undefined ? e.retryAfterSeconds * 1000 : undefined);
    }
  }
}
