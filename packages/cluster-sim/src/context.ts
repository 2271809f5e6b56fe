// Everything a request handler or controller needs, wired once by startClusterSim().

import type { ObjectApi } from './api/objects.js';
import type { Authenticator } from './auth.js';
import type { SimClock } from './clock.js';
import type { Faults } from './faults.js';
import type { Authorizer } from './rbac.js';
import type { RequestStats } from './request-stats.js';
import type { Registry } from './resources.js';
import type { Store } from './store.js';

export interface SimContext {
  store: Store;
  registry: Registry;
  api: ObjectApi;
  clock: SimClock;
  authn: Authenticator;
  authz: Authorizer;
  faults: Faults;
  requests: RequestStats;
  /** Real milliseconds between watch bookmarks. */
  bookmarkIntervalMs: number;
  /** Ends every open watch (stop(), fault injection). */
  watchClosers: Set<() => void>;
  /** host:port the server listens on, for discovery's serverAddressByClientCIDRs. */
  serverAddress(): string;
}
