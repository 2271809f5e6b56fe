// The plugin's cluster library as the extension uses it: one import site, so patching, rollout
// judgement, kubeconfig handling and error wording have a single implementation (kubectl-flokoa's).
export { KubeClient, ACCEPT_METADATA, ACCEPT_METADATA_LIST, type KObject } from '@flokoa/kubectl-flokoa/out/src/kube/client.js';
export { loadConnection, contextNames } from '@flokoa/kubectl-flokoa/out/src/kube/kubeconfig.js';
export { AGENT, objectPath, collectionPath, type KindRef } from '@flokoa/kubectl-flokoa/out/src/kube/paths.js';
export { patchImage, type PatchImageResult } from '@flokoa/kubectl-flokoa/out/src/patchImage.js';
export { imageLocation } from '@flokoa/kubectl-flokoa/out/src/agentImage.js';
export { validateImageReference } from '@flokoa/kubectl-flokoa/out/src/image.js';
export { rolloutStatus, isFinal, type RolloutEvent } from '@flokoa/kubectl-flokoa/out/src/rollout/status.js';
import { describeError as describeKubeError } from '@flokoa/kubectl-flokoa/out/src/kube/errors.js';

/** One line for any failure of a cluster operation (the plugin's wording, which users know from the CLI). */
export function describeError(e: unknown): string {
  // The plugin's own domain errors carry a message written for users already.
  if (e instanceof Error && (e.name === 'ConcurrentEditError' || e.name === 'ReportedFailure')) return e.message;
  return describeKubeError(e);
}
