// The one place that reaches inside @kubernetes/client-node. We use its kubeconfig entry parsing
// and its exec/file credential helpers, not its generated API layer (start-up cost, and its HTTP
// stack does not load on Node 20); those helpers are not exported from the package root, so
// these paths are internals: the dependency is pinned to an exact version, and an upgrade is
// checked here first (packages/kube/test/kubeconfig.test.ts exercises all of them).
export { ExecAuth } from '@kubernetes/client-node/dist/exec_auth.js';
export { FileAuth } from '@kubernetes/client-node/dist/file_auth.js';
export { newClusters, newContexts, newUsers, type Cluster, type Context, type User } from '@kubernetes/client-node/dist/config_types.js';
