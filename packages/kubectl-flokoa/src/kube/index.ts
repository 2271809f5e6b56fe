// The kube layer in one import for commands and library users.
export * from './client.js';
export * from './errors.js';
export * from './kubeconfig.js';
export * from './paths.js';
export { observe, type ObserveOptions, type ObservedChange } from './watch.js';
