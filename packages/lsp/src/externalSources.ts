// Resources that do not come from workspace files: the live cluster (clusterSource.ts) plugs in here.
// A source pushes snapshots; the session hands them to core's Workspace.setExternal, where
// workspace files outrank them, and re-analyses. The server never pulls from a source on a
// request path, so a slow or unreachable cluster cannot block the editor.
import type { Resource } from '@flokoa/core';
import type { ClusterStatus } from './protocol.js';
import type { LiveSnapshot } from './liveCluster.js';

/** What a source can do to the server. */
export interface ExternalSink {
  /** Replaces everything this source contributed (a full snapshot, e.g. after a watch resync). */
  setResources(resources: Resource[]): void;
  /** One clear line for the user (unreachable, forbidden, recovered); never secret values. */
  notice(message: string, severity: 'info' | 'warning' | 'error'): void;
  /** The connection's state (connecting, connected, unavailable and why), for status items and stale marks. */
  status(status: ClusterStatus): void;
  /** What the cluster runs for its Agents (the Agents, their Deployments and pods), replaced whole. */
  setLive(live: LiveSnapshot): void;
}

export interface ExternalResourceSource {
  /** Stable id, also the workspace's external-source key, e.g. `cluster:prod-eu`. */
  readonly id: string;
  /** Starts listing/watching; must not throw (report through `sink.notice`). */
  start(sink: ExternalSink): void;
  dispose(): void;
}

/** Builds the sources the current settings ask for (empty unless a cluster is enabled). */
export type ExternalSourceFactory = (settings: import('./settings.js').ServerSettings) => ExternalResourceSource[];
