// The kube layer in one import: the plugin, the language server's cluster source and the extension.
export * from './client.js';
export * from './errors.js';
export * from './kubeconfig.js';
export * from './paths.js';
export { observe, type ObserveOptions, type ObservedChange } from './watch.js';
export { noteSecret, redact, redactArgv } from './secrets.js';
export {
  readManifestFile,
  walkManifests,
  decodeManifest,
  MAX_MANIFEST_BYTES,
  type ReadManifest,
  type ManifestWalk,
} from './manifestFiles.js';
