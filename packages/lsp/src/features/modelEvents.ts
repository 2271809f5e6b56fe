// Tells clients when what the custom requests answer has changed: flokoa/clusterStatus on every
// change of the connection, flokoa/modelChanged at most a few times a second (an editor's views ask
// again then, rather than poll or keep a model of their own).
import type { ServerContext } from '../context.js';
import { CLUSTER_STATUS_NOTIFICATION, MODEL_CHANGED_NOTIFICATION, type ModelChanged } from '../protocol.js';

/** Typing changes the model every keystroke; views need no more than this many answers a second. */
const MIN_INTERVAL_MS = 250;

export function notifyModelChanges(ctx: ServerContext): void {
  // A timer may fire after the connection closed (shutdown, a test's in-memory pair): nothing to tell then.
  const notify = (method: string, params: unknown) => {
    try {
      ctx.connection.sendNotification(method, params).catch(() => undefined);
    } catch {
      clearTimeout(timer);
    }
  };
  let pending: ModelChanged | undefined;
  let timer: NodeJS.Timeout | undefined;
  let last = 0;
  const send = () => {
    timer = undefined;
    if (!pending) return;
    const p = pending;
    pending = undefined;
    last = Date.now();
    notify(MODEL_CHANGED_NOTIFICATION, p);
  };
  const schedule = (what: keyof ModelChanged) => {
    pending = { files: false, live: false, ...pending, [what]: true };
    if (!timer) timer = setTimeout(send, Math.max(0, last + MIN_INTERVAL_MS - Date.now()));
  };
  ctx.session.onDidChange(() => {
    // Until the index is complete the views wait for their first answer anyway; its end is a change too.
    if (ctx.session.isReady) schedule('files');
  });
  ctx.live.onDidChange((what) => {
    if (what === 'status') notify(CLUSTER_STATUS_NOTIFICATION, ctx.live.status);
    // Resolution against the cluster changes with its state too: chains may break or heal.
    schedule('live');
  });
}
