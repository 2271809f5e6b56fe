// What every feature module receives from the composition root.
import type { CancellationToken, ClientCapabilities, Connection } from 'vscode-languageserver/node';
import type { WorkspaceSession } from './session.js';
import type { FindingsCache } from './findings.js';
import type { Log } from './request.js';
import type { LiveCluster } from './liveCluster.js';
import type { EditTrace } from './editTrace.js';

export interface ServerContext {
  connection: Connection;
  session: WorkspaceSession;
  findings: FindingsCache;
  trace: EditTrace;
  log: Log;
  client: ClientCapabilities;
  /** The cluster's state and what it runs for each Agent (empty unless a cluster is enabled). */
  live: LiveCluster;
}

/** Waits for the initial index (requests that judge references must not run before it); false when cancelled. */
export function whenIndexed(session: WorkspaceSession, token: CancellationToken): Promise<boolean> {
  if (session.isReady) return Promise.resolve(true);
  return new Promise((resolve) => {
    const sub = token.onCancellationRequested(() => resolve(false));
    void session.ready.then(() => {
      sub.dispose();
      resolve(true);
    });
  });
}

/** Lets queued messages through during long loops (workspace diagnostics, symbol search). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
